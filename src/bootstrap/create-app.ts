import { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppDependencies, AppModule } from '../app.module';
import { translateBodyParserErrors } from '../common/errors/problem-details.filter';
import { ContentTypeInterceptor, refuseHostileUrl } from '../common/input/request-checks';
import { checkJsonBody, JsonBodyRefusal } from '../common/input/strict-json';
import { createValidationPipe } from '../common/validation/validation.pipe';
import type { AppConfig } from '../config/configuration';
import { buildOpenApiDocument } from './openapi';

/** Builds the API application (not yet listening): shared by main.ts, the dev stack and the tests. */
export async function createApp(
  config: AppConfig,
  deps: AppDependencies,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, deps), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Before anything reads it: a URL that is not UTF-8 or carries NUL/control characters is 400.
  app.use(refuseHostileUrl);
  app.useBodyParser('json', {
    limit: '256kb',
    // Duplicate keys, depth, syntax (with its position), encoding and forbidden characters are
    // checked on the raw bytes before JSON.parse (strict-json.ts).
    verify: (_req: unknown, _res: unknown, buffer: Buffer, encoding: string) => {
      if (encoding !== 'utf-8') {
        throw new JsonBodyRefusal('REQUEST.UNSUPPORTED_MEDIA_TYPE', [], {
          fa: 'نوع محتوای درخواست پشتیبانی نمی‌شود؛ بدنه JSON باید UTF-8 باشد.',
          en: 'The request content type is not supported; a JSON body must be UTF-8.',
        });
      }
      checkJsonBody(buffer);
    },
  });
  app.use(translateBodyParserErrors);
  app.useGlobalInterceptors(new ContentTypeInterceptor(app.get(Reflector)));
  app.disable('x-powered-by');
  // Rate limits count per client address: behind a proxy, believe only the proxies configured
  // (TRUST_PROXY); by default X-Forwarded-For is ignored and the socket's address counts.
  app.set('trust proxy', config.trustProxy);
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
