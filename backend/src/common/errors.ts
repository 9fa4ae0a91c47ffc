import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';

/** 429 with a Retry-After header (whole seconds), set by the exception filter. */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many wrong codes. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
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
  | 'invalid_credentials';

export function unauthorized(reason: UnauthorizedReason, message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, reason });
}
