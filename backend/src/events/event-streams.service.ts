import type { ServerResponse } from 'node:http';
import { HttpException, Injectable, Logger, OnModuleDestroy, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { AuthContextService } from '../auth/auth-context.service';
import { Change, ChangeFeed } from '../database/change-feed';
import { text } from '../i18n/server-text';

/** A comment line this often keeps proxies (and phones' networks) from closing an idle stream. */
export const KEEP_ALIVE_MS = 25_000;
/** Streams per user (tabs of the one signed-in device); a further one ends the oldest. */
export const STREAMS_PER_USER = 4;
/** Streams per process: past this a new one is refused (503) rather than memory growing. */
export const MAX_STREAMS = 5_000;
/** A client that reads nothing while this much waits for it is dropped. */
const MAX_UNREAD_BYTES = 64 * 1024;

interface Stream {
  readonly userId: string;
  readonly sessionId: string;
  householdId: string;
  readonly response: ServerResponse;
  budgetQueued: boolean;
}

/**
 * The live event stream (`GET /api/events`, server-sent events) of every signed-in device,
 * fed by the change feed: `budget` when a figure the user can see changed, `session` (and the
 * end of the stream) when this device's session ended. The PWA refetches on `budget`.
 */
@Injectable()
export class EventStreams implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventStreams.name);
  private readonly byUser = new Map<string, Set<Stream>>();
  private readonly byHousehold = new Map<string, Set<Stream>>();
  private count = 0;
  private unsubscribe: (() => void) | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly auth: AuthContextService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.feed.subscribe((change) => this.deliver(change));
    this.keepAlive = setInterval(() => this.each((stream) => this.write(stream, ': keep-alive\n\n')), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  /**
   * Ends every stream before the server closes (it would otherwise wait for them forever), and
   * its connection with it: a kept-alive connection that goes idle after the server began
   * closing is never reaped, so the close, and an operator's restart, would wait for the browser.
   */
  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.each((stream) => {
      stream.response.end();
      stream.response.socket?.end();
    });
  }

  /** Starts the stream of `user` on `response` (already authenticated); 503 when the process holds too many. */
  start(user: AuthUser, response: ServerResponse, headers: Record<string, string | number | string[]>): void {
    if (this.count >= MAX_STREAMS) throw new ServiceUnavailableException(text('request.tooManyStreams'));
    const mine = this.byUser.get(user.id);
    if (mine && mine.size >= STREAMS_PER_USER) this.close([...mine][0]);

    const stream: Stream = { userId: user.id, sessionId: user.sessionId, householdId: user.householdId, response, budgetQueued: false };
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // nginx: pass each event on at once instead of filling its buffer first.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    // How long a browser's EventSource waits before reconnecting, and a first line that gets the
    // headers through every proxy now rather than with the first event.
    response.write('retry: 5000\n: connected\n\n');
    add(this.byUser, user.id, stream);
    add(this.byHousehold, user.householdId, stream);
    this.count++;
    response.on('close', () => this.forget(stream));
  }

  private deliver(change: Change): void {
    // Who is notified of what changes no figure.
    if (change.kind === 'push') return;
    if (change.kind === 'sessions') {
      for (const userId of change.userIds) for (const stream of this.byUser.get(userId) ?? []) void this.checkSession(stream);
      return;
    }
    const streams = change.userIds.length > 0 ? change.userIds.flatMap((id) => [...(this.byUser.get(id) ?? [])]) : [...(this.byHousehold.get(change.householdId ?? '') ?? [])];
    for (const stream of streams) {
      // Someone who moved house now hears from the new one.
      if (change.kind === 'members' && change.householdId && change.householdId !== stream.householdId) this.move(stream, change.householdId);
      this.queueBudget(stream);
    }
  }

  /** One `budget` event for all the changes of one moment (an import announces several). */
  private queueBudget(stream: Stream): void {
    if (stream.budgetQueued) return;
    stream.budgetQueued = true;
    setImmediate(() => {
      stream.budgetQueued = false;
      this.write(stream, 'event: budget\ndata: {}\n\n');
    });
  }

  /** A session that ended is told why (the same `reason` as a 401 would give) and its stream ends. */
  private async checkSession(stream: Stream): Promise<void> {
    try {
      await this.auth.ofSession(stream.sessionId, stream.userId);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 401) {
        this.logger.error(`Checking a streamed session failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const { reason, message } = error.getResponse() as { reason?: string; message?: string };
      this.write(stream, `event: session\ndata: ${JSON.stringify({ reason, message })}\n\n`);
      this.close(stream);
    }
  }

  private write(stream: Stream, text: string): void {
    const { response } = stream;
    if (response.writableEnded || response.destroyed) return;
    if (response.writableLength > MAX_UNREAD_BYTES) {
      response.destroy();
      return;
    }
    response.write(text);
  }

  private close(stream: Stream): void {
    this.forget(stream);
    stream.response.end();
  }

  private forget(stream: Stream): void {
    if (!remove(this.byUser, stream.userId, stream)) return;
    remove(this.byHousehold, stream.householdId, stream);
    this.count--;
  }

  private move(stream: Stream, householdId: string): void {
    remove(this.byHousehold, stream.householdId, stream);
    stream.householdId = householdId;
    add(this.byHousehold, householdId, stream);
  }

  private each(work: (stream: Stream) => void): void {
    for (const streams of [...this.byUser.values()]) for (const stream of [...streams]) work(stream);
  }
}

function add(index: Map<string, Set<Stream>>, key: string, stream: Stream): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(stream);
}

function remove(index: Map<string, Set<Stream>>, key: string, stream: Stream): boolean {
  const set = index.get(key);
  if (!set?.delete(stream)) return false;
  if (set.size === 0) index.delete(key);
  return true;
}
