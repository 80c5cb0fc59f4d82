import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppError, type FieldProblem } from '../common/errors/app-error';
import MULTIPART_PROBLEMS from './multipart-problems.messages.json';

/** The largest document accepted: 10 MiB. Multer holds an upload in memory, so this bounds it. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The multipart field that carries the file. */
export const FILE_FIELD = 'file';

/** What multer hands the handler for the `file` part (memory storage). */
export interface UploadedDocumentFile {
  fieldname: string;
  /** The client's file name: untrusted, never logged. */
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Multer's limits for an upload: one file of at most MAX_DOCUMENT_BYTES, and only the few short
 * text fields the form has (`slot`); anything beyond is refused before it is held in memory.
 */
export const UPLOAD_LIMITS = {
  fileSize: MAX_DOCUMENT_BYTES,
  // Two, so that a second file part reaches multer's check of its field, which refuses it
  // naming that field (LIMIT_UNEXPECTED_FILE) before any of it is kept; a third is refused
  // by count.
  files: 2,
  fields: 4,
  parts: 6,
  fieldNameSize: 64,
  fieldSize: 1024,
  headerPairs: 50,
};

// No `storage` and no `dest`: multer keeps the file in memory (bounded by the limits above), so
// nothing is written to disk before the document is stored durably.
const MulterFileInterceptor = FileInterceptor(FILE_FIELD, {
  limits: UPLOAD_LIMITS,
  // Browsers send a file name's UTF-8 bytes as they are; read them so, not as Latin-1.
  defParamCharset: 'utf8',
});

/** A broken multipart form, by the field-problem code it answers with (texts in the JSON). */
type MultipartProblem = keyof typeof MULTIPART_PROBLEMS;

const ONLY_ONE_FILE: MultipartProblem = 'unexpectedFile';
const TOO_MANY_FIELDS: MultipartProblem = 'tooManyFields';
const FIELD_TOO_LONG: MultipartProblem = 'fieldTooLong';
const INVALID_FIELD_NAME: MultipartProblem = 'invalidFieldName';
const MALFORMED: MultipartProblem = 'malformedMultipart';

/** Multer's error codes, and the message each carries (Nest keeps only the message). */
const MULTER_CODES: Record<string, { message: string; problem: MultipartProblem }> = {
  LIMIT_PART_COUNT: { message: 'Too many parts', problem: TOO_MANY_FIELDS },
  LIMIT_FILE_COUNT: { message: 'Too many files', problem: ONLY_ONE_FILE },
  LIMIT_FIELD_KEY: { message: 'Field name too long', problem: FIELD_TOO_LONG },
  LIMIT_FIELD_VALUE: { message: 'Field value too long', problem: FIELD_TOO_LONG },
  LIMIT_FIELD_COUNT: { message: 'Too many fields', problem: TOO_MANY_FIELDS },
  LIMIT_UNEXPECTED_FILE: { message: 'Unexpected file field', problem: ONLY_ONE_FILE },
  MISSING_FIELD_NAME: { message: 'Field name missing', problem: INVALID_FIELD_NAME },
  LIMIT_FIELD_NESTING: { message: 'Field name nesting too deep', problem: INVALID_FIELD_NAME },
  LIMIT_FIELD_ARRAY_INDEX: {
    message: 'Field name array index too large',
    problem: INVALID_FIELD_NAME,
  },
  INVALID_FIELD_NAME: { message: 'Invalid field name', problem: INVALID_FIELD_NAME },
};

/** busboy's messages for a body that is not the multipart form it claims to be. */
const BUSBOY_MESSAGES = [
  'Boundary not found',
  'Malformed part header',
  'Unexpected end of form',
  'Unexpected end of file',
  'Malformed urlencoded form',
];

function fieldProblem(field: string, problem: MultipartProblem): FieldProblem {
  return { field, code: problem, message: MULTIPART_PROBLEMS[problem] };
}

function tooLarge(): AppError {
  return new AppError('DOCUMENT.TOO_LARGE', [
    {
      field: FILE_FIELD,
      code: 'maxSize',
      message: {
        fa: `فایل نباید از ${MAX_DOCUMENT_BYTES} بایت (۱۰ مگابایت) بزرگ‌تر باشد.`,
        en: `The file must not be larger than ${MAX_DOCUMENT_BYTES} bytes (10 MiB).`,
      },
    },
  ]);
}

function validationFailed(field: string, problem: MultipartProblem): AppError {
  return new AppError('REQUEST.VALIDATION_FAILED', [fieldProblem(field, problem)]);
}

/**
 * What multer (through Nest's FileInterceptor) or busboy failed with, as the service's own
 * error: a file over the limit is DOCUMENT.TOO_LARGE (413); every other multipart problem is
 * REQUEST.VALIDATION_FAILED (400) naming the field (or `body` when the form itself is broken).
 * Errors that are not about the request's form (e.g. the client went away) are left as they are.
 */
export function toUploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  // multer's own error, should one reach here untransformed (it carries the code).
  if (error instanceof Error && error.name === 'MulterError') {
    const { code, field } = error as Error & { code?: string; field?: string };
    if (code === 'LIMIT_FILE_SIZE') return tooLarge();
    const known = code ? MULTER_CODES[code] : undefined;
    if (known) return validationFailed(field ?? FILE_FIELD, known.problem);
    return error;
  }
  const message = error instanceof Error ? error.message : '';
  if (error instanceof HttpException) {
    const status: number = error.getStatus();
    if (status === 413) return tooLarge();
    if (status !== 400) return error;
    // Nest's text: "<multer message>" or "<multer message> - <field>".
    for (const { message: text, problem } of Object.values(MULTER_CODES)) {
      if (message === text) {
        return validationFailed(problem === ONLY_ONE_FILE ? FILE_FIELD : 'body', problem);
      }
      if (message.startsWith(`${text} - `)) {
        return validationFailed(message.slice(text.length + 3), problem);
      }
    }
    return validationFailed('body', MALFORMED);
  }
  if (BUSBOY_MESSAGES.some((text) => message.includes(text))) {
    return validationFailed('body', MALFORMED);
  }
  return error;
}

/**
 * Nest's FileInterceptor for the `file` part, with multer's and busboy's failures answered in
 * the service's problem+json format with stable codes (toUploadError) instead of bare 400s/500s.
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterFileInterceptor();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      throw toUploadError(error);
    }
  }
}
