import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Database } from '../database/database.service';
import { Session, SessionEndReason } from './session.entity';

/** Every query about signed-in devices. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  byId(id: string, userId: string): Promise<Session | null> {
    return this.db.manager.findOneBy(Session, { id, userId });
  }

  /** Whether the session has ended (and why), and when it was last seen: the check of every signed-in request. */
  async state(id: string, userId: string): Promise<{ endedAt: Date | null; endReason: SessionEndReason | null; lastSeenAt: Date } | null> {
    const [row] = await this.db.query<{ endedAt: number | string | null; endReason: SessionEndReason | null; lastSeenAt: number | string }>(
      'SELECT ended_at AS "endedAt", end_reason AS "endReason", last_seen_at AS "lastSeenAt" FROM sessions WHERE id = ? AND user_id = ?',
      [id, userId],
    );
    if (!row) return null;
    return { endedAt: row.endedAt === null ? null : new Date(Number(row.endedAt)), endReason: row.endReason, lastSeenAt: new Date(Number(row.lastSeenAt)) };
  }

  async insert(session: Session): Promise<void> {
    await this.db.manager.insert(Session, session);
  }

  /** Ends every active session of `userId`. */
  async endAllOf(userId: string, at: Date, reason: SessionEndReason): Promise<void> {
    await this.db.manager.update(Session, { userId, endedAt: IsNull() }, { endedAt: at, endReason: reason });
  }

  /** Ends the session if it is still active. */
  async end(id: string, userId: string, at: Date, reason: SessionEndReason): Promise<void> {
    await this.db.manager.update(Session, { id, userId, endedAt: IsNull() }, { endedAt: at, endReason: reason });
  }

  /**
   * Swaps the refresh token of an active session from `presentedHash` to `next.refreshHash`, in one
   * conditional UPDATE; whether it did (of two swaps with the same token exactly one does).
   */
  async rotateRefresh(
    id: string,
    userId: string,
    presentedHash: string,
    next: { refreshHash: string; refreshExpiresAt: Date; at: Date },
  ): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE sessions SET refresh_hash = ?, previous_refresh_hash = ?, rotated_at = ?, last_seen_at = ?, refresh_expires_at = ?
       WHERE id = ? AND user_id = ? AND refresh_hash = ? AND ended_at IS NULL`,
      [next.refreshHash, presentedHash, next.at.getTime(), next.at.getTime(), next.refreshExpiresAt.getTime(), id, userId, presentedHash],
    );
    return changed === 1;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.manager.update(Session, { id }, { lastSeenAt: at });
  }

  /** When each user last used the app (the newest `lastSeenAt` of their sessions). */
  async lastSeenByUser(): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ userId: string; lastSeen: number | string }>(
      'SELECT user_id AS "userId", MAX(last_seen_at) AS "lastSeen" FROM sessions GROUP BY user_id',
      [],
    );
    return new Map(rows.map((r) => [r.userId, new Date(Number(r.lastSeen))]));
  }
}
