/** A message in both languages the service speaks. */
export interface BilingualMessage {
  fa: string;
  en: string;
}

interface CatalogueEntry {
  status: number;
  message: BilingualMessage;
}

/**
 * Every error code the API can answer with. Codes are stable: clients and forms key on them,
 * so rename never, add freely. Workflow refusal codes (CASE.*) share this catalogue.
 */
export const ERROR_CATALOGUE = {
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
