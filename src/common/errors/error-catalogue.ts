/** A message in both languages the service speaks. */
export interface BilingualMessage {
  fa: string;
  en: string;
}

interface CatalogueEntry {
  status: number;
  message: BilingualMessage;
}

import { REFUSALS, type RefusalCode } from '../../../workflows/common/refusals';

/** Workflow refusals answer 409 (the action does not fit the case or session as it stands). */
const REFUSAL_ENTRIES = Object.fromEntries(
  Object.entries(REFUSALS).map(([code, message]) => [code, { status: 409, message }]),
) as Record<RefusalCode, CatalogueEntry>;

/**
 * Every error code the API can answer with. Codes are stable: clients and forms key on them,
 * so rename never, add freely. Workflow refusal codes (CASE.*) share this catalogue.
 */
export const ERROR_CATALOGUE = {
  ...REFUSAL_ENTRIES,
  'REQUEST.VALIDATION_FAILED': {
    status: 400,
    message: { fa: 'اطلاعات ارسالی معتبر نیست.', en: 'The submitted data is not valid.' },
  },
  'REQUEST.MALFORMED_JSON': {
    status: 400,
    message: { fa: 'بدنه درخواست JSON معتبر نیست.', en: 'The request body is not valid JSON.' },
  },
  'REQUEST.PAYLOAD_TOO_LARGE': {
    status: 413,
    message: { fa: 'حجم درخواست بیش از حد مجاز است.', en: 'The request is too large.' },
  },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    status: 415,
    message: {
      fa: 'نوع محتوای درخواست پشتیبانی نمی‌شود.',
      en: 'The request content type is not supported.',
    },
  },
  'REQUEST.DUPLICATE_KEY': {
    status: 400,
    message: {
      fa: 'در بدنه درخواست فیلدی دو بار آمده است.',
      en: 'A field appears twice in the request body.',
    },
  },
  'REQUEST.NESTING_TOO_DEEP': {
    status: 400,
    message: {
      fa: 'بدنه درخواست بیش از حد مجاز تودرتو است.',
      en: 'The request body is nested too deeply.',
    },
  },
  'REQUEST.FORBIDDEN_CHARACTER': {
    status: 400,
    message: {
      fa: 'درخواست نویسهٔ غیرمجاز (کنترلی یا کنترل جهت متن) دارد.',
      en: 'The request contains a forbidden (control or text-direction) character.',
    },
  },
  'REQUEST.INVALID_ENCODING': {
    status: 400,
    message: {
      fa: 'درخواست با UTF-8 معتبر نوشته نشده است.',
      en: 'The request is not valid UTF-8.',
    },
  },
  'ROUTE.NOT_FOUND': {
    status: 404,
    message: { fa: 'چنین نشانی‌ای وجود ندارد.', en: 'No such endpoint.' },
  },
  'METHOD.NOT_ALLOWED': {
    status: 405,
    message: { fa: 'این روش برای این نشانی مجاز نیست.', en: 'This method is not allowed here.' },
  },
  'CASE.NOT_FOUND': {
    status: 404,
    message: { fa: 'درخواستی با این شناسه یافت نشد.', en: 'No case with this id was found.' },
  },
  'CASE.TRACKING_CODE_EXHAUSTED': {
    status: 503,
    message: {
      fa: 'صدور کد پیگیری یکتا ممکن نشد؛ لطفاً دوباره تلاش کنید.',
      en: 'Could not issue a unique tracking code; please try again.',
    },
  },
  'AUTH.UNAUTHENTICATED': {
    status: 401,
    message: {
      fa: 'برای این کار باید وارد سامانه شوید.',
      en: 'You must sign in to do this.',
    },
  },
  'AUTH.TOKEN_INVALID': {
    status: 401,
    message: {
      fa: 'نشست شما معتبر نیست یا منقضی شده است؛ دوباره وارد شوید.',
      en: 'Your session is invalid or has expired; please sign in again.',
    },
  },
  'AUTH.SESSION_ENDED': {
    status: 401,
    message: {
      fa: 'این نشست پایان یافته است (خروج، تغییر یا بازنشانی گذرواژه، یا تغییر دسترسی)؛ دوباره وارد شوید.',
      en: 'This session has ended (signed out, password changed or reset, or access changed); please sign in again.',
    },
  },
  'AUTH.INVALID_CREDENTIALS': {
    status: 401,
    message: {
      fa: 'نام کاربری یا گذرواژه نادرست است.',
      en: 'The username or password is incorrect.',
    },
  },
  'AUTH.TOO_MANY_ATTEMPTS': {
    status: 429,
    message: {
      fa: 'تلاش‌های ناموفق زیاد بوده است؛ لطفاً کمی صبر کنید و دوباره تلاش کنید.',
      en: 'Too many failed attempts; please wait a little and try again.',
    },
  },
  'AUTH.ACCOUNT_LOCKED': {
    status: 423,
    message: {
      fa: 'حساب کاربری به دلیل تلاش‌های ناموفق مکرر موقتاً قفل شده است؛ بعداً تلاش کنید یا با مسئول سایت تماس بگیرید.',
      en: 'The account is temporarily locked after repeated failed sign-ins; try later or contact the site administrator.',
    },
  },
  'AUTH.ACCOUNT_DISABLED': {
    status: 403,
    message: {
      fa: 'حساب کاربری غیرفعال است؛ با مسئول سایت تماس بگیرید.',
      en: 'The account is disabled; contact the site administrator.',
    },
  },
  'AUTH.PASSWORD_CHANGE_REQUIRED': {
    status: 403,
    message: {
      fa: 'پیش از ادامه باید گذرواژه خود را تغییر دهید.',
      en: 'You must change your password before continuing.',
    },
  },
  'AUTH.CURRENT_PASSWORD_WRONG': {
    status: 400,
    message: {
      fa: 'گذرواژه کنونی نادرست است.',
      en: 'The current password is not correct.',
    },
  },
  'AGENCY.INACTIVE': {
    status: 409,
    message: {
      fa: 'این دستگاه اجرایی غیرفعال است.',
      en: 'This agency is inactive.',
    },
  },
  'USER.OWN_ACCESS': {
    status: 403,
    message: {
      fa: 'مسئول سایت نمی‌تواند نقش‌ها، دستگاه یا وضعیت حساب خودش را تغییر دهد.',
      en: 'An administrator cannot change their own roles, agency or account status.',
    },
  },
  'AUTH.PASSWORD_TOO_WEAK': {
    status: 400,
    message: {
      fa: 'گذرواژه جدید با سیاست گذرواژه سازگار نیست.',
      en: 'The new password does not meet the password policy.',
    },
  },
  'ACCESS.FORBIDDEN': {
    status: 403,
    message: {
      fa: 'نقش شما اجازه این کار را نمی‌دهد.',
      en: 'Your role does not allow this.',
    },
  },
  'ACCESS.NO_RULE': {
    status: 403,
    message: {
      fa: 'برای این نشانی قاعده دسترسی تعریف نشده است؛ دسترسی بسته است.',
      en: 'No access rule is declared for this endpoint; access is closed.',
    },
  },
  'RATE.LIMITED': {
    status: 429,
    message: {
      fa: 'درخواست‌های شما بیش از حد مجاز است؛ لطفاً کمی بعد دوباره تلاش کنید.',
      en: 'Too many requests; please try again a little later.',
    },
  },
  'USER.NOT_FOUND': {
    status: 404,
    message: { fa: 'کاربری با این شناسه یافت نشد.', en: 'No user with this id was found.' },
  },
  'USER.USERNAME_TAKEN': {
    status: 409,
    message: {
      fa: 'این نام کاربری قبلاً ثبت شده است.',
      en: 'This username is already taken.',
    },
  },
  'USER.CLERK_NEEDS_AGENCY': {
    status: 400,
    message: {
      fa: 'کارمند دستگاه باید دقیقاً به یک دستگاه اجرایی تعلق داشته باشد.',
      en: 'An agency clerk must belong to exactly one agency.',
    },
  },
  'USER.LAST_ADMINISTRATOR': {
    status: 409,
    message: {
      fa: 'آخرین مسئول سایت فعال را نمی‌توان غیرفعال کرد یا نقش او را برداشت.',
      en: 'The last active administrator cannot be disabled or lose the role.',
    },
  },
  'SESSION.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'جلسه‌ای با این شناسه یافت نشد.',
      en: 'No session with this id was found.',
    },
  },
  'IDEMPOTENCY.KEY_REUSED': {
    status: 422,
    message: {
      fa: 'این کلید تکرارناپذیری (Idempotency-Key) قبلاً با درخواست دیگری به کار رفته است.',
      en: 'This Idempotency-Key was already used with a different request.',
    },
  },
  'AGENCY.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'دستگاه اجرایی با این شناسه یافت نشد.',
      en: 'No agency with this id was found.',
    },
  },
  'AGENCY.NATIONAL_ID_TAKEN': {
    status: 409,
    message: {
      fa: 'دستگاهی با این شناسه ملی قبلاً ثبت شده است.',
      en: 'An agency with this national ID is already registered.',
    },
  },
  'TRACKING.INVALID_CODE': {
    status: 400,
    message: {
      fa: 'کد پیگیری نادرست وارد شده است (رقم کنترل نمی‌خواند)؛ لطفاً آن را دوباره بررسی کنید.',
      en: 'The tracking code is mistyped (its check digit does not match); please check it again.',
    },
  },
  'TRACKING.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'درخواستی با این کد پیگیری یافت نشد.',
      en: 'No case has this tracking code.',
    },
  },
  'COMPLAINT.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'نظر یا شکایتی با این شناسه یا کد پیگیری یافت نشد.',
      en: 'No opinion or complaint with this id or tracking code was found.',
    },
  },
  'AUDIT.NOT_FOUND': {
    status: 404,
    message: { fa: 'ردیف ممیزی یافت نشد.', en: 'No such audit row.' },
  },
  'CODEC.NOT_CONFIGURED': {
    status: 503,
    message: {
      fa: 'رمزنگاری محموله‌ها پیکربندی نشده است.',
      en: 'Payload encryption is not configured.',
    },
  },
  'CODEC.INVALID_PAYLOAD': {
    status: 400,
    message: {
      fa: 'محموله قابل رمزگشایی نیست (کلید ناشناخته یا داده دستکاری‌شده).',
      en: 'The payload cannot be decoded (unknown key or tampered data).',
    },
  },
  'DOCUMENT.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'مدرکی با این شناسه برای این درخواست یافت نشد.',
      en: 'No document with this id was found for this case.',
    },
  },
  'DOCUMENT.TYPE_NOT_ALLOWED': {
    status: 415,
    message: {
      fa: 'فقط فایل PDF، JPEG یا PNG پذیرفته می‌شود، و نام و نوع اعلام‌شده فایل باید با محتوای آن بخواند.',
      en: 'Only PDF, JPEG or PNG files are accepted, and the file’s declared name and type must match its content.',
    },
  },
  'DOCUMENT.TOO_LARGE': {
    status: 413,
    message: {
      fa: 'حجم فایل بیش از حد مجاز (۱۰ مگابایت) است.',
      en: 'The file is larger than the limit (10 MiB).',
    },
  },
  'DOCUMENT.SLOT_UNKNOWN': {
    status: 400,
    message: {
      fa: 'این مدرک در فهرست مدارک این نوع درخواست نیست.',
      en: 'This document is not on the checklist of the case’s request type.',
    },
  },
  'DOCUMENT.EMPTY': {
    status: 400,
    message: { fa: 'فایل ارسالی خالی است.', en: 'The uploaded file is empty.' },
  },
  'REFERENCE.CLOSURE_EXISTS': {
    status: 409,
    message: {
      fa: 'برای این تاریخ پیش‌تر تعطیلی ثبت شده است.',
      en: 'A closure is already recorded for this date.',
    },
  },
  'REFERENCE.CLOSURE_NOT_FOUND': {
    status: 404,
    message: {
      fa: 'برای این تاریخ تعطیلی ثبت نشده است.',
      en: 'No closure is recorded for this date.',
    },
  },
  'REFERENCE.HOLIDAY_EXISTS': {
    status: 409,
    message: {
      fa: 'این مناسبت برای این روز پیش‌تر ثبت شده است.',
      en: 'This occasion is already recorded as a holiday on this day.',
    },
  },
  'REFERENCE.HOLIDAY_NOT_FOUND': {
    status: 404,
    message: {
      fa: 'برای این تاریخ تعطیل رسمی ثبت نشده است.',
      en: 'No official holiday is recorded for this date.',
    },
  },
  'REFERENCE.SLOT_EXISTS': {
    status: 409,
    message: {
      fa: 'مدرکی با این کد در فهرست مدارک این نوع درخواست هست یا بوده است؛ کد تازه‌ای برگزینید.',
      en: 'This request type’s checklist has (or had) a slot with this code; choose a new code.',
    },
  },
  'REFERENCE.SLOT_NOT_FOUND': {
    status: 404,
    message: {
      fa: 'مدرکی با این کد در فهرست مدارک این نوع درخواست نیست.',
      en: 'This request type’s checklist has no slot with this code.',
    },
  },
  'REFERENCE.SLOT_RETIRED': {
    status: 409,
    message: {
      fa: 'این مدرک از فهرست کنار گذاشته شده است و دیگر تغییر نمی‌کند.',
      en: 'This slot has been retired from the checklist and can no longer change.',
    },
  },
  'REFERENCE.CHECKLIST_WOULD_BE_EMPTY': {
    status: 409,
    message: {
      fa: 'هر نوع درخواست دست‌کم یک مدرک الزامی دارد؛ پیش از کنار گذاشتن این مدرک، مدرک الزامی دیگری بیفزایید.',
      en: 'Every request type needs at least one required document; add another before retiring this one.',
    },
  },
  'REPORT.MONTH_NOT_ENDED': {
    status: 409,
    message: {
      fa: 'گزارش عمومی هر ماه پس از پایان همان ماه منتشر می‌شود.',
      en: 'The public summary of a month is published once the month has ended.',
    },
  },
  'NOTIFICATION.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'این اعلان در صندوق اعلان‌های شما نیست.',
      en: 'There is no such notification in your inbox.',
    },
  },
  'NOTICE.NOT_FOUND': {
    status: 404,
    message: {
      fa: 'اطلاعیه نگهداری با این شناسه یافت نشد.',
      en: 'No maintenance notice has this id.',
    },
  },
  'NOTICE.ALREADY_CANCELLED': {
    status: 409,
    message: {
      fa: 'این اطلاعیه نگهداری پیش‌تر لغو شده است.',
      en: 'This maintenance notice has already been cancelled.',
    },
  },
  'NOTICE.ALREADY_ENDED': {
    status: 409,
    message: {
      fa: 'بازه نگهداری این اطلاعیه به پایان رسیده است و لغو آن معنا ندارد.',
      en: 'This maintenance window has already ended; there is nothing to cancel.',
    },
  },
  'OPERATIONS.WORKFLOW_CLOSED': {
    status: 409,
    message: {
      fa: 'گردش کار این درخواست پایان یافته است و این اقدام روی آن ممکن نیست.',
      en: 'This case’s workflow has ended; the action does not apply to it.',
    },
  },
  'OPERATIONS.NOTHING_TO_RETRY': {
    status: 409,
    message: {
      fa: 'در این درخواست گام ناموفقی برای تلاش دوباره نیست (فعالیت یا وظیفه گردش کاری در حال شکست نیست).',
      en: 'Nothing in this case is failing: no activity or workflow task to retry.',
    },
  },
  'OPERATIONS.RESET_UNSAFE': {
    status: 409,
    message: {
      fa: 'تلاش دوباره با بازنشانی گردش کار ایمن نیست: پس از آخرین گام کامل، رویدادهایی رخ داده که از دست می‌روند یا دوباره انجام می‌شوند.',
      en: 'Retrying by a workflow reset is not safe: events after the last completed step would be lost or done twice.',
    },
  },
  'OPERATIONS.BULK_TOKEN_EXPIRED': {
    status: 409,
    message: {
      fa: 'مهلت توکن اجرای آزمایشی گذشته است؛ اجرای آزمایشی را دوباره انجام دهید.',
      en: 'The dry run token has expired; run the dry run again.',
    },
  },
  'OPERATIONS.BULK_SET_CHANGED': {
    status: 409,
    message: {
      fa: 'مجموعه گردش کارهای این فیلتر با اجرای آزمایشی یکی نیست (یا توکن از آن اجرا نیست)؛ اجرای آزمایشی را دوباره انجام دهید.',
      en: 'The workflows matching this filter are not the set the dry run showed (or the token is not from it); run the dry run again.',
    },
  },
  'OPERATIONS.BULK_TOO_LARGE': {
    status: 422,
    message: {
      fa: 'این فیلتر بیش از حد مجاز گردش کار را در بر می‌گیرد؛ فیلتر را محدودتر کنید.',
      en: 'This filter matches more workflows than one bulk action may touch; narrow it.',
    },
  },
  'SERVICE.MAINTENANCE': {
    status: 503,
    message: {
      fa: 'سامانه در بازه نگهداری اعلام‌شده است؛ ثبت و تغییر اطلاعات تا پایان آن ممکن نیست. مشاهده اطلاعات و پیگیری درخواست‌ها در دسترس است.',
      en: 'The service is in an announced maintenance window: nothing can be recorded or changed until it ends. Reading and tracking requests still work.',
    },
  },
  'SERVICE.WORKFLOW_UNAVAILABLE': {
    status: 503,
    message: {
      fa: 'موتور گردش کار در دسترس نیست؛ لطفاً کمی بعد دوباره تلاش کنید.',
      en: 'The workflow engine is unavailable; please try again shortly.',
    },
  },
  'SERVICE.DATABASE_UNAVAILABLE': {
    status: 503,
    message: {
      fa: 'پایگاه داده در دسترس نیست؛ لطفاً کمی بعد دوباره تلاش کنید.',
      en: 'The database is unavailable; please try again shortly.',
    },
  },
  'SERVICE.NOT_READY': {
    status: 503,
    message: {
      fa: 'سرویس هنوز آماده نیست؛ یکی از وابستگی‌ها در دسترس نیست.',
      en: 'The service is not ready: a dependency is unreachable.',
    },
  },
  'SERVICE.INTERNAL': {
    status: 500,
    message: {
      fa: 'خطای داخلی رخ داد. این خطا ثبت شد و بررسی می‌شود.',
      en: 'An internal error occurred. It has been logged and will be looked into.',
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}
