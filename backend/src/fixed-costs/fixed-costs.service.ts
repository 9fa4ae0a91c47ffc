import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { Funnel } from '../funnels/funnel.entity';
import { funnelChange, FunnelsService } from '../funnels/funnels.service';
import { toMajor, toMinor } from '../rules/money';
import { addDays, compareDates, formatLocalDate, localDate, LocalDate, Period } from '../rules/period';
import { dueDates, nextDueDate, parseLocalDate, Schedule } from '../rules/schedule';
import { FunnelSharing } from '../rules/visibility';
import { FixedCostDto, FixedCostInputDto } from './dto/fixed-cost.dto';
import { FixedCost } from './fixed-cost.entity';
import { FixedCostRow, FixedCostsRepository } from './fixed-costs.repository';
import { ServerText, text } from '../i18n/server-text';

/** One due date of a fixed cost in a period, not posted yet (nor skipped). */
export interface UpcomingOccurrence {
  readonly fixedCostId: string;
  readonly funnelId: string;
  readonly dueOn: string;
  readonly amountMinor: number;
  readonly note: string | null;
}

/** A funnel's fixed costs in one period, minor units. */
export interface PlannedMoney {
  /** Every occurrence of the period, posted (as the spending now stands) or not; skipped ones excluded. */
  fixed: number;
  /** The occurrences not posted yet. */
  upcoming: number;
  /** Those occurrences, soonest first. */
  occurrences: UpcomingOccurrence[];
}

/** A fixed cost that will be posted on a given date (see `FixedCostsService.dueOn`). */
export interface DueOccurrence {
  readonly fixedCostId: string;
  readonly funnelId: string;
  readonly funnelName: string;
  /** Major units. */
  readonly amount: number;
  readonly note: string | null;
  /** Who sees it: `maySee(viewer, funnel)` (rules/visibility.ts). */
  readonly funnel: FunnelSharing;
}

/** Fixed costs per funnel: plenty for a family, and a bound on what every budget read goes through. */
export const MAX_FIXED_COSTS_PER_FUNNEL = 50;

export function fixedCostNotFound(): NotFoundException {
  return new NotFoundException(text('fixedCost.notFound'));
}

/** The schedule of a stored fixed cost. */
export function scheduleOf(cost: Pick<FixedCost, 'every' | 'day' | 'weekday' | 'month' | 'startsOn' | 'endsOn'>): Schedule {
  return {
    every: cost.every,
    day: cost.day,
    weekday: cost.weekday,
    month: cost.month,
    startsOn: parseLocalDate(cost.startsOn)!,
    endsOn: cost.endsOn ? parseLocalDate(cost.endsOn) : null,
  };
}

/**
 * The first date a schedule may post: its start, but never before `postsFrom` (due dates before
 * the fixed cost was added or changed are not posted).
 */
function firstPostable(cost: Pick<FixedCost, 'startsOn' | 'postsFrom'>): LocalDate {
  return cost.startsOn > cost.postsFrom ? parseLocalDate(cost.startsOn)! : parseLocalDate(cost.postsFrom)!;
}

/** The due dates of `cost` in [from, until) that it will post (or has posted). */
export function postableDates(cost: FixedCost, from: LocalDate, until: LocalDate): LocalDate[] {
  const first = firstPostable(cost);
  return dueDates(scheduleOf(cost), compareDates(first, from) > 0 ? first : from, until);
}

/**
 * Fixed costs: money spoken for on a schedule. Whoever sees a funnel sees, adds, changes, skips
 * and deletes its fixed costs; each due date becomes an ordinary spending exactly once (see
 * `FixedCostScheduler`).
 */
@Injectable()
export class FixedCostsService {
  constructor(
    private readonly fixedCosts: FixedCostsRepository,
    private readonly funnels: FunnelsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, funnelId?: string): Promise<FixedCostDto[]> {
    if (funnelId) await this.funnels.findVisible(user, funnelId);
    return this.toDtos(user, await this.fixedCosts.visibleTo(user, funnelId));
  }

