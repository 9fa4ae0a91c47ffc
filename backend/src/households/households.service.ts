import { Locale, supportedLocale } from '../rules/locale';
import { randomInt, randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { sha256 } from '../common/crypto';
import { Database } from '../database/database.service';
import { FunnelsService } from '../funnels/funnels.service';
import { periodAt } from '../rules/period';
import { UsersService } from '../users/users.service';
import { HouseholdDto, InviteDto, InvitePreviewDto, UpdateHouseholdDto } from './dto/household.dto';
import { Household } from './household.entity';
import { HouseholdsRepository } from './households.repository';
import { text } from '../i18n/server-text';

export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_CURRENCY = 'EUR';
export const INVITE_TTL_MS = 48 * 60 * 60_000;
/** An operator's invite travels by hand (a message, a note), so it lives longer than a member's. */
export const OPERATOR_INVITE_TTL_MS = 7 * 24 * 60 * 60_000;
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export interface NewHousehold {
  name: string;
  timezone?: string;
  currency?: string;
  periodStartDay?: number;
}

/** Normalises what people type: case and dashes do not matter in an invite code. */
function inviteHash(code: string): string {
  return sha256(code.replace(/[-\s]/g, '').toUpperCase());
}

/** `K7M2-QX9P-4HTR`: 31 symbols without 0/O/1/I/L, about 59 bits. */
function newInviteCode(): string {
  return Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('')).join('-');
}

const HOUSEHOLD_NAMES: Readonly<Record<Locale, (username: string) => string>> = {
  en: (username) => `${username}'s household`,
  de: (username) => `Haushalt von ${username}`,
  ru: (username) => `Семья ${username}`,
  he: (username) => `משק הבית של ${username}`,
};

