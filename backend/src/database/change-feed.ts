import { Injectable, Logger } from '@nestjs/common';

/** What a change touched, for those who keep or show figures derived from it. */
export type ChangeKind =
  /** a spending was recorded, edited or deleted, or spendings were imported */
  | 'spendings'
  /** a funnel was created, edited (limit, sharing …) or deleted, or changed hands */
  | 'funnels'
  /** a fixed cost was added, changed, skipped or deleted (its postings are 'spendings') */
  | 'fixedCosts'
  /** the household's settings changed (pay day, time zone, currency) */
  | 'household'
  /** someone joined or left a household, or a household was merged away */
  | 'members'
  /** a user's sessions changed: one ended (logout, sign-in elsewhere, authenticator reset) */
  | 'sessions'
  /** what a user is notified of changed: a push subscription added, changed or removed, or the user's language */
  | 'push';

/**
 * One committed change, announced to everyone who may hold data derived from it. `userIds`
 * empty means every member of `householdId`; otherwise only those users (a personal funnel's
 * owner, a user whose sessions ended). `householdId` is null for changes of users alone.
 */
export interface Change {
  readonly householdId: string | null;
  readonly userIds: readonly string[];
  readonly kind: ChangeKind;
}

export type ChangeListener = (change: Change) => void;

type LastChanges = Partial<Record<ChangeKind, number>>;

function changedAfter(last: LastChanges | undefined, since: number, kinds: readonly ChangeKind[]): boolean {
  if (!last) return false;
  for (const kind of kinds) if ((last[kind] ?? 0) > since) return true;
  return false;
}

function record(index: Map<string, LastChanges>, key: string, kind: ChangeKind, at: number): void {
  const last = index.get(key);
  if (last) last[kind] = at;
  else index.set(key, { [kind]: at });
}

/**
 * The change feed: every write announces what it changed after its transaction commits
 * (`Database.announce`), and caches and the live event stream listen. Changes are numbered;
 * a cache keeps the number current when it started reading, and its entry stays valid while
 * neither its household nor its user has had a change of a kind it is derived from since:
 * another household's writes evict nothing of yours, and a spending keeps the funnel lists.
 */
@Injectable()
export class ChangeFeed {
  private readonly logger = new Logger(ChangeFeed.name);
  private published = 0;
  /** The number of the last change of each kind, per household (as a whole) and per user. */
  private readonly householdChangedAt = new Map<string, LastChanges>();
  private readonly userChangedAt = new Map<string, LastChanges>();
  private readonly listeners = new Set<ChangeListener>();
  /** Everything read before this change number is stale (see `suspend`). */
  private everythingChangedAt = 0;
  private suspended = false;

  /** The number of the last change published: take it before reading what a cache keeps. */
  now(): number {
    return this.published;
  }

  /**
   * Whether no change of one of `kinds` was published after change number `since`, neither for
   * `householdId` as a whole nor for any of `userIds`.
   */
  unchangedSince(since: number, householdId: string, userIds: readonly string[], kinds: readonly ChangeKind[]): boolean {
    if (since < this.everythingChangedAt || this.suspended) return false;
    // A lookup per scope, then a few property reads: this runs on every cached read.
    if (changedAfter(this.householdChangedAt.get(householdId), since, kinds)) return false;
    for (const userId of userIds) if (changedAfter(this.userChangedAt.get(userId), since, kinds)) return false;
    return true;
  }

  /** Call only once the change is committed (Database.announce does that for transactions). */
  publish(change: Change): void {
    const at = ++this.published;
    if (change.userIds.length === 0) {
      if (change.householdId !== null) record(this.householdChangedAt, change.householdId, change.kind, at);
    } else {
      for (const userId of change.userIds) record(this.userChangedAt, userId, change.kind, at);
    }
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        // A listener's failure must not keep the change from the others (or fail the write).
        this.logger.error(`A change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * While changes may go unheard (the connection that hears other processes' changes is down):
   * nothing read before counts as fresh, nor anything read until `resume`.
   */
  suspend(): void {
    this.suspended = true;
    this.everythingChangedAt = ++this.published;
  }

  /** Every change is heard again; what was read while suspended stays stale. */
  resume(): void {
    this.suspended = false;
    this.everythingChangedAt = ++this.published;
  }

  /** Calls `listener` with every change published from now on; returns the way to stop. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
