import { HistoryPeriodDto } from '../../api/models';
import { addMoney } from '../../core/money';
import { dateFormat } from '../../core/date-format';

export interface HistoryRow {
  start: string;
  end: string;
  /** Short label such as "15 Mar – 14 Apr". */
  label: string;
  limit: number;
  spent: number;
}

/** One row per period (oldest first, for a chart read left to right), for one funnel or all of them. */
export function historyRows(periods: HistoryPeriodDto[], funnelId: string | null, timeZone: string, locale?: string): HistoryRow[] {
  const day = dateFormat({ day: 'numeric', month: 'short', timeZone }, locale);
  return [...periods].reverse().map((p) => {
    const funnels = funnelId ? p.funnels.filter((f) => f.id === funnelId) : p.funnels;
    const lastDay = new Date(new Date(p.end).getTime() - 1);
    return {
      start: p.start,
      end: p.end,
      label: `${day.format(new Date(p.start))} – ${day.format(lastDay)}`,
      limit: addMoney(...funnels.map((f) => f.limit)),
      spent: addMoney(...funnels.map((f) => f.spent)),
    };
  });
}

/** Every funnel that appears in any of the periods, newest name first. */
export function historyFunnels(periods: HistoryPeriodDto[]): Array<{ id: string; name: string; color: string }> {
  const seen = new Map<string, { id: string; name: string; color: string }>();
  for (const period of periods) for (const f of period.funnels) if (!seen.has(f.id)) seen.set(f.id, { id: f.id, name: f.name, color: f.color });
  return [...seen.values()];
}
