import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { ChangeCache } from '../database/change-cache';
import { Change, ChangeFeed, ChangeKind } from '../database/change-feed';
import { Database } from '../database/database.service';
import { HouseholdSettings } from '../rules/household-settings';
import { Locale, supportedLocale } from '../rules/locale';
import { toMajor, toMinor } from '../rules/money';
import { periodAt } from '../rules/period';
import { seenBy, Viewer } from '../rules/visibility';
import { UsersService } from '../users/users.service';
import { FunnelDto, FunnelInputDto } from './dto/funnel.dto';
import { Funnel } from './funnel.entity';
import { FunnelsRepository } from './funnels.repository';
import { text } from '../i18n/server-text';

/** What every new user starts with. */
export const DEFAULT_FUNNELS = [
  { name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2000 }, // orange
  { name: 'Misc', emoji: '🛍️', color: '#48d1cc', limit: 2000 }, // mediumturquoise
] as const;

/** The names of the starter funnels in the language of the one registering (Food, Misc in English). */
const DEFAULT_FUNNEL_NAMES: Readonly<Record<Locale, readonly [string, string]>> = {
  en: ['Food', 'Misc'],
  de: ['Essen', 'Sonstiges'],
  ru: ['Еда', 'Разное'],
  he: ['אוכל', 'שונות'],
};

/**
 * Who sees figures of `funnel` change when it or its spendings do: the whole household for a
 * shared funnel, its owner alone for a personal one.
 */
export function funnelChange(funnel: Pick<Funnel, 'householdId' | 'shared' | 'ownerId'>, kind: ChangeKind): Change {
  return { ...seenBy(funnel), kind };
}

export function funnelNotFound(): NotFoundException {
  return new NotFoundException(text('funnel.notFound'));
}

@Injectable()
export class FunnelsService {
  private readonly visibleCache: ChangeCache<{ householdId: string; funnels: readonly Funnel[] }>;

  constructor(
    private readonly funnels: FunnelsRepository,
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly clock: Clock,
    feed: ChangeFeed,
  ) {
    // Spendings and settings do not change which funnels one sees.
    this.visibleCache = new ChangeCache(feed, ['funnels', 'members']);
  }

  async list(user: AuthUser): Promise<FunnelDto[]> {
    const funnels = await this.visible(user);
    const counts = await this.funnels.spendingCounts(funnels.map((f) => f.id));
    return funnels.map((f) => toDto(f, counts.get(f.id) ?? 0));
  }

  async get(user: AuthUser, id: string): Promise<FunnelDto> {
    const funnel = await this.findVisible(user, id);
    const counts = await this.funnels.spendingCounts([id]);
    return toDto(funnel, counts.get(id) ?? 0);
  }

  /** The funnel if `user` may see it; otherwise 404, exactly as if it did not exist. */
  async findVisible(viewer: Viewer, id: string): Promise<Funnel> {
    const funnel = await this.funnels.visibleById(viewer, id);
    if (!funnel) throw funnelNotFound();
    return funnel;
  }

  /**
   * Every funnel `user` may see (for budgets and spending queries), in their order. Kept per
   * user until the change feed announces a change of funnels or members of their household or
   * of them: another family's writes keep it, and so do spendings. The funnels are frozen, as they
   * are shared between requests.
   */
  async visible(user: Viewer): Promise<readonly Funnel[]> {
    const cached = this.visibleCache.get(user.id, (c) => c.householdId === user.householdId);
    if (cached) return cached.funnels;
    const fresh = await this.visibleCache.remember(user.id, async () => ({
      householdId: user.householdId,
      funnels: (await this.funnels.visibleTo(user)).map((f) => Object.freeze(f)),
    }), () => ({ householdId: user.householdId, userIds: [user.id] }));
    return fresh.funnels;
  }

  async create(user: AuthUser, dto: FunnelInputDto): Promise<FunnelDto> {
    const funnel = await this.db.transaction(() =>
      this.insert({ householdId: user.householdId, ownerId: user.id, household: user.household }, { ...dto, shared: dto.shared ?? false }),
    );
    return toDto(funnel, 0);
  }

  /**
   * Every member who sees a funnel may change its name, emoji, colour and limit; only the
   * owner may make a shared funnel personal (see `assertOwnerOfShared`).
   */
  async update(user: AuthUser, id: string, dto: FunnelInputDto): Promise<FunnelDto> {
    const updated = await this.db.transaction(async () => {
      const funnel = await this.findVisible(user, id);
      const shared = dto.shared ?? funnel.shared;
      if (funnel.shared && !shared) await this.assertOwnerOfShared(user, funnel, 'funnel.onlyOwnerMakesPersonal');
      const limitMinor = toMinor(dto.limit);
      const rollover = dto.rollover ?? funnel.rollover;
      if (limitMinor !== funnel.limitMinor || rollover !== funnel.rollover) {
        await this.funnels.setTermsFrom(id, this.currentPeriodStart(user.household), { limitMinor, rollover });
      }
      const changes: Partial<Funnel> = { name: dto.name, emoji: dto.emoji, color: dto.color.toLowerCase(), limitMinor, rollover, shared };
      await this.funnels.update(id, changes);
      // Who saw it before and who sees it now (they differ when its sharing changed).
      this.db.announce(funnelChange(funnel, 'funnels'));
      if (shared !== funnel.shared) this.db.announce(funnelChange({ ...funnel, shared }, 'funnels'));
      return { ...funnel, ...changes };
    });
    const counts = await this.funnels.spendingCounts([id]);
    return toDto(updated, counts.get(id) ?? 0);
  }

