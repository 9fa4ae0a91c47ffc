import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../common/errors';
import { AuthContextService } from './auth-context.service';
import { AuthUser } from './auth-user';

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * Lets a request through with a valid access token of a session that is still active: a
 * session ended by a sign-in elsewhere is refused on its very next request.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly auth: AuthContextService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('missing_token', 'Sign in first: this request needs an access token (Authorization: Bearer …).');
    request.user = await this.auth.authenticate(match[1]);
    return true;
  }
}
