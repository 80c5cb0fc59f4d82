import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { toUploadError } from './document-upload.interceptor';

function multerError(code: string, field?: string): Error {
  return Object.assign(new Error('multer'), { name: 'MulterError', code, field });
}

describe('multipart failures as the service’s errors', () => {
  const asApp = (error: unknown) => {
    const mapped = toUploadError(error);
    expect(mapped).toBeInstanceOf(AppError);
    return mapped as AppError;
  };

  it('answers a file over the limit DOCUMENT.TOO_LARGE (413), however it is reported', () => {
    for (const error of [
      new PayloadTooLargeException('File too large'),
      multerError('LIMIT_FILE_SIZE', 'file'),
    ]) {
      const mapped = asApp(error);
      expect(mapped.code).toBe('DOCUMENT.TOO_LARGE');
      expect(mapped.status).toBe(413);
      expect(mapped.details[0]).toMatchObject({ field: 'file', code: 'maxSize' });
    }
  });

  it('answers other multipart problems 400 naming the field', () => {
    const unexpected = asApp(new BadRequestException('Unexpected file field - attachment'));
    expect(unexpected.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(unexpected.details).toEqual([
      expect.objectContaining({ field: 'attachment', code: 'unexpectedFile' }),
    ]);
    expect(asApp(new BadRequestException('Too many files')).details[0]).toMatchObject({
      field: 'file',
      code: 'unexpectedFile',
    });
    expect(asApp(new BadRequestException('Too many fields')).details[0]).toMatchObject({
      field: 'body',
      code: 'tooManyFields',
    });
    expect(asApp(multerError('LIMIT_FIELD_VALUE', 'slot')).details[0]).toMatchObject({
      field: 'slot',
      code: 'fieldTooLong',
    });
    for (const message of [
      'Multipart: Boundary not found',
      'Multipart: Malformed part header',
      'Multipart: Unexpected end of form',
    ]) {
      const mapped = asApp(new BadRequestException(message));
      expect(mapped.status).toBe(400);
      expect(mapped.details[0]).toMatchObject({ field: 'body', code: 'malformedMultipart' });
    }
    expect(asApp(new Error('Unexpected end of form')).details[0]).toMatchObject({
      code: 'malformedMultipart',
    });
    for (const mapped of [asApp(multerError('LIMIT_UNEXPECTED_FILE', 'x'))]) {
      expect(mapped.details[0].message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(mapped.details[0].message.en).toMatch(/file/);
    }
  });

  it('leaves errors that are not about the form alone', () => {
    const own = new AppError('CASE.NOT_FOUND');
    expect(toUploadError(own)).toBe(own);
    const aborted = new Error('Request aborted');
    expect(toUploadError(aborted)).toBe(aborted);
    const notFound = new NotFoundException();
    expect(toUploadError(notFound)).toBe(notFound);
    const streamDestroyed = multerError('STREAM_DESTROYED');
    expect(toUploadError(streamDestroyed)).toBe(streamDestroyed);
  });
});
