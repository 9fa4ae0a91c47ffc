import { Injectable } from '@nestjs/common';
import { BoundedMap } from '../common/bounded-map';
import { ChangeFeed, ChangeKind } from '../database/change-feed';
import { LiveSubscription, PushRepository } from './push.repository';

/**
 * What the live subscriptions of a household are derived from: its subscriptions ('push',
 * announced for the household by every write of one), a subscriber's sessions (one ended), a
 * subscriber's language ('push' for that user), a subscriber moving out ('members'), and the
 * household's settings, which every subscription carries.
 */
const KINDS: readonly ChangeKind[] = ['push', 'sessions', 'members', 'household'];

/** Households whose subscriptions are kept (the oldest goes first). */
const MAX_HOUSEHOLDS = 10_000;

type Preference = 'nearLimit' | 'memberSpent';

interface Entry {
  readonly readAt: number;
  /** Being read: the two reactions to one spending ask at once, and share one read. */
  readonly reading: Promise<readonly LiveSubscription[]>;
  subscriptions?: readonly LiveSubscription[];
}

/**
 * The live push subscriptions per household, kept until the change feed announces a change they
 * are derived from. Every recorded spending asks who to tell; read from the database each time,
 * that was up to two queries per spending, for the many households that subscribed to nothing.
 * A subscription whose session has expired since the read makes the entry be read again.
 */
@Injectable()
export class LiveSubscriptions {
  private readonly entries = new BoundedMap<string, Entry>(MAX_HOUSEHOLDS);

  constructor(
    private readonly push: PushRepository,
    private readonly feed: ChangeFeed,
  ) {}

  /** The live subscriptions of `householdId`'s members that want to be told of `preference`. */
  async of(householdId: string, preference: Preference, now: Date): Promise<LiveSubscription[]> {
    let entry = this.entries.get(householdId);
    if (!entry || (entry.subscriptions && !this.current(entry, householdId, entry.subscriptions, now.getTime()))) entry = this.read(householdId, now);
    return (await entry.reading).filter((s) => s[preference]);
  }

  private read(householdId: string, now: Date): Entry {
    // The feed's position is taken before the read: a change committed during it makes the next lookup read again.
    const entry: Entry = { readAt: this.feed.now(), reading: this.push.liveInHousehold(householdId, now) };
    entry.reading.then(
      (subscriptions) => (entry.subscriptions = subscriptions),
      () => this.entries.get(householdId) === entry && this.entries.delete(householdId),
    );
    this.entries.delete(householdId); // the newest entry goes last, so the oldest is dropped first
    this.entries.set(householdId, entry);
    return entry;
  }

  private current(entry: Entry, householdId: string, subscriptions: readonly LiveSubscription[], now: number): boolean {
    if (subscriptions.length === 0) return this.feed.unchangedSince(entry.readAt, householdId, '', KINDS);
    return subscriptions.every((s) => s.refreshExpiresAt > now && this.feed.unchangedSince(entry.readAt, householdId, s.user.id, KINDS));
  }
}
