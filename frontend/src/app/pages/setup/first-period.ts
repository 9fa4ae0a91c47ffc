import { householdToday, localDay } from '../../core/household-dates';
import { currentLocale, translate } from '../../core/i18n';
import type { MessageKey } from '../../i18n/en';

/** A calendar date; `month` is 1..12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The budget period containing today, as the server counts it (product.md §1 "Budget period"). */
export interface PeriodToday {
  readonly start: LocalDate;
  readonly today: LocalDate;
  /** Calendar days in the period (28..31). */
  readonly days: number;
  /** Days from today (counted) to the end (not counted): 1..days. */
  readonly daysLeft: number;
}

/** A `YYYY-MM-DD` day as a calendar date. */
function dateOf(day: string): LocalDate {
  const [year, month, date] = day.split('-').map(Number);
  return { year, month, day: date };
}

const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
const addMonths = (d: LocalDate, months: number): LocalDate => {
  const date = new Date(Date.UTC(d.year, d.month - 1 + months, d.day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/** The period with start day `startDay` (1..28) that contains `now` in `timeZone`. */
export function periodToday(now: Date, startDay: number, timeZone: string): PeriodToday {
  const today = dateOf(householdToday(timeZone, now));
  const thisMonth: LocalDate = { year: today.year, month: today.month, day: startDay };
  const start = today.day >= startDay ? thisMonth : addMonths(thisMonth, -1);
  const end = addMonths(start, 1);
  return { start, today, days: dayNumber(end) - dayNumber(start), daysLeft: dayNumber(end) - dayNumber(today) };
}

/** Whether the household, started at `startedAt`, is still in its first period (unknown start: no). */
export function inFirstPeriod(startedAt: Date | null, now: Date, startDay: number, timeZone: string): boolean {
  if (!startedAt) return false;
  const period = periodToday(now, startDay, timeZone);
  return dayNumber(dateOf(localDay(startedAt, timeZone))) >= dayNumber(period.start);
}

/**
 * The period to ask about in setup ("count it from today or in full?"): the household's first,
 * when it did not start today (a period that starts today is whole anyway); else null.
 */
export function firstPeriodMidway(startedAt: Date | null, now: Date, startDay: number, timeZone: string): PeriodToday | null {
  if (!inFirstPeriod(startedAt, now, startDay, timeZone)) return null;
  const period = periodToday(now, startDay, timeZone);
  return period.daysLeft < period.days ? period : null;
}

const ORDINAL_CATEGORIES: ReadonlySet<string> = new Set(['one', 'two', 'few', 'other']);
const ordinalRules = new Map<string, Intl.PluralRules>();

/**
 * A day of the month as a sentence in the current language names it: "1st", "22nd" in English
 * (the ordinal rules pick the ending), "1." in German, "1-го" in Russian, "1" in Hebrew (their
 * sentences carry the rest). The texts are the onboarding area's.
 */
export function ordinal(day: number): string {
  const locale = currentLocale();
  let rules = ordinalRules.get(locale);
  if (!rules) ordinalRules.set(locale, (rules = new Intl.PluralRules(locale, { type: 'ordinal' })));
  const category = rules.select(day);
  return translate(`onboarding.ordinal.${ORDINAL_CATEGORIES.has(category) ? category : 'other'}` as MessageKey, { n: day });
}
