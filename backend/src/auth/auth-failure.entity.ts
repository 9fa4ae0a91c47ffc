import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** One wrong sign-in code, kept 24 h for the per-username and per-IP limits. */
@Entity('auth_failures')
@Index('idx_auth_failures_username', ['usernameKey', 'at'])
@Index('idx_auth_failures_ip', ['ip', 'at'])
export class AuthFailure {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Lower-cased username tried, or '' for a wrong code during an enrolment (counts only per IP). */
  @Column({ name: 'username_key', type: 'varchar', length: 64 })
  usernameKey: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at: Date;
}
