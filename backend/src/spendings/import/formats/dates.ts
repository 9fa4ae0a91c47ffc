import { BadRequestException } from '@nestjs/common';
import { isCalendarDate } from '../../../common/validators';
import type { LocalDate } from '../../../rules/period';
import { fileRefusal } from '../import-reasons';

/** How a date like 03/04/2024 is read: month first (US) or day first. */
export type DateOrder = 'mdy' | 'dmy';
export const DATE_ORDERS: readonly DateOrder[] = ['mdy', 'dmy'];

/** Spendings are from this century: earlier or later years are typing mistakes. */
export function isPlausibleDate(date: LocalDate): boolean {
  return isCalendarDate(date.year, date.month, date.day) && date.year >= 2000 && date.year < 2100;
}

/** `2026-03-10`, exactly. */
export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isPlausibleDate(date) ? date : null;
}

interface NumericDate {
  /** Year first (2024-01-15, 2024/01/15): never ambiguous. */
  yearFirst: boolean;
  first: number;
  second: number;
  year: number;
}

/**
 * A date of three numbers, as apps print them in the user's format: `01/15/2024`, `15.01.2024`,
 * `2024-01-15`, `1/15/24`, and QIF's `1/15'24` and ` 1/ 5'24` (an apostrophe before a year of
 * this century, spaces for leading zeros). Two-digit years are 20xx.
 */
function numericDate(text: string): NumericDate | null {
  const match = /^(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*(?:[/.\-]|')\s*(\d{1,4})\.?$/.exec(text.trim());
  if (!match) return null;
  const [a, b, c] = [match[1], match[2], match[3]];
  if (a.length === 4) return { yearFirst: true, first: Number(b), second: Number(c), year: Number(a) };
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return null;
  return { yearFirst: false, first: Number(a), second: Number(b), year: c.length === 2 ? 2000 + Number(c) : Number(c) };
}

/** The date `text` names when read in `order`; null when it is none. */
export function parseOrderedDate(text: string, order: DateOrder): LocalDate | null {
  const n = numericDate(text);
  if (!n) return null;
  const date = n.yearFirst
    ? { year: n.year, month: n.first, day: n.second }
    : order === 'mdy'
      ? { year: n.year, month: n.first, day: n.second }
      : { year: n.year, month: n.second, day: n.first };
  return isPlausibleDate(date) ? date : null;
}

/**
 * Decides from a whole file whether its dates are month/day or day/month: a first number above
 * 12 says day first, a second one above 12 says month first. A file that says both is refused,
 * and so is one that says neither (every day is 12 or less) unless the caller said which
 * (`dateOrder`): guessing would put every spending in the wrong month.
 */
export class DateOrderEvidence {
  private dayFirst: string | null = null;
  private monthFirst: string | null = null;
  private ambiguous: string | null = null;
  private dayMonthDates = false;

  see(text: string): void {
    const n = numericDate(text);
    if (!n || n.yearFirst) return;
    this.dayMonthDates = true;
    if (n.first > 12 && n.second <= 12) this.dayFirst ??= text.trim();
    else if (n.second > 12 && n.first <= 12) this.monthFirst ??= text.trim();
    else if (n.first !== n.second && n.first <= 12 && n.second <= 12) this.ambiguous ??= text.trim();
  }

  /**
   * The order to read the file in (undefined: no date in it needs one); a 400 when the file
   * cannot be read safely. `requested` only settles a file that does not tell.
   */
  decide(requested: DateOrder | undefined): DateOrder | undefined {
    if (!this.dayMonthDates) return undefined;
    if (this.dayFirst && this.monthFirst) {
      throw new BadRequestException(fileRefusal('datesMixed', { monthFirst: this.monthFirst, dayFirst: this.dayFirst }));
    }
    if (this.dayFirst) return 'dmy';
    if (this.monthFirst) return 'mdy';
    // `reason` lets a client ask the person which order it is (the PWA does) and send `dateOrder`.
    if (this.ambiguous && !requested) throw new BadRequestException({ message: fileRefusal('datesAmbiguous', { example: this.ambiguous }), reason: 'dates_ambiguous' });
    return requested ?? 'mdy'; // every date has the same day and month (01/01, 02/02 …): either order reads it alike
  }
}