  async get(user: AuthUser, id: string): Promise<FixedCostDto> {
    return (await this.toDtos(user, [await this.findVisible(user, id)]))[0];
  }

  async create(user: AuthUser, dto: FixedCostInputDto): Promise<FixedCostDto> {
    const schedule = checkedSchedule(dto);
    const id = randomUUID();
    await this.db.transaction(async () => {
      const funnel = await this.funnels.findVisible(user, dto.funnelId);
      await this.assertRoomIn(funnel);
      const now = this.clock.now();
      const today = formatLocalDate(localDate(now, user.household.timezone));
      const fixedCost: FixedCost = {
        id,
        funnelId: funnel.id,
        amountMinor: toMinor(dto.amount),
        note: dto.note || null,
        ...schedule,
        postsFrom: today,
        nextDueOn: null,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      };
      fixedCost.nextDueOn = nextPostable(fixedCost, today);
      await this.fixedCosts.insert(fixedCost);
      this.db.announce(funnelChange(funnel, 'fixedCosts'));
    });
    return this.get(user, id);
  }

  /**
   * Changes a fixed cost from today on: due dates already posted keep their spendings (edit or
   * delete those as spendings); the new schedule posts from today. Moving it to another funnel
   * needs both funnels visible.
   */
  async update(user: AuthUser, id: string, dto: FixedCostInputDto): Promise<FixedCostDto> {
    const schedule = checkedSchedule(dto);
    await this.db.transaction(async () => {
      const before = await this.findVisible(user, id);
      const from = await this.funnels.findVisible(user, before.funnelId);
      const to = dto.funnelId === before.funnelId ? from : await this.funnels.findVisible(user, dto.funnelId);
      if (to.id !== from.id) await this.assertRoomIn(to);
      const now = this.clock.now();
      const today = formatLocalDate(localDate(now, user.household.timezone));
      const { createdByName: _name, ...stored } = before;
      const changed: FixedCost = {
        ...stored,
        funnelId: to.id,
        amountMinor: toMinor(dto.amount),
        note: dto.note || null,
        ...schedule,
        // Dates before today were dealt with under the old schedule; today's, if posted, stays posted.
        postsFrom: today > before.postsFrom ? today : before.postsFrom,
        updatedAt: now,
      };
      changed.nextDueOn = nextPostable(changed, today);
      const { id: _id, createdBy: _by, createdAt: _at, ...changes } = changed;
      await this.fixedCosts.update(id, changes);
      this.db.announce(funnelChange(from, 'fixedCosts'));
      if (to.id !== from.id) this.db.announce(funnelChange(to, 'fixedCosts'));
    });
    return this.get(user, id);
  }

