import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { unauthorized } from '../common/errors';
import { Database } from '../database/database.service';
import { FunnelsService } from '../funnels/funnels.service';
import { householdName, HouseholdsService } from '../households/households.service';
import { UsersService, usernameKey } from '../users/users.service';
import { AuthUser } from './auth-user';
import {
  EnrolmentDto,
  EnrolmentProofDto,
  LoginDto,
  RegisterFinishDto,
  RegisterStartDto,
  RegisteredDto,
  RegistrationInfoDto,
  ResetStartDto,
  TokenPairDto,
  TotpFinishDto,
} from './dto/auth.dto';
import { EnrolmentsService, OpenEnrolment, TOTP_SECRET_PURPOSE } from './enrolments.service';
import { RecoveryCodesService } from './recovery-codes.service';
import { SecretBox } from './secret-box';
import { SessionsService } from './sessions.service';
import { ThrottleService } from './throttle.service';
import { AuthenticatorResetsService } from './authenticator-resets.service';
import { matchTotp, newTotpSecret } from './totp';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const WRONG_CREDENTIALS = 'Unknown username or wrong code.';

/** Registration, sign-in and authenticator management: the flows, on top of the smaller services. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly households: HouseholdsService,
    private readonly funnels: FunnelsService,
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: SessionsService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly throttle: ThrottleService,
    private readonly resets: AuthenticatorResetsService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether a new account can be made here now, and whether it needs an invite code. */
  async registrationInfo(): Promise<RegistrationInfoDto> {
    const mode = this.config.registration;
    return { mode, inviteRequired: mode === 'invite' && (await this.users.any()) };
  }

  /**
   * Checked in this order so that each answer gives away only what the caller may know: the
   * per-IP count first, then whether this server takes registrations (403), then the invite
   * (404), and only then whether the username is taken (409).
   */
  async startRegistration(dto: RegisterStartDto, client: ClientInfo): Promise<EnrolmentDto> {
    await this.throttle.countRegistration(client.ip);
    await this.assertMayRegister(dto.inviteCode ?? null);
    if (dto.inviteCode) await this.households.assertInviteUsable(dto.inviteCode);
    if (await this.users.isTaken(dto.username)) throw usernameTaken();
    return this.enrolments.create('register', dto.username, { username: dto.username, inviteCode: dto.inviteCode });
  }

  async finishRegistration(dto: RegisterFinishDto, client: ClientInfo): Promise<RegisteredDto> {
    const open = await this.provenEnrolment(dto.enrolmentToken, dto.code, 'register', client);
    const username = open.enrolment.username!;
    return this.db.transaction(async (manager) => {
      // Again, inside the transaction: two people racing for the first account of an empty
      // server both started freely, but only one of them may finish without an invite.
      await this.assertMayRegister(open.enrolment.inviteCode, manager);
      if (await this.users.isTaken(username, manager)) throw usernameTaken();
      const userId = randomUUID();
      const joined = open.enrolment.inviteCode ? await this.households.redeemRegistrationInvite(manager, open.enrolment.inviteCode, userId) : null;
      const household = joined ?? (await this.households.create(manager, { name: householdName(username), timezone: dto.timezone, currency: dto.currency }));
      await this.users.create(manager, {
        id: userId,
        username,
        householdId: household.id,
        totpSecretSealed: open.enrolment.totpSecretSealed,
        lastTotpStep: open.step,
      });
      if (dto.starterFunnels ?? true) await this.funnels.createDefaults(manager, { userId, householdId: household.id, household });
      const recoveryCodes = await this.recoveryCodes.replace(manager, userId);
      await this.enrolments.consume(manager, open.enrolment);
      await this.throttle.registrationFinished(manager, client.ip);
      const pair = await this.sessions.start(manager, userId, client.userAgent);
      return { ...pair, recoveryCodes };
    });
  }

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
      throw unauthorized('invalid_credentials', WRONG_CREDENTIALS);
    }
    await this.throttle.recordSuccess(key);
    const pair = await this.db.transaction((manager) => this.sessions.start(manager, user.id, client.userAgent));
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
    const open = await this.provenEnrolment(dto.enrolmentToken, dto.code, 'reenrol', client, user.id);
    await this.db.transaction(async (manager) => {
      await this.users.replaceTotpSecret(manager, user.id, open.enrolment.totpSecretSealed, open.step);
      await this.enrolments.consume(manager, open.enrolment);
    });
  }

  /**
   * For someone who lost both their authenticator and their recovery codes (the operator runs
   * this): every device is signed out, the old authenticator and recovery codes stop working at
   * once, and a single-use link, valid 24 hours, leads to enrolling a new authenticator.
   */
  async resetAuthenticator(username: string): Promise<{ username: string; token: string; expiresAt: Date }> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundException(`There is no user called "${username}"`);
    return this.db.transaction(async (manager) => {
      await this.sessions.endAll(manager, user.id, 'authenticator_reset');
      // A secret nobody has: codes of the lost phone no longer sign in.
      await this.users.replaceTotpSecret(manager, user.id, this.box.seal(newTotpSecret(), TOTP_SECRET_PURPOSE), 0);
      await this.recoveryCodes.removeAll(manager, user.id);
      await this.enrolments.deleteForUser(manager, user.id);
      return { username: user.username, ...(await this.resets.create(manager, user.id)) };
    });
  }

  /** Step 1 of using a reset link: a fresh secret for the new authenticator. */
  async startReset(dto: ResetStartDto, client: ClientInfo): Promise<EnrolmentDto> {
    await this.throttle.assertIpAllowed(client.ip);
    const reset = await this.resets.findUsable(dto.resetToken);
    const user = reset ? await this.users.findById(reset.userId) : null;
    if (!reset || !user) {
      await this.throttle.recordFailure(null, client.ip);
      throw new BadRequestException('This reset link is unknown, used or expired; ask the person who runs the server for a new link.');
    }
    return this.enrolments.create('reset', user.username, { userId: user.id });
  }

  /** Step 2: one code proves the new authenticator; this device is signed in, with new recovery codes. */
  async finishReset(dto: EnrolmentProofDto, client: ClientInfo): Promise<RegisteredDto> {
    const open = await this.provenEnrolment(dto.enrolmentToken, dto.code, 'reset', client);
    const userId = open.enrolment.userId!;
    return this.db.transaction(async (manager) => {
      if (!(await this.resets.consume(manager, userId))) {
        throw new BadRequestException('This reset link is unknown, used or expired; ask the person who runs the server for a new link.');
      }
      await this.users.replaceTotpSecret(manager, userId, open.enrolment.totpSecretSealed, open.step);
      const recoveryCodes = await this.recoveryCodes.replace(manager, userId);
      await this.enrolments.consume(manager, open.enrolment);
      const pair = await this.sessions.start(manager, userId, client.userAgent);
      return { ...pair, recoveryCodes };
    });
  }

  async regenerateRecoveryCodes(user: AuthUser): Promise<string[]> {
    return this.db.transaction((manager) => this.recoveryCodes.replace(manager, user.id));
  }

  /** 403 unless this server's REGISTRATION setting lets a new account in (with this invite code, if any). */
  private async assertMayRegister(inviteCode: string | null, manager?: EntityManager): Promise<void> {
    const mode = this.config.registration;
    if (mode === 'closed') {
      throw new ForbiddenException('Registration on this server is closed; ask the person who runs it to make your account.');
    }
    if (mode === 'invite' && !inviteCode && (await this.users.any(manager))) {
      throw new ForbiddenException('Registration on this server needs an invite code: ask a member of your family for an invite link (Settings → Household → Create invite link).');
    }
  }

  /**
   * The enrolment behind `token`, once `code` proves the user's authenticator holds its
   * secret. Wrong codes count against the enrolment and against the client's IP.
   */
  private async provenEnrolment(
    token: string,
    code: string,
    purpose: 'register' | 'reenrol' | 'reset',
    client: ClientInfo,
    userId?: string,
  ): Promise<OpenEnrolment & { step: number }> {
    await this.throttle.assertIpAllowed(client.ip);
    const open = await this.enrolments.find(token, purpose);
    if (!open || (userId !== undefined && open.enrolment.userId !== userId)) {
      throw new BadRequestException('enrolmentToken is unknown or expired; start again');
    }
    const step = matchTotp(open.secret, code, this.clock.now(), null);
    if (step === null) {
      await this.enrolments.recordFailure(open.enrolment);
      await this.throttle.recordFailure(null, client.ip);
      throw new BadRequestException('code does not match the authenticator; check that the phone shows the right time and try the current code');
    }
    return { ...open, step };
  }
}

function usernameTaken(): ConflictException {
  return new ConflictException('username is already taken; choose another');
}
