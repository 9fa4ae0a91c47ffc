import { BudgetFunnelDto, BudgetPeriodDto } from '../../api/models';
import { currentLocale, I18n, loadAreas } from '../../core/i18n';
import { formatMoney } from '../../core/money';
import { amountMessage, amountProblem, shortAmountMessage } from './amount-check';
import { explainAllowance, moneyWords } from './dashboard-explain';
import { plannedLines } from './planned-lines';
import { allowanceFor } from '../../core/allowance-preview';

const money = (value: number) => formatMoney(value, 'EUR', 'en-US');

beforeEach(() => loadAreas('dashboard'));
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
  return {
    id: 'f', name: 'Food', emoji: '🍞', color: '#ffa500', shared: false, rollover: false, limit, carried: 0, available: limit,
    spent, remaining, fixed: 0, upcoming: 0, fixedCosts: [], allowanceToday, spentToday: 0,
  };
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

/** A funnel with fixed costs and carried money, its figures made by the server's formula. */
const planned = (
  p: BudgetPeriodDto,
  f: { limit: number; spent?: number; carried?: number; fixed?: number; upcoming?: number; costs?: BudgetFunnelDto['fixedCosts'] },
): BudgetFunnelDto => {
  const { limit, spent = 0, carried = 0, fixed = 0, upcoming = 0, costs = [] } = f;
  const available = limit + carried;
  const remaining = available - spent;
  return {
    ...funnel(limit, spent, p), carried, available, remaining, fixed, upcoming, fixedCosts: costs,
    allowanceToday: allowanceFor({ available, remaining, fixed, upcoming }, p),
  };
};
const rent = { fixedCostId: 'rent', dueOn: '2026-04-20', amount: 1000, note: 'Rent' };

