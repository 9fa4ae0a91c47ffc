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
import { funnelFigures } from '../rules/allowance';
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
    private readonly figures: BudgetRepository,
    feed: ChangeFeed,
    private readonly clock: Clock,
  ) {
    this.current = new ChangeCache(feed, ['spendings', 'funnels', 'household', 'members']);
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
    }, () => ({ householdId: user.householdId, userId: user.id }));
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
    const [monthlyLimits, sums] = await Promise.all([this.figures.limitsInForce(ids, period.end), this.figures.sumsByFunnel(ids, period)]);
    // A first period counted from the day the household started: its limits prorated, and the
    // even daily share spread over the days counted (today is never before that day).
    const counted = countedPart(period, countedFrom, timezone);
    const limits = prorated(monthlyLimits, counted.limitShare);
    const days = { days: counted.days, daysLeft: Math.min(period.daysLeft, counted.days) };

    const rows: BudgetFunnelDto[] = [];
    const totals = { limit: 0, spent: 0, remaining: 0 };
    for (const funnel of funnels) {
      if (!belongsToPeriod(funnel, period, sums)) continue;
      const limit = limits.get(funnel.id) ?? 0;
      const { spent = 0, spentToday = 0 } = sums.get(funnel.id) ?? {};
      const { remaining, allowanceToday } = funnelFigures(limit, spent, days);
      totals.limit += limit;
      totals.spent += spent;
      totals.remaining += remaining;
      rows.push({
        id: funnel.id,
        name: funnel.name,
        emoji: funnel.emoji,
        color: funnel.color,
        shared: funnel.shared,
        limit: toMajor(limit),
        spent: toMajor(spent),
        remaining: toMajor(remaining),
        allowanceToday: toMajor(allowanceToday),
        spentToday: toMajor(spentToday),
      });
    }
    // From the exact totals, rounded once (not a sum of rounded per-funnel values).
    const totalAllowance = funnelFigures(totals.limit, totals.spent, days).allowanceToday;
    return {
      period: { ...periodDto(period, periodStartDay, timezone), countedFrom: counted.from, countedDays: counted.days },
      currency,
      funnels: rows,
      totals: {
        limit: toMajor(totals.limit),
        spent: toMajor(totals.spent),
        remaining: toMajor(totals.remaining),
        allowanceToday: toMajor(totalAllowance),
      },
    };
  }

  /** Spent against the limit in force then, per funnel, for the last `count` periods (newest first). */
  async history(user: AuthUser, count = DEFAULT_HISTORY_PERIODS): Promise<HistoryPeriodDto[]> {
    const { periodStartDay, timezone, countedFrom } = user.household;
    const funnels = await this.funnels.visible(user);
    const ids = funnels.map((f) => f.id);
    const result: HistoryPeriodDto[] = [];
    let period = periodAt(this.clock.now(), periodStartDay, timezone);
    for (let i = 0; i < count; i++) {
      const [monthlyLimits, sums] = await Promise.all([this.figures.limitsInForce(ids, period.end), this.figures.sumsByFunnel(ids, period)]);
      const limits = prorated(monthlyLimits, countedPart(period, countedFrom, timezone).limitShare);
      result.push({
        start: period.start,
        end: period.end,
        funnels: funnels
          .filter((f) => belongsToPeriod(f, period, sums))
          .map((f) => ({ id: f.id, name: f.name, color: f.color, limit: toMajor(limits.get(f.id) ?? 0), spent: toMajor(sums.get(f.id)?.spent ?? 0) })),
      });
      period = previousPeriod(period, periodStartDay, timezone);
    }
    return result;
  }
}

/** Each monthly limit times `share` (1 for a period counted in full), in whole minor units. */
function prorated(limits: Map<string, number>, share: number): Map<string, number> {
  if (share === 1) return limits;
  return new Map([...limits].map(([id, limit]) => [id, Math.round(limit * share)]));
}

/** A funnel shows in a period if it existed by its end, or if spendings were entered for it there. */
function belongsToPeriod(funnel: Funnel, period: Period, sums: Map<string, FunnelSums>): boolean {
  return funnel.createdAt.getTime() < period.end.getTime() || sums.has(funnel.id);
}

function periodDto(period: Period, startDay: number, timezone: string) {
  return { start: period.start, end: period.end, days: period.days, daysLeft: period.daysLeft, startDay, timezone };
}
