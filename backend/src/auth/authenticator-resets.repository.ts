import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import { Database } from '../database/database.service';
import { AuthenticatorReset } from './authenticator-reset.entity';

/** Every query about the operator's links to a new authenticator. */
@Injectable()
export class AuthenticatorResetsRepository {
  constructor(private readonly db: Database) {}

  /** Stores a new link for its user; an earlier unused one is dropped. */
  async replaceUnused(reset: AuthenticatorReset): Promise<void> {
    await this.db.manager.delete(AuthenticatorReset, { userId: reset.userId, usedAt: IsNull() });
    await this.db.manager.insert(AuthenticatorReset, reset);
  }

  usable(tokenHash: string, now: Date): Promise<AuthenticatorReset | null> {
    return this.db.manager.findOneBy(AuthenticatorReset, { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Marks the user's usable link used; whether there was one (atomic: it works once). */
  async use(userId: string, now: Date): Promise<boolean> {
    const result = await this.db.manager.update(AuthenticatorReset, { userId, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    return (result.affected ?? 0) > 0;
  }
}
