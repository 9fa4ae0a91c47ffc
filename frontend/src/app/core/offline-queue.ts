import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { DBSchema, IDBPDatabase, openDB } from 'idb';
import { errorMessage, isUnreachable } from './error-message';
import { translate } from './i18n';
import { Retry, backoffMs as growingWait } from './retry';
import { SpendingRequests } from './spending-requests';
import { DeviceUser, TokenStore } from './token-store';
import { withWebLock } from './web-lock';

/** What every change waiting on this device has: the spending it is about, whose it is, and its retries. */
interface QueuedBase {
  id: string;
  /** Who made it: only that user's session sends it (a shared phone stays tidy). */
  ownerId: string;
  funnelId: string;
  amount: number;
  spentAt: string;
  queuedAt: string;
  attempts: number;
  nextAttemptAt: number;
  /** Why the server refused it; the item stays until the user decides. */
  refusal?: string;
}

/** A spending recorded on this device and not yet stored by the server. */
export interface QueuedCreate extends QueuedBase {
  kind: 'create';
  note?: string;
}

/** A delete made while offline, of a spending the server has. */
export interface QueuedDelete extends QueuedBase {
  kind: 'delete';
  /** Set when the spending was posted from a fixed cost: the figures count it in `fixed` too. */
  fixedCostId?: string | null;
}

/** An edit of a spending the server has, made offline or refused with 401 (signed out). */
export interface QueuedUpdate extends QueuedBase {
  kind: 'update';
  note?: string;
  /** Set when the spending was posted from a fixed cost (an edit keeps that): the figures count it in `fixed` too. */
  fixedCostId?: string | null;
  /** The spending as the server has it, so the figures can show the edit before it is sent. */
  previous: { funnelId: string; amount: number; spentAt: string };
}

export type QueuedChange = QueuedCreate | QueuedDelete | QueuedUpdate;

type NewChange<T> = Omit<T, 'kind' | 'ownerId' | 'queuedAt' | 'attempts' | 'nextAttemptAt'>;

/** Where the queue lives: IndexedDB in the browser, anything with these three calls in tests. */
export interface QueueStore {
  all(): Promise<QueuedChange[]>;
  put(change: QueuedChange): Promise<void>;
  delete(id: string): Promise<void>;
}

interface QueueDb extends DBSchema {
  queue: { key: string; value: QueuedChange };
}

export class IdbQueueStore implements QueueStore {
  private db: Promise<IDBPDatabase<QueueDb>> | null = null;

  constructor(private readonly name = 'stracker') {}

  private open(): Promise<IDBPDatabase<QueueDb>> {
    this.db ??= openDB<QueueDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('queue', { keyPath: 'id' });
      },
    });
    return this.db;
  }

  async all(): Promise<QueuedChange[]> {
    return (await this.open()).getAll('queue');
  }

  async put(change: QueuedChange): Promise<void> {
    await (await this.open()).put('queue', change);
  }

  async delete(id: string): Promise<void> {
    await (await this.open()).delete('queue', id);
  }
}

/** How a queued change reaches the server. */
export interface QueueSender {
  create(change: QueuedCreate): Promise<void>;
  remove(change: QueuedDelete): Promise<void>;
  update(change: QueuedUpdate): Promise<void>;
}

export const QUEUE_STORE = new InjectionToken<QueueStore>('QUEUE_STORE', { providedIn: 'root', factory: () => new IdbQueueStore() });
export const QUEUE_SENDER = new InjectionToken<QueueSender>('QUEUE_SENDER', {
  providedIn: 'root',
  factory: () => {
    const requests = inject(SpendingRequests);
    return {
      create: async (c) => void (await requests.create(c)),
      remove: (c) => requests.remove(c.id),
      update: async (c) => void (await requests.update(c.id, c)),
    };
  },
});
/** The signed-in user's id, or null. */
export const QUEUE_USER = new InjectionToken<() => string | null>('QUEUE_USER', {
  providedIn: 'root',
  factory: () => {
    const tokens = inject(TokenStore);
    return () => tokens.userId();
  },
});

