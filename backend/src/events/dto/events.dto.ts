import { IsOptional, Matches } from 'class-validator';
import { TICKET_PATTERN } from '../event-tickets';
import { says } from '../../i18n/field-text';

export class EventStreamQueryDto {
  /** A ticket from `POST /api/events/ticket`, instead of the Authorization header. */
  @IsOptional()
  @Matches(TICKET_PATTERN, says('validation.ticket'))
  ticket?: string;
}

export class EventTicketDto {
  /** Opens the stream once: `GET /api/events?ticket=…`. */
  ticket!: string;
  /** When the ticket stops working if unused (30 s after it was given). */
  expiresAt!: Date;
}
