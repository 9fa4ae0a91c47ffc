import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/crypto';
import { Enrolment, EnrolmentPurpose } from './enrolment.entity';
import { SecretBox } from './secret-box';
import { newTotpSecret, totpUri } from './totp';

/** Long enough to scan a QR code calmly, short enough that an abandoned secret soon dies. */
export const ENROLMENT_TTL_MS = 15 * 60_000;
/** Wrong codes one enrolment tolerates before it must be started again. */
export const MAX_ENROLMENT_FAILURES = 5;
/** Associated data for sealed TOTP secrets (see SecretBox). */
export const TOTP_SECRET_PURPOSE = 'totp-secret';

export interface EnrolmentOffer {
  enrolmentToken: string;
  secret: string;
  otpauthUrl: string;
}

export interface OpenEnrolment {
  enrolment: Enrolment;
  secret: string;
}

/** TOTP secrets handed out and waiting for their first code. */
@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async create(
    purpose: EnrolmentPurpose,
    label: string,
    owner: { username?: string; userId?: string; inviteCode?: string },
  ): Promise<EnrolmentOffer> {
    const now = this.clock.now();
    await this.enrolments.delete({ expiresAt: LessThan(now) });
    const secret = newTotpSecret();
    const enrolmentToken = randomToken();
    await this.enrolments.insert({
      id: randomUUID(),
      tokenHash: sha256(enrolmentToken),
      purpose,
      username: owner.username ?? null,
      userId: owner.userId ?? null,
      inviteCode: owner.inviteCode ?? null,
      totpSecretSealed: this.box.seal(secret, TOTP_SECRET_PURPOSE),
      failedAttempts: 0,
      expiresAt: new Date(now.getTime() + ENROLMENT_TTL_MS),
    });
    return { enrolmentToken, secret, otpauthUrl: totpUri(secret, label) };
  }

  /** The unexpired enrolment behind `token` for this purpose, with its secret; null otherwise. */
  async find(token: string, purpose: EnrolmentPurpose): Promise<OpenEnrolment | null> {
    const enrolment = await this.enrolments.findOneBy({ tokenHash: sha256(token), purpose });
    if (!enrolment || enrolment.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    return { enrolment, secret: this.box.open(enrolment.totpSecretSealed, TOTP_SECRET_PURPOSE) };
  }

  /** Counts a wrong code; the enrolment dies after too many. */
  async recordFailure(enrolment: Enrolment): Promise<void> {
    if (enrolment.failedAttempts + 1 >= MAX_ENROLMENT_FAILURES) {
      await this.enrolments.delete({ id: enrolment.id });
    } else {
      await this.enrolments.increment({ id: enrolment.id }, 'failedAttempts', 1);
    }
  }

  /** Drops every enrolment of `userId` in progress (inside the caller's transaction). */
  async deleteForUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(Enrolment, { userId });
  }

  /** Removes the enrolment once it has served (inside the caller's transaction). */
  async consume(manager: EntityManager, enrolment: Enrolment): Promise<void> {
    await manager.delete(Enrolment, { id: enrolment.id });
  }
}
