import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppDependencies, AppModule } from '../app.module';
import { API_PREFIX, DOCS_JSON_PATH, DOCS_PATH, UNPREFIXED_ROUTES } from '../common/api-prefix';
import { translateBodyParserErrors } from '../common/errors/problem-details.filter';
import { ContentTypeInterceptor, refuseHostileUrl } from '../common/input/request-checks';
import { checkJsonBody, JsonBodyRefusal } from '../common/input/strict-json';
import { createValidationPipe } from '../common/validation/validation.pipe';
import type { AppConfig } from '../config/configuration';
import { webApplication } from '../web/web-application';
import { buildOpenApiDocument } from './openapi';

export interface CreateAppOptions {
  /**
   * Nest's preview mode: the module graph without instantiating a provider or touching a
   * connection. Enough to describe the API (scripts/generate-web-client.ts), nothing more.
   */
  preview?: boolean;
}

/** Builds the API application (not yet listening): shared by main.ts, the dev stack and the tests. */
export async function createApp(
  config: AppConfig,
  deps: AppDependencies,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, deps), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
    preview: options.preview ?? false,
    logger: options.preview ? false : undefined,
  });
  // The API under /api/v1; the web application owns every other path (src/web/web-application.ts).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: UNPREFIXED_ROUTES.map((path) => ({ path, method: RequestMethod.GET })),
  });
  if (options.preview) return app;
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
  // The web application's pages and files at / (src/web/web-application.ts), ahead of the API.
  const web = webApplication(config.webRoot);
  if (web) app.use(web);
  // Rate limits count per client address: behind a proxy, believe only the proxies configured
  // (TRUST_PROXY); by default X-Forwarded-For is ignored and the socket's address counts.
  app.set('trust proxy', config.trustProxy);
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup(DOCS_PATH, app, openApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH });
  return app;
}

/** The service's OpenAPI document, as /api/docs-json serves it and the web client is typed from. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return buildOpenApiDocument(app);
}
