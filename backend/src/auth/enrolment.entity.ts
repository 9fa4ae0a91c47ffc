import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** A registration, a signed-in user replacing the authenticator, or a reset link from the operator being used. */
export type EnrolmentPurpose = 'register' | 'reenrol' | 'reset';

/**
 * A TOTP secret handed to the user and not yet proven with a code: a registration in
 * progress, or a signed-in user replacing their authenticator.
 */
@Entity('enrolments')
export class Enrolment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** SHA-256 of the enrolment token given to the client. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: EnrolmentPurpose;

  /** For a registration: the username asked for. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  username: string | null;

  /** For a re-enrolment: whose authenticator is replaced. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'invite_code', type: 'varchar', length: 64, nullable: true })
  inviteCode: string | null;

  @Column({ name: 'totp_secret_sealed', type: 'varchar', length: 255 })
  totpSecretSealed: string;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt: Date;
}
