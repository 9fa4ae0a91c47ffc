import { Injectable, effect, inject, signal, untracked } from '@angular/core';
import { AuthService, endedSessionReason } from './auth.service';
import { currentLocale } from './i18n';
import { OnlineService } from './online.service';
import { Retry } from './retry';

/** One server-sent event: its name and its data (parsed JSON, or null). */
export interface ServerEvent {
  event: string;
  data: unknown;
}

/**
 * The complete events at the start of `buffer` (each ends with a blank line) and what is left
 * of an event still arriving. Comment lines (`: keep-alive`) and `retry:` are skipped.
 */
export function parseEvents(buffer: string): { events: ServerEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0 && event === 'message') continue; // a comment or retry line only
    let parsed: unknown = null;
    try {
      parsed = data.length ? JSON.parse(data.join('\n')) : null;
    } catch {
      parsed = data.join('\n');
    }
    events.push({ event, data: parsed });
  }
  return { events, rest };
}

/** A stream that was open and ended is opened again after this; failed tries back off up to 30 s. */
const RECONNECT_MS = 1_000;

/**
 * The live event stream of this device (`GET /api/events`): while a page that shows figures
 * is open, signed in, online and visible, the app listens, and `budgetChanged` grows when
 * someone in the family changed a figure this user sees (and once after every reconnect,
 * since events may have been missed); pages refetch then. A session ended elsewhere signs
 * this device out at once, with the server's reason. Read with `fetch`, so the access token
 * goes in a header, never in the URL.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents {
  private readonly auth = inject(AuthService);
  private readonly online = inject(OnlineService).online;
  private readonly wanted = signal(false);
  private readonly visible = signal(document.visibilityState !== 'hidden');
  /** Grows with every change of figures made elsewhere (and after a reconnect). */
  readonly budgetChanged = signal(0);
  private abort: AbortController | null = null;
  /** Reconnects: quick at first, then at most every 30 s. */
  private readonly reconnect = new Retry(
    () => {
      if (this.wanted() && this.auth.signedIn() && this.online() && this.visible()) void this.connect();
    },
    { first: RECONNECT_MS, max: 30_000 },
  );
  /** A stream was open before and was lost: the next one starts with a refetch. */
  private missed = false;

  constructor() {
    document.addEventListener('visibilitychange', () => this.visible.set(document.visibilityState !== 'hidden'));
    effect(() => {
      const listen = this.wanted() && this.auth.signedIn() && this.online() && this.visible();
      untracked(() => (listen ? this.connect() : this.disconnect()));
    });
  }

  /** Called by the pages that show figures; the stream then stays open while it can. */
  start(): void {
    this.wanted.set(true);
  }

  private disconnect(): void {
    this.reconnect.cancel();
    if (this.abort) {
      this.abort.abort();
      this.abort = null;
      this.missed = true; // hidden or offline for a while: catch up when back
    }
  }

  private async connect(): Promise<void> {
    if (this.abort || this.reconnect.scheduled) return;
    const abort = new AbortController();
    this.abort = abort;
    let opened = false;
    try {
      const response = await fetch('/api/events', {
        // Not through HttpClient, so the app's language is told here (why a session ended, in it).
        headers: { Authorization: `Bearer ${this.auth.accessToken() ?? ''}`, Accept: 'text/event-stream', 'Accept-Language': currentLocale(), 'ngsw-bypass': 'true' },
        cache: 'no-store',
        signal: abort.signal,
      });
      if (response.status === 401) {
        const { reason, message } = ((await response.json().catch(() => null)) ?? {}) as { reason?: string; message?: unknown };
        const ended = endedSessionReason(reason);
        if (ended) this.auth.signOut(ended, message);
        else if (!(await this.auth.refresh())) return; // signed out by the refresh itself
        throw new Error('retry with the renewed token');
      }
      if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
      opened = true;
      this.reconnect.succeeded();
      if (this.missed) this.budgetChanged.update((n) => n + 1);
      this.missed = true; // from here on, losing the stream means events may be missed
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEvents(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) this.handle(event);
      }
    } catch {
      // The network went, the server restarted, or this was aborted: see below.
    } finally {
      if (this.abort === abort) this.abort = null;
    }
    if (abort.signal.aborted || !this.auth.signedIn()) return;
    if (opened) this.reconnect.in(RECONNECT_MS);
    else this.reconnect.failed();
  }

  private handle({ event, data }: ServerEvent): void {
    if (event === 'budget') {
      this.budgetChanged.update((n) => n + 1);
    } else if (event === 'session') {
      const { reason, message } = (data ?? {}) as { reason?: string; message?: unknown };
      this.auth.signOut(endedSessionReason(reason) ?? 'session_ended', message);
    }
  }
}
