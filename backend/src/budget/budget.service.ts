import { Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { ChangeCache } from '../database/change-cache';
import { ChangeFeed } from '../database/change-feed';
import { toMajor } from '../rules/money';
import { FunnelsService } from '../funnels/funnels.service';
import { Funnel } from '../funnels/funnel.entity';
import { BudgetRepository, FunnelSums } from './budget.repository';
import { BudgetDto, BudgetFunnelDto, HistoryPeriodDto } from './dto/budget.dto';
import { carriedThrough, funnelFigures, LedgerPeriod, termsInForce } from '../rules/allowance';
import { HouseholdSettings } from '../rules/household-settings';
import { FixedCostsService } from '../fixed-costs/fixed-costs.service';
import { countedPart, Period, periodAt, previousPeriod } from '../rules/period';

export const DEFAULT_HISTORY_PERIODS = 6;

interface CachedBudget {
  readonly householdId: string;
  /** The local day the figures are for: they change at its end (daysLeft, today's allowance). */
  readonly from: number;
  readonly until: number;
  readonly json: Buffer;
}

@Injectable()
export class BudgetService {
  private readonly current: ChangeCache<CachedBudget>;

  constructor(
    private readonly funnels: FunnelsService,
    private readonly fixedCosts: FixedCostsService,
    private readonly figures: BudgetRepository,
    feed: ChangeFeed,
    private readonly clock: Clock,
  ) {
    this.current = new ChangeCache(feed, ['spendings', 'funnels', 'fixedCosts', 'household', 'members']);
  }

  /**
   * `budget(user)` for now, as UTF-8 JSON bytes (a repeated answer is not encoded again).
   * The answer is kept per user and given again while the change feed announced nothing of
   * their household or of them and it is still the same local day, which is what the
   * dashboard asks for most; such a change makes the next read compute afresh.
   */
  async currentBudgetJson(user: AuthUser): Promise<Buffer> {
    const now = this.clock.now().getTime();
    const cached = this.current.get(user.id, (b) => b.householdId === user.householdId && now >= b.from && now < b.until);
    if (cached) return cached.json;
    const fresh = await this.current.remember(user.id, async () => {
      const period = periodAt(new Date(now), user.household.periodStartDay, user.household.timezone);
      const json = Buffer.from(JSON.stringify(await this.budgetOf(user, period)));
      return { householdId: user.householdId, from: period.todayStart.getTime(), until: period.todayEnd.getTime(), json };
    }, () => ({ householdId: user.householdId, userIds: [user.id] }));
    return fresh.json;
  }


  /** Every figure of the period containing `at` (default now), per visible funnel and in total. */
  budget(user: AuthUser, at?: Date): Promise<BudgetDto> {
    return this.budgetOf(user, periodAt(at ?? this.clock.now(), user.household.periodStartDay, user.household.timezone));
  }

  private async budgetOf(user: AuthUser, period: Period): Promise<BudgetDto> {
    const { periodStartDay, timezone, currency, countedFrom } = user.household;
    const funnels = await this.funnels.visible(user);
    const ids = funnels.map((f) => f.id);
    const [sums, planned] = await Promise.all([this.figures.sumsByFunnel(ids, period), this.fixedCosts.plannedIn(funnels, period)]);
    const ledger = await this.ledger(user.household, funnels, period, 1, sums);
    // A first period counted from the day the household started: its limits prorated, and the
    // even daily share spread over the days counted (today is never before that day).
    const counted = countedPart(period, countedFrom, timezone);
    const days = { days: counted.days, daysLeft: Math.min(period.daysLeft, counted.days) };

    const rows: BudgetFunnelDto[] = [];
    const totals = { limit: 0, carried: 0, spent: 0, fixed: 0, upcoming: 0 };
    for (const funnel of funnels) {
      if (!belongsToPeriod(funnel, period, sums.has(funnel.id))) continue;
      const { limit, carried, rollover } = ledger.periods.get(funnel.id)![0];
      const { spent = 0, spentToday = 0 } = sums.get(funnel.id) ?? {};
      const { fixed, upcoming, occurrences } = planned.get(funnel.id) ?? { fixed: 0, upcoming: 0, occurrences: [] };
      const { available, remaining, allowanceToday } = funnelFigures({ limit, carried, spent, fixed, upcoming }, days);
      totals.limit += limit;
      totals.carried += carried;
      totals.spent += spent;
      totals.fixed += fixed;
      totals.upcoming += upcoming;
      rows.push({
        id: funnel.id,
        name: funnel.name,
        emoji: funnel.emoji,
        color: funnel.color,
        shared: funnel.shared,
        rollover,
        limit: toMajor(limit),
        carried: toMajor(carried),
        available: toMajor(available),
        spent: toMajor(spent),
        remaining: toMajor(remaining),
        fixed: toMajor(fixed),
        upcoming: toMajor(upcoming),
        allowanceToday: toMajor(allowanceToday),
        spentToday: toMajor(spentToday),
        fixedCosts: occurrences.map((o) => ({ fixedCostId: o.fixedCostId, dueOn: o.dueOn, amount: toMajor(o.amountMinor), note: o.note })),
      });
    }
    // From the exact totals, rounded once (not a sum of rounded per-funnel values).
    const total = funnelFigures(totals, days);
    return {
      period: { ...periodDto(period, periodStartDay, timezone), countedFrom: counted.from, countedDays: counted.days },
      currency,
      funnels: rows,
      totals: {
        limit: toMajor(totals.limit),
        carried: toMajor(totals.carried),
        available: toMajor(total.available),
        spent: toMajor(totals.spent),
        remaining: toMajor(total.remaining),
        fixed: toMajor(totals.fixed),
        upcoming: toMajor(totals.upcoming),
        allowanceToday: toMajor(total.allowanceToday),
      },
    };
  }

  /** Spent against the limit in force then, with what rollover carried in, per funnel, for the last `count` periods (newest first). */
  async history(user: AuthUser, count = DEFAULT_HISTORY_PERIODS): Promise<HistoryPeriodDto[]> {
    const { periodStartDay, timezone } = user.household;
    const funnels = await this.funnels.visible(user);
    const ledger = await this.ledger(user.household, funnels, periodAt(this.clock.now(), periodStartDay, timezone), count);
    return ledger.list.map((period, i) => ({
      start: period.start,
      end: period.end,
      funnels: funnels.flatMap((f) => {
        const p = ledger.periods.get(f.id)![i];
        if (!belongsToPeriod(f, period, p.spent > 0)) return [];
        return [{ id: f.id, name: f.name, color: f.color, limit: toMajor(p.limit), carried: toMajor(p.carried), spent: toMajor(p.spent) }];
      }),
    }));
  }

  /**
   * Per funnel, the limit, rollover, spent and carried of `count` consecutive periods ending with
   * `newest` (newest first). With rollover, a period's `carried` needs the periods before it, back
   * to where the chain opens (rollover off, the funnel's first period, or the household's first
   * counted one; at most MAX_CHAIN periods): those are read too, in one aggregate with the
   * requested ones. `newestSums` (already read) spares reading the newest period again.
   */
  private async ledger(
    household: HouseholdSettings,
    funnels: readonly Funnel[],
    newest: Period,
    count: number,
    newestSums?: Map<string, FunnelSums>,
  ): Promise<{ list: Period[]; periods: Map<string, LedgerRow[]> }> {
    const { periodStartDay, timezone, countedFrom } = household;
    const terms = await this.figures.termsOf(funnels.map((f) => f.id));
    const list = [newest];
    while (list.length < count) list.push(previousPeriod(list[list.length - 1], periodStartDay, timezone));
    const opens = (funnel: Funnel, p: Period) => funnel.createdAt.getTime() >= p.start.getTime() || (countedFrom !== null && countedFrom.getTime() >= p.start.getTime());
    const carriesIn = (funnel: Funnel, p: Period) => Boolean(termsInForce(terms.get(funnel.id), p.end.getTime())?.rollover) && !opens(funnel, p);
    // Newest first: the requested periods, then those the rollover chains reach back to.
    const all = [...list];
    while (all.length < count + MAX_CHAIN && funnels.some((f) => carriesIn(f, all[all.length - 1]))) all.push(previousPeriod(all[all.length - 1], periodStartDay, timezone));

    const read = newestSums ? all.slice(1) : all;
    const bounds = read.length ? [...read.map((p) => p.start).reverse(), read[0].end] : [];
    const spentOldestFirst = await this.figures.spentPerRange(funnels.map((f) => f.id), bounds);
    const periods = new Map<string, LedgerRow[]>();
    for (const funnel of funnels) {
      const spentRead = spentOldestFirst.get(funnel.id);
      const oldestFirst = [...all].reverse().map((p, i): LedgerPeriod & { period: Period } => {
        const inForce = termsInForce(terms.get(funnel.id), p.end.getTime());
        const share = countedPart(p, countedFrom, timezone).limitShare;
        const isNewest = i === all.length - 1;
        return {
          period: p,
          limit: Math.round((inForce?.limit ?? 0) * share),
          rollover: inForce?.rollover ?? false,
          spent: isNewest && newestSums ? (newestSums.get(funnel.id)?.spent ?? 0) : (spentRead?.[i] ?? 0),
          // The oldest period read opens the chain (a chain longer than MAX_CHAIN starts from 0 there).
          opens: i === 0 || opens(funnel, p),
        };
      });
      const carried = carriedThrough(oldestFirst);
      periods.set(
        funnel.id,
        oldestFirst
          .map((p, i) => ({ limit: p.limit, rollover: p.rollover, spent: p.spent, carried: carried[i] }))
          .reverse()
          .slice(0, count),
      );
    }
    return { list, periods };
  }
}

/** At most this many periods before the ones asked for are read for rollover chains (20 years). */
const MAX_CHAIN = 240;

interface LedgerRow {
  limit: number;
  rollover: boolean;
  spent: number;
  carried: number;
}

/** A funnel shows in a period if it existed by its end, or if spendings were entered for it there. */
function belongsToPeriod(funnel: Funnel, period: Period, hasSpendings: boolean): boolean {
  return funnel.createdAt.getTime() < period.end.getTime() || hasSpendings;
}

function periodDto(period: Period, startDay: number, timezone: string) {
  return { start: period.start, end: period.end, days: period.days, daysLeft: period.daysLeft, startDay, timezone };
}
