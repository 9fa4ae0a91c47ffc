import { BudgetPeriodDto } from '../api/models';
import { PlannedFigures, allowanceFor, previewAllowance, shiftFor, shifted } from './allowance-preview';

/** Berlin household, pay day the 15th: this period is 15 April – 14 May 2026 (30 days), today is 5 May (10 days left). */
const PERIOD: BudgetPeriodDto = {
  start: '2026-04-14T22:00:00.000Z',
  end: '2026-05-14T22:00:00.000Z',
  days: 30,
  daysLeft: 10,
  startDay: 15,
  timezone: 'Europe/Berlin',
  countedDays: 30,
  countedFrom: '2026-04-14T22:00:00.000Z',
};
const TODAY = '2026-05-05';

/** Figures as the server makes them, from limit, carried, spent, fixed and upcoming. */
function figures(limit: number, spent: number, extra: Partial<Pick<PlannedFigures, 'carried' | 'fixed' | 'upcoming'>> = {}, period = PERIOD): PlannedFigures {
  const { carried = 0, fixed = 0, upcoming = 0 } = extra;
  const available = limit + carried;
  const remaining = available - spent;
  return { limit, carried, available, spent, remaining, fixed, upcoming, allowanceToday: allowanceFor({ available, remaining, fixed, upcoming }, period) };
}

const days = (days: number, daysLeft: number) => ({ days, daysLeft, countedDays: days });

describe("today's allowance, as the server works it out", () => {
  it('is the worked example of §1 without fixed costs or carry-over: 1,200 left, 10 of 30 days → 300', () => {
    expect(allowanceFor({ available: 3000, remaining: 1200, fixed: 0, upcoming: 0 }, days(30, 10))).toBe(300);
  });

  it('is the worked example of §4.3: limit 3,000, rent 1,000 due on day 20, day 1 of 30 → 66.67, the even share of the flexible 2,000', () => {
    expect(allowanceFor({ available: 3000, remaining: 3000, fixed: 1000, upcoming: 1000 }, days(30, 30))).toBe(66.67);
  });

  it('keeps nothing for later days when the fixed costs take all the funnel has', () => {
    expect(allowanceFor({ available: 500, remaining: 500, fixed: 800, upcoming: 800 }, days(30, 20))).toBe(-300);
  });

  it('counts carried money as the funnel\'s: 200 carried in makes the flexible money 2,200', () => {
    // (3200 − 1000) − 2200 × 29 / 30 = 73.33
    expect(allowanceFor({ available: 3200, remaining: 3200, fixed: 1000, upcoming: 1000 }, days(30, 30))).toBe(73.33);
  });

  it('rounds to cents only at the end, halves away from zero (as the server does)', () => {
    // 0 − 100 × 1 / 8 cents = −12.5 cents → −13 cents
    expect(allowanceFor({ available: 1, remaining: 0, fixed: 0, upcoming: 0 }, days(8, 2))).toBe(-0.13);
    expect(allowanceFor({ available: 1, remaining: 0.25, fixed: 0, upcoming: 0 }, days(8, 2))).toBe(0.13);
  });

  it('shares over the days counted in a prorated first period', () => {
    expect(allowanceFor({ available: 1000, remaining: 1000, fixed: 0, upcoming: 0 }, { days: 30, daysLeft: 10, countedDays: 10 })).toBe(100);
  });
});

