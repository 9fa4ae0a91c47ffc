import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { deriveKey, hmacSha256 } from '../common/crypto';
import { RecoveryCodesRepository } from './recovery-codes.repository';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: codes are read off paper. 31 symbols ^ 12 ≈ 59 bits each. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** `ABCD-EFGH-JKMN`, case and dashes optional when typed. */
export const RECOVERY_CODE_PATTERN = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/;

/**
 * Single-use recovery codes. Only keyed hashes are stored (HMAC with a key derived from the
 * encryption key), so a copy of the database alone cannot be used to test guesses offline.
 */
@Injectable()
export class RecoveryCodesService {
  private readonly key: Buffer;

  constructor(
    private readonly codes: RecoveryCodesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = deriveKey(config.totpEncryptionKey, 'recovery-code-hmac');
  }

  /** Replaces the user's codes with a fresh batch (inside the caller's transaction); returns them in plain text, once. */
  async replace(userId: string): Promise<string[]> {
    const now = this.clock.now();
    const plain = Array.from({ length: RECOVERY_CODE_COUNT }, () => newCode());
    await this.codes.replaceAll(userId, plain.map((code) => ({ id: randomUUID(), userId, codeHash: this.hash(code), usedAt: null, createdAt: now })));
    return plain;
  }

  /** Every code of the user stops working (inside the caller's transaction). */
  async removeAll(userId: string): Promise<void> {
    await this.codes.replaceAll(userId, []);
  }

  /** Marks the code used if it is one of the user's unused codes; atomic, so it works once. */
  async consume(userId: string, code: string): Promise<boolean> {
    if (!RECOVERY_CODE_PATTERN.test(code)) return false;
    return this.codes.use(userId, this.hash(code), this.clock.now());
  }

  async remaining(userId: string): Promise<number> {
    return this.codes.unusedCount(userId);
  }

  private hash(code: string): string {
    return hmacSha256(this.key, code.replace(/-/g, '').toUpperCase());
  }
}

function newCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
