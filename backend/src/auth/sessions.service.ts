import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { unauthorized } from '../common/errors';
import { sha256 } from '../common/crypto';
import { Change } from '../database/change-feed';
import { Database } from '../database/database.service';
import { Session, SessionEndReason } from './session.entity';
import { TokensService } from './tokens.service';

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
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly tokens: TokensService,
    private readonly clock: Clock,
    private readonly db: Database,
  ) {}

  /**
   * Starts a session on a new device and ends the user's previous one at once: one active
   * device per user. Runs inside the caller's transaction.
   */
  async start(manager: EntityManager, userId: string, userAgent: string | null): Promise<TokenPair> {
    const now = this.clock.now();
    await manager.update(Session, { userId, endedAt: IsNull() }, { endedAt: now, endReason: 'replaced' });
    this.db.announce(sessionsChanged(userId));
    const sessionId = randomUUID();
    const pair = this.issuePair(userId, sessionId);
    await manager.insert(Session, {
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
    if (!claims) throw unauthorized('invalid_token', 'The refresh token is invalid or expired. Please sign in again.');
    const now = this.clock.now();
    const presentedHash = sha256(refreshToken);
    const pair = this.issuePair(claims.sub, claims.sid);
    const result = await this.sessions
      .createQueryBuilder()
      .update(Session)
      .set({
        refreshHash: sha256(pair.refreshToken),
        previousRefreshHash: presentedHash,
        rotatedAt: now,
        lastSeenAt: now,
        refreshExpiresAt: pair.refreshExpiresAt,
      })
      .where('id = :sid AND user_id = :userId AND refresh_hash = :presentedHash AND ended_at IS NULL', {
        sid: claims.sid,
        userId: claims.sub,
        presentedHash,
      })
      .execute();
    if (result.affected === 1) return pair;

    const session = await this.sessions.findOneBy({ id: claims.sid, userId: claims.sub });
    if (!session || session.endedAt) throw this.endedError(session?.endReason ?? null);
    const justRotated =
      session.previousRefreshHash === presentedHash &&
      session.rotatedAt !== null &&
      now.getTime() - session.rotatedAt.getTime() <= REFRESH_REUSE_GRACE_MS;
    if (justRotated) {
      throw unauthorized('refresh_race', 'This refresh token was just used by another request; use the newer tokens.');
    }
    await this.end(session.id, session.userId, 'refresh_reuse');
    throw unauthorized('refresh_reused', 'This refresh token was already used, so the session was ended for safety. Please sign in again.');
  }

  /** The active session `sessionId` of `userId`; a 401 explaining why when there is none. */
  async requireActive(sessionId: string, userId: string): Promise<Session> {
    const session = await this.sessions.findOneBy({ id: sessionId, userId });
    if (!session || session.endedAt) throw this.endedError(session?.endReason ?? null);
    const now = this.clock.now();
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return session;
  }

  /** Ends every session of `userId` (inside the caller's transaction): every device is signed out. */
  async endAll(manager: EntityManager, userId: string, reason: SessionEndReason): Promise<void> {
    await manager.update(Session, { userId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason });
    this.db.announce(sessionsChanged(userId));
  }

  /** When each user last used the app (the newest `lastSeenAt` of their sessions). */
  async lastSeenByUser(): Promise<Map<string, Date>> {
    const rows = await this.sessions
      .createQueryBuilder('s')
      .select('s.user_id', 'userId')
      .addSelect('MAX(s.last_seen_at)', 'lastSeen')
      .groupBy('s.user_id')
      .getRawMany<{ userId: string; lastSeen: number | string }>();
    return new Map(rows.map((r) => [r.userId, new Date(Number(r.lastSeen))]));
  }

  async end(sessionId: string, userId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.update({ id: sessionId, userId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason });
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
      return unauthorized('session_ended', 'Your authenticator was reset by the person who runs this server: open the link they gave you to set up a new one.');
    }
    if (reason === 'replaced') {
      return unauthorized('session_replaced', 'You signed in on another device, so this device was signed out.');
    }
    return unauthorized('session_ended', 'This session has ended. Please sign in again.');
  }
}

/** A user's sessions changed (one ended): their cached sign-in contexts are checked again. */
function sessionsChanged(userId: string): Change {
  return { householdId: null, userIds: [userId], kind: 'sessions' };
}
