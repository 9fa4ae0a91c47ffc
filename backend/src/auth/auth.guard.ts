import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthorized } from '../common/errors';
import { AuthUser } from './auth-user';
import { bearerToken, invalidAccessToken, JwtStrategy } from './jwt.strategy';
import { text } from '../i18n/server-text';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * Lets a request through with a valid access token of a session that is still active: a
 * session ended by a sign-in elsewhere is refused on its very next request. The checking is
 * Passport's 'jwt' strategy (JwtStrategy), on this application's own Passport instance; this
 * guard puts its refusals into the API's 401s.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly strategy: JwtStrategy) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    // A token seen before skips Passport: its per-request work (a strategy object and a
    // handful of closures) costs more than the rest of the check, on the hottest path.
    const caller = this.strategy.rememberedCaller(request) ?? this.passport(request, http.getResponse<FastifyReply>());
    return caller.then((user) => {
      request.user = user;
      return true;
    });
  }

  private passport(request: AuthenticatedRequest, response: FastifyReply): Promise<AuthUser> {
    return new Promise((resolve, reject) => {
      const authenticate = this.strategy.getPassportInstance().authenticate('jwt', { session: false }, (error: unknown, user: AuthUser | false) => {
        // An error is the strategy's own 401 (an invalid token, or the reason the session ended).
        if (error) reject(error);
        else if (user) resolve(user);
        // passport-jwt refused the token itself (bad signature or algorithm, not a JWT), or found none.
        else reject(bearerToken(request) === null ? unauthorized('missing_token', text('auth.signInFirst')) : invalidAccessToken());
      });
      authenticate(request, response, reject);
    });
  }
}
