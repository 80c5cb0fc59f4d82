import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { AppError } from '../errors/app-error';
import { forbiddenCharacterIn, forbiddenCharacterMessage } from './forbidden-characters';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Percent-decodes `s` to bytes and reads them as strict UTF-8; undefined when they are not. */
function decodeComponent(s: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 /* % */ && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c === 0x2b /* + */ ? 0x20 : c);
    } else if (c < 0x100) {
      // A raw byte above 0x7F in the URL: Node hands the URL over as Latin-1, one byte a char.
      bytes.push(c);
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

function refuse(field: string, decoded: string | undefined): void {
  if (decoded === undefined) {
    throw new AppError('REQUEST.INVALID_ENCODING', [
      {
        field,
        code: 'invalidEncoding',
        message: {
          fa: `«${field}» در نشانی درخواست UTF-8 معتبر نیست.`,
          en: `${field} in the request URL is not valid UTF-8`,
        },
      },
    ]);
  }
  const character = forbiddenCharacterIn(decoded);
  if (character !== undefined) {
    throw new AppError('REQUEST.FORBIDDEN_CHARACTER', [
      { field, code: 'forbiddenCharacter', message: forbiddenCharacterMessage(field, character) },
    ]);
  }
}

/**
 * Express middleware, first of all: a path or query string that is not UTF-8 once
 * percent-decoded, or that carries a forbidden character (NUL, controls, direction controls:
 * forbidden-characters.ts), is answered 400 before any route, guard or database sees it. A NUL
 * in a path id used to reach PostgreSQL and come back as "database unavailable".
 */
export function refuseHostileUrl(req: Request, _res: Response, next: NextFunction): void {
  try {
    const url = req.originalUrl ?? req.url;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    refuse('path', decodeComponent(path));
    if (q !== -1) {
      for (const pair of url.slice(q + 1).split('&')) {
        const eq = pair.indexOf('=');
        const rawName = eq === -1 ? pair : pair.slice(0, eq);
        const name = decodeComponent(rawName);
        // The field named is the parameter, as far as it can be read.
        const field =
          name !== undefined && forbiddenCharacterIn(name) === undefined ? name : 'query';
        refuse(field, name);
        if (eq !== -1) refuse(field, decodeComponent(pair.slice(eq + 1)));
      }
    }
    next();
  } catch (error) {
    next(error);
  }
}

const JSON_TYPE = 'application/json';
const MULTIPART_TYPE = 'multipart/form-data';
/** Where `@ApiConsumes` (@nestjs/swagger) keeps the media types a handler reads. */
const API_CONSUMES = 'swagger/apiConsumes';

/**
 * A request body must be of the type its handler reads: JSON everywhere, multipart/form-data
 * where the handler says so (`@ApiConsumes('multipart/form-data')`, the document upload).
 * Anything else is 415 naming the expected type; before, a `text/plain` body was read as empty
 * and answered "field required".
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (hasBody(req)) {
      const consumes =
        this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
          context.getHandler(),
          context.getClass(),
        ]) ?? [];
      const expected = consumes.includes(MULTIPART_TYPE) ? MULTIPART_TYPE : JSON_TYPE;
      if (!req.is(expected)) {
        throw new AppError(
          'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          [
            {
              field: 'content-type',
              code: 'unsupportedMediaType',
              message: {
                fa: `نوع محتوای بدنه باید ${expected} باشد.`,
                en: `the body's content type must be ${expected}`,
              },
            },
          ],
          {
            fa: `نوع محتوای درخواست پشتیبانی نمی‌شود؛ بدنه را با ${expected} بفرستید.`,
            en: `The request content type is not supported; send the body as ${expected}.`,
          },
        );
      }
    }
    return next.handle();
  }
}

/**
 * A body is there when its length is above zero, or when it is chunked and says what type it is
 * (Node's own HTTP client sends an empty POST chunked, with no type: that is no body).
 */
function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > 0) return true;
  return (
    req.headers['transfer-encoding'] !== undefined && req.headers['content-type'] !== undefined
  );
}
