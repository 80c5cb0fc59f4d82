/**
 * The service's one error model (application/problem+json, src/common/errors): a stable
 * `code`, a message in Persian and English, and per-field `details` named by the request's
 * field path. The pages show these messages as they come, in the reader's language.
 */
export interface BilingualMessage {
  fa: string;
  en: string;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: BilingualMessage;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  message: BilingualMessage;
  details: FieldProblem[];
  instance?: string;
  requestId?: string;
  retryAfterSeconds?: number;
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Problem>;
  return typeof v.code === 'string' && typeof v.message === 'object' && Array.isArray(v.details);
}

/** A refused or failed call: the problem the service sent, or one made up for a network failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly problem: Problem,
    /** Seconds from the Retry-After header, when the service sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${problem.status} ${problem.code}`);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

const NETWORK: BilingualMessage = {
  fa: 'پاسخی از سامانه دریافت نشد. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
  en: 'The service did not answer. Check your connection and try again.',
};

export function networkProblem(): Problem {
  return {
    type: 'urn:vehicle-permit:error:NETWORK',
    title: NETWORK.en,
    status: 0,
    code: 'NETWORK',
    message: NETWORK,
    details: [],
  };
}

function unexpected(status: number): Problem {
  const message = {
    fa: `پاسخ غیرمنتظره از سامانه (${status}). لطفاً دوباره تلاش کنید.`,
    en: `Unexpected answer from the service (${status}). Please try again.`,
  };
  return {
    type: 'about:blank',
    title: message.en,
    status,
    code: 'UNEXPECTED',
    message,
    details: [],
  };
}

/**
 * What openapi-fetch resolves to, turned into the data or a thrown ApiError: every page calls
 * the API through this, so every failure reaches the page as one kind of error.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(networkProblem());
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  throw new ApiError(isProblem(error) ? error : unexpected(response.status), retryAfterSeconds);
}

/** The message in the reader's language. */
export function say(message: BilingualMessage, language: string): string {
  return language === 'en' ? message.en : message.fa;
}