/** Who signed in on this device last (signed in or not): the owner of what is typed while signed out. */
export const QUEUE_LAST_USER = new InjectionToken<() => DeviceUser | null>('QUEUE_LAST_USER', {
  providedIn: 'root',
  factory: () => {
    const tokens = inject(TokenStore);
    return () => tokens.lastUser();
  },
});

/** The clock of the queue (ms), replaceable in tests. */
export const QUEUE_NOW = new InjectionToken<() => number>('QUEUE_NOW', { providedIn: 'root', factory: () => () => Date.now() });

const LOCK_NAME = 'stracker-offline-queue';
/** With nothing due, the queue still looks every 30 s (another tab may have queued something). */
const IDLE_CHECK_MS = 30_000;

/** Retry delay of a change after `attempts` failed tries: 2 s, 4 s, 8 s … at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return growingWait(attempts, 2000, 5 * 60_000);
}

/** A failure that says nothing about the request itself: no network, server unreachable or busy. */
export function isTransient(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 500 || error.status === 429);
}

/**
 * Where a change went: to the server (`sent`), or kept on this device because there is no
 * network (`offline`), the server failed (`server`, sent again shortly), or this device is
 * signed out (`signed-out`, sent when the same user signs in again).
 */
export type Outcome = 'sent' | 'offline' | 'server' | 'signed-out';
export type Kept = Exclude<Outcome, 'sent'>;

/**
 * The one rule for a change the server did not take, now or from the queue: kept on the
 * device (and why), or refused (null: the reason is for the user, nothing is sent again).
 */
export function keptAfter(error: unknown): Kept | null {
  if (error instanceof HttpErrorResponse && error.status === 401) return 'signed-out';
  if (isUnreachable(error)) return 'offline';
  return isTransient(error) ? 'server' : null;
}

/**
 * Spendings entered without a network, kept on the device and sent once it is back:
 * in order, each exactly once (the client-chosen id makes a repeated send harmless, also
 * from two tabs). A change the server refuses stays in the queue with the reason until the
 * user retries or discards it: nothing vanishes silently. The same holds for what is typed
 * while signed out (or refused with 401 because another device signed this one out): it
 * belongs to the user who typed it and is sent once that user signs in again.
 */
@Injectable({ providedIn: 'root' })
export class OfflineQueue {
  private readonly store = inject(QUEUE_STORE);
  private readonly sender = inject(QUEUE_SENDER);
  private readonly now = inject(QUEUE_NOW);
  private readonly user = inject(QUEUE_USER);
  private readonly lastUser = inject(QUEUE_LAST_USER);
  private flushing: Promise<void> | null = null;
  private started = false;
  /** The next try: when the next waiting change is due, else the idle check. */
  private readonly nextTry = new Retry(() => void this.flush());

  /** What waits for the signed-in user; while nobody is, for the user who signed in here last. */
  readonly items = signal<QueuedChange[]>([]);
  /** Changes still waiting to be sent (refused ones excluded). */
  readonly waiting = computed(() => this.items().filter((c) => !c.refusal).length);
  readonly refused = computed(() => this.items().filter((c) => c.refusal));
  /** Bumped after changes reach the server, so views can reload. */
  readonly synced = signal(0);

  /** Loads the queue and starts sending: now, whenever the browser is back online, when a change is due, and every 30 s. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.reload();
    window.addEventListener('online', () => void this.flush());
    void this.flush();
  }

  /**
   * Who owns what is queued now: the signed-in user, else the one who signed in here last.
   * A caller that started a request as someone passes that id (a 401 clears the tokens meanwhile).
   */
  owner(): string {
    const user = this.user() ?? this.lastUser()?.id;
    if (!user) throw new Error(translate('common.signInToRecord'));
    return user;
  }

  async enqueueCreate(spending: NewChange<QueuedCreate>, ownerId = this.owner()): Promise<void> {
    await this.store.put({ ...spending, kind: 'create', ownerId, queuedAt: new Date(this.now()).toISOString(), attempts: 0, nextAttemptAt: 0 });
    await this.reload();
  }

