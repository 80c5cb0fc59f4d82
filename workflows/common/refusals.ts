import { ApplicationFailure } from '@temporalio/workflow';

/**
 * Why a human action was refused. Workflow update validators throw these; nothing is written
 * to history. The API answers 409 with the same code (codes are stable, messages bilingual).
 */
export const REFUSALS = {
  'CASE.WRONG_STAGE': {
    fa: 'این اقدام در مرحله فعلی درخواست مجاز نیست.',
    en: 'This action is not allowed at the case’s current stage.',
  },
  'CASE.ROLE_REQUIRED': {
    fa: 'شما نقش لازم برای این اقدام را ندارید.',
    en: 'You do not hold the role this action needs.',
  },
  'CASE.NOT_YOUR_AGENCY': {
    fa: 'این درخواست متعلق به دستگاه شما نیست.',
    en: 'This case belongs to another agency.',
  },
  'CASE.SAME_PERSON': {
    fa: 'کسی که درخواست را ثبت کرده نمی‌تواند آن را بررسی کند.',
    en: 'The person who filed the case cannot review it.',
  },
  'CASE.INVALID_INPUT': {
    fa: 'اطلاعات این اقدام کامل یا معتبر نیست.',
    en: 'The action’s data is incomplete or invalid.',
  },
  'CASE.NOT_FOUND': {
    fa: 'درخواستی با این شناسه یافت نشد یا پرونده آن بسته شده است.',
    en: 'No such case, or its workflow has already ended.',
  },
  'CASE.WRONG_SESSION': {
    fa: 'این درخواست در دستور این جلسه نیست.',
    en: 'The case is not on this session’s agenda.',
  },
  'SESSION.WRONG_STAGE': {
    fa: 'این اقدام در مرحله فعلی جلسه مجاز نیست.',
    en: 'This action is not allowed at the session’s current stage.',
  },
  'SESSION.NOT_SECRETARY': {
    fa: 'فقط دبیر این جلسه می‌تواند این اقدام را انجام دهد.',
    en: 'Only this session’s secretary can do this.',
  },
  'SESSION.NOT_A_MEMBER': {
    fa: 'شما عضو این جلسه نیستید.',
    en: 'You do not sit on this session.',
  },
  'SESSION.NOT_PRESENT': {
    fa: 'شما در این جلسه حاضر نبوده‌اید.',
    en: 'You were not present at this session.',
  },
  'SESSION.ALREADY_VOTED': {
    fa: 'شما در این دور قبلاً نظر داده‌اید.',
    en: 'You have already approved or objected in this round.',
  },
  'SESSION.SAME_PERSON': {
    fa: 'تهیه‌کننده صورتجلسه نمی‌تواند آن را تأیید کند.',
    en: 'The person who drafted the minutes cannot approve them.',
  },
  'SESSION.CONFLICT_OF_INTEREST': {
    fa: 'به دلیل تعارض منافع اعلام‌شده، حق رأی ندارید.',
    en: 'You declared a conflict of interest and cannot vote on this.',
  },
  'SESSION.CASE_NOT_ON_AGENDA': {
    fa: 'این درخواست در دستور جلسه نیست.',
    en: 'The case is not on the agenda.',
  },
  'SESSION.CASE_ALREADY_ON_AGENDA': {
    fa: 'این درخواست قبلاً در دستور جلسه قرار گرفته است.',
    en: 'The case is already on the agenda.',
  },
  'SESSION.DECISIONS_MISSING': {
    fa: 'تصمیم همه درخواست‌های دستور جلسه هنوز ثبت نشده است.',
    en: 'Not every case on the agenda has a recorded decision yet.',
  },
  'SESSION.INVALID_INPUT': {
    fa: 'اطلاعات این اقدام کامل یا معتبر نیست.',
    en: 'The action’s data is incomplete or invalid.',
  },
  'COMPLAINT.WRONG_STATUS': {
    fa: 'این اقدام در وضعیت فعلی این نظر یا شکایت مجاز نیست.',
    en: 'This action is not allowed in the complaint’s current status.',
  },
  'COMPLAINT.ROLE_REQUIRED': {
    fa: 'شما نقش لازم برای این اقدام را ندارید.',
    en: 'You do not hold the role this action needs.',
  },
  'COMPLAINT.NOT_OWNER': {
    fa: 'فقط مسئول رسیدگی به این شکایت یا راهبر سامانه می‌تواند به آن پاسخ دهد.',
    en: 'Only the complaint’s owner or an operator can answer it.',
  },
  'COMPLAINT.NOT_FILER': {
    fa: 'فقط ثبت‌کننده این نظر یا شکایت می‌تواند آن را پس بگیرد.',
    en: 'Only the person who filed it can withdraw it.',
  },
  'COMPLAINT.INVALID_INPUT': {
    fa: 'اطلاعات این اقدام کامل یا معتبر نیست.',
    en: 'The action’s data is incomplete or invalid.',
  },
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** Throws the refusal as a non-retryable ApplicationFailure whose type is the stable code. */
export function refuse(code: RefusalCode, detail?: string): never {
  const message = REFUSALS[code];
  throw ApplicationFailure.create({
    type: code,
    message: detail ? `${message.en} (${detail})` : message.en,
    nonRetryable: true,
    details: [{ code, fa: message.fa, en: message.en, detail }],
  });
}
