import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsInstant, Optional } from '../../common/validators';

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
  @IsInt({ message: 'periods must be a whole number from 1 to 24' })
  @Min(1, { message: 'periods must be a whole number from 1 to 24' })
  @Max(24, { message: 'periods must be a whole number from 1 to 24' })
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
  /** The limit in force for this period. @example 3000 */
  limit: number;
  /** Spent in this period. @example 1800 */
  spent: number;
  /** limit − spent; negative when overspent. @example 1200 */
  remaining: number;
  /** What can be spent today while every later day keeps its even share (limit / countedDays). @example 300 */
  allowanceToday: number;
  /** Spent today (local date of `at`). @example 0 */
  spentToday: number;
}

export class BudgetTotalsDto {
  /** Sum of the funnels' limits. */
  limit: number;
  /** Sum spent. */
  spent: number;
  /** Sum remaining. */
  remaining: number;
  /**
   * What can be spent today from all funnels together, worked out from the totals (total
   * remaining minus every later day's even share of the total limit) and rounded once: the sum
   * of the funnels' unrounded allowances, so it can differ by a few cents from the sum of their
   * rounded `allowanceToday`. An overspent funnel's negative allowance counts in it.
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
