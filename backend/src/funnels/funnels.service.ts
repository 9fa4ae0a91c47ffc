import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsWhere, In, Repository } from 'typeorm';
import { AuthUser, HouseholdSettings } from '../auth/auth-user';
import { periodAt } from '../budget/period';
import { Clock } from '../common/clock';
import { toMajor, toMinor } from '../common/money';
import { ChangeCache } from '../database/change-cache';
import { Change, ChangeFeed, ChangeKind } from '../database/change-feed';
import { Database } from '../database/database.service';
import { Spending } from '../spendings/spending.entity';
import { UsersService } from '../users/users.service';
import { FunnelDto, FunnelInputDto } from './dto/funnel.dto';
import { Funnel } from './funnel.entity';
import { FunnelLimit } from './funnel-limit.entity';

/** What every new user starts with. */
export const DEFAULT_FUNNELS = [
  { name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2000 }, // orange
  { name: 'Misc', emoji: '🛍️', color: '#48d1cc', limit: 2000 }, // mediumturquoise
] as const;

/** The funnels `user` may see: shared ones of their household, and their own personal ones. */
export function visibleTo(user: Pick<AuthUser, 'id' | 'householdId'>, extra: FindOptionsWhere<Funnel> = {}): FindOptionsWhere<Funnel>[] {
  return [
    { ...extra, householdId: user.householdId, shared: true },
    { ...extra, householdId: user.householdId, ownerId: user.id },
  ];
}

/**
 * Who sees figures of `funnel` change when it or its spendings do: the whole household for a
 * shared funnel, its owner alone for a personal one.
 */
export function funnelChange(funnel: Pick<Funnel, 'householdId' | 'shared' | 'ownerId'>, kind: ChangeKind): Change {
  return { householdId: funnel.householdId, userIds: funnel.shared ? [] : [funnel.ownerId], kind };
}

export function funnelNotFound(): NotFoundException {
  return new NotFoundException('Funnel not found');
}

@Injectable()
export class FunnelsService {
  private readonly visibleCache: ChangeCache<{ householdId: string; funnels: readonly Funnel[] }>;

  constructor(
    @InjectRepository(Funnel) private readonly funnels: Repository<Funnel>,
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
    const counts = await this.spendingCounts(funnels.map((f) => f.id));
    return funnels.map((f) => toDto(f, counts.get(f.id) ?? 0));
  }

  async get(user: AuthUser, id: string): Promise<FunnelDto> {
    const funnel = await this.findVisible(user, id);
    const counts = await this.spendingCounts([id]);
    return toDto(funnel, counts.get(id) ?? 0);
  }

  /** The funnel if `user` may see it; otherwise 404, exactly as if it did not exist. */
  async findVisible(user: Pick<AuthUser, 'id' | 'householdId'>, id: string, manager?: EntityManager): Promise<Funnel> {
    const repository = manager ? manager.getRepository(Funnel) : this.funnels;
    const funnel = await repository.findOne({ where: visibleTo(user, { id }) });
    if (!funnel) throw funnelNotFound();
    return funnel;
  }

  /**
   * Every funnel `user` may see (for budgets and spending queries), in their order. Kept per
   * user until the change feed announces a change of funnels or members of their household or
   * of them: another family's writes keep it, and so do spendings. The funnels are frozen, as they
   * are shared between requests.
   */
  async visible(user: Pick<AuthUser, 'id' | 'householdId'>): Promise<readonly Funnel[]> {
    const cached = this.visibleCache.get(user.id, (c) => c.householdId === user.householdId);
    if (cached) return cached.funnels;
    const fresh = await this.visibleCache.remember(user.id, async () => ({
      householdId: user.householdId,
      funnels: (await this.funnels.find({ where: visibleTo(user), order: { position: 'ASC', createdAt: 'ASC' } })).map((f) => Object.freeze(f)),
    }), () => ({ householdId: user.householdId, userId: user.id }));
    return fresh.funnels;
  }

  async create(user: AuthUser, dto: FunnelInputDto): Promise<FunnelDto> {
    const funnel = await this.db.transaction((manager) =>
      this.insert(manager, { householdId: user.householdId, ownerId: user.id, household: user.household }, { ...dto, shared: dto.shared ?? false }),
    );
    return toDto(funnel, 0);
  }

