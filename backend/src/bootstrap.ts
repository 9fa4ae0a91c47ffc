import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { securityHeaders } from './common/security-headers';
import { serveSpa } from './common/spa';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { IMPORT_BODY_LIMIT_BYTES } from './spendings/import/import.service';

/** Requests larger than this are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 16 * 1024;

export interface CreateAppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: LoggerService | false;
}

/**
 * Builds the whole HTTP application exactly as production runs it; `main.ts`, the tests and
 * the OpenAPI writer all start here, so what is tested is what ships.
 */
export async function createApp({ config, clock, logger }: CreateAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, clock), adapter, {
    logger: logger ?? undefined,
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  // CSV imports arrive as text/csv, with a larger limit than the 16 KiB of everything else.
  app.getHttpAdapter().getInstance().addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
  app.useGlobalPipes(createValidationPipe());
  const spaIndexHtml = config.staticDir ? await serveSpa(app, config.staticDir) : null;
  app.useGlobalFilters(new HttpExceptionFilter(spaIndexHtml));
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI sets a few inline styles; nothing else needs more than 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        // Plain http on localhost must keep working; nginx terminates TLS in production.
        upgradeInsecureRequests: null,
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS belongs to the TLS terminator (nginx); over plain http on localhost it would do harm.
    strictTransportSecurity: false,
  });
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('STracker API')
    .setDescription(
      'Family expense tracker and budget planner. Sign in with a TOTP code (`POST /api/auth/login`), ' +
        'then send the access token as `Authorization: Bearer …`. Amounts are major units with at most ' +
        '2 decimals; instants are ISO 8601. Errors are `{ statusCode, error, message }`.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}
