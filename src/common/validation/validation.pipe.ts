import { ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { toFieldProblems } from '../errors/validation-problems';

/** The global pipe: unknown fields are refused, types are checked, every failure names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // `value` is read to tell a missing field from a wrong one, `target` to find a rule's limit
    // (stated in both languages); neither is ever sent back or logged.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new AppError('REQUEST.VALIDATION_FAILED', toFieldProblems(errors)),
  });
}