  /** Deletes the fixed cost; the spendings it posted stay (and keep counting as fixed in their period). */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const fixedCost = await this.findVisible(user, id);
      const funnel = await this.funnels.findVisible(user, fixedCost.funnelId);
      await this.fixedCosts.delete(id);
      this.db.announce(funnelChange(funnel, 'fixedCosts'));
    });
  }

  /** Skips one due date (not posted yet): it is neither posted nor counted. */
  async skip(user: AuthUser, id: string, dueOn: string): Promise<FixedCostDto> {
    await this.db.transaction(async () => {
      const fixedCost = await this.findVisible(user, id);
      const date = parseLocalDate(dueOn)!;
      if (postableDates(fixedCost, date, addDays(date, 1)).length === 0) {
        throw new BadRequestException([text('fixedCost.notADueDate', { field: 'dueOn', dueOn, from: formatLocalDate(firstPostable(fixedCost)) })]);
      }
      if (!(await this.fixedCosts.claim(id, dueOn, null, this.clock.now()))) {
        throw new ConflictException(text('fixedCost.alreadyDone', { dueOn }));
      }
      const funnel = await this.funnels.findVisible(user, fixedCost.funnelId);
      this.db.announce(funnelChange(funnel, 'fixedCosts'));
    });
    return this.get(user, id);
  }

  /** Undoes a skip of a date that has not passed (a passed one is not posted afterwards). */
  async unskip(user: AuthUser, id: string, dueOn: string): Promise<FixedCostDto> {
    await this.db.transaction(async () => {
      const fixedCost = await this.findVisible(user, id);
      const today = formatLocalDate(localDate(this.clock.now(), user.household.timezone));
      if (dueOn < today) throw new BadRequestException([text('fixedCost.skipPassed', { field: 'dueOn', dueOn })]);
      if (!(await this.fixedCosts.unskip(id, dueOn))) throw new NotFoundException(text('fixedCost.notSkipped', { dueOn }));
      // The scheduler looks from the earliest date not dealt with.
      if (fixedCost.nextDueOn === null || dueOn < fixedCost.nextDueOn) await this.fixedCosts.update(id, { nextDueOn: dueOn });
      const funnel = await this.funnels.findVisible(user, fixedCost.funnelId);
      this.db.announce(funnelChange(funnel, 'fixedCosts'));
    });
    return this.get(user, id);
  }

  /**
   * The fixed costs of `funnels` in `period`: per funnel, all occurrences (posted ones as their
   * spendings now stand) and those still to come. Funnels without fixed costs are left out.
   */
  async plannedIn(funnels: readonly Pick<Funnel, 'id'>[], period: Period): Promise<Map<string, PlannedMoney>> {
    const result = new Map<string, PlannedMoney>();
    const ids = funnels.map((f) => f.id);
    const [costs, posted] = await Promise.all([this.fixedCosts.ofFunnels(ids), this.fixedCosts.postedSums(ids, period.start, period.end)]);
    const planned = (funnelId: string) => {
      let entry = result.get(funnelId);
      if (!entry) result.set(funnelId, (entry = { fixed: 0, upcoming: 0, occurrences: [] }));
      return entry;
    };
    for (const [funnelId, sum] of posted) planned(funnelId).fixed += sum;
    if (costs.length === 0) return result;
    const from = formatLocalDate(period.startDate);
    const until = formatLocalDate(period.endDate);
    const dealtWith = new Set((await this.fixedCosts.occurrences(costs.map((c) => c.id), from, until)).map((o) => `${o.fixedCostId}|${o.dueOn}`));
    for (const cost of costs) {
      for (const date of postableDates(cost, period.startDate, period.endDate)) {
        const dueOn = formatLocalDate(date);
        if (dealtWith.has(`${cost.id}|${dueOn}`)) continue;
        const entry = planned(cost.funnelId);
        entry.fixed += cost.amountMinor;
        entry.upcoming += cost.amountMinor;
        entry.occurrences.push({ fixedCostId: cost.id, funnelId: cost.funnelId, dueOn, amountMinor: cost.amountMinor, note: cost.note });
      }
    }
    for (const entry of result.values()) entry.occurrences.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    return result;
  }

  /**
   * The fixed costs of a household that will be posted on `date` (`YYYY-MM-DD`, household time
   * zone): not skipped nor posted yet. For telling the family the day before; each comes with its
   * funnel's sharing, so only those who see the funnel are told.
   */
  async dueOn(householdId: string, date: string): Promise<DueOccurrence[]> {
    const day = parseLocalDate(date);
    if (!day) return [];
    const costs = (await this.fixedCosts.ofHousehold(householdId)).filter((c) => postableDates(c, day, addDays(day, 1)).length > 0);
    const dealtWith = new Set((await this.fixedCosts.occurrences(costs.map((c) => c.id), date, formatLocalDate(addDays(day, 1)))).map((o) => o.fixedCostId));
    return costs
      .filter((c) => !dealtWith.has(c.id))
      .map((c) => ({
        fixedCostId: c.id,
        funnelId: c.funnelId,
        funnelName: c.funnelName,
        amount: toMajor(c.amountMinor),
        note: c.note,
        funnel: { householdId, shared: c.shared, ownerId: c.ownerId },
      }));
  }

  private async assertRoomIn(funnel: Funnel): Promise<void> {
    if ((await this.fixedCosts.countOf(funnel.id)) >= MAX_FIXED_COSTS_PER_FUNNEL) {
      throw new ConflictException(text('fixedCost.tooMany', { name: funnel.name, max: MAX_FIXED_COSTS_PER_FUNNEL }));
    }
  }

  /** The fixed cost if `user` may see its funnel; otherwise 404, exactly as if it did not exist. */
  private async findVisible(user: AuthUser, id: string): Promise<FixedCostRow> {
    const fixedCost = await this.fixedCosts.visibleById(user, id);
    if (!fixedCost) throw fixedCostNotFound();
    return fixedCost;
  }

  private async toDtos(user: AuthUser, rows: FixedCostRow[]): Promise<FixedCostDto[]> {
    const today = formatLocalDate(localDate(this.clock.now(), user.household.timezone));
    const skipped = await this.fixedCosts.skippedFrom(rows.map((r) => r.id), today);
    return rows.map((r) => {
      const skips = skipped.get(r.id) ?? [];
      return {
        id: r.id,
        funnelId: r.funnelId,
        amount: toMajor(r.amountMinor),
        note: r.note,
        every: r.every,
        day: r.day,
        weekday: r.weekday,
        month: r.month,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        nextDueOn: r.nextDueOn === null ? null : nextPostable(r, r.nextDueOn > today ? r.nextDueOn : today, new Set(skips)),
        skipped: skips,
        createdBy: { id: r.createdBy, username: r.createdByName },
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      };
    });
  }
}

