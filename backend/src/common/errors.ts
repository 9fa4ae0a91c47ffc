import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { Message, ServerText, text } from '../i18n/server-text';

/** An answer that says when to try again: the exception filter sets Retry-After (whole seconds). */
export class RetryLaterException extends HttpException {
  constructor(
    status: HttpStatus.TOO_MANY_REQUESTS | HttpStatus.SERVICE_UNAVAILABLE,
    message: Message,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: status, error: status === HttpStatus.TOO_MANY_REQUESTS ? 'Too Many Requests' : 'Service Unavailable', message }, status);
  }
}

/** 429 for too many wrong codes (or new registrations), saying in how many minutes (rounded up) to try again. */
export class TooManyAttemptsException extends RetryLaterException {
  constructor(retryAfterSeconds: number, what: 'wrongCodes' | 'registrations' = 'wrongCodes') {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(HttpStatus.TOO_MANY_REQUESTS, text(what === 'wrongCodes' ? 'auth.tooManyWrongCodes' : 'auth.tooManyRegistrations', { minutes }), retryAfterSeconds);
  }
}

/**
 * Why a token stopped working. The PWA reads `reason` to tell "you signed in on another
 * device" apart from an ordinary expiry.
 */
export type UnauthorizedReason =
  | 'missing_token'
  | 'invalid_token'
  | 'session_replaced'
  | 'session_ended'
  | 'refresh_reused'
  | 'refresh_race'
  | 'invalid_credentials'
  | 'invalid_ticket';

export function unauthorized(reason: UnauthorizedReason, message: ServerText): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, reason });
}
