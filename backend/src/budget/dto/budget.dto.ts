import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsInstant, Optional } from '../../common/validators';
import { says } from '../../i18n/field-text';

export class BudgetQueryDto {
  /**
   * Any instant in the period wanted; default now. "Today" is the local date of this instant.
   * @example "2026-03-10T12:00:00Z"
   */
  @Optional()
  @IsInstant()
  at?: string;
}

export class HistoryQueryDto {
  /** How many periods, newest first: 1..24 (default 6). */
  @Optional()
  @Type(() => Number)
  @IsInt(says('validation.wholeNumber', { min: 1, max: 24 }))
  @Min(1, says('validation.wholeNumber', { min: 1, max: 24 }))
  @Max(24, says('validation.wholeNumber', { min: 1, max: 24 }))
  periods?: number;
}

export class BudgetPeriodDto {
  /** Local midnight of the start day, in the household time zone. */
  start: Date;
  /** The first instant after the period. */
  end: Date;
  /** Calendar days in the period (28..31). */
  days: number;
  /** Days from today (counted) to the end (not counted): 1..days. */
  daysLeft: number;
  /** The household's period start day (1..28). */
  startDay: number;
  /** The household's IANA time zone. @example "Europe/Berlin" */
  timezone: string;
  /**
   * Where the budget of this period starts counting: `start`, or, in a household's first period
   * counted from the day it started, that day (the limits are then prorated to `countedDays`).
   */
  countedFrom: Date;
  /** Days counted, `countedFrom` to `end`: `days`, or fewer in a prorated first period. Each later day's even share is limit / countedDays. */
  countedDays: number;
}

export class BudgetFunnelDto {
  /** Funnel id (UUID). */
  id: string;
  /**
   * Funnel name.
   * @example "Food"
   */
  name: string;
  /**
   * Funnel emoji.
   * @example "🍞"
   */
  emoji: string;
  /**
   * Funnel colour, `#rrggbb`.
   * @example "#ffa500"
   */
  color: string;
  /** True when every household member sees it. */
  shared: boolean;
  /** Rollover in force this period: it started with what the previous period left (`carried`). */
  rollover: boolean;
  /** The limit in force for this period. @example 3000 */
  limit: number;
  /** What the previous period left with rollover (available − spent there; negative when it was overspent); 0 without rollover. @example 0 */
  carried: number;
  /** limit + carried: what the funnel has this period. @example 3000 */
  available: number;
  /** Spent in this period, fixed costs posted so far included. @example 1800 */
  spent: number;
  /** available − spent; negative when overspent. @example 1200 */
  remaining: number;
  /** Every fixed-cost occurrence of this period, posted or not (skipped ones left out). @example 1000 */
  fixed: number;
  /** The fixed-cost occurrences of this period not posted yet: set aside before today's allowance. @example 1000 */
  upcoming: number;
  /**
   * What can be spent today: `(remaining − upcoming) − max(0, available − fixed) × (daysLeft − 1) / countedDays`,
   * i.e. what is left once the fixed costs still to come are set aside and every later day keeps its
   * even share of the flexible money. Without fixed costs and rollover: remaining − limit × (daysLeft − 1) / countedDays.
   * @example 300
   */
  allowanceToday: number;
  /** Spent today (local date of `at`). @example 0 */
  spentToday: number;
  /** The fixed-cost occurrences of this period not posted yet, soonest first ("Rent 1,000 on the 20th"). */
  fixedCosts: BudgetFixedCostDto[];
}

export class BudgetFixedCostDto {
  /** The fixed cost (UUID). */
  fixedCostId: string;
  /** When it falls due, in the household's time zone. @example "2026-03-20" */
  dueOn: string;
  /** @example 1000 */
  amount: number;
  /** @example "Rent" */
  note: string | null;
}

export class BudgetTotalsDto {
  /** Sum of the funnels' limits. */
  limit: number;
  /** Sum carried in. */
  carried: number;
  /** Sum available (limit + carried). */
  available: number;
  /** Sum spent. */
  spent: number;
  /** Sum remaining. */
  remaining: number;
  /** Sum of the period's fixed costs. */
  fixed: number;
  /** Sum of the fixed costs still to come. */
  upcoming: number;
  /**
   * What can be spent today from all funnels together: the same formula over the totals, rounded
   * once, so it can differ by a few cents from the sum of the funnels' rounded `allowanceToday`
   * (and, where one funnel's fixed costs exceed what it has, from their sum). An overspent
   * funnel's negative allowance counts in it.
   */
  allowanceToday: number;
}

export class BudgetDto {
  /** The period containing `at`. */
  period: BudgetPeriodDto;
  /** The household's ISO 4217 currency. @example "EUR" */
  currency: string;
  /** Every funnel the caller may see that existed by the end of the period or has spendings in it (entered for an earlier period), in display order. */
  funnels: BudgetFunnelDto[];
  /** The funnels added up. */
  totals: BudgetTotalsDto;
}

export class HistoryFunnelDto {
  /** Funnel id (UUID). */
  id: string;
  /**
   * Funnel name.
   * @example "Food"
   */
  name: string;
  /**
   * Funnel colour, `#rrggbb`.
   * @example "#ffa500"
   */
  color: string;
  /** The limit that was in force in that period. */
  limit: number;
  /** What the period before left with rollover in force (negative when it was overspent); 0 without. */
  carried: number;
  /** Spent in that period. */
  spent: number;
}

export class HistoryPeriodDto {
  /** First instant of the period. */
  start: Date;
  /** First instant after the period. */
  end: Date;
  /** Funnels the caller may see that existed by the end of the period or have spendings in it, in display order. */
  funnels: HistoryFunnelDto[];
}
