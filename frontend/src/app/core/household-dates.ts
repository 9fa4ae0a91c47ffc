import { BudgetPeriodDto } from '../api/models';
import { dateFormat } from './date-format';
import { currentLocale, formatLocale, translate } from './i18n';

/**
 * Dates as the family sees them, all in the household's time zone (the budget's period is
 * counted there, so "today", "yesterday" and the day groups must be too), on every page.
 * A day is a `YYYY-MM-DD` string. `householdToday` is the app's one "today".
 */

const DAY_MS = 86_400_000;

const zoneKnown = new Map<string, boolean>();

/** The `YYYY-MM-DD` formatter of a zone (undefined: the device's own), made once by dateFormat. */
function dayFormat(zone: string | undefined): Intl.DateTimeFormat {
  return dateFormat({ timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA');
}

/**
 * The zone if the browser knows it, else the browser's own (a bad value must not break the
 * page). Checked once per zone, by making the day formatter that is needed anyway: every
 * `Intl.DateTimeFormat` made costs milliseconds on a slow phone, and an unknown zone would
 * otherwise be tried (and fail) on every call.
 */
export function knownZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  let known = zoneKnown.get(timeZone);
  if (known === undefined) {
    try {
      dayFormat(timeZone);
      known = true;
    } catch {
      known = false;
    }
    zoneKnown.set(timeZone, known);
  }
  return known ? timeZone : undefined;
}

/** The local date of `instant` in `timeZone`, as `YYYY-MM-DD`. */
export function localDay(instant: string | Date, timeZone: string | undefined): string {
  return dayFormat(knownZone(timeZone)).format(new Date(instant));
}

/**
 * Today in the household's time zone, as `YYYY-MM-DD`: the app's one notion of "today" (the
 * server counts the period's days there, whatever zone the device is set to).
 */
export function householdToday(timeZone: string | undefined, now: Date = new Date()): string {
  return localDay(now, timeZone);
}

/** Yesterday in the household's time zone, as `YYYY-MM-DD`. */
export function householdYesterday(timeZone: string | undefined, now: Date = new Date()): string {
  return addDays(householdToday(timeZone, now), -1);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `months` calendar months (the day of the month kept: meant for days 1..28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}

/** How far the wall clock of `timeZone` is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: number, timeZone: string | undefined): number {
  // Read back as numbers, never shown: a fixed locale with Latin digits and a known order.
  const parts = dateFormat(
    { timeZone: knownZone(timeZone), hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
    'en-US',
  ).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * Noon of `day` in `timeZone`, as an ISO instant. A spending dated to an earlier day gets
 * noon: the real hour is unknown, and noon lies on that date in the household's zone whatever
 * the device's own zone or a daylight-saving change (which happen at night), so the spending
 * lands in the right day and the right period. "Now minus 24 hours" would not: on the day
 * after a clock change, or on a phone set to another zone, it can fall on the wrong date.
 */
export function noonOf(day: string, timeZone: string | undefined): string {
  return new Date(atWallTime(day, 12 * 3_600_000, timeZone)).toISOString();
}

/** The first instant of `day` in `timeZone` (local midnight), as an ISO instant. */
export function midnightOf(day: string, timeZone: string | undefined): string {
  return new Date(atWallTime(day, 0, timeZone)).toISOString();
}

/** The instant at `msOfDay` past midnight on the wall clock of `timeZone`, on `day`. */
function atWallTime(day: string, msOfDay: number, timeZone: string | undefined): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + msOfDay;
  const instant = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(instant, timeZone); // once more, in case the guess crossed a clock change
}

/**
 * `instant` moved to another `day`, at the same time of day on the household's clock (an
 * edit of the date keeps the time that was recorded; History's dialog does the same), and
 * never later than now.
 */
export function moveToDay(instant: string, day: string, timeZone: string | undefined, now = new Date()): string {
  const at = new Date(instant).getTime();
  const msOfDay = at + zoneOffsetMs(at, timeZone) - Date.parse(`${localDay(instant, timeZone)}T00:00:00Z`);
  return new Date(Math.min(atWallTime(day, msOfDay, timeZone), now.getTime())).toISOString();
}

/**
 * The `spentAt` for a spending dated `day`: now when it is today (the real time), noon of
 * that day otherwise (see `noonOf`).
 */
export function spentAtFor(day: string, timeZone: string | undefined, now = new Date()): string {
  return day === householdToday(timeZone, now) ? now.toISOString() : noonOf(day, timeZone);
}

/**
 * The days a spending may be dated to: from one year back (further back is more likely a
 * typo than a forgotten receipt; the CSV import takes older ones) to today (a spending is
 * something that has happened). An older spending being edited keeps its own date in range.
 */
export function dayBounds(timeZone: string | undefined, now = new Date(), keep?: string): { min: string; max: string } {
  const max = householdToday(timeZone, now);
  const yearBack = addDays(max, -365);
  return { min: keep && keep < yearBack ? keep : yearBack, max: keep && keep > max ? keep : max };
}

/** "Today", "Yesterday", or the date ("Fri, Apr 10"; with the year when it is not this year), in the app's language. */
export function dayLabel(day: string, timeZone: string | undefined, now = new Date(), locale?: string): string {
  const today = householdToday(timeZone, now);
  if (day === today) return translate('common.today');
  if (day === householdYesterday(timeZone, now)) return translate('common.yesterday');
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  // Formatted at noon UTC of that date, in UTC: the label is the date itself, whatever the zones.
  return dateFormat({ timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }, locale).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export interface DayGroup<T> {
  day: string;
  label: string;
  items: T[];
}

/** Items (newest first) grouped by their local day, in the order they come. */
export function groupByDay<T extends { spentAt: string }>(items: readonly T[], timeZone: string | undefined, now = new Date(), locale?: string): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = localDay(item.spentAt, timeZone);
    let group = groups.find((g) => g.day === day);
    if (!group) {
      group = { day, label: dayLabel(day, timeZone, now, locale), items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

/** The clock time of `instant` in the household's zone ("07:20 PM", "19:20"). */
export function clockTime(instant: string, timeZone: string | undefined, locale?: string): string {
  return dateFormat({ timeZone: knownZone(timeZone), hour: '2-digit', minute: '2-digit' }, locale).format(new Date(instant));
}

/** "Nov 15 – Dec 14 · 6 days left": the period's first and last day, and the days left (today counted). */
export function periodLabel(period: BudgetPeriodDto, locale?: string): string {
  const zone = knownZone(period.timezone);
  const format = dateFormat({ timeZone: zone, month: 'short', day: 'numeric' }, locale);
  const start = new Date(period.start);
  // `end` is the first moment of the next period; half a day before it lies on the last day.
  const last = new Date(new Date(period.end).getTime() - DAY_MS / 2);
  const range = format.formatRange(start, last);
  // The dashboard's text (only its page shows the period).
  return translate('dashboard.period', { range, count: Math.max(1, period.daysLeft) });
}

/** The period's last day written out ("Dec 14"), for the explanations. */
export function lastDayLabel(period: BudgetPeriodDto, locale?: string): string {
  const last = new Date(new Date(period.end).getTime() - DAY_MS / 2);
  return dateFormat({ timeZone: knownZone(period.timezone), month: 'short', day: 'numeric' }, locale).format(last);
}

// Days of the month in words, for fixed costs ("Rent on the 20th"). Here, beside the other date
// words, rather than with the schedules: the dashboard needs only these, and loads this file anyway.
let ordinalRules: Intl.PluralRules | undefined;
const SUFFIX: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

/**
 * A day of the month as the language writes it in a date ("on the 1st", "am 1.", "1-го числа",
 * "ב־1 בחודש"): English "1st", "22nd", "13th" (its ordinal rules); German "1."; Russian "1-го"
 * (the genitive of dates: "1-го числа"); Hebrew the plain number. The words around it ("the",
 * "am", "числа", "בחודש") belong to the sentence that uses it, in the catalogue.
 */
export function ordinal(n: number): string {
  switch (currentLocale()) {
    case 'de':
      return `${n}.`;
    case 'ru':
      return `${n}-го`;
    case 'he':
      return String(n);
    default:
      ordinalRules ??= new Intl.PluralRules('en-US', { type: 'ordinal' });
      return `${n}${SUFFIX[ordinalRules.select(n)] ?? 'th'}`;
  }
}

const lists = new Map<string, Intl.ListFormat>();

/**
 * Words joined as the app's language lists them: "Rent and Gym", "7th, 14th and 21st",
 * "Miete und Fitness", "7, 14 ו-21". English without the serial comma, as the app writes it.
 */
export function listWords(words: readonly string[], locale: string = formatLocale()): string {
  const tag = currentLocale() === 'en' && locale.startsWith('en') ? 'en-GB' : locale;
  let format = lists.get(tag);
  if (!format) lists.set(tag, (format = new Intl.ListFormat(tag, { type: 'conjunction' })));
  return format.format(words);
}

/** The days of the month listed: "7th, 14th and 21st", "7., 14. und 21.", "7-го, 14-го и 21-го". */
export function dayList(days: readonly number[]): string {
  return listWords(days.map(ordinal));
}

/** "the 20th", "the 7th and 21st", "the 7th, 14th and 21st" (and in each language its own way). */
export function daysOfMonth(days: readonly number[]): string {
  return translate('common.theDaysOfMonth', { days: dayList(days) });
}

/**
 * Text people typed (a name, a note) put into a sentence: in a right-to-left language it is
 * isolated (U+2068…U+2069), so a Latin name before a full stop or a number beside it keeps its
 * place; left to right nothing is added.
 */
export function isolate(text: string): string {
  return currentLocale() === 'he' ? `\u2068${text}\u2069` : text;
}
