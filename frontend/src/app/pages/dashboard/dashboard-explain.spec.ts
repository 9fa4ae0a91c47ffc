import { BudgetFunnelDto, BudgetPeriodDto } from '../../api/models';
import { formatMoney } from '../../core/money';
import { amountMessage, amountProblem, shortAmountMessage } from './amount-check';
import { explainAllowance, moneyWords } from './dashboard-explain';

const money = (value: number) => formatMoney(value, 'EUR', 'en-US');
const period = (days: number, daysLeft: number): BudgetPeriodDto => ({
  start: '2026-04-01T00:00:00.000Z',
  end: '2026-05-01T00:00:00.000Z',
  days,
  daysLeft,
  startDay: 1,
  timezone: 'UTC',
  countedDays: days,
  countedFrom: '2026-04-01T00:00:00.000Z',
});
const funnel = (limit: number, spent: number, p: BudgetPeriodDto): BudgetFunnelDto => {
  const remaining = limit - spent;
  const allowanceToday = Math.round((remaining - (limit * (p.daysLeft - 1)) / p.countedDays) * 100) / 100;
  return { id: 'f', name: 'Food', emoji: '🍞', color: '#ffa500', shared: false, limit, spent, remaining, allowanceToday, spentToday: 0 };
};

describe('how a funnel figure is made, in words', () => {
  it('says the worked example of the product: 1,200 left for 10 days, 300 today keeps every later day at 100', () => {
    const p = period(30, 10);
    expect(explainAllowance(funnel(3000, 1800, p), p, money, 'Apr 30')).toBe(
      'Left €1,200.00 for 10 days; €300.00 today keeps every later day at €100.00. ' +
        "Today is more than a usual day's €100.00 because €200.00 was not spent on earlier days of this period.",
    );
  });

  it("explains a new user's large first figure: the limit covers the whole period", () => {
    const p = period(30, 6);
    const text = explainAllowance(funnel(2000, 0, p), p, money, 'Apr 30');
    expect(text).toContain('Left €2,000.00 for 6 days; €1,666.67 today keeps every later day at €66.67.');
    expect(text).toContain('€1,600.00 was not spent on earlier days of this period');
  });

  it('says when earlier days took more than their share', () => {
    const p = period(30, 10);
    expect(explainAllowance(funnel(3000, 2050, p), p, money, 'Apr 30')).toContain('earlier days took €50.00 more than their share');
  });

  it('says "over by" in words when today is over, and what the later days get', () => {
    const p = period(30, 10);
    expect(explainAllowance(funnel(3000, 2200, p), p, money, 'Apr 30')).toBe(
      'Left €800.00 for 10 days. The 9 days after today need €100.00 each (€900.00), so today is over by €100.00. ' +
        'Spend nothing more here today and each later day gets €88.89.',
    );
  });

  it('says when the limit is used up, and on the last day that all that is left is for today', () => {
    const p = period(30, 10);
    expect(explainAllowance(funnel(200, 250, p), p, money, 'Apr 30')).toBe(
      'The €200.00 limit of this period is used up: spent €250.00, over by €50.00. Nothing is left to spend here until the period ends after Apr 30.',
    );
    const last = period(30, 1);
    expect(explainAllowance(funnel(3000, 2900, last), last, money, 'Apr 30')).toBe('Last day of the period: all that is left, €100.00, can be spent today.');
    expect(explainAllowance(funnel(0, 0, p), p, money, 'Apr 30')).toBe('This funnel has no limit this period. Set one in Settings.');
  });

  it('writes negative figures as "over by", not only with a minus', () => {
    expect(moneyWords(-12.5, money)).toBe('over by €12.50');
    expect(moneyWords(12.5, money)).toBe('€12.50');
  });
});

describe('what is wrong with a typed amount', () => {
  it('names the maximum for amounts above 1,000,000,000, and the other problems in a few words', () => {
    expect(amountProblem('2000000000')).toBe('max');
    expect(amountProblem('1000000000,01')).toBe('max');
    expect(shortAmountMessage('max')).toBe('At most 1,000,000,000');
    expect(amountMessage('max')).toBe('Enter an amount of at most 1,000,000,000.');
    expect(amountProblem('1000000000')).toBeNull();
    expect(amountProblem('12,5')).toBeNull();
    expect(amountProblem('')).toBeNull();
    expect(amountProblem('0')).toBe('zero');
    expect(amountProblem('1.234')).toBe('decimals');
    expect(amountProblem('abc')).toBe('format');
    expect(amountProblem('.')).toBe('format');
    expect(amountMessage('format')).toBe('Enter an amount above 0 with at most 2 decimals, like 12.50.');
  });
});
