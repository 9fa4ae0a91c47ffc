import { BudgetFunnelDto, BudgetPeriodDto } from '../../api/models';
import { addMoney } from '../../core/money';

type Money = (value: number) => string;

/** A figure in words: "€12.00", or "over by €12.00" when it is below zero (not only red). */
export function moneyWords(value: number, money: Money): string {
  return value < 0 ? `over by ${money(-value)}` : money(value);
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The days that share the limit: the whole period, or fewer in a first period counted from the day the household started. */
function countedDays(period: BudgetPeriodDto): number {
  return period.countedDays || period.days;
}

/**
 * How a funnel's "today" figure is made, in words a family understands. The figure is
 * `allowanceToday = remaining − limit × (daysLeft − 1) / days`: what is left, minus an even
 * share (limit / days) kept back for each later day.
 */
export function explainAllowance(funnel: BudgetFunnelDto, period: BudgetPeriodDto, money: Money, lastDay: string): string {
  const { limit, remaining, allowanceToday, spent } = funnel;
  const counted = countedDays(period);
  const daysLeft = Math.max(1, Math.min(period.daysLeft, counted));
  const later = daysLeft - 1;
  const share = limit / counted;

  if (limit <= 0) {
    return spent > 0
      ? `This funnel has no limit this period, so the ${money(spent)} spent is over it. Set a limit in Settings.`
      : 'This funnel has no limit this period. Set one in Settings.';
  }
  if (remaining < 0) {
    return `The ${money(limit)} limit of this period is used up: spent ${money(spent)}, over by ${money(-remaining)}. Nothing is left to spend here until the period ends after ${lastDay}.`;
  }
  if (later === 0) {
    return `Last day of the period: all that is left, ${money(remaining)}, can be spent today.`;
  }
  if (allowanceToday < 0) {
    return (
      `Left ${money(remaining)} for ${days(daysLeft)}. The ${days(later)} after today need ${money(share)} each ` +
      `(${money(share * later)}), so today is over by ${money(-allowanceToday)}. ` +
      `Spend nothing more here today and each later day gets ${money(remaining / later)}.`
    );
  }
  let text = `Left ${money(remaining)} for ${days(daysLeft)}; ${money(allowanceToday)} today keeps every later day at ${money(share)}.`;
  // allowance − share is exactly what earlier days of the period left unspent (or took beyond their share).
  const fromEarlierDays = addMoney(allowanceToday, -share);
  if (fromEarlierDays >= 0.01) {
    text += ` Today is more than a usual day's ${money(share)} because ${money(fromEarlierDays)} was not spent on earlier days of this period.`;
  } else if (fromEarlierDays <= -0.01) {
    text += ` Today is less than a usual day's ${money(share)} because earlier days took ${money(-fromEarlierDays)} more than their share.`;
  }
  return text;
}