  /**
   * Every member who sees a funnel may change its name, emoji, colour and limit; only the
   * owner may make a shared funnel personal (see `assertOwnerOfShared`).
   */
  async update(user: AuthUser, id: string, dto: FunnelInputDto): Promise<FunnelDto> {
    const updated = await this.db.transaction(async (manager) => {
      const funnel = await this.findVisible(user, id, manager);
      const shared = dto.shared ?? funnel.shared;
      if (funnel.shared && !shared) await this.assertOwnerOfShared(user, funnel, 'make it personal');
      const limitMinor = toMinor(dto.limit);
      if (limitMinor !== funnel.limitMinor) {
        await manager.upsert(
          FunnelLimit,
          { funnelId: id, effectiveFrom: this.currentPeriodStart(user.household), limitMinor },
          ['funnelId', 'effectiveFrom'],
        );
      }
      const changes: Partial<Funnel> = { name: dto.name, emoji: dto.emoji, color: dto.color.toLowerCase(), limitMinor, shared };
      await manager.update(Funnel, { id }, changes);
      // Who saw it before and who sees it now (they differ when its sharing changed).
      this.db.announce(funnelChange(funnel, 'funnels'));
      if (shared !== funnel.shared) this.db.announce(funnelChange({ ...funnel, shared }, 'funnels'));
      return { ...funnel, ...changes };
    });
    const counts = await this.spendingCounts([id]);
    return toDto(updated, counts.get(id) ?? 0);
  }

