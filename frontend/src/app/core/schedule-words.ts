import { FixedCostDto } from '../api/models';
import { dateFormat } from './date-format';
import { ordinal } from './household-dates';
import { formatLocale, translate } from './i18n';

/**
 * A fixed cost's schedule in the words a family uses, in the app's language: "Monthly on the
 * 1st", "Every Friday", "Yearly on 1 September" (German "Monatlich am 1.", Russian "Ежемесячно,
 * 1-го числа", Hebrew "כל חודש ב־1 בחודש"); weekday, month and date as the locale writes them,
 * the day of the month as the language's ordinal (`ordinal`, with the other date words).
 */

/** "Monday" … "Sunday" for 1 … 7 (ISO weekdays), in the locale's words. */
export function weekdayName(weekday: number, locale: string = formatLocale()): string {
  // 2024-01-01 was a Monday.
  return dateFormat({ weekday: 'long', timeZone: 'UTC' }, locale).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "January" … "December" for 1 … 12, in the locale's words (the form a month takes standing alone). */
export function monthName(month: number, locale: string = formatLocale()): string {
  return dateFormat({ month: 'long', timeZone: 'UTC' }, locale).format(new Date(Date.UTC(2024, month - 1, 1)));
}

/** How often a fixed cost falls due, in words. A day past a month's end is that month's last day, so 31 always is. */
export function scheduleWords(cost: Pick<FixedCostDto, 'every' | 'day' | 'weekday' | 'month'>, locale: string = formatLocale()): string {
  switch (cost.every) {
    case 'week':
      return translate('settings.schedule.weekly', { weekday: weekdayName(cost.weekday ?? 1, locale) });
    case 'month':
      return cost.day === 31 ? translate('settings.schedule.monthlyLastDay') : translate('settings.schedule.monthly', { day: ordinal(cost.day ?? 1) });
    case 'year': {
      // In a leap year, so 29 February can be written; a day past the month's end is its last. Day and month as the locale orders them.
      const month = (cost.month ?? 1) - 1;
      const day = Math.min(cost.day ?? 1, new Date(Date.UTC(2024, month + 1, 0)).getUTCDate());
      const date = dateFormat({ day: 'numeric', month: 'long', timeZone: 'UTC' }, locale).format(new Date(Date.UTC(2024, month, day)));
      return translate('settings.schedule.yearly', { date });
    }
  }
}
