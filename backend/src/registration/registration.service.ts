import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { EnrolmentDto, RegisteredDto, RegisterFinishDto, RegisterStartDto, RegistrationInfoDto } from '../auth/dto/auth.dto';
import { ClientInfo } from '../auth/client-info.decorator';
import { EnrolmentsService } from '../auth/enrolments.service';
import { RecoveryCodesService } from '../auth/recovery-codes.service';
import { SessionsService } from '../auth/sessions.service';
import { ThrottleService } from '../auth/throttle.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { FunnelsService } from '../funnels/funnels.service';
import { householdName, HouseholdsService } from '../households/households.service';
import { UsersService } from '../users/users.service';
import { text } from '../i18n/server-text';

/**
 * A new account: its household (a new one, or the one an invite leads to), its starter funnels,
 * its recovery codes and its first session, all made in one transaction. It builds on sign-in,
 * households, funnels and users, which is why it is a module of its own above them.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly households: HouseholdsService,
    private readonly funnels: FunnelsService,
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: SessionsService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly throttle: ThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether a new account can be made here now, and whether it needs an invite code. */
  async info(): Promise<RegistrationInfoDto> {
    const mode = this.config.registration;
    return { mode, inviteRequired: mode === 'invite' && (await this.users.any()) };
  }

  /**
   * Checked in this order so that each answer gives away only what the caller may know: the
   * per-IP count first, then whether this server takes registrations (403), then the invite
   * (404), and only then whether the username is taken (409).
   */
  async start(dto: RegisterStartDto, client: ClientInfo): Promise<EnrolmentDto> {
    await this.throttle.countRegistration(client.ip);
    await this.assertMayRegister(dto.inviteCode ?? null);
    if (dto.inviteCode) await this.households.assertInviteUsable(dto.inviteCode);
    if (await this.users.isTaken(dto.username)) throw usernameTaken();
    return this.enrolments.create('register', dto.username, { username: dto.username, inviteCode: dto.inviteCode });
  }

  async finish(dto: RegisterFinishDto, client: ClientInfo): Promise<RegisteredDto> {
    const open = await this.enrolments.prove(dto.enrolmentToken, dto.code, 'register', client);
    const username = open.enrolment.username!;
    return this.db.transaction(async () => {
      // Again, inside the transaction: two people racing for the first account of an empty
      // server both started freely, but only one of them may finish without an invite.
      await this.assertMayRegister(open.enrolment.inviteCode);
      if (await this.users.isTaken(username)) throw usernameTaken();
      const userId = randomUUID();
      const joined = open.enrolment.inviteCode ? await this.households.redeemRegistrationInvite(open.enrolment.inviteCode, userId) : null;
      const household = joined ?? (await this.households.create({ name: householdName(username, dto.locale), timezone: dto.timezone, currency: dto.currency }));
      await this.users.create({ id: userId, username, householdId: household.id, totpSecretSealed: open.enrolment.totpSecretSealed, lastTotpStep: open.step, locale: dto.locale ?? null });
      if (dto.starterFunnels ?? true) await this.funnels.createDefaults({ userId, householdId: household.id, household, locale: dto.locale });
      const recoveryCodes = await this.recoveryCodes.replace(userId);
      await this.enrolments.consume(open.enrolment);
      await this.throttle.registrationFinished(client.ip);
      const pair = await this.sessions.start(userId, client.userAgent);
      return { ...pair, recoveryCodes };
    });
  }

  /** 403 unless this server's REGISTRATION setting lets a new account in (with this invite code, if any). */
  private async assertMayRegister(inviteCode: string | null): Promise<void> {
    const mode = this.config.registration;
    if (mode === 'closed') {
      throw new ForbiddenException(text('auth.registrationClosed'));
    }
    if (mode === 'invite' && !inviteCode && (await this.users.any())) {
      throw new ForbiddenException(text('auth.registrationNeedsInvite'));
    }
  }
}

function usernameTaken(): ConflictException {
  return new ConflictException(text('auth.usernameTaken', { field: 'username' }));
}
