import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../common/api-error.dto';
import { AccessTokenGuard, AuthenticatedRequest } from './auth.guard';
import { AuthUser } from './auth-user';

/** The one way to say "signed in": the guard plus its OpenAPI security and 401 answer. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AccessTokenGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No valid access token, or the session has ended' }),
  );
}

/** The signed-in user of the request (use together with @Authenticated()). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('@CurrentUser() used on a route without @Authenticated()');
  return user;
});
