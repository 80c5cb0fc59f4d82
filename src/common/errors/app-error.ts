import { BilingualMessage, ERROR_CATALOGUE, ErrorCode } from './error-catalogue';

/** One problem with one input field. */
export interface FieldProblem {
  /** Path of the field in the request, e.g. `vehicles[0].vin`. */
  field: string;
  /** Stable code of the rule that failed, e.g. `isIn`, `maxLength`, `unknownField`. */
  code: string;
  message: BilingualMessage;
}

/** The one error type the application raises on purpose; the problem filter renders it. */
export class AppError extends Error {
  readonly status: number;
  readonly bilingual: BilingualMessage;

  constructor(
    readonly code: ErrorCode,
    readonly details: FieldProblem[] = [],
    message?: BilingualMessage,
    /** Sent as `Retry-After` (and in the body) when the client should wait before retrying. */
    readonly retryAfterSeconds?: number,
  ) {
    const entry = ERROR_CATALOGUE[code];
    super(`${code}: ${(message ?? entry.message).en}`);
    this.name = 'AppError';
    this.status = entry.status;
    this.bilingual = message ?? entry.message;
  }
}
