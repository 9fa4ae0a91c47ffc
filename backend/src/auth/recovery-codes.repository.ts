import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Database } from '../database/database.service';
import { RecoveryCode } from './recovery-code.entity';

/** Every query about single-use recovery codes (stored as keyed hashes). */
@Injectable()
export class RecoveryCodesRepository {
  constructor(private readonly db: Database) {}

  async replaceAll(userId: string, codes: RecoveryCode[]): Promise<void> {
    await this.db.manager.delete(RecoveryCode, { userId });
    if (codes.length > 0) await this.db.manager.insert(RecoveryCode, codes);
  }

  /** Marks the user's unused code with this hash used; whether there was one (atomic: it works once). */
  async use(userId: string, codeHash: string, at: Date): Promise<boolean> {
    const result = await this.db.manager.update(RecoveryCode, { userId, codeHash, usedAt: IsNull() }, { usedAt: at });
    return result.affected === 1;
  }

  unusedCount(userId: string): Promise<number> {
    return this.db.manager.countBy(RecoveryCode, { userId, usedAt: IsNull() });
  }
}
