import { BudgetFunnelDto, BudgetPeriodDto } from '../../api/models';
import { isolate, listWords } from '../../core/household-dates';
import { translate } from '../../core/i18n';
import { addMoney } from '../../core/money';

type Money = (value: number) => string;

/** A figure in words: "€12.00", or "over by €12.00" when it is below zero (not only red). */
export function moneyWords(value: number, money: Money): string {
  return value < 0 ? translate('dashboard.overBy', { amount: money(-value) }) : money(value);
}

/** The days that share the limit: the whole period, or fewer in a first period counted from the day the household started. */
function countedDays(period: BudgetPeriodDto): number {
  return period.countedDays || period.days;
}

/** What this period has, when it is more (or less) than the limit: "This period started with €200.00 carried from the last one (€3,200.00 in all). " */
function carriedWords(funnel: BudgetFunnelDto, money: Money): string {
  if (funnel.carried > 0) return translate('dashboard.explain.startedWith', { carried: money(funnel.carried), available: money(funnel.available) }) + ' ';
  if (funnel.carried < 0) return translate('dashboard.explain.startedShort', { short: money(-funnel.carried), available: money(funnel.available) }) + ' ';
  return '';
}

/** "Rent and Netflix": the fixed costs still to come, by name. */
function fixedNames(funnel: BudgetFunnelDto): string {
  return listWords([...new Set(funnel.fixedCosts.map((c) => (c.note ? isolate(c.note) : translate('dashboard.explain.aFixedCost'))))]);
}

/**
 * How a funnel's "today" figure is made, in words a family understands. The figure is
 * `allowanceToday = (remaining − upcoming) − max(0, available − fixed) × (daysLeft − 1) / days`:
 * what is left, less the fixed costs still to come, less an even share of the flexible money
 * (what the funnel has this period — its limit and what was carried in — beyond its fixed
 * costs) kept back for each later day. Each sentence is one text of the catalogue, with the
 * figures put in (so every language orders them its own way).
 */
export function explainAllowance(funnel: BudgetFunnelDto, period: BudgetPeriodDto, money: Money, lastDay: string): string {
  const { limit, carried, available, fixed, upcoming, remaining, allowanceToday, spent } = funnel;
  const counted = countedDays(period);
  const daysLeft = Math.max(1, Math.min(period.daysLeft, counted));
  const later = daysLeft - 1;
  const flexible = Math.max(0, addMoney(available, -fixed));
  const share = flexible / counted;
  const started = carriedWords(funnel, money);
  const aside = upcoming > 0 ? { upcoming: money(upcoming), names: fixedNames(funnel) } : null;

  if (limit <= 0 && carried === 0 && fixed === 0) {
    return spent > 0 ? translate('dashboard.explain.noLimitSpent', { spent: money(spent) }) : translate('dashboard.explain.noLimit');
  }
  if (remaining < 0) {
    const used = { spent: money(spent), over: money(-remaining), lastDay };
    if (carried === 0) return translate('dashboard.explain.usedUp', { limit: money(limit), ...used });
    const has = { available: money(available), limit: money(limit), carried: money(Math.abs(carried)) };
    return translate(carried > 0 ? 'dashboard.explain.usedUpCarried' : 'dashboard.explain.usedUpShort', { ...has, ...used });
  }
  if (later === 0) {
    if (!aside) return started + translate('dashboard.explain.lastDay', { remaining: money(remaining) });
    return (
      started +
      (allowanceToday < 0
        ? translate('dashboard.explain.lastDayAsideOver', { remaining: money(remaining), ...aside, over: money(-allowanceToday) })
        : translate('dashboard.explain.lastDayAside', { remaining: money(remaining), ...aside, allowance: money(allowanceToday) }))
    );
  }
  const left = { remaining: money(remaining), days: daysLeft, ...aside };
  /** "Left €1,200.00 for 10 days." (with what is set aside): the first sentence, when the next says more. */
  const leftSentence = () => started + translate(aside ? 'dashboard.explain.leftAside' : 'dashboard.explain.left', left);
  if (fixed > 0 && flexible === 0) {
    // The fixed costs take all the funnel has: no even share is kept for later days.
    return (
      leftSentence() +
      ' ' +
      (allowanceToday < 0
        ? translate('dashboard.explain.fixedTakeAllOver', { fixed: money(fixed), over: money(-allowanceToday) })
        : translate('dashboard.explain.fixedTakeAll', { fixed: money(fixed), allowance: money(allowanceToday) }))
    );
  }
  if (allowanceToday < 0) {
    const free = addMoney(remaining, -upcoming);
    return (
      leftSentence() +
      ' ' +
      translate('dashboard.explain.laterDaysNeed', { later, share: money(share), total: money(share * later), over: money(-allowanceToday) }) +
      ' ' +
      (free > 0 ? translate('dashboard.explain.spendNothingToday', { each: money(free / later) }) : translate('dashboard.explain.spendNothingFixed'))
    );
  }
  let text = started + translate(aside ? 'dashboard.explain.keepsAside' : 'dashboard.explain.keeps', { ...left, allowance: money(allowanceToday), share: money(share) });
  // allowance − share is exactly what earlier days of the period left unspent (or took beyond their share).
  const fromEarlierDays = addMoney(allowanceToday, -share);
  if (fromEarlierDays >= 0.01) {
    text += ' ' + translate('dashboard.explain.moreThanUsual', { share: money(share), unspent: money(fromEarlierDays) });
  } else if (fromEarlierDays <= -0.01) {
    text += ' ' + translate('dashboard.explain.lessThanUsual', { share: money(share), extra: money(-fromEarlierDays) });
  }
  return text;
}
