import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/**
 * One device's push subscription: at most one per session, and it dies with the session (a
 * foreign key with ON DELETE CASCADE, and sending only through sessions that are still active;
 * subscriptions of ended sessions are deleted by the scheduler). An endpoint belongs to one
 * session at a time: a device that signs in as someone else stops receiving the first person's
 * notifications.
 */
@Entity('push_subscriptions')
@Index('idx_push_subscriptions_user', ['userId'])
@Index('idx_push_subscriptions_endpoint', ['endpoint'], { unique: true })
export class PushSubscription {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The push service's URL for this device (https, public address: see endpoint-rules.ts). */
  @Column({ type: 'varchar', length: 2048 })
  endpoint: string;

  /** The browser's P-256 ECDH public key, base64url (RFC 8291 `ua_public`). */
  @Column({ type: 'varchar', length: 100 })
  p256dh: string;

  /** The browser's 16-byte authentication secret, base64url. */
  @Column({ type: 'varchar', length: 32 })
  auth: string;

  @Column({ name: 'near_limit', type: 'boolean' })
  nearLimit: boolean;

  @Column({ name: 'member_spent', type: 'boolean' })
  memberSpent: boolean;

  @Column({ name: 'fixed_cost_due', type: 'boolean' })
  fixedCostDue: boolean;

  /** `HH:MM` in the household's time zone, or null for no reminder. */
  @Column({ name: 'daily_reminder', type: 'varchar', length: 5, nullable: true })
  dailyReminder: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: Date;
}
