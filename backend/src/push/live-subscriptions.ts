import { Injectable } from '@nestjs/common';
import { ChangeCache } from '../database/change-cache';
import { ChangeFeed, ChangeKind } from '../database/change-feed';
import { LiveSubscription, PushRepository } from './push.repository';

/**
 * What the live subscriptions of a household are derived from: its subscriptions ('push',
 * announced for the household by every write of one), a subscriber's sessions (one ended), a
 * subscriber's language ('push' for that user), a subscriber moving out ('members'), and the
 * household's settings, which every subscription carries.
 */
const KINDS: readonly ChangeKind[] = ['push', 'sessions', 'members', 'household'];

type Preference = 'nearLimit' | 'memberSpent';

/**
 * The live push subscriptions per household, kept (a ChangeCache) until the change feed announces
 * a change they are derived from, of the household or of one of its subscribers. Every recorded
 * spending asks who to tell; read from the database each time, that was up to two queries per
 * spending, for the many households that subscribed to nothing. A subscription whose session has
 * expired since the read makes the entry be read again.
 */
@Injectable()
export class LiveSubscriptions {
  private readonly kept: ChangeCache<readonly LiveSubscription[]>;
  /** Reads under way: the two reactions to one spending ask at once, and share one read. */
  private readonly reading = new Map<string, Promise<readonly LiveSubscription[]>>();

  constructor(
    private readonly push: PushRepository,
    feed: ChangeFeed,
  ) {
    this.kept = new ChangeCache(feed, KINDS);
  }

  /** The live subscriptions of `householdId`'s members that want to be told of `preference`. */
  async of(householdId: string, preference: Preference, now: Date): Promise<LiveSubscription[]> {
    const at = now.getTime();
    let subscriptions = this.kept.get(householdId, (kept) => kept.every((s) => s.refreshExpiresAt > at));
    if (!subscriptions) {
      let read = this.reading.get(householdId);
      if (!read) {
        read = this.kept
          .remember(householdId, () => this.push.liveInHousehold(householdId, now), (live) => ({ householdId, userIds: live.map((s) => s.user.id) }))
          .finally(() => this.reading.delete(householdId));
        this.reading.set(householdId, read);
      }
      subscriptions = await read;
    }
    return subscriptions.filter((s) => s[preference]);
  }
}
