import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/crypto';
import { AuthenticatorReset } from './authenticator-reset.entity';

/** Long enough for the operator to pass the link on and the person to find a quiet moment. */
export const RESET_TTL_MS = 24 * 60 * 60_000;

/** The operator's single-use links to a new authenticator (see AuthService.resetAuthenticator). */
@Injectable()
export class AuthenticatorResetsService {
  constructor(
    @InjectRepository(AuthenticatorReset) private readonly resets: Repository<AuthenticatorReset>,
    private readonly clock: Clock,
  ) {}

  /** A new link for `userId` (inside the caller's transaction); an earlier unused one stops working. */
  async create(manager: EntityManager, userId: string): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    await manager.delete(AuthenticatorReset, { userId, usedAt: IsNull() });
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await manager.insert(AuthenticatorReset, { id: randomUUID(), userId, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** The unused, unexpired reset behind `token`, or null. */
  findUsable(token: string): Promise<AuthenticatorReset | null> {
    return this.resets.findOneBy({ tokenHash: sha256(token), usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) });
  }

  /** Uses up the user's link (atomically: it works once); false when it was used or expired meanwhile. */
  async consume(manager: EntityManager, userId: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await manager.update(AuthenticatorReset, { userId, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    return (result.affected ?? 0) > 0;
  }
}
