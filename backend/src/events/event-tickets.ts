import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { BoundedMap } from '../common/bounded-map';

/** How long a ticket may wait before it opens a stream. */
export const TICKET_LIFETIME_MS = 30_000;
/** Tickets kept at most (the oldest unused ones go first): a flood of requests cannot grow memory. */
const MAX_TICKETS = 10_000;
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface Ticket {
  readonly sessionId: string;
  readonly userId: string;
  readonly expiresAt: number;
}

/**
 * Single-use tickets for opening the event stream where no Authorization header can be sent
 * (EventSource): the access token never goes into a URL, where proxies and logs would keep it.
 * Kept in this process's memory: a ticket is used within seconds, on the server that issued it.
 */
@Injectable()
export class EventTickets {
  private readonly tickets = new BoundedMap<string, Ticket>(MAX_TICKETS);

  constructor(private readonly clock: Clock) {}

  issue(sessionId: string, userId: string): { ticket: string; expiresAt: Date } {
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now().getTime() + TICKET_LIFETIME_MS;
    this.tickets.set(ticket, { sessionId, userId, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt) };
  }

  /** The session a ticket was issued for, once: a used, unknown or expired ticket gives null. */
  redeem(ticket: string): { sessionId: string; userId: string } | null {
    const found = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!found || this.clock.now().getTime() >= found.expiresAt) return null;
    return { sessionId: found.sessionId, userId: found.userId };
  }
}
