import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';

/** An answer that says when to try again: the exception filter sets Retry-After (whole seconds). */
export class RetryLaterException extends HttpException {
  constructor(
    status: HttpStatus.TOO_MANY_REQUESTS | HttpStatus.SERVICE_UNAVAILABLE,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: status, error: status === HttpStatus.TOO_MANY_REQUESTS ? 'Too Many Requests' : 'Service Unavailable', message }, status);
  }
}

/** 429 for too many wrong codes. */
export class TooManyAttemptsException extends RetryLaterException {
  constructor(retryAfterSeconds: number, what = 'wrong codes') {
    super(HttpStatus.TOO_MANY_REQUESTS, `Too many ${what}. Try again in ${inMinutes(retryAfterSeconds)}.`, retryAfterSeconds);
  }
}

/** "1 minute", "5 minutes" (rounded up). */
export function inMinutes(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
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

export function unauthorized(reason: UnauthorizedReason, message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, reason });
}
