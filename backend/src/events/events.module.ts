import { Module } from '@nestjs/common';
import { EventStreamGuard } from './event-stream.guard';
import { EventStreams } from './event-streams.service';
import { EventTickets } from './event-tickets';
import { EventsController } from './events.controller';

@Module({
  controllers: [EventsController],
  providers: [EventStreams, EventTickets, EventStreamGuard],
})
export class EventsModule {}
