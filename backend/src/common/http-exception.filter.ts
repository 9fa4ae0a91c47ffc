import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage } from '../i18n/accept-language';
import { Message, render, ServerText, text } from '../i18n/server-text';
import { Locale } from '../rules/locale';
import { RetryLaterException } from './errors';

/** The error body of the API: `{ statusCode, error, message }` and, where useful, a machine-readable `reason`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  reason?: string;
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Every error leaves the server in one shape. Unknown errors are logged with their stack
 * and answered with a plain 500 so no internals reach a client. Messages are written here, in
 * the request's language (Accept-Language; English without one): exceptions carry texts
 * (`text(key, params)`), not sentences.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** @param spaIndexHtml the PWA's index.html, answered for unknown page URLs (client-side routes). */
  constructor(private readonly spaIndexHtml: string | null = null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = toBody(exception, localeFromAcceptLanguage(request.headers['accept-language']));
    if (body.statusCode === 404 && this.spaIndexHtml && isPageRequest(request)) {
      void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.spaIndexHtml);
      return;
    }
    // Failures nobody planned for are logged with their stack; a deliberate 503 (busy, database
    // down) is an answer, not a bug.
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    } else if (body.statusCode >= 500) {
      this.logger.warn(`${request.method} ${request.url.split('?')[0]}: ${body.statusCode} ${[messageOf(exception as HttpException, 'en')].flat().join(' ')}`);
    }
    if (exception instanceof RetryLaterException) void reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** The error body for `exception`, its message written in `locale`. */
function toBody(exception: unknown, locale: Locale): ApiErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const error = REASON_PHRASES[statusCode] ?? 'Error';
    if (typeof response === 'string' || response instanceof ServerText) return { statusCode, error, message: render(response, locale) };
    const r = response as Partial<Omit<ApiErrorBody, 'message'>> & { message?: Message | Message[] };
    const body: ApiErrorBody = {
      statusCode,
      error: typeof r.error === 'string' && r.message !== undefined ? r.error : error,
      message: r.message !== undefined ? render(r.message, locale) : exception.message,
    };
    if (typeof r.reason === 'string') body.reason = r.reason;
    return body;
  }
  // Other client errors from the HTTP layer (Nest turns Fastify's own into HttpExceptions) carry a statusCode.
  const clientError = exception as { statusCode?: number; message?: string };
  if (typeof clientError?.statusCode === 'number' && clientError.statusCode >= 400 && clientError.statusCode < 500) {
    const statusCode = clientError.statusCode;
    return { statusCode, error: REASON_PHRASES[statusCode] ?? 'Error', message: clientError.message || render(text('request.notProcessed'), locale) };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: REASON_PHRASES[500],
    message: render(text('request.serverError'), locale),
  };
}

/** The message of an HttpException in `locale` (the admin tool and log lines: English). */
export function messageOf(exception: HttpException, locale: Locale): string | string[] {
  return toBody(exception, locale).message;
}

/** A browser navigation to an app page: GET, outside /api, not a file. */
function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return request.method === 'GET' && !path.startsWith('/api/') && path !== '/api' && !/\.[a-z0-9]+$/i.test(path);
}