describe('fixed costs and carried money, in words', () => {
  it('explains the worked example of §4.3: the rent is set aside, the flexible 2,000 shared evenly', () => {
    const p = period(30, 30);
    expect(explainAllowance(planned(p, { limit: 3000, fixed: 1000, upcoming: 1000, costs: [rent] }), p, money, 'Apr 30')).toBe(
      'Left €3,000.00 for 30 days; €1,000.00 of it is set aside for Rent, still to come, and €66.67 today keeps every later day at €66.67.',
    );
  });

  it('says what came in from the last period, or what the last period took', () => {
    const p = period(30, 10);
    expect(explainAllowance(planned(p, { limit: 3000, carried: 200, spent: 1800 }), p, money, 'Apr 30')).toBe(
      'This period started with €200.00 carried from the last one (€3,200.00 in all). Left €1,400.00 for 10 days; €440.00 today keeps every later day at €106.67. ' +
        "Today is more than a usual day's €106.67 because €333.33 was not spent on earlier days of this period.",
    );
    expect(explainAllowance(planned(p, { limit: 3000, carried: -300, spent: 1800 }), p, money, 'Apr 30')).toContain(
      'This period started €300.00 short: the last period was overspent (€2,700.00 in all). Left €900.00 for 10 days;',
    );
    expect(explainAllowance(planned(p, { limit: 200, carried: 100, spent: 350 }), p, money, 'Apr 30')).toBe(
      'What this period has, €300.00 (€200.00 limit + €100.00 carried), is used up: spent €350.00, over by €50.00. Nothing is left to spend here until the period ends after Apr 30.',
    );
  });

  it('says when the fixed costs take all the funnel has', () => {
    const p = period(30, 10);
    expect(explainAllowance(planned(p, { limit: 500, fixed: 800, upcoming: 800, costs: [{ ...rent, amount: 800 }] }), p, money, 'Apr 30')).toBe(
      'Left €500.00 for 10 days; €800.00 of it is set aside for Rent, still to come. The fixed costs of this period (€800.00) take all it has, so later days get nothing from it and today is over by €300.00.',
    );
  });

  it('on the last day, sets a fixed cost still due aside', () => {
    const p = period(30, 1);
    expect(explainAllowance(planned(p, { limit: 3000, spent: 2700, fixed: 100, upcoming: 100, costs: [{ ...rent, note: null, amount: 100 }] }), p, money, 'Apr 30')).toBe(
      'Last day of the period: €300.00 is left and €100.00 of it is set aside for a fixed cost, still to come, so €200.00 can be spent today.',
    );
  });

  it('lists what is carried and each fixed cost still to come, its dates together', () => {
    const lines = plannedLines(
      {
        carried: 200,
        fixedCosts: [
          { fixedCostId: 'gym', dueOn: '2026-04-07', amount: 30, note: 'Gym' },
          { fixedCostId: 'gym', dueOn: '2026-04-14', amount: 30, note: 'Gym' },
          rent,
          { fixedCostId: 'gym', dueOn: '2026-04-21', amount: 30, note: 'Gym' },
          { fixedCostId: 'x', dueOn: '2026-05-01', amount: 9.99, note: null },
        ],
      },
      money,
    );
    expect(lines.map((l) => l.text)).toEqual([
      '+€200.00 carried from last period',
      'Gym €30.00 each on the 7th, 14th and 21st',
      'Rent €1,000.00 on the 20th',
      'Fixed cost €9.99 on the 1st',
    ]);
    expect(plannedLines({ carried: -300, fixedCosts: [] }, money)).toEqual([
      { key: 'carried', kind: 'carried', text: '\u2212€300.00 carried: last period was overspent', negative: true },
    ]);
    expect(plannedLines({ carried: 0, fixedCosts: [] }, money)).toEqual([]);
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

describe('the same words in the other languages', () => {
  const i18n = () => new I18n();
  afterEach(() => i18n().use('en', false));
  const moneyIn = (locale: string) => (value: number) => formatMoney(value, 'EUR', locale);

  it('explains the figure in German, with plural days and the amounts as German writes them', async () => {
    await i18n().use('de', false);
    const p = period(30, 10);
    const de = moneyIn('de');
    expect(explainAllowance(funnel(3000, 1800, p), p, de, '30. Apr.').replace(/\u00a0/g, ' ')).toBe(
      'Übrig: 1.200,00 € für 10 Tage; mit 300,00 € heute bleiben jedem späteren Tag 100,00 €. ' +
        'Heute ist mehr drin als die üblichen 100,00 € pro Tag, weil an früheren Tagen dieses Zeitraums 200,00 € nicht ausgegeben wurden.',
    );
    expect(moneyWords(-12.5, de).replace(/\u00a0/g, ' ')).toBe('12,50 € drüber');
    expect(shortAmountMessage('max')).toBe('Höchstens 1.000.000.000');
    expect(shortAmountMessage('decimals')).toBe('Max. 2 Nachkommastellen: 12,50');
  });

  it("uses Russian's three plural forms for the days and the genitive dates of fixed costs", async () => {
    await i18n().use('ru', false);
    const ru = moneyIn('ru');
    const days = (left: number) => {
      const p = period(30, left);
      return explainAllowance(funnel(3000, 3000 - left * 100, p), p, ru, '30 апр.').split(';')[0].replace(/[\u00a0\u202f]/g, ' ');
    };
    expect(days(2)).toBe('Осталось 200,00 € на 2 дня');
    expect(days(5)).toBe('Осталось 500,00 € на 5 дней');
    expect(days(21)).toBe('Осталось 2 100,00 € на 21 день');
    const lines = plannedLines(
      { carried: 0, fixedCosts: [{ fixedCostId: 'gym', dueOn: '2026-04-07', amount: 30, note: 'Зал' }, { fixedCostId: 'gym', dueOn: '2026-04-21', amount: 30, note: 'Зал' }] },
      ru,
    );
    expect(lines.map((l) => l.text.replace(/\u00a0/g, ' '))).toEqual(['Зал: по 30,00 € 7-го и 21-го числа']);
  });

  it('writes the days of a fixed cost in Hebrew, the name kept apart from the right-to-left text', async () => {
    await i18n().use('he', false);
    expect(currentLocale()).toBe('he');
    const lines = plannedLines({ carried: 0, fixedCosts: [{ fixedCostId: 'rent', dueOn: '2026-04-20', amount: 1000, note: 'Rent' }] }, (v) => String(v));
    expect(lines[0].text).toBe('\u2068Rent\u2069 1000 ב־20 בחודש');
    expect(amountMessage('format')).toBe('יש להזין סכום גדול מ־0 עם עד 2 ספרות אחרי הנקודה, למשל 12.50.');
  });
});
