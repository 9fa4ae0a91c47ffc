import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { HouseholdSettings } from '../rules/household-settings';
import { PushSubscription } from './push-subscription.entity';


/**
 * A subscription that may receive now: its session is active (not ended, its refresh token not
 * expired), with its user and the household settings the user's figures and times depend on.
 */
export interface LiveSubscription {
  readonly sessionId: string;
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
  readonly nearLimit: boolean;
  readonly memberSpent: boolean;
  readonly fixedCostDue: boolean;
  readonly dailyReminder: string | null;
  /** When the session's refresh token expires (ms): from then on the subscription is not live. */
  readonly refreshExpiresAt: number;
  /** `locale`: the language the user chose (null: not chosen; notifications in English). */
  readonly user: { readonly id: string; readonly username: string; readonly householdId: string; readonly locale: string | null };
  readonly household: HouseholdSettings;
}

interface LiveRow {
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  nearLimit: boolean | number;
  memberSpent: boolean | number;
  fixedCostDue: boolean | number;
  dailyReminder: string | null;
  refreshExpiresAt: number | string;
  userId: string;
  username: string;
  householdId: string;
  locale: string | null;
  periodStartDay: number | string;
  timezone: string;
  currency: string;
  countedFrom: number | string | null;
}

/** Only through a session that is still the user's active one. */
const LIVE = `SELECT ps.session_id AS "sessionId", ps.endpoint, ps.p256dh, ps.auth, ps.near_limit AS "nearLimit",
    ps.member_spent AS "memberSpent", ps.fixed_cost_due AS "fixedCostDue", ps.daily_reminder AS "dailyReminder",
    s.refresh_expires_at AS "refreshExpiresAt", u.id AS "userId", u.username, u.household_id AS "householdId", u.locale,
    h.period_start_day AS "periodStartDay", h.timezone, h.currency, h.counted_from AS "countedFrom"
  FROM push_subscriptions ps
  INNER JOIN sessions s ON s.id = ps.session_id AND s.user_id = ps.user_id
  INNER JOIN users u ON u.id = ps.user_id
  INNER JOIN households h ON h.id = u.household_id
  WHERE s.ended_at IS NULL AND s.refresh_expires_at > ?`;

/**
 * Every query about push subscriptions and the once-rules of notifications. Inside `Database.transaction()` each call is part of it.
 * Every write of a subscription announces a 'push' change of its household (LiveSubscriptions keeps them per household).
 */
@Injectable()
export class PushRepository {
  constructor(private readonly db: Database) {}

  /** Announces that the subscriptions of `userId`'s household changed (at the commit, inside a transaction). */
  private async announceFor(where: 'user' | 'session' | 'endpoint', value: string): Promise<void> {
    const sql = {
      user: 'SELECT household_id AS "householdId" FROM users WHERE id = ?',
      session: 'SELECT u.household_id AS "householdId" FROM push_subscriptions ps INNER JOIN users u ON u.id = ps.user_id WHERE ps.session_id = ?',
      endpoint: 'SELECT u.household_id AS "householdId" FROM push_subscriptions ps INNER JOIN users u ON u.id = ps.user_id WHERE ps.endpoint = ?',
    }[where];
    for (const { householdId } of await this.db.query<{ householdId: string }>(sql, [value])) this.db.announce({ householdId, userIds: [], kind: 'push' });
  }

  bySession(sessionId: string): Promise<PushSubscription | null> {
    return this.db.manager.findOneBy(PushSubscription, { sessionId });
  }

  /**
   * Stores `subscription` as its session's one subscription. The endpoint is taken from any
   * other session that had it (the device now belongs to this one), and the user's
   * subscriptions of sessions that have ended go too. Runs in the caller's transaction.
   */
  async save(subscription: PushSubscription, now: Date): Promise<void> {
    // The endpoint's current holder may be of another household (a shared device): both are told.
    await this.announceFor('endpoint', subscription.endpoint);
    await this.announceFor('user', subscription.userId);
    await this.db.execute('DELETE FROM push_subscriptions WHERE endpoint = ? AND session_id <> ?', [subscription.endpoint, subscription.sessionId]);
    await this.db.execute(
      `DELETE FROM push_subscriptions WHERE user_id = ? AND session_id <> ?
         AND session_id IN (SELECT id FROM sessions WHERE user_id = ? AND (ended_at IS NOT NULL OR refresh_expires_at <= ?))`,
      [subscription.userId, subscription.sessionId, subscription.userId, now.getTime()],
    );
    const { sessionId, createdAt: _createdAt, ...changes } = subscription;
    if ((await this.db.manager.update(PushSubscription, { sessionId }, changes)).affected) return;
    await this.db.manager.insert(PushSubscription, subscription);
  }

