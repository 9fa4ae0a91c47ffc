import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../common/errors';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * Lets a request through with a valid access token of a session that is still active: a
 * session ended by a sign-in elsewhere is refused on its very next request.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('missing_token', 'Sign in first: this request needs an access token (Authorization: Bearer …).');
    const claims = this.tokens.verify(match[1], 'access');
    if (!claims) throw unauthorized('invalid_token', 'The access token is invalid or expired.');
    await this.sessions.requireActive(claims.sid, claims.sub);
    const user = await this.users.findWithHousehold(claims.sub);
    if (!user?.household) throw unauthorized('session_ended', 'This account no longer exists.');
    const { periodStartDay, timezone, currency } = user.household;
    request.user = {
      id: user.id,
      username: user.username,
      householdId: user.householdId,
      household: { periodStartDay, timezone, currency },
      sessionId: claims.sid,
    };
    return true;
  }
}
