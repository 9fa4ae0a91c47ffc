import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessTokenGuard, AuthenticatedRequest } from '../auth/auth.guard';
import { AuthContextService } from '../auth/auth-context.service';
import { unauthorized } from '../common/errors';
import { EventTickets, TICKET_PATTERN } from './event-tickets';
import { text } from '../i18n/server-text';

/** The event stream opens with an access token in the Authorization header, or with a ticket. */
@Injectable()
export class EventStreamGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokenGuard,
    private readonly tickets: EventTickets,
    private readonly auth: AuthContextService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const ticket = (request.query as Record<string, unknown> | undefined)?.ticket;
    if (ticket === undefined) return this.tokens.canActivate(context);
    const session = typeof ticket === 'string' && TICKET_PATTERN.test(ticket) ? this.tickets.redeem(ticket) : null;
    if (!session) throw unauthorized('invalid_ticket', text('auth.ticketInvalid'));
    request.user = await this.auth.ofSession(session.sessionId, session.userId);
    return true;
  }
}
