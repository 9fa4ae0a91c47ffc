import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

export type SessionEndReason = 'replaced' | 'logout' | 'refresh_reuse' | 'expired' | 'authenticator_reset';

/**
 * One signed-in device. A user has at most one session without `endedAt`: signing in
 * elsewhere ends the previous one (reason `replaced`).
 */
@Entity('sessions')
@Index('idx_sessions_user', ['userId', 'endedAt'])
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** SHA-256 of the refresh token that is valid now. */
  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  /** SHA-256 of the refresh token retired by the last rotation (for the benign-race grace). */
  @Column({ name: 'previous_refresh_hash', type: 'varchar', length: 64, nullable: true })
  previousRefreshHash: string | null;

  @Column({ name: 'rotated_at', type: 'bigint', nullable: true, transformer: epochMs })
  rotatedAt: Date | null;

  @Column({ name: 'refresh_expires_at', type: 'bigint', transformer: epochMs })
  refreshExpiresAt: Date;

  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs })
  startedAt: Date;

  @Column({ name: 'last_seen_at', type: 'bigint', transformer: epochMs })
  lastSeenAt: Date;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ name: 'ended_at', type: 'bigint', nullable: true, transformer: epochMs })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 20, nullable: true })
  endReason: SessionEndReason | null;
}
