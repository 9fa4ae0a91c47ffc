/**
 * Money travels as a JSON number in major units with at most two decimals and is kept as
 * a whole number of minor units (cents), so sums are exact: 0.1 + 0.2 is 0.30.
 */
export const MAX_MAJOR_AMOUNT = 1_000_000_000;

const TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;

/** True for a finite, non-negative number written with at most two decimals. */
export function hasAtMostTwoDecimals(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && TWO_DECIMALS.test(String(value));
}

export function toMinor(major: number): number {
  return Math.round(major * 100);
}

export function toMajor(minor: number): number {
  return minor / 100;
}

/** Rounds a fractional number of minor units to whole cents, halves away from zero. */
export function roundMinor(minor: number): number {
  return Math.sign(minor) * Math.round(Math.abs(minor));
}
