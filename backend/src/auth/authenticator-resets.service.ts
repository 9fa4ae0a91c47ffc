import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/crypto';
import { AuthenticatorReset } from './authenticator-reset.entity';
import { AuthenticatorResetsRepository } from './authenticator-resets.repository';

/** Long enough for the operator to pass the link on and the person to find a quiet moment. */
export const RESET_TTL_MS = 24 * 60 * 60_000;

/** The operator's single-use links to a new authenticator (see AuthService.resetAuthenticator). */
@Injectable()
export class AuthenticatorResetsService {
  constructor(
    private readonly resets: AuthenticatorResetsRepository,
    private readonly clock: Clock,
  ) {}

  /** A new link for `userId` (inside the caller's transaction); an earlier unused one stops working. */
  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await this.resets.replaceUnused({ id: randomUUID(), userId, tokenHash: sha256(token), createdAt: now, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** The unused, unexpired reset behind `token`, or null. */
  findUsable(token: string): Promise<AuthenticatorReset | null> {
    return this.resets.usable(sha256(token), this.clock.now());
  }

  /** Uses up the user's link (atomically: it works once); false when it was used or expired meanwhile. */
  consume(userId: string): Promise<boolean> {
    return this.resets.use(userId, this.clock.now());
  }
}