  /** Deletes the session's subscription; whether there was one. */
  async deleteBySession(sessionId: string): Promise<boolean> {
    await this.announceFor('session', sessionId);
    return (await this.db.execute('DELETE FROM push_subscriptions WHERE session_id = ?', [sessionId])) > 0;
  }

  /** Deletes the subscription the push service no longer knows (it answered 404 or 410). */
  async deleteByEndpoint(endpoint: string): Promise<void> {
    await this.announceFor('endpoint', endpoint);
    await this.db.execute('DELETE FROM push_subscriptions WHERE endpoint = ?', [endpoint]);
  }

  /** Deletes the subscriptions of sessions that have ended or expired; how many. */
  deleteOfDeadSessions(now: Date): Promise<number> {
    return this.db.execute(
      `DELETE FROM push_subscriptions WHERE session_id IN (SELECT id FROM sessions WHERE ended_at IS NOT NULL OR refresh_expires_at <= ?)`,
      [now.getTime()],
    );
  }

  /** The session's subscription if the session is still active. */
  async liveOfSession(sessionId: string, now: Date): Promise<LiveSubscription | null> {
    const [row] = await this.db.query<LiveRow>(`${LIVE} AND ps.session_id = ?`, [now.getTime(), sessionId]);
    return row ? fromRow(row) : null;
  }

  /** Live subscriptions of the members of `householdId`, whatever they want to be told (LiveSubscriptions picks). */
  async liveInHousehold(householdId: string, now: Date): Promise<LiveSubscription[]> {
    const rows = await this.db.query<LiveRow>(`${LIVE} AND u.household_id = ? ORDER BY u.id`, [now.getTime(), householdId]);
    return rows.map(fromRow);
  }

  /** Live subscriptions that something happens to at a time of day: a daily reminder, or fixed costs due. */
  async liveWithTimedPrefs(now: Date): Promise<LiveSubscription[]> {
    const rows = await this.db.query<LiveRow>(`${LIVE} AND (ps.daily_reminder IS NOT NULL OR ps.fixed_cost_due = TRUE) ORDER BY u.household_id, u.id`, [now.getTime()]);
    return rows.map(fromRow);
  }

  /**
   * Claims the notification (`userId`, `kind`, `about`) before it is sent: true for exactly one
   * caller, in any process, ever (until `forgetSentBefore` drops the row).
   */
  async claim(userId: string, kind: string, about: string, at: Date): Promise<boolean> {
    const changed = await this.db.groupCommit('INSERT INTO push_sent (user_id, kind, about, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      userId,
      kind,
      about,
      at.getTime(),
    ]);
    return changed === 1;
  }

  /** Forgets claims older than `before` (they are about periods and days long past). */
  forgetSentBefore(before: Date): Promise<number> {
    return this.db.execute('DELETE FROM push_sent WHERE sent_at < ?', [before.getTime()]);
  }

  /** Whether `userId` entered a spending in [from, to) (fixed-cost postings are not entries). */
  async enteredSpendingBetween(userId: string, from: Date, to: Date): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 AS found FROM spendings WHERE created_by = ? AND created_at >= ? AND created_at < ? AND fixed_cost_id IS NULL LIMIT 1',
      [userId, from.getTime(), to.getTime()],
    );
    return rows.length > 0;
  }
}

function fromRow(row: LiveRow): LiveSubscription {
  return {
    sessionId: row.sessionId,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    nearLimit: Boolean(Number(row.nearLimit)),
    memberSpent: Boolean(Number(row.memberSpent)),
    fixedCostDue: Boolean(Number(row.fixedCostDue)),
    dailyReminder: row.dailyReminder,
    refreshExpiresAt: Number(row.refreshExpiresAt),
    user: { id: row.userId, username: row.username, householdId: row.householdId, locale: row.locale },
    household: {
      periodStartDay: Number(row.periodStartDay),
      timezone: row.timezone,
      currency: row.currency,
      countedFrom: row.countedFrom === null ? null : new Date(Number(row.countedFrom)),
    },
  };
}
