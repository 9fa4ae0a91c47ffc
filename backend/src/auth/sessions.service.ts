import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { unauthorized } from '../common/errors';
import { sha256 } from '../common/crypto';
import { Change } from '../database/change-feed';
import { Database } from '../database/database.service';
import { Session, SessionEndReason } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { TokensService } from './tokens.service';
import { text } from '../i18n/server-text';

/** A retired refresh token presented again within this window is a benign race (two tabs), not theft. */
export const REFRESH_REUSE_GRACE_MS = 20_000;
/** `lastSeenAt` is written at most this often, so reads stay reads. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {}

  /**
   * Starts a session on a new device and ends the user's previous one at once: one active
   * device per user. Runs inside the caller's transaction.
   */
  async start(userId: string, userAgent: string | null): Promise<TokenPair> {
    const now = this.clock.now();
    await this.sessions.endAllOf(userId, now, 'replaced');
    this.db.announce(sessionsChanged(userId));
    const sessionId = randomUUID();
    const pair = this.issuePair(userId, sessionId);
    await this.sessions.insert({
      id: sessionId,
      userId,
      refreshHash: sha256(pair.refreshToken),
      previousRefreshHash: null,
      rotatedAt: null,
      refreshExpiresAt: pair.refreshExpiresAt,
      startedAt: now,
      lastSeenAt: now,
      userAgent: userAgent?.slice(0, 255) ?? null,
      endedAt: null,
      endReason: null,
    });
    return pair;
  }

  /**
   * Exchanges a refresh token for a new pair. The swap is one conditional UPDATE, so of two
   * parallel refreshes with the same token exactly one wins.
   */
  async rotate(refreshToken: string): Promise<TokenPair> {
    const claims = this.tokens.verify(refreshToken, 'refresh');
    if (!claims) throw unauthorized('invalid_token', text('auth.refreshTokenInvalid'));
    const now = this.clock.now();
    const presentedHash = sha256(refreshToken);
    const pair = this.issuePair(claims.sub, claims.sid);
    const rotated = await this.sessions.rotateRefresh(claims.sid, claims.sub, presentedHash, {
      refreshHash: sha256(pair.refreshToken),
      refreshExpiresAt: pair.refreshExpiresAt,
      at: now,
    });
    if (rotated) return pair;

    const session = await this.sessions.byId(claims.sid, claims.sub);
    if (!session || session.endedAt) throw this.endedError(session?.endReason ?? null);
    const justRotated =
      session.previousRefreshHash === presentedHash &&
      session.rotatedAt !== null &&
      now.getTime() - session.rotatedAt.getTime() <= REFRESH_REUSE_GRACE_MS;
    if (justRotated) {
      throw unauthorized('refresh_race', text('auth.refreshRace'));
    }
    await this.end(session.id, session.userId, 'refresh_reuse');
    throw unauthorized('refresh_reused', text('auth.refreshReused'));
  }

  /** The active session `sessionId` of `userId` (for showing it); a 401 explaining why when there is none. */
  async requireActive(sessionId: string, userId: string): Promise<Session> {
    const session = await this.sessions.byId(sessionId, userId);
    await this.stillActive(sessionId, session);
    return session!;
  }

  /**
   * A 401 explaining why unless `sessionId` of `userId` is active: the check of every signed-in
   * request that is not answered from the cache, one small read by primary key.
   */
  async assertActive(sessionId: string, userId: string): Promise<void> {
    await this.stillActive(sessionId, await this.sessions.state(sessionId, userId));
  }

  /** Throws the reason a session ended; notes when it was last seen, at most once a minute, so reads stay reads. */
  private async stillActive(sessionId: string, state: Pick<Session, 'endedAt' | 'endReason' | 'lastSeenAt'> | null): Promise<void> {
    if (!state || state.endedAt) throw this.endedError(state?.endReason ?? null);
    const now = this.clock.now();
    if (now.getTime() - state.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await this.sessions.touch(sessionId, now);
      state.lastSeenAt = now;
    }
  }

  /** Ends every session of `userId` (inside the caller's transaction): every device is signed out. */
  async endAll(userId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.endAllOf(userId, this.clock.now(), reason);
    this.db.announce(sessionsChanged(userId));
  }

  /** When each user last used the app (the newest `lastSeenAt` of their sessions). */
  lastSeenByUser(): Promise<Map<string, Date>> {
    return this.sessions.lastSeenByUser();
  }

  async end(sessionId: string, userId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.end(sessionId, userId, this.clock.now(), reason);
    this.db.announce(sessionsChanged(userId));
  }

  private issuePair(userId: string, sessionId: string): TokenPair {
    const access = this.tokens.sign('access', userId, sessionId);
    const refresh = this.tokens.sign('refresh', userId, sessionId);
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      accessExpiresAt: access.expiresAt,
      refreshExpiresAt: refresh.expiresAt,
    };
  }

  private endedError(reason: SessionEndReason | null) {
    if (reason === 'authenticator_reset') {
      return unauthorized('session_ended', text('auth.authenticatorReset'));
    }
    if (reason === 'replaced') {
      return unauthorized('session_replaced', text('auth.signedInElsewhere'));
    }
    return unauthorized('session_ended', text('auth.sessionEnded'));
  }
}

/** A user's sessions changed (one ended): their cached sign-in contexts are checked again. */
function sessionsChanged(userId: string): Change {
  return { householdId: null, userIds: [userId], kind: 'sessions' };
}