  /**
   * Deletes the funnel; its spendings and limits go with it (ON DELETE CASCADE), in one
   * statement. A shared funnel only by its owner.
   */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const funnel = await this.findVisible(user, id);
      if (funnel.shared) await this.assertOwnerOfShared(user, funnel, 'funnel.onlyOwnerDeletes');
      await this.funnels.delete(id);
      this.db.announce(funnelChange(funnel, 'funnels'));
    });
  }

  /**
   * A shared funnel is the family's: any member may spend from it and edit it, but deleting it
   * (with everyone's spendings) or making it personal (hiding it from everyone else) is up to
   * the member who owns it. Everyone else gets a 403 that says who that is.
   */
  private async assertOwnerOfShared(user: AuthUser, funnel: Funnel, refusal: 'funnel.onlyOwnerDeletes' | 'funnel.onlyOwnerMakesPersonal'): Promise<void> {
    if (funnel.ownerId === user.id) return;
    const owner = (await this.users.findById(funnel.ownerId))?.username;
    if (owner === undefined) throw new ForbiddenException(text(refusal === 'funnel.onlyOwnerDeletes' ? 'funnel.onlyItsOwnerDeletes' : 'funnel.onlyItsOwnerMakesPersonal', { name: funnel.name }));
    throw new ForbiddenException(text(refusal, { name: funnel.name, owner }));
  }

  /** The shared funnels of a household, in display order (what a newcomer will spend from). */
  sharedOf(householdId: string): Promise<Funnel[]> {
    return this.funnels.sharedOf(householdId);
  }

  /** A personal funnel made inside the caller's transaction (e.g. by an import). */
  createInTransaction(user: AuthUser, input: { name: string; emoji: string; color: string; limit: number; shared: boolean }): Promise<Funnel> {
    return this.insert({ householdId: user.householdId, ownerId: user.id, household: user.household }, input);
  }

  /** The two funnels every new user starts with (inside the registration's transaction). */
  async createDefaults(owner: { userId: string; householdId: string; household: HouseholdSettings; locale?: string | null }): Promise<void> {
    const names = DEFAULT_FUNNEL_NAMES[supportedLocale(owner.locale)];
    for (const [i, preset] of DEFAULT_FUNNELS.entries()) {
      await this.insert({ householdId: owner.householdId, ownerId: owner.userId, household: owner.household }, { ...preset, name: names[i], shared: false });
    }
  }

  /** A user moving house takes their personal funnels along (inside the move's transaction). */
  async movePersonalFunnels(userId: string, fromHouseholdId: string, toHouseholdId: string): Promise<void> {
    await this.funnels.movePersonal(userId, fromHouseholdId, toHouseholdId);
    this.db.announce({ householdId: fromHouseholdId, userIds: [userId], kind: 'funnels' });
    this.db.announce({ householdId: toHouseholdId, userIds: [userId], kind: 'funnels' });
  }

  /** A member leaving hands the shared funnels they own to one who stays (inside the move's transaction). */
  async handOverShared(householdId: string, fromUserId: string, toUserId: string): Promise<void> {
    await this.funnels.handOverShared(householdId, fromUserId, toUserId);
    this.db.announce({ householdId, userIds: [], kind: 'funnels' });
  }

  /** The last member leaving an emptied household keeps its shared funnels, as personal ones. */
  async adoptSharedFunnels(fromHouseholdId: string, userId: string, toHouseholdId: string): Promise<void> {
    await this.funnels.adoptShared(fromHouseholdId, userId, toHouseholdId);
    this.db.announce({ householdId: fromHouseholdId, userIds: [], kind: 'funnels' });
    this.db.announce({ householdId: toHouseholdId, userIds: [userId], kind: 'funnels' });
  }

  private async insert(
    owner: { householdId: string; ownerId: string; household: HouseholdSettings },
    input: { name: string; emoji: string; color: string; limit: number; shared: boolean; rollover?: boolean },
  ): Promise<Funnel> {
    const funnel: Funnel = {
      id: randomUUID(),
      householdId: owner.householdId,
      ownerId: owner.ownerId,
      shared: input.shared,
      name: input.name,
      emoji: input.emoji,
      color: input.color.toLowerCase(),
      limitMinor: toMinor(input.limit),
      rollover: input.rollover ?? false,
      position: await this.funnels.nextPosition(owner.householdId),
      createdAt: this.clock.now(),
    };
    // The first limit reaches back indefinitely, so spendings entered for earlier periods
    // (backdated, imported) are measured against it; later changes start at their period.
    await this.funnels.insert(funnel);
    this.db.announce(funnelChange(funnel, 'funnels'));
    return funnel;
  }

  private currentPeriodStart(household: HouseholdSettings): Date {
    return periodAt(this.clock.now(), household.periodStartDay, household.timezone).start;
  }
}

function toDto(f: Funnel, spendingCount: number): FunnelDto {
  return {
    id: f.id,
    name: f.name,
    emoji: f.emoji,
    color: f.color,
    limit: toMajor(f.limitMinor),
    rollover: f.rollover,
    shared: f.shared,
    ownerId: f.ownerId,
    createdAt: f.createdAt,
    spendingCount,
  };
}
