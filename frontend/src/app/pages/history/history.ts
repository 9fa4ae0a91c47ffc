import { HistoryPeriodDto } from '../../api/models';
import { addMoney } from '../../core/money';
import { dateFormat } from '../../core/date-format';
import { formatLocale } from '../../core/i18n';

export interface HistoryRow {
  start: string;
  end: string;
  /** Short label such as "15 Mar – 14 Apr" (a range as the language writes one: "15. März – 14. Apr."). */
  label: string;
  /** The first day alone, such as "15 Mar": the chart's axis has no room for more. */
  shortLabel: string;
  /** The period that contains today (the newest one the server sends). */
  current: boolean;
  limit: number;
  /** What rollover brought in from the period before (negative when that one was overspent); 0 without. */
  carried: number;
  /** What the period had: limit + carried. */
  available: number;
  spent: number;
}

/**
 * One row per period, newest first, for one funnel or all of them. Periods before any of
 * those funnels existed (before the household had them, with nothing spent then) are left
 * out: they are not "spent 0 of 0", there was nothing yet.
 */
export function historyRows(periods: HistoryPeriodDto[], funnelId: string | null, timeZone: string, locale?: string): HistoryRow[] {
  const day = dateFormat({ day: 'numeric', month: 'short', timeZone }, locale);
  const rows = periods.map((p, index) => {
    const funnels = funnelId ? p.funnels.filter((f) => f.id === funnelId) : p.funnels;
    const lastDay = new Date(new Date(p.end).getTime() - 1);
    const first = day.format(new Date(p.start));
    return {
      row: {
        start: p.start,
        end: p.end,
        label: day.formatRange(new Date(p.start), lastDay),
        shortLabel: first,
        current: index === 0,
        limit: addMoney(...funnels.map((f) => f.limit)),
        carried: addMoney(...funnels.map((f) => f.carried ?? 0)),
        available: addMoney(...funnels.map((f) => f.limit), ...funnels.map((f) => f.carried ?? 0)),
        spent: addMoney(...funnels.map((f) => f.spent)),
      },
      existed: funnels.length > 0,
    };
  });
  // The server lists a funnel in a period once it exists (or had spendings there): what lies
  // beyond the oldest period with any funnel is before the history began.
  let oldest = rows.length - 1;
  while (oldest >= 0 && !rows[oldest].existed) oldest--;
  return rows.slice(0, oldest + 1).map((r) => r.row);
}

/** Nothing was spent in any of the rows: show an empty state instead of a chart of zeros. */
export function nothingSpent(rows: HistoryRow[]): boolean {
  return rows.every((r) => r.spent === 0);
}

/** Every funnel that appears in any of the periods, newest name first. */
export function historyFunnels(periods: HistoryPeriodDto[]): Array<{ id: string; name: string; color: string }> {
  const seen = new Map<string, { id: string; name: string; color: string }>();
  for (const period of periods) for (const f of period.funnels) if (!seen.has(f.id)) seen.set(f.id, { id: f.id, name: f.name, color: f.color });
  return [...seen.values()];
}

const axisFormats = new Map<string, Intl.NumberFormat>();

/**
 * A money label for the chart's value axis: whole units ("€2,000"), and from 10,000 on the
 * short form ("€12K", "€1.2M", "12.000 €", "12 тыс. €") that a phone's narrow axis has room
 * for, in the app's language. Never cents.
 */
export function axisMoney(value: number, currency: string, locale: string = formatLocale()): string {
  const compact = Math.abs(value) >= 10_000;
  const key = `${locale}|${currency}|${compact}`;
  let f = axisFormats.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 };
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, ...options });
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, ...options });
    }
    axisFormats.set(key, f);
  }
  return f.format(value);
}