/** The first date on or after `from` this fixed cost will post, leaving out `skipped` ones; null when none is left. */
export function nextPostable(cost: FixedCost, from: string, skipped: ReadonlySet<string> = new Set()): string | null {
  const first = firstPostable(cost);
  let date: LocalDate | null = from > formatLocalDate(first) ? parseLocalDate(from)! : first;
  const schedule = scheduleOf(cost);
  for (let i = 0; i <= skipped.size; i++) {
    date = date && nextDueDate(schedule, date);
    if (!date || !skipped.has(formatLocalDate(date))) break;
    date = addDays(date, 1);
  }
  return date ? formatLocalDate(date) : null;
}

/**
 * The schedule fields of an input, checked together: `day` for month and year, `weekday` for week,
 * `month` for year, each refused where it has no meaning; `endsOn` not before `startsOn`.
 */
function checkedSchedule(dto: FixedCostInputDto): Pick<FixedCost, 'every' | 'day' | 'weekday' | 'month' | 'startsOn' | 'endsOn'> {
  const problems: ServerText[] = [];
  const needs = { day: dto.every !== 'week', weekday: dto.every === 'week', month: dto.every === 'year' };
  for (const field of ['day', 'weekday', 'month'] as const) {
    if (needs[field] && dto[field] === undefined) problems.push(text('fixedCost.requiredFor', { field, every: dto.every }));
    if (!needs[field] && dto[field] !== undefined) problems.push(text('fixedCost.notUsedFor', { field, every: dto.every }));
  }
  if (dto.endsOn !== undefined && dto.endsOn < dto.startsOn) problems.push(text('fixedCost.endsBeforeStart', { field: 'endsOn', other: 'startsOn' }));
  if (problems.length) throw new BadRequestException(problems);
  return {
    every: dto.every,
    day: needs.day ? dto.day! : null,
    weekday: needs.weekday ? dto.weekday! : null,
    month: needs.month ? dto.month! : null,
    startsOn: dto.startsOn,
    endsOn: dto.endsOn ?? null,
  };
}