/** The name a new household starts with, in the language of the one who made it (English when unknown). */
export function householdName(username: string, locale?: string | null): string {
  return HOUSEHOLD_NAMES[supportedLocale(locale)](username);
}

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly users: UsersService,
    private readonly funnels: FunnelsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(init: NewHousehold): Promise<Household> {
    const household: Household = {
      id: randomUUID(),
      name: init.name.slice(0, 60),
      periodStartDay: init.periodStartDay ?? 1,
      timezone: init.timezone ?? DEFAULT_TIMEZONE,
      currency: init.currency ?? DEFAULT_CURRENCY,
      createdAt: this.clock.now(),
      countedFrom: null,
    };
    await this.households.insert(household);
    return household;
  }

  async get(user: AuthUser): Promise<HouseholdDto> {
    return this.describe(await this.householdOf(user));
  }

  async update(user: AuthUser, dto: UpdateHouseholdDto): Promise<HouseholdDto> {
    const { prorateFirstPeriod, ...settings } = dto;
    const changes: Partial<Household> = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
    if (prorateFirstPeriod !== undefined) {
      const household = await this.householdOf(user);
      changes.countedFrom = prorateFirstPeriod ? this.countFromToday(household, { ...household, ...changes }) : null;
    }
    if (Object.keys(changes).length > 0) {
      await this.households.update(user.householdId, changes);
      this.db.announce({ householdId: user.householdId, userIds: [], kind: 'household' });
    }
    return this.get(user);
  }

  /**
   * Today's start, from which a household that started in the middle of its first period counts
   * it (limits prorated). Only while that first period runs: later periods count in full.
   */
  private countFromToday(household: Household, settings: { periodStartDay: number; timezone: string }): Date {
    const now = this.clock.now();
    const current = periodAt(now, settings.periodStartDay, settings.timezone);
    if (household.createdAt.getTime() < current.start.getTime()) {
      throw new BadRequestException([text('household.firstPeriodOver', { field: 'prorateFirstPeriod' })]);
    }
    return current.todayStart;
  }

  async createInvite(user: AuthUser): Promise<InviteDto> {
    const now = this.clock.now();
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await this.households.insertInvite({
      id: randomUUID(),
      codeHash: inviteHash(code),
      householdId: user.householdId,
      createdBy: user.id,
      createdAt: now,
      expiresAt,
      usedAt: null,
      usedBy: null,
    });
    return { code, expiresAt };
  }

  /** A code from the operator that lets one person register into a new household of their own. */
  async createOperatorInvite(): Promise<InviteDto> {
    const now = this.clock.now();
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + OPERATOR_INVITE_TTL_MS);
    await this.households.insertOperatorInvite({ id: randomUUID(), codeHash: inviteHash(code), createdAt: now, expiresAt, usedAt: null, usedBy: null });
    return { code, expiresAt };
  }

  /**
   * What `code` leads to, for the page someone opens an invite link on: the household they
   * would join (its name, members and shared funnels), or a new one of their own. 404 for a
   * code that is unknown, used or expired. The code is the secret: whoever has it may see this.
   */
  async previewInvite(code: string): Promise<InvitePreviewDto> {
    const now = this.clock.now();
    const operatorInvite = await this.households.usableOperatorInvite(inviteHash(code), now);
    if (operatorInvite) return { kind: 'new-household', household: null, expiresAt: operatorInvite.expiresAt };
    const invite = await this.usableInvite(code, 'inviteCode');
    const household = await this.existing(invite.householdId);
    const [members, shared] = await Promise.all([this.users.membersOf(household.id), this.funnels.sharedOf(household.id)]);
    return {
      kind: 'household',
      household: { name: household.name, members: members.map((m) => m.username), sharedFunnels: shared.map((f) => `${f.emoji} ${f.name}`) },
      expiresAt: invite.expiresAt,
    };
  }

  /** 404 unless `code` is an unused, unexpired invite: a member's or the operator's. */
  async assertInviteUsable(code: string): Promise<void> {
    const operatorInvite = await this.households.usableOperatorInvite(inviteHash(code), this.clock.now());
    if (!operatorInvite) await this.usableInvite(code, 'inviteCode');
  }

  /**
   * Redeems the invite a registration came with (atomically: it works once): a member's invite
   * gives their household to join; the operator's gives null, a household of one's own.
   */
  async redeemRegistrationInvite(code: string, userId: string): Promise<Household | null> {
    if (await this.households.redeemOperatorInvite(inviteHash(code), userId, this.clock.now())) return null;
    return this.redeemInvite(code, userId, 'inviteCode');
  }

  /** Marks a member's invite used (atomically: it works once) and returns its household. */
  async redeemInvite(code: string, userId: string, field: string): Promise<Household> {
    const householdId = await this.households.redeemInvite(inviteHash(code), userId, this.clock.now());
    if (householdId === null) throw inviteNotFound(field);
    return this.existing(householdId);
  }

  /** Moves the caller into the invite's household; personal funnels and spendings come along. */
  async join(user: AuthUser, code: string): Promise<HouseholdDto> {
    const invite = await this.usableInvite(code, 'code');
    if (invite.householdId === user.householdId) throw new ConflictException(text('household.alreadyMember'));
    const household = await this.db.transaction(async () => {
      const target = await this.redeemInvite(code, user.id, 'code');
      await this.move(user, target.id);
      return target;
    });
    return this.describe(household);
  }

  /** Moves the caller into a new household of their own, with the same settings. */
  async leave(user: AuthUser): Promise<HouseholdDto> {
    const household = await this.db.transaction(async () => {
      const current = await this.householdOf(user);
      const fresh = await this.create({
        name: householdName(user.username, (await this.users.findById(user.id))?.locale),
        timezone: current.timezone,
        currency: current.currency,
        periodStartDay: current.periodStartDay,
      });
      await this.move(user, fresh.id);
      return fresh;
    });
    return this.describe(household);
  }

  /**
   * Nothing is lost in a move: personal funnels go with their owner, shared funnels stay with
   * the household (those the mover owned now belong to the longest-standing member who stays,
   * so someone there can still delete them), spendings stay in their funnels with their
   * author. A household left empty hands its shared funnels to its last member, as personal
   * ones, and is removed.
   */
  private async move(user: AuthUser, toHouseholdId: string): Promise<void> {
    const from = user.householdId;
    await this.funnels.movePersonalFunnels(user.id, from, toHouseholdId);
    await this.users.moveToHousehold(user.id, toHouseholdId);
    const [heir] = await this.users.membersOf(from);
    if (heir) {
      await this.funnels.handOverShared(from, user.id, heir.id);
    } else {
      await this.funnels.adoptSharedFunnels(from, user.id, toHouseholdId);
      await this.households.delete(from);
      this.db.announce({ householdId: from, userIds: [], kind: 'members' });
    }
  }

  private async usableInvite(code: string, field: string): Promise<{ householdId: string; expiresAt: Date }> {
    const invite = await this.households.usableInvite(inviteHash(code), this.clock.now());
    if (!invite) throw inviteNotFound(field);
    return invite;
  }

  /** The caller's household (it exists while they are signed in: a household is removed only when its last member leaves). */
  private householdOf(user: AuthUser): Promise<Household> {
    return this.existing(user.householdId);
  }

  private async existing(id: string): Promise<Household> {
    const household = await this.households.byId(id);
    if (!household) throw new NotFoundException(text('household.notFound'));
    return household;
  }

  private async describe(household: Household): Promise<HouseholdDto> {
    const members = await this.users.membersOf(household.id);
    const { id, name, periodStartDay, timezone, currency, countedFrom } = household;
    return { id, name, periodStartDay, timezone, currency, countedFrom, members: members.map((m) => ({ id: m.id, username: m.username })) };
  }
}

function inviteNotFound(field: string): NotFoundException {
  return new NotFoundException(text('household.inviteDead', { field }));
}
