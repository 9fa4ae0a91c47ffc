import { roundMinor } from './money';

/** What a funnel has and owes in a period, in minor units. */
export interface FunnelMoney {
  /** The limit in force (prorated in a first period counted from a later day). */
  readonly limit: number;
  /** Brought from the previous period with rollover (negative when it was overspent); else 0. */
  readonly carried: number;
  /** Spent in the period, posted fixed costs included. */
  readonly spent: number;
  /** Every fixed-cost occurrence of the period, posted or not (skipped ones excluded). */
  readonly fixed: number;
  /** The period's fixed-cost occurrences not posted yet. */
  readonly upcoming: number;
}

export interface FunnelFigures {
  /** limit + carried: what the funnel has this period. */
  available: number;
  /** available − spent; negative when overspent. */
  remaining: number;
  /** Rounded to whole cents. */
  allowanceToday: number;
}

/**
 * What remains and what can be spent today, in minor units. Fixed costs not yet posted are
 * set aside first; of the flexible money (`available − fixed`, never below 0) every later day
 * of the period keeps its even share, and today gets the rest:
 *
 *   allowanceToday = (remaining − upcoming) − max(0, available − fixed) × (daysLeft − 1) / days
 *
 * Without fixed costs and carry-over this is `remaining − limit × (daysLeft − 1) / days`. A
 * fixed cost's posting moves its amount from `upcoming` to `spent` and leaves the allowance as it
 * was. Today's allowance is rounded to whole cents only here, at the end.
 */
export function funnelFigures(money: FunnelMoney, period: { days: number; daysLeft: number }): FunnelFigures {
  const available = money.limit + money.carried;
  const remaining = available - money.spent;
  const flexible = Math.max(0, available - money.fixed);
  const reservedForLaterDays = (flexible * (period.daysLeft - 1)) / period.days;
  return { available, remaining, allowanceToday: roundMinor(remaining - money.upcoming - reservedForLaterDays) };
}

/** A funnel's terms from `effectiveFrom` (epoch ms, the start of the period they were set in) on. */
export interface TermsChange {
  readonly effectiveFrom: number;
  readonly limit: number;
  readonly rollover: boolean;
}

/**
 * The terms of the period ending at `periodEnd` (epoch ms): the newest change made before that
 * end, so a change applies to its period and later ones and earlier periods keep theirs. Null
 * before the first (a funnel's first terms reach back indefinitely, so only for unknown funnels).
 */
export function termsInForce(changes: readonly TermsChange[] | undefined, periodEnd: number): TermsChange | null {
  let inForce: TermsChange | null = null;
  for (const change of changes ?? []) {
    if (change.effectiveFrom < periodEnd) inForce = change;
    else break;
  }
  return inForce;
}

/** One period of a funnel, for `carriedThrough`. */
export interface LedgerPeriod {
  /** The limit of the period (prorated where the household counts only part of it). */
  readonly limit: number;
  readonly spent: number;
  /** Rollover in force in the period. */
  readonly rollover: boolean;
  /** Nothing can come into it: the funnel's first period, or a household's first counted one. */
  readonly opens: boolean;
}

/**
 * What each of consecutive periods (oldest first) starts with from the one before: with rollover,
 * the previous period's `available − spent` (negative when it was overspent), chained; without,
 * 0. The oldest period must open the chain (rollover off there, or `opens`): nothing is known of
 * the one before it.
 */
export function carriedThrough(periods: readonly LedgerPeriod[]): number[] {
  const carried: number[] = [];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    const previous = periods[i - 1];
    carried.push(p.rollover && !p.opens && previous ? previous.limit + carried[i - 1] - previous.spent : 0);
  }
  return carried;
}
