import { BudgetFunnelDto } from '../../api/models';
import { dayList, isolate } from '../../core/household-dates';
import { translate } from '../../core/i18n';

type Money = (value: number) => string;

/** One line under a funnel's figure: what came in from the last period, or a fixed cost still to come. */
export interface PlannedLine {
  key: string;
  kind: 'carried' | 'fixed';
  text: string;
  /** Money taken from this period (an overspend carried in). */
  negative: boolean;
}


/**
 * The lines under a funnel's figure, for the money that is planned this period:
 * "+€200.00 carried from last period" (or "−€300.00 carried: last period was overspent"), and
 * each fixed cost still to come, "Rent €1,000.00 on the 20th" — one line per fixed cost, its
 * dates together ("Cleaner €50.00 each on the 7th, 14th and 21st"). A period lasts at most 31
 * days, so the day of the month names a date in it.
 */
export function plannedLines(funnel: Pick<BudgetFunnelDto, 'carried' | 'fixedCosts'>, money: Money): PlannedLine[] {
  const lines: PlannedLine[] = [];
  if (funnel.carried > 0) {
    lines.push({ key: 'carried', kind: 'carried', text: translate('dashboard.planned.carriedIn', { amount: money(funnel.carried) }), negative: false });
  } else if (funnel.carried < 0) {
    lines.push({ key: 'carried', kind: 'carried', text: translate('dashboard.planned.carriedShort', { amount: money(-funnel.carried) }), negative: true });
  }
  const byCost = new Map<string, { note: string | null; amount: number; days: number[] }>();
  for (const o of funnel.fixedCosts) {
    const entry = byCost.get(o.fixedCostId) ?? { note: o.note, amount: o.amount, days: [] };
    entry.days.push(Number(o.dueOn.slice(8, 10)));
    byCost.set(o.fixedCostId, entry);
  }
  for (const [id, cost] of byCost) {
    const text = translate('dashboard.planned.fixed', {
      name: cost.note ? isolate(cost.note) : translate('dashboard.planned.unnamed'),
      amount: money(cost.amount),
      count: cost.days.length,
      days: dayList(cost.days),
    });
    lines.push({ key: id, kind: 'fixed', text, negative: false });
  }
  return lines;
}
