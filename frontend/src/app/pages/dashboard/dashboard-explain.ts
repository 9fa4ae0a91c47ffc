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

/** What this period has, when it is more (or less) than the limit: "This period started with €200.00 carried from the last one (€3,200.00 in all). " */
function carriedWords(funnel: BudgetFunnelDto, money: Money): string {
  if (funnel.carried > 0) return `This period started with ${money(funnel.carried)} carried from the last one (${money(funnel.available)} in all). `;
  if (funnel.carried < 0) return `This period started ${money(-funnel.carried)} short: the last period was overspent (${money(funnel.available)} in all). `;
  return '';
}

/** "Rent and Netflix": the fixed costs still to come, by name. */
function fixedNames(funnel: BudgetFunnelDto): string {
  const names = [...new Set(funnel.fixedCosts.map((c) => c.note || 'a fixed cost'))];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/**
 * How a funnel's "today" figure is made, in words a family understands. The figure is
 * `allowanceToday = (remaining − upcoming) − max(0, available − fixed) × (daysLeft − 1) / days`:
 * what is left, less the fixed costs still to come, less an even share of the flexible money
 * (what the funnel has this period — its limit and what was carried in — beyond its fixed
 * costs) kept back for each later day.
 */
export function explainAllowance(funnel: BudgetFunnelDto, period: BudgetPeriodDto, money: Money, lastDay: string): string {
  const { limit, carried, available, fixed, upcoming, remaining, allowanceToday, spent } = funnel;
  const counted = countedDays(period);
  const daysLeft = Math.max(1, Math.min(period.daysLeft, counted));
  const later = daysLeft - 1;
  const flexible = Math.max(0, addMoney(available, -fixed));
  const share = flexible / counted;
  const started = carriedWords(funnel, money);
  const setAside = upcoming > 0 ? `${money(upcoming)} of it is set aside for ${fixedNames(funnel)}, still to come` : '';

  if (limit <= 0 && carried === 0 && fixed === 0) {
    return spent > 0
      ? `This funnel has no limit this period, so the ${money(spent)} spent is over it. Set a limit in Settings.`
      : 'This funnel has no limit this period. Set one in Settings.';
  }
  if (remaining < 0) {
    const has = carried === 0 ? `The ${money(limit)} limit of this period` : `What this period has, ${money(available)} (${money(limit)} limit ${carried > 0 ? '+' : '\u2212'} ${money(Math.abs(carried))} carried),`;
    return `${has} is used up: spent ${money(spent)}, over by ${money(-remaining)}. Nothing is left to spend here until the period ends after ${lastDay}.`;
  }
  if (later === 0) {
    return upcoming > 0
      ? `${started}Last day of the period: ${money(remaining)} is left and ${setAside}, so ${moneyWords(allowanceToday, money)} can be spent today.`
      : `${started}Last day of the period: all that is left, ${money(remaining)}, can be spent today.`;
  }
  const left = `${started}Left ${money(remaining)} for ${days(daysLeft)}${setAside ? `; ${setAside}` : ''}`;
  if (fixed > 0 && flexible === 0) {
    // The fixed costs take all the funnel has: no even share is kept for later days.
    return `${left}. The fixed costs of this period (${money(fixed)}) take all it has, so later days get nothing from it and today ${
      allowanceToday < 0 ? `is over by ${money(-allowanceToday)}` : `can have ${money(allowanceToday)}`
    }.`;
  }
  if (allowanceToday < 0) {
    const free = addMoney(remaining, -upcoming);
    return (
      `${left}. The ${days(later)} after today need ${money(share)} each ` +
      `(${money(share * later)}), so today is over by ${money(-allowanceToday)}. ` +
      (free > 0 ? `Spend nothing more here today and each later day gets ${money(free / later)}.` : `Spend nothing more here: the fixed costs still to come need all that is left.`)
    );
  }
  let text = `${left}${setAside ? ', and' : ';'} ${money(allowanceToday)} today keeps every later day at ${money(share)}.`;
  // allowance − share is exactly what earlier days of the period left unspent (or took beyond their share).
  const fromEarlierDays = addMoney(allowanceToday, -share);
  if (fromEarlierDays >= 0.01) {
    text += ` Today is more than a usual day's ${money(share)} because ${money(fromEarlierDays)} was not spent on earlier days of this period.`;
  } else if (fromEarlierDays <= -0.01) {
    text += ` Today is less than a usual day's ${money(share)} because earlier days took ${money(-fromEarlierDays)} more than their share.`;
  }
  return text;
}
