import { INestApplicationContext, LoggerService } from '@nestjs/common';
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
import { DatabaseFileLock } from './database/database-lock';
import { FixedCostScheduler } from './fixed-costs/fixed-cost-scheduler';
import { PushScheduler } from './push/push-scheduler';
import { installBodyPolicy } from './common/request-body';
import { IMPORT_ROUTE } from './spendings/import/import.service';

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
  // Before anything touches the database: a second process on the same SQLite file stops here.
  // (Several processes on one PostgreSQL are fine: the change feed crosses processes there.)
  const lock = config.database.type === 'sqlite' ? DatabaseFileLock.acquire(config.database.path) : null;
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy });
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, clock, lock), adapter, {
      logger: logger ?? undefined,
      abortOnError: false,
      // The body parsers are ours (installBodyPolicy): Nest's would add urlencoded bodies.
      bodyParser: false,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  app.setGlobalPrefix('api');
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
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    // API answers are one person's data, tokens and recovery codes among them: never stored by
    // a browser or proxy cache. (The PWA's files set their own caching in serveSpa.)
    void reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
  // Closing (an operator's restart): the requests still being answered are answered. Node reaps
  // only the connections idle when the server starts closing; one that goes idle later (a request
  // answered meanwhile, an event stream ended) would be kept alive for the browser, and the close,
  // and the restart, would wait for it. So the idle ones are reaped until the server has closed
  // (no cost per request); requests arriving meanwhile get Fastify's 503.
  let reaper: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', (done) => {
    reaper = setInterval(() => fastify.server.closeIdleConnections(), 20);
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(reaper);
    done();
  });
  // JSON up to 16 KiB everywhere; only the CSV import takes more, read after sign-in is checked.
  installBodyPolicy(fastify, { jsonLimit: BODY_LIMIT_BYTES, streamed: [IMPORT_ROUTE] });
  app.useGlobalPipes(createValidationPipe());
  const spaIndexHtml = config.staticDir ? await serveSpa(app, config.staticDir) : null;
  app.useGlobalFilters(new HttpExceptionFilter(spaIndexHtml));
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}

/**
 * Starts the work that runs by the clock rather than by a request: posting fixed costs on
 * their due dates (catching up at once after downtime), and the notifications sent at a time
 * of day (a fixed cost due tomorrow, the daily reminder). `main.ts` calls it once the server
 * listens; tests drive these jobs themselves. Stopped when the application closes.
 */
export function startBackgroundJobs(app: INestApplicationContext): void {
  app.get(FixedCostScheduler).start();
  app.get(PushScheduler).start();
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('STracker API')
    .setDescription(
      'Family expense tracker and budget planner. Sign in with a TOTP code (`POST /api/auth/login`), ' +
        'then send the access token as `Authorization: Bearer …`. Amounts are major units with at most ' +
        '2 decimals; instants are ISO 8601. Errors are `{ statusCode, error, message }`; their `message` is in ' +
        'the language `Accept-Language` asks for (en, de, ru or he, by weight; English otherwise).',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}
