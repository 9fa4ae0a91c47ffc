import { BoundedMap } from '../common/bounded-map';
import { ChangeFeed, ChangeKind } from './change-feed';

/** How many keys a cache keeps (the oldest goes first). */
const MAX_ENTRIES = 10_000;

/** Whose data a cached value is: it goes stale with any change of that household or of one of those users. */
export interface CacheScope {
  readonly householdId: string;
  readonly userIds: readonly string[];
}

/**
 * Values derived from users' view of one household, kept per key until the change feed
 * announces a change (of a kind they are derived from) of that household or one of those users. The feed's position is taken before the
 * value is read, so a change committed during the read makes the next `get` miss rather than
 * return old data.
 */
export class ChangeCache<V> {
  private readonly entries = new BoundedMap<string, { readAt: number; scope: CacheScope; value: V }>(MAX_ENTRIES);

  /** @param kinds the kinds of change the values are derived from (a change of another kind keeps them) */
  constructor(
    private readonly feed: ChangeFeed,
    private readonly kinds: readonly ChangeKind[],
  ) {}

  /** The value kept for `key`, if nothing of its household or user changed since and `stillValid` agrees. */
  get(key: string, stillValid: (value: V) => boolean = () => true): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return this.feed.unchangedSince(entry.readAt, entry.scope.householdId, entry.scope.userIds, this.kinds) && stillValid(entry.value) ? entry.value : undefined;
  }

  /**
   * Reads the value with `read` and keeps it for `key`, in the scope `scopeOf` names for it
   * (known before the read, or only from what was read). Nothing is kept if `read` throws.
   */
  async remember(key: string, read: () => Promise<V>, scopeOf: (value: V) => CacheScope): Promise<V> {
    const readAt = this.feed.now();
    const value = await read();
    this.entries.delete(key); // the newest entry goes last, so the oldest is dropped first
    this.entries.set(key, { readAt, scope: scopeOf(value), value });
    return value;
  }
}
