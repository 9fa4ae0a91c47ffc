import { BudgetPeriodDto } from '../api/models';
import { addMonths, localDay, midnightOf } from './household-dates';

/**
 * The budget's arithmetic on the device, written as the server writes it (backend
 * `rules/allowance.ts`), so a spending shown before the server has it (typed, waiting offline,
 * in its undo window) changes every figure exactly as the server's answer will:
 *
 *   available = limit + carried,  remaining = available − spent,
 *   allowanceToday = (remaining − upcoming) − max(0, available − fixed) × (daysLeft − 1) / days
 *
 * in whole cents, today's allowance rounded (halves away from zero) only at the end. `days` is
 * the days counted in the period (fewer in a prorated first period).
 */

/** The figures of a funnel, or of all of them (the budget's totals), that a spending moves. */
export interface PlannedFigures {
  limit: number;
  carried: number;
  available: number;
  spent: number;
  remaining: number;
  fixed: number;
  upcoming: number;
  allowanceToday: number;
}

/** What a spending changes in a funnel: `spent` this period, `carried` (from the period before, with rollover), `fixed` (a fixed cost's posting). */
export interface FigureShift {
  spent: number;
  carried: number;
  fixed: number;
  /** On today's date in the household's time zone. */
  spentToday: number;
}

/** A spending as the figures see it. `fixedCostId`: posted from a fixed cost (it counts in `fixed` too). */
export interface PlacedSpending {
  funnelId: string;
  amount: number;
  spentAt: string;
  fixedCostId?: string | null;
}

const cents = (major: number) => Math.round(major * 100);

/** The days that share the flexible money, and those of them still to come (today counted), as the server counts them. */
function countedDays(period: Pick<BudgetPeriodDto, 'days' | 'daysLeft' | 'countedDays'>): { days: number; daysLeft: number } {
  const days = period.countedDays || period.days;
  return { days, daysLeft: Math.max(1, Math.min(period.daysLeft, days)) };
}

/** Today's allowance from the other figures: the server's formula, in cents, rounded once. */
export function allowanceFor(
  figures: Pick<PlannedFigures, 'available' | 'remaining' | 'fixed' | 'upcoming'>,
  period: Pick<BudgetPeriodDto, 'days' | 'daysLeft' | 'countedDays'>,
): number {
  const { days, daysLeft } = countedDays(period);
  const flexible = Math.max(0, cents(figures.available) - cents(figures.fixed));
  const minor = cents(figures.remaining) - cents(figures.upcoming) - (flexible * (daysLeft - 1)) / days;
  return (Math.sign(minor) * Math.round(Math.abs(minor))) / 100;
}

/** The figures after `shift`: what it moves, and what follows from that (available, remaining, today's allowance). */
export function shifted<T extends PlannedFigures>(figures: T, shift: FigureShift, period: Pick<BudgetPeriodDto, 'days' | 'daysLeft' | 'countedDays'>): T {
  const carried = (cents(figures.carried) + cents(shift.carried)) / 100;
  const spent = (cents(figures.spent) + cents(shift.spent)) / 100;
  const fixed = (cents(figures.fixed) + cents(shift.fixed)) / 100;
  const available = (cents(figures.limit) + cents(carried)) / 100;
  const remaining = (cents(available) - cents(spent)) / 100;
  const next = { ...figures, carried, spent, fixed, available, remaining };
  return { ...next, allowanceToday: allowanceFor(next, period) };
}

/**
 * What adding (`sign` 1) or taking off (-1) `spending` changes in the budget of `period`, for a
 * funnel with or without rollover this period; null when it changes nothing the budget shows.
 * - In the period: `spent` (and `fixed` for a fixed cost's posting; `spentToday` on today's date).
 * - In the period before, with rollover: what that period left comes in as `carried`, so it
 *   moves by the opposite amount. (Unless this is the household's first period, counted from a
 *   later day: nothing comes into that. A funnel created this period carries nothing in either,
 *   which the budget does not say; for the seconds until the server answers that is shown wrong.)
 * - Earlier: only through the chain of rollovers before, which the budget does not show; left out.
 */
export function shiftFor(period: BudgetPeriodDto, rollover: boolean, spending: PlacedSpending, sign: 1 | -1, today: string): FigureShift | null {
  const at = Date.parse(spending.spentAt);
  const start = Date.parse(period.start);
  const amount = sign * spending.amount;
  if (at >= start && at < Date.parse(period.end)) {
    return {
      spent: amount,
      carried: 0,
      fixed: spending.fixedCostId ? amount : 0,
      spentToday: localDay(spending.spentAt, period.timezone) === today ? amount : 0,
    };
  }
  const firstCounted = Date.parse(period.countedFrom) > start;
  if (rollover && !firstCounted && at < start && at >= previousStart(period)) return { spent: 0, carried: -amount, fixed: 0, spentToday: 0 };
  return null;
}

/** When the period before `period` began: the same day of the month before, at midnight in the household's time zone. */
function previousStart(period: BudgetPeriodDto): number {
  return Date.parse(midnightOf(addMonths(localDay(period.start, period.timezone), -1), period.timezone));
}

export interface AllowancePreview {
  /** Today's allowance as it is now. */
  current: number;
  /** What it would be after spending the typed amount in this funnel; null when nothing valid is typed. */
  after: number | null;
  /** True when the spending would take today's allowance below zero. */
  overspends: boolean;
}

/**
 * What the dashboard shows for one funnel while an amount is being typed: today's allowance,
 * and what it would be once that spending, dated `spentAt`, is recorded (the same arithmetic
 * as the figures after recording). A spending for a day of the period before changes today's
 * allowance only with rollover, and by less than its amount.
 */
export function previewAllowance(
  funnel: PlannedFigures & { rollover: boolean; id: string },
  period: BudgetPeriodDto,
  typedAmount: number | null,
  spentAt: string,
  today: string,
): AllowancePreview {
  const current = funnel.allowanceToday;
  if (typedAmount === null) return { current, after: null, overspends: false };
  const shift = shiftFor(period, funnel.rollover, { funnelId: funnel.id, amount: typedAmount, spentAt }, 1, today);
  const after = shift ? shifted(funnel, shift, period).allowanceToday : current;
  return { current, after, overspends: after < 0 };
}
