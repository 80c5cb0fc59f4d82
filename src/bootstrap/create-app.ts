import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppDependencies, AppModule } from '../app.module';
import { API_PREFIX, DOCS_JSON_PATH, DOCS_PATH, UNPREFIXED_ROUTES } from '../common/api-prefix';
import { translateBodyParserErrors } from '../common/errors/problem-details.filter';
import { createValidationPipe } from '../common/validation/validation.pipe';
import type { AppConfig } from '../config/configuration';
import { webApplication } from '../web/web-application';

const SERVICE_TITLE = 'Vehicle permit case service — صدور مجوز اسقاط، خرید و فروش خودرو دولتی';

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
  app.useBodyParser('json', { limit: '256kb' });
  app.use(translateBodyParserErrors);
  app.disable('x-powered-by');
  // The web application's pages and files at / (src/web/web-application.ts), ahead of the API.
  const web = webApplication(config.webRoot);
  if (web) app.use(web);
  // Rate limits count per client address: behind a proxy, believe only the hops configured.
  app.set('trust proxy', config.trustProxyHops > 0 ? config.trustProxyHops : false);
  app.useGlobalPipes(createValidationPipe());
  SwaggerModule.setup(DOCS_PATH, app, openApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH });
  return app;
}

/** The service's OpenAPI document, as /api/docs-json serves it and the web client is typed from. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(SERVICE_TITLE)
      .setDescription(
        'REST API of the case service. Every error is application/problem+json with a stable `code`, ' +
          'a `message` in Persian and English, and per-field `details`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}
