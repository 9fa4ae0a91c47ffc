import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/**
 * The once-rules of notifications: a row is claimed (INSERT … ON CONFLICT DO NOTHING) before a
 * notification that may go out only once is sent, so it goes out once across restarts and
 * across several API processes. `about` says what it was about, e.g. `<funnel>:<period start>:80`
 * for nearLimit, `<local date>` for the daily reminder, `<fixed cost>:<due date>` for fixedCostDue.
 */
@Entity('push_sent')
export class PushSent {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  about: string;

  @Column({ name: 'sent_at', type: 'bigint', transformer: epochMs })
  sentAt: Date;
}
