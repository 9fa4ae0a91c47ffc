import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** One `register/start` from a client IP, kept a day for the per-IP registration limits. */
@Entity('registration_attempts')
@Index('idx_registration_attempts_ip', ['ip', 'at'])
export class RegistrationAttempt {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at: Date;
}
