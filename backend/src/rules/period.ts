/**
 * Budget periods in a household's time zone, as pure functions of (instant, start day,
 * time zone). A period is [start, end): from local midnight on the start day to local
 * midnight on the same day one month later.
 */

/** A calendar date; `month` is 1..12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface Period {
  /** First instant of the period: local 00:00 on the start day. */
  readonly start: Date;
  /** First instant after the period. */
  readonly end: Date;
  /** Calendar days in [start, end): 28..31. */
  readonly days: number;
  /** Calendar days from the local date of the instant (counted) to `end` (not counted): 1..days. */
  readonly daysLeft: number;
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
  /** The local date of the instant the period was computed for. */
  readonly today: LocalDate;
  readonly todayStart: Date;
  readonly todayEnd: Date;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  return parts;
}

/** The calendar date at `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

/** How far local wall-clock time is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const wallClock = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The first instant of `date` in `timeZone`: local midnight, or — where a daylight-saving
 * jump skips midnight — the first instant after the jump.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wallMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wallMidnight - offsetMs(wallMidnight, timeZone);
  instant = wallMidnight - offsetMs(instant, timeZone);
  // Inside a gap the guess lands before the date begins: step to the end of the gap.
  while (compareDates(localDate(new Date(instant), timeZone), date) < 0) instant += 15 * 60_000;
  return new Date(instant);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Same day `months` later; only for days 1..28, which every month has. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: date.day };
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(compareDates(to, from) / DAY_MS);
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The period that contains `at` for a household whose periods start on `startDay` (1..28). */
export function periodAt(at: Date, startDay: number, timeZone: string): Period {
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) throw new RangeError(`startDay must be 1..28, got ${startDay}`);
  // The answer is the same for every instant of a local day, and working it out takes a dozen
  // time-zone conversions: the last one per (start day, time zone) is kept. Periods are frozen.
  const key = `${startDay}|${timeZone}`;
  const known = lastPeriods.get(key);
  const instant = at.getTime();
  if (known && instant >= known.todayStart.getTime() && instant < known.todayEnd.getTime()) return known;
  const period = Object.freeze(computePeriod(at, startDay, timeZone));
  if (lastPeriods.size >= 1000) lastPeriods.clear();
  lastPeriods.set(key, period);
  return period;
}

const lastPeriods = new Map<string, Period>();

function computePeriod(at: Date, startDay: number, timeZone: string): Period {
  const today = localDate(at, timeZone);
  const thisMonthsStart = { year: today.year, month: today.month, day: startDay };
  const startDate = today.day >= startDay ? thisMonthsStart : addMonths(thisMonthsStart, -1);
  const endDate = addMonths(startDate, 1);
  return {
    start: startOfLocalDay(startDate, timeZone),
    end: startOfLocalDay(endDate, timeZone),
    days: daysBetween(startDate, endDate),
    daysLeft: daysBetween(today, endDate),
    startDate,
    endDate,
    today,
    todayStart: startOfLocalDay(today, timeZone),
    todayEnd: startOfLocalDay(addDays(today, 1), timeZone),
  };
}

/**
 * `formatLocalDate(localDate(instant, timeZone))` for many instants in a row, as an export
 * needs: the day last found is kept with its bounds, so instants sorted by time rarely need
 * a time-zone conversion.
 */
export function localDateLabeller(timeZone: string): (instant: Date) => string {
  let day: { start: number; end: number; label: string } | null = null;
  return (instant) => {
    const t = instant.getTime();
    if (!day || t < day.start || t >= day.end) {
      const date = localDate(instant, timeZone);
      day = { start: startOfLocalDay(date, timeZone).getTime(), end: startOfLocalDay(addDays(date, 1), timeZone).getTime(), label: formatLocalDate(date) };
    }
    return day.label;
  };
}

/**
 * The days of `period` a budget counts: all of them, or, in the period in which a household
 * chose to start counting (`countedFrom`, a household's first period), the days from that day
 * on. `limitShare` is the part of a monthly limit that falls on them.
 */
export function countedPart(period: Period, countedFrom: Date | null, timeZone: string): { from: Date; days: number; limitShare: number } {
  if (!countedFrom || countedFrom.getTime() <= period.start.getTime() || countedFrom.getTime() >= period.end.getTime()) {
    return { from: period.start, days: period.days, limitShare: 1 };
  }
  const fromDate = localDate(countedFrom, timeZone);
  const days = daysBetween(fromDate, period.endDate);
  return { from: startOfLocalDay(fromDate, timeZone), days, limitShare: days / period.days };
}

/** The period before `period` (its figures as of its last day). */
export function previousPeriod(period: Period, startDay: number, timeZone: string): Period {
  return periodAt(new Date(period.start.getTime() - 1), startDay, timeZone);
}
