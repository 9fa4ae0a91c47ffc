import { Controller, Get, HttpCode, HttpStatus, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { Authenticated, CurrentUser } from '../auth/authenticated.decorator';
import { ApiErrorDto } from '../common/api-error.dto';
import { EventStreamQueryDto, EventTicketDto } from './dto/events.dto';
import { EventStreamGuard } from './event-stream.guard';
import { EventStreams } from './event-streams.service';
import { EventTickets } from './event-tickets';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly streams: EventStreams,
    private readonly tickets: EventTickets,
  ) {}

  /**
   * Live events of this device, as server-sent events (`text/event-stream`): `budget` when a
   * figure the caller can see changed (anyone's spending or funnel, a limit, the pay day),
   * `session` (data: `{ reason, message }`, as a 401 would give) when this session ended, after
   * which the stream closes. A comment line every 25 s keeps it open. Authenticate with the
   * Authorization header or, where no header can be sent (EventSource), with `ticket`.
   */
  @Get()
  @UseGuards(EventStreamGuard)
  @ApiBearerAuth()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The stream: `event: budget` / `event: session` lines, each with a `data:` line', schema: { type: 'string' } })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No valid access token or ticket, or the session has ended' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'The server holds too many live connections right now' })
  stream(@CurrentUser() user: AuthUser, @Query() _query: EventStreamQueryDto, @Res() reply: FastifyReply): void {
    const headers = reply.getHeaders() as Record<string, string | number | string[]>;
    this.streams.start(user, reply.raw, headers);
    reply.hijack();
  }

  /** A single-use ticket (valid 30 s) that opens this session's event stream: `GET /api/events?ticket=…`. */
  @Post('ticket')
  @Authenticated()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: EventTicketDto })
  ticket(@CurrentUser() user: AuthUser): EventTicketDto {
    return this.tickets.issue(user.sessionId, user.id);
  }
}