  /**
   * Deletes the funnel; its spendings and limits go with it (ON DELETE CASCADE), in one
   * statement. A shared funnel only by its owner.
   */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const funnel = await this.findVisible(user, id, manager);
      if (funnel.shared) await this.assertOwnerOfShared(user, funnel, 'delete it');
      await manager.delete(Funnel, { id });
      this.db.announce(funnelChange(funnel, 'funnels'));
    });
  }

  /**
   * A shared funnel is the family's: any member may spend from it and edit it, but deleting it
   * (with everyone's spendings) or making it personal (hiding it from everyone else) is up to
   * the member who owns it. Everyone else gets a 403 that says who that is.
   */
  private async assertOwnerOfShared(user: AuthUser, funnel: Funnel, action: string): Promise<void> {
    if (funnel.ownerId === user.id) return;
    const owner = (await this.users.findById(funnel.ownerId))?.username ?? 'its owner';
    throw new ForbiddenException(`"${funnel.name}" is shared by the household and belongs to ${owner}: only ${owner} can ${action}.`);
  }

  /** The shared funnels of a household, in display order (what a newcomer will spend from). */
  sharedOf(householdId: string): Promise<Funnel[]> {
    return this.funnels.find({ where: { householdId, shared: true }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /** A personal funnel made inside the caller's transaction (e.g. by an import). */
  createInTransaction(manager: EntityManager, user: AuthUser, input: { name: string; emoji: string; color: string; limit: number; shared: boolean }): Promise<Funnel> {
    return this.insert(manager, { householdId: user.householdId, ownerId: user.id, household: user.household }, input);
  }

  /** The two funnels every new user starts with (inside the registration's transaction). */
  async createDefaults(manager: EntityManager, owner: { userId: string; householdId: string; household: HouseholdSettings }): Promise<void> {
    for (const preset of DEFAULT_FUNNELS) {
      await this.insert(manager, { householdId: owner.householdId, ownerId: owner.userId, household: owner.household }, { ...preset, shared: false });
    }
  }

  /** A user moving house takes their personal funnels along (inside the move's transaction). */
  async movePersonalFunnels(manager: EntityManager, userId: string, fromHouseholdId: string, toHouseholdId: string): Promise<void> {
    await manager.update(Funnel, { ownerId: userId, householdId: fromHouseholdId, shared: false }, { householdId: toHouseholdId });
    this.db.announce({ householdId: fromHouseholdId, userIds: [userId], kind: 'funnels' });
    this.db.announce({ householdId: toHouseholdId, userIds: [userId], kind: 'funnels' });
  }

  /** A member leaving hands the shared funnels they own to one who stays (inside the move's transaction). */
  async handOverShared(manager: EntityManager, householdId: string, fromUserId: string, toUserId: string): Promise<void> {
    await manager.update(Funnel, { householdId, shared: true, ownerId: fromUserId }, { ownerId: toUserId });
    this.db.announce({ householdId, userIds: [], kind: 'funnels' });
  }

  /** The last member leaving an emptied household keeps its shared funnels, as personal ones. */
  async adoptSharedFunnels(manager: EntityManager, fromHouseholdId: string, userId: string, toHouseholdId: string): Promise<void> {
    await manager.update(Funnel, { householdId: fromHouseholdId, shared: true }, { householdId: toHouseholdId, ownerId: userId, shared: false });
    this.db.announce({ householdId: fromHouseholdId, userIds: [], kind: 'funnels' });
    this.db.announce({ householdId: toHouseholdId, userIds: [userId], kind: 'funnels' });
  }

  /** The limit of each funnel for the period ending at `periodEnd`: the newest limit set before that end. */
  async limitsForPeriod(funnelIds: readonly string[], periodEnd: Date): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (funnelIds.length === 0) return result;
    const rows = await this.db.query<{ funnelId: string; limitMinor: number | string }>(
      `SELECT funnel_id AS "funnelId", limit_minor AS "limitMinor" FROM funnel_limits
       WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) AND effective_from < ? ORDER BY effective_from ASC`,
      [...funnelIds, periodEnd.getTime()],
    );
    for (const row of rows) result.set(row.funnelId, Number(row.limitMinor)); // ascending: the newest wins
    return result;
  }


  private async insert(
    manager: EntityManager,
    owner: { householdId: string; ownerId: string; household: HouseholdSettings },
    input: { name: string; emoji: string; color: string; limit: number; shared: boolean },
  ): Promise<Funnel> {
    const last = await manager
      .getRepository(Funnel)
      .createQueryBuilder('f')
      .select('MAX(f.position)', 'max')
      .where('f.household_id = :householdId', { householdId: owner.householdId })
      .getRawOne<{ max: number | null }>();
    const funnel: Funnel = {
      id: randomUUID(),
      householdId: owner.householdId,
      ownerId: owner.ownerId,
      shared: input.shared,
      name: input.name,
      emoji: input.emoji,
      color: input.color.toLowerCase(),
      limitMinor: toMinor(input.limit),
      position: Number(last?.max ?? 0) + 1,
      createdAt: this.clock.now(),
    };
    await manager.insert(Funnel, funnel);
    // The first limit reaches back indefinitely, so spendings entered for earlier periods
    // (backdated, imported) are measured against it; later changes start at their period.
    await manager.insert(FunnelLimit, { funnelId: funnel.id, effectiveFrom: new Date(0), limitMinor: funnel.limitMinor });
    this.db.announce(funnelChange(funnel, 'funnels'));
    return funnel;
  }

  private currentPeriodStart(household: HouseholdSettings): Date {
    return periodAt(this.clock.now(), household.periodStartDay, household.timezone).start;
  }

  private async spendingCounts(funnelIds: string[]): Promise<Map<string, number>> {
    if (funnelIds.length === 0) return new Map();
    const rows = await this.funnels.manager
      .createQueryBuilder(Spending, 's')
      .select('s.funnel_id', 'funnelId')
      .addSelect('COUNT(*)', 'count')
      .where('s.funnel_id IN (:...funnelIds)', { funnelIds })
      .groupBy('s.funnel_id')
      .getRawMany<{ funnelId: string; count: number | string }>();
    return new Map(rows.map((r) => [r.funnelId, Number(r.count)]));
  }
}

function toDto(f: Funnel, spendingCount: number): FunnelDto {
  return {
    id: f.id,
    name: f.name,
    emoji: f.emoji,
    color: f.color,
    limit: toMajor(f.limitMinor),
    shared: f.shared,
    ownerId: f.ownerId,
    createdAt: f.createdAt,
    spendingCount,
  };
}
