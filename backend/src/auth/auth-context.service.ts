import { Injectable } from '@nestjs/common';
import { unauthorized } from '../common/errors';
import { Clock } from '../common/clock';
import { ChangeCache } from '../database/change-cache';
import { ChangeFeed } from '../database/change-feed';
import { Database } from '../database/database.service';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';
import { LAST_SEEN_RESOLUTION_MS, SessionsService } from './sessions.service';
import { text } from '../i18n/server-text';

interface CachedContext {
  readonly user: AuthUser;
  readonly checkedAt: number;
}

/**
 * Who is calling, once the token is checked (JwtStrategy): its session must still be active,
 * and the user and household are read fresh. A context is reused for later requests
 * of the same session only while the change feed announced nothing of its user or household
 * since it was read, so a sign-in elsewhere, a logout or a household change is seen on the
 * very next request.
 */
@Injectable()
export class AuthContextService {
  private readonly contexts: ChangeCache<CachedContext>;

  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    feed: ChangeFeed,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {
    // The user's household, its settings and the session's state are what a context holds.
    this.contexts = new ChangeCache(feed, ['sessions', 'members', 'household']);
  }

  /** The caller of an active session `sessionId` of `userId` (a 401 with the reason when it has ended). */
  async ofSession(sessionId: string, userId: string): Promise<AuthUser> {
    const now = this.clock.now().getTime();
    const cached = this.contexts.get(sessionId, (c) => c.user.id === userId && now >= c.checkedAt && now - c.checkedAt < LAST_SEEN_RESOLUTION_MS);
    if (cached) {
      // Another API process may have ended the session a moment ago, and its word of that may
      // still be on the way: with several processes (PostgreSQL) the session itself is read
      // every time (one primary-key read); the user and household stay cached.
      if (this.db.shared) await this.sessions.assertActive(sessionId, userId);
      return cached.user;
    }
    const context = await this.contexts.remember(sessionId, async () => {
      await this.sessions.assertActive(sessionId, userId);
      const found = await this.users.withHousehold(userId);
      if (!found) throw unauthorized('session_ended', text('auth.accountGone'));
      const { user, household } = found;
      const { periodStartDay, timezone, currency, countedFrom } = household;
      return {
        user: { id: user.id, username: user.username, householdId: user.householdId, household: { periodStartDay, timezone, currency, countedFrom }, sessionId },
        checkedAt: now,
      };
    }, ({ user }) => ({ householdId: user.householdId, userIds: [user.id] }));
    return context.user;
  }
}