  /** A delete supersedes a queued edit of the same spending (same key). */
  async enqueueDelete(spending: NewChange<QueuedDelete>, ownerId = this.owner()): Promise<void> {
    await this.store.put({ ...spending, kind: 'delete', ownerId, queuedAt: new Date(this.now()).toISOString(), attempts: 0, nextAttemptAt: 0 });
    await this.reload();
  }

  /** An edit waiting to be sent; a second edit of the same spending replaces the first but keeps what the server has. */
  async enqueueUpdate(change: NewChange<QueuedUpdate>, ownerId = this.owner()): Promise<void> {
    const earlier = (await this.store.all()).find((c) => c.id === change.id && c.kind === 'update') as QueuedUpdate | undefined;
    await this.store.put({
      ...change,
      ...(earlier ? { previous: earlier.previous, queuedAt: earlier.queuedAt } : { queuedAt: new Date(this.now()).toISOString() }),
      kind: 'update',
      ownerId,
      attempts: 0,
      nextAttemptAt: 0,
    });
    await this.reload();
  }

  /** Changes a queued spending or edit before it is sent (e.g. another funnel after a refusal); clears the refusal. */
  async update(id: string, changes: Partial<Pick<QueuedCreate, 'funnelId' | 'amount' | 'note' | 'spentAt'>>): Promise<void> {
    const item = this.items().find((c) => c.id === id);
    if (!item || item.kind === 'delete') return;
    await this.store.put({ ...item, ...changes, refusal: undefined, attempts: 0, nextAttemptAt: 0 });
    await this.reload();
  }

  /** Drops a queued change (a pending spending deleted before it was sent, or a refusal the user discards). */
  async discard(id: string): Promise<void> {
    await this.store.delete(id);
    await this.reload();
  }

  async retry(id: string): Promise<void> {
    const item = this.items().find((c) => c.id === id);
    if (!item) return;
    await this.store.put({ ...item, refusal: undefined, attempts: 0, nextAttemptAt: 0 });
    await this.reload();
    await this.flush();
  }

  /** Sends what is due, oldest first; one flush at a time in this tab and across tabs. */
  flush(): Promise<void> {
    this.flushing ??= this.flushAcrossTabs().finally(() => {
      this.flushing = null;
      this.scheduleRetry();
    });
    return this.flushing;
  }

  private flushAcrossTabs(): Promise<void> {
    return withWebLock(LOCK_NAME, () => this.flushNow());
  }

  private async flushNow(): Promise<void> {
    const user = this.user();
    if (!user) return;
    const due = (await this.store.all())
      .filter((c) => c.ownerId === user && !c.refusal && c.nextAttemptAt <= this.now())
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    let sent = 0;
    for (const change of due) {
      try {
        if (change.kind === 'create') await this.sender.create(change);
        else if (change.kind === 'update') await this.sender.update(change);
        else await this.sender.remove(change);
        await this.store.delete(change.id);
        sent++;
      } catch (error) {
        const kept = keptAfter(error);
        if (kept === 'signed-out') break; // keep everything
        if (kept) {
          const attempts = change.attempts + 1;
          await this.store.put({ ...change, attempts, nextAttemptAt: this.now() + backoffMs(attempts) });
          break; // the network is down: the rest waits too, in order
        }
        await this.store.put({ ...change, refusal: errorMessage(error) });
      }
    }
    await this.reload();
    if (sent > 0) this.synced.update((n) => n + 1);
  }

  /** Tries again when the next waiting change is due, and at least every 30 s. */
  private scheduleRetry(): void {
    if (!this.started) return;
    const due = this.items().filter((c) => !c.refusal).map((c) => c.nextAttemptAt);
    this.nextTry.in(Math.min(IDLE_CHECK_MS, Math.max(1000, Math.min(...due, Infinity) - this.now())));
  }

  /**
   * Reads the queue again (it may have changed in another tab); shows the signed-in user's
   * part, or while signed out the part of the user who signed in here last (it waits for them).
   */
  async reload(): Promise<void> {
    const viewer = this.user() ?? this.lastUser()?.id ?? null;
    const all = await this.store.all();
    this.items.set(all.filter((c) => c.ownerId === viewer).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)));
  }
}
