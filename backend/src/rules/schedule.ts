import { addDays, compareDates, formatLocalDate, LocalDate } from './period';

/**
 * When a fixed cost falls due, as pure functions of its schedule: every month on a day
 * (a day past the month's end means its last day), every week on a weekday (1 = Monday …
 * 7 = Sunday, ISO), or every year on a month and day, from `startsOn` to `endsOn`
 * (both counted). Dates are calendar dates in the household's time zone.
 */
export type Every = 'month' | 'week' | 'year';

export interface Schedule {
  readonly every: Every;
  /** 1..31, for `month` and `year`. */
  readonly day: number | null;
  /** 1..7 (Monday = 1), for `week`. */
  readonly weekday: number | null;
  /** 1..12, for `year`. */
  readonly month: number | null;
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate | null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** `day` of a month, or the month's last day when it has fewer days. */
function dayOfMonth(year: number, month: number, day: number): LocalDate {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

/**
 * Every date in [from, until) on which the schedule falls due, oldest first. `until` is not
 * counted (a period's end date is the next period's first day).
 */
export function dueDates(schedule: Schedule, from: LocalDate, until: LocalDate): LocalDate[] {
  const first = compareDates(schedule.startsOn, from) > 0 ? schedule.startsOn : from;
  const last = schedule.endsOn && compareDates(schedule.endsOn, until) < 0 ? addDays(schedule.endsOn, 1) : until;
  if (compareDates(first, last) >= 0) return [];
  const dates: LocalDate[] = [];
  const keep = (date: LocalDate) => {
    if (compareDates(date, first) >= 0 && compareDates(date, last) < 0) dates.push(date);
  };
  switch (schedule.every) {
    case 'week': {
      const ahead = (((schedule.weekday ?? 1) - isoWeekday(first)) % 7 + 7) % 7;
      for (let date = addDays(first, ahead); compareDates(date, last) < 0; date = addDays(date, 7)) dates.push(date);
      break;
    }
    case 'month':
      for (let index = first.year * 12 + first.month - 1; index <= last.year * 12 + last.month - 1; index++) {
        keep(dayOfMonth(Math.floor(index / 12), (index % 12) + 1, schedule.day ?? 1));
      }
      break;
    case 'year':
      for (let year = first.year; year <= last.year; year++) keep(dayOfMonth(year, schedule.month ?? 1, schedule.day ?? 1));
      break;
  }
  return dates;
}

/** The first date on or after `from` on which the schedule falls due, or null when it has ended. */
export function nextDueDate(schedule: Schedule, from: LocalDate): LocalDate | null {
  // A year always holds an occurrence of every schedule that has not ended.
  const [next] = dueDates(schedule, from, addDays(from, 367));
  return next ?? null;
}

/** `YYYY-MM-DD` to a date, or null when it is not one (2026-02-30 is not). */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export { formatLocalDate };
