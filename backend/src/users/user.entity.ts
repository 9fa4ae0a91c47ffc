import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber, epochMs } from '../database/columns';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** As the user typed it (case kept for display). */
  @Column({ type: 'varchar', length: 32 })
  username: string;

  /** Lower-cased username: unique, used for look-ups, so "Anna" and "anna" are one account. */
  @Column({ name: 'username_key', type: 'varchar', length: 32, unique: true })
  usernameKey: string;

  /** The household the user belongs to (households.id; the foreign key is in the migrations). */
  @Column({ name: 'household_id', type: 'varchar', length: 36 })
  householdId: string;


  /** AES-256-GCM sealed TOTP secret (see SecretBox); never the plain secret. */
  @Column({ name: 'totp_secret_sealed', type: 'varchar', length: 255 })
  totpSecretSealed: string;

  /** The last TOTP time step accepted: a code from this step or an earlier one is a replay. */
  @Column({ name: 'last_totp_step', type: 'bigint', nullable: true, transformer: bigintNumber })
  lastTotpStep: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;

  /** The language the user chose (rules/locale.ts); null until they chose one (English for the server's texts). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  locale: string | null;
}