describe('what a spending changes in the figures', () => {
  it('in the period: spent (and spent today on today\'s date), so remaining and today\'s allowance drop by the amount', () => {
    expect(shiftFor(PERIOD, false, { funnelId: 'f', amount: 12.5, spentAt: '2026-05-05T08:00:00.000Z' }, 1, TODAY)).toEqual({ spent: 12.5, carried: 0, fixed: 0, spentToday: 12.5 });
    expect(shiftFor(PERIOD, false, { funnelId: 'f', amount: 12.5, spentAt: '2026-05-04T10:00:00.000Z' }, -1, TODAY)).toEqual({ spent: -12.5, carried: 0, fixed: 0, spentToday: 0 });
    const before = figures(3000, 1800);
    const after = shifted(before, { spent: 12.5, carried: 0, fixed: 0, spentToday: 12.5 }, PERIOD);
    expect(after).toMatchObject({ spent: 1812.5, remaining: 1187.5, allowanceToday: 287.5 });
  });

  it("a fixed cost's spending also counts in fixed: deleting a posted rent gives back its share of the later days", () => {
    const shift = shiftFor(PERIOD, false, { funnelId: 'f', amount: 1000, spentAt: '2026-04-20T10:00:00.000Z', fixedCostId: 'rent' }, -1, TODAY);
    expect(shift).toEqual({ spent: -1000, carried: 0, fixed: -1000, spentToday: 0 });
    const before = figures(3000, 1800, { fixed: 1000 });
    const after = shifted(before, shift!, PERIOD);
    // remaining +1000, flexible 2000 → 3000: later days keep 1000 × 9 / 30 = 300 more.
    expect(after).toEqual(figures(3000, 800));
    expect(after.allowanceToday).toBe(addCents(before.allowanceToday, 700));
  });

  it('in the period before, with rollover: it comes in as less carried, and takes less than its amount from today', () => {
    const spentAt = '2026-04-10T10:00:00.000Z';
    expect(shiftFor(PERIOD, false, { funnelId: 'f', amount: 300, spentAt }, 1, TODAY)).toBeNull();
    const shift = shiftFor(PERIOD, true, { funnelId: 'f', amount: 300, spentAt }, 1, TODAY);
    expect(shift).toEqual({ spent: 0, carried: -300, fixed: 0, spentToday: 0 });
    const before = figures(3000, 1800, { carried: 200 });
    const after = shifted(before, shift!, PERIOD);
    expect(after).toEqual(figures(3000, 1800, { carried: -100 }));
    // −300 today, +300 × 9 / 30 = 90 fewer kept for later days.
    expect(after.allowanceToday).toBe(addCents(before.allowanceToday, -210));
  });

  it('knows where the period before began in the household\'s time zone (the clocks changed in between)', () => {
    const rollover = (spentAt: string) => shiftFor(PERIOD, true, { funnelId: 'f', amount: 1, spentAt }, 1, TODAY);
    expect(rollover('2026-03-14T23:30:00.000Z')).not.toBeNull(); // 00:30 on 15 March in Berlin
    expect(rollover('2026-03-14T22:30:00.000Z')).toBeNull(); // 23:30 on 14 March: two periods back
    expect(rollover('2026-05-14T22:00:00.000Z')).toBeNull(); // the next period
  });

  it("carries nothing into a household's first period, counted from a later day", () => {
    const first = { ...PERIOD, countedFrom: '2026-04-30T22:00:00.000Z', countedDays: 14 };
    expect(shiftFor(first, true, { funnelId: 'f', amount: 5, spentAt: '2026-04-10T10:00:00.000Z' }, 1, TODAY)).toBeNull();
  });
});

describe('the preview while an amount is typed', () => {
  const food = { ...figures(3000, 1800), id: 'f', rollover: false };

  it('shows only the current allowance while nothing valid is typed', () => {
    expect(previewAllowance(food, PERIOD, null, '', TODAY)).toEqual({ current: 300, after: null, overspends: false });
  });

  it('shows the allowance after a spending today, exactly, and says when it overspends', () => {
    const now = '2026-05-05T08:00:00.000Z';
    expect(previewAllowance(food, PERIOD, 12.5, now, TODAY)).toEqual({ current: 300, after: 287.5, overspends: false });
    const small = { ...food, ...figures(3000, 2099.7) };
    expect(previewAllowance(small, PERIOD, 0.1, now, TODAY)).toEqual({ current: 0.3, after: 0.2, overspends: false });
    expect(previewAllowance(food, PERIOD, 312.5, now, TODAY)).toEqual({ current: 300, after: -12.5, overspends: true });
  });

  it('for a day of the period before: no change without rollover; with it, less than the amount', () => {
    const lastMonth = '2026-04-10T10:00:00.000Z';
    expect(previewAllowance(food, PERIOD, 100, lastMonth, TODAY)).toEqual({ current: 300, after: 300, overspends: false });
    expect(previewAllowance({ ...food, rollover: true }, PERIOD, 100, lastMonth, TODAY)).toEqual({ current: 300, after: 230, overspends: false });
  });
});

function addCents(value: number, delta: number): number {
  return Math.round(value * 100 + delta * 100) / 100;
}
