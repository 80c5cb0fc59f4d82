import type { BilingualMessage } from '../common/errors/error-catalogue';
import type { CaseStage } from '../../workflows/case/case.types';

/** What happens next, as the public tracking page tells it: nothing confidential, no names. */
export const NEXT_STEP: Record<CaseStage, BilingualMessage> = {
  REGISTERED: {
    fa: 'درخواست ثبت شد و به زودی برای بررسی مدارک ارسال می‌شود.',
    en: 'The request is registered and will shortly go to document review.',
  },
  UNDER_REVIEW: {
    fa: 'کارشناس اداره کل مدارک درخواست را بررسی می‌کند.',
    en: 'A directorate expert is reviewing the documents.',
  },
  AWAITING_CORRECTIONS: {
    fa: 'دستگاه اجرایی باید نواقص اعلام‌شده را برطرف کند.',
    en: 'The agency must correct the deficiencies it was told about.',
  },
  AWAITING_SESSION: {
    fa: 'مدارک پذیرفته شد؛ درخواست در نوبت طرح در جلسه کمیسیون ماده ۲ است.',
    en: 'The documents are accepted; the request waits to be put before the Article 2 Commission.',
  },
  SCHEDULED: {
    fa: 'درخواست در دستور جلسه کمیسیون ماده ۲ قرار گرفته است.',
    en: 'The request is on the agenda of an Article 2 Commission session.',
  },
  DECIDED: {
    fa: 'کمیسیون تصمیم گرفته است؛ صورتجلسه در انتظار امضای اعضاست.',
    en: 'The commission has decided; the minutes await the members’ signatures.',
  },
  RESULT_ANNOUNCED: {
    fa: 'نتیجه به دستگاه اجرایی اعلام شد.',
    en: 'The result has been sent to the agency.',
  },
  CLOSED: { fa: 'پرونده بسته شده است.', en: 'The case is closed.' },
  WITHDRAWN: { fa: 'درخواست از سوی دستگاه پس گرفته شد.', en: 'The agency withdrew the request.' },
  CANCELLED: { fa: 'درخواست لغو شد.', en: 'The request was cancelled.' },
  ABANDONED: {
    fa: 'نواقص در مهلت مقرر برطرف نشد و پرونده مختومه شد.',
    en: 'The deficiencies were not corrected in time; the case is closed.',
  },
  REJECTED: {
    fa: 'درخواست پس از بررسی رد شد.',
    en: 'The request was rejected after review.',
  },
};
