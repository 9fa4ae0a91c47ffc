import { roundMinor } from './money';

export interface FunnelFigures {
  remaining: number;
  allowanceToday: number;
}

/**
 * What remains and what can be spent today, in minor units. Every later day of the period
 * keeps its even share (limit / days); today gets the rest. Today's allowance is rounded
 * to whole cents only here, at the end.
 */
export function funnelFigures(limit: number, spent: number, period: { days: number; daysLeft: number }): FunnelFigures {
  const remaining = limit - spent;
  const reservedForLaterDays = (limit * (period.daysLeft - 1)) / period.days;
  return { remaining, allowanceToday: roundMinor(remaining - reservedForLaterDays) };
}
