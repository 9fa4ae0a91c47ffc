import { Injectable } from '@nestjs/common';
import { unauthorized } from '../common/errors';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { UsersService } from '../users/users.service';
import { AuthUser } from './auth-user';
import { LAST_SEEN_RESOLUTION_MS, SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { BoundedMap } from '../common/bounded-map';

/** How many signed-in sessions keep their context in memory (the oldest goes first). */
const MAX_CACHED_SESSIONS = 10_000;

/** What a context is read from (deleting a user cascades into sessions). */
const AUTH_TABLES = ['sessions', 'users', 'households'];

interface CachedContext {
  readonly user: AuthUser;
  /** `Database.versionOf(...AUTH_TABLES)` before the context was read: valid while none was written since. */
  readonly version: number;
  readonly checkedAt: number;
}

/**
 * Who is calling, from an access token: the token must be valid and its session still
 * active, and the user and household are read fresh. A context is reused for later requests
 * of the same session only while the database has not been written to since it was read, so
 * a sign-in elsewhere, a logout or a household change is seen on the very next request.
 */
@Injectable()
export class AuthContextService {
  private readonly contexts = new BoundedMap<string, CachedContext>(MAX_CACHED_SESSIONS);

  constructor(
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async authenticate(accessToken: string): Promise<AuthUser> {
    const claims = this.tokens.verify(accessToken, 'access');
    if (!claims) throw unauthorized('invalid_token', 'The access token is invalid or expired.');
    const now = this.clock.now().getTime();
    const cached = this.contexts.get(claims.sid);
    if (
      cached &&
      cached.version === this.db.versionOf(...AUTH_TABLES) &&
      cached.user.id === claims.sub &&
      now >= cached.checkedAt &&
      now - cached.checkedAt < LAST_SEEN_RESOLUTION_MS
    ) {
      return cached.user;
    }
    this.contexts.delete(claims.sid);

    // Taken before the reads the context stands on (a lastSeenAt write among them only means
    // the next request reads again).
    const version = this.db.versionOf(...AUTH_TABLES);
    await this.sessions.requireActive(claims.sid, claims.sub);
    const user = await this.users.findWithHousehold(claims.sub);
    if (!user?.household) throw unauthorized('session_ended', 'This account no longer exists.');
    const { periodStartDay, timezone, currency } = user.household;
    const context: AuthUser = {
      id: user.id,
      username: user.username,
      householdId: user.householdId,
      household: { periodStartDay, timezone, currency },
      sessionId: claims.sid,
    };
    this.contexts.set(claims.sid, { user: context, version, checkedAt: now });
    return context;
  }
}
