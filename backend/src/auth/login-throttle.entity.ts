import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** Consecutive wrong codes for a username (known or not), reset by a successful sign-in. */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ name: 'username_key', type: 'varchar', length: 64 })
  usernameKey: string;

  @Column({ name: 'consecutive_failures', type: 'integer' })
  consecutiveFailures: number;

  @Column({ name: 'last_failure_at', type: 'bigint', transformer: epochMs })
  lastFailureAt: Date;
}
