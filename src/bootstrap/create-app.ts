import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppDependencies, AppModule } from '../app.module';
import { translateBodyParserErrors } from '../common/errors/problem-details.filter';
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
  app.useBodyParser('json', { limit: '256kb' });
  app.use(translateBodyParserErrors);
  app.disable('x-powered-by');
  // Rate limits count per client address: behind a proxy, believe only the hops configured.
  app.set('trust proxy', config.trustProxyHops > 0 ? config.trustProxyHops : false);
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
