import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/crypto';
import { Enrolment, EnrolmentPurpose } from './enrolment.entity';
import { EnrolmentsRepository } from './enrolments.repository';
import { ClientInfo } from './client-info.decorator';
import { SecretBox } from './secret-box';
import { ThrottleService } from './throttle.service';
import { matchTotp, newTotpSecret, totpUri } from './totp';
import { text } from '../i18n/server-text';

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
    private readonly enrolments: EnrolmentsRepository,
    private readonly box: SecretBox,
    private readonly throttle: ThrottleService,
    private readonly clock: Clock,
  ) {}

  /**
   * The enrolment behind `token`, once `code` proves the user's authenticator holds its
   * secret. Wrong codes count against the enrolment and against the client's IP.
   */
  async prove(token: string, code: string, purpose: EnrolmentPurpose, client: ClientInfo, userId?: string): Promise<OpenEnrolment & { step: number }> {
    await this.throttle.assertIpAllowed(client.ip);
    const open = await this.find(token, purpose);
    if (!open || (userId !== undefined && open.enrolment.userId !== userId)) {
      throw new BadRequestException(text('auth.enrolmentExpired', { field: 'enrolmentToken' }));
    }
    const step = matchTotp(open.secret, code, this.clock.now(), null);
    if (step === null) {
      await this.recordFailure(open.enrolment);
      await this.throttle.recordFailure(null, client.ip);
      throw new BadRequestException(text('auth.codeMismatch', { field: 'code' }));
    }
    return { ...open, step };
  }

  async create(
    purpose: EnrolmentPurpose,
    label: string,
    owner: { username?: string; userId?: string; inviteCode?: string },
  ): Promise<EnrolmentOffer> {
    const now = this.clock.now();
    await this.enrolments.deleteExpired(now);
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
    const enrolment = await this.enrolments.byTokenHash(sha256(token), purpose);
    if (!enrolment || enrolment.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    return { enrolment, secret: this.box.open(enrolment.totpSecretSealed, TOTP_SECRET_PURPOSE) };
  }

  /** Counts a wrong code; the enrolment dies after too many. */
  async recordFailure(enrolment: Enrolment): Promise<void> {
    if (enrolment.failedAttempts + 1 >= MAX_ENROLMENT_FAILURES) {
      await this.enrolments.delete(enrolment.id);
    } else {
      await this.enrolments.countFailure(enrolment.id);
    }
  }

  /** Drops every enrolment of `userId` in progress (inside the caller's transaction). */
  async deleteForUser(userId: string): Promise<void> {
    await this.enrolments.deleteOfUser(userId);
  }

  /** Removes the enrolment once it has served (inside the caller's transaction). */
  async consume(enrolment: Enrolment): Promise<void> {
    await this.enrolments.delete(enrolment.id);
  }
}
