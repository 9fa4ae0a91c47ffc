import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../common/clock';
import { unauthorized } from '../common/errors';
import { Database } from '../database/database.service';
import { UsersService, usernameKey } from '../users/users.service';
import { AuthUser } from './auth-user';
import {
  EnrolmentDto,
  EnrolmentProofDto,
  LoginDto,
  RegisteredDto,
  ResetStartDto,
  TokenPairDto,
  TotpFinishDto,
} from './dto/auth.dto';
import { ClientInfo } from './client-info.decorator';
import { EnrolmentsService, TOTP_SECRET_PURPOSE } from './enrolments.service';
import { RecoveryCodesService } from './recovery-codes.service';
import { SecretBox } from './secret-box';
import { SessionsService } from './sessions.service';
import { ThrottleService } from './throttle.service';
import { AuthenticatorResetsService } from './authenticator-resets.service';
import { matchTotp, newTotpSecret } from './totp';
import { text } from '../i18n/server-text';

/** Sign-in and authenticator management: the flows, on top of the smaller services (registration is its own module). */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: SessionsService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly throttle: ThrottleService,
    private readonly resets: AuthenticatorResetsService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto, client: ClientInfo): Promise<TokenPairDto> {
    const key = usernameKey(dto.username);
    await this.throttle.assertAllowed(key, client.ip);
    const user = await this.users.findByUsername(dto.username);
    let accepted = false;
    let usedRecoveryCode = false;
    if (user && /^\d{6}$/.test(dto.code)) {
      const secret = this.box.open(user.totpSecretSealed, TOTP_SECRET_PURPOSE);
      const step = matchTotp(secret, dto.code, this.clock.now(), user.lastTotpStep);
      accepted = step !== null && (await this.users.acceptTotpStep(user.id, step));
    } else if (user) {
      accepted = usedRecoveryCode = await this.recoveryCodes.consume(user.id, dto.code);
    }
    if (!user || !accepted) {
      await this.throttle.recordFailure(key, client.ip);
      throw unauthorized('invalid_credentials', text('auth.wrongCredentials'));
    }
    await this.throttle.recordSuccess(key);
    const pair = await this.db.transaction(() => this.sessions.start(user.id, client.userAgent));
    return usedRecoveryCode ? { ...pair, mustReenrol: true } : pair;
  }

  refresh(refreshToken: string): Promise<TokenPairDto> {
    return this.sessions.rotate(refreshToken);
  }

  logout(user: AuthUser): Promise<void> {
    return this.sessions.end(user.sessionId, user.id, 'logout');
  }

  startReenrolment(user: AuthUser): Promise<EnrolmentDto> {
    return this.enrolments.create('reenrol', user.username, { userId: user.id });
  }

  async finishReenrolment(user: AuthUser, dto: TotpFinishDto, client: ClientInfo): Promise<void> {
    const open = await this.enrolments.prove(dto.enrolmentToken, dto.code, 'reenrol', client, user.id);
    await this.db.transaction(async () => {
      await this.users.replaceTotpSecret(user.id, open.enrolment.totpSecretSealed, open.step);
      await this.enrolments.consume(open.enrolment);
    });
  }

  /**
   * For someone who lost both their authenticator and their recovery codes (the operator runs
   * this): every device is signed out, the old authenticator and recovery codes stop working at
   * once, and a single-use link, valid 24 hours, leads to enrolling a new authenticator.
   */
  async resetAuthenticator(username: string): Promise<{ username: string; token: string; expiresAt: Date }> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundException(text('auth.noSuchUser', { username }));
    return this.db.transaction(async () => {
      await this.sessions.endAll(user.id, 'authenticator_reset');
      // A secret nobody has: codes of the lost phone no longer sign in.
      await this.users.replaceTotpSecret(user.id, this.box.seal(newTotpSecret(), TOTP_SECRET_PURPOSE), 0);
      await this.recoveryCodes.removeAll(user.id);
      await this.enrolments.deleteForUser(user.id);
      return { username: user.username, ...(await this.resets.create(user.id)) };
    });
  }

  /** Step 1 of using a reset link: a fresh secret for the new authenticator. */
  async startReset(dto: ResetStartDto, client: ClientInfo): Promise<EnrolmentDto> {
    await this.throttle.assertIpAllowed(client.ip);
    const reset = await this.resets.findUsable(dto.resetToken);
    const user = reset ? await this.users.findById(reset.userId) : null;
    if (!reset || !user) {
      await this.throttle.recordFailure(null, client.ip);
      throw new BadRequestException(text('auth.resetLinkDead'));
    }
    return this.enrolments.create('reset', user.username, { userId: user.id });
  }

  /** Step 2: one code proves the new authenticator; this device is signed in, with new recovery codes. */
  async finishReset(dto: EnrolmentProofDto, client: ClientInfo): Promise<RegisteredDto> {
    const open = await this.enrolments.prove(dto.enrolmentToken, dto.code, 'reset', client);
    const userId = open.enrolment.userId!;
    return this.db.transaction(async () => {
      if (!(await this.resets.consume(userId))) {
        throw new BadRequestException(text('auth.resetLinkDead'));
      }
      await this.users.replaceTotpSecret(userId, open.enrolment.totpSecretSealed, open.step);
      const recoveryCodes = await this.recoveryCodes.replace(userId);
      await this.enrolments.consume(open.enrolment);
      const pair = await this.sessions.start(userId, client.userAgent);
      return { ...pair, recoveryCodes };
    });
  }

  async regenerateRecoveryCodes(user: AuthUser): Promise<string[]> {
    return this.db.transaction(() => this.recoveryCodes.replace(user.id));
  }
}
