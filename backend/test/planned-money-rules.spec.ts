import { carriedThrough, funnelFigures, termsInForce } from '../src/rules/allowance';
import { formatLocalDate, LocalDate, periodAt } from '../src/rules/period';
import { dueDates, isoWeekday, nextDueDate, parseLocalDate, Schedule } from '../src/rules/schedule';

const d = (text: string): LocalDate => parseLocalDate(text)!;
const dates = (list: LocalDate[]) => list.map(formatLocalDate);
const schedule = (s: Partial<Schedule> & Pick<Schedule, 'every'>): Schedule => ({ day: null, weekday: null, month: null, startsOn: d('2026-01-01'), endsOn: null, ...s });

describe('the allowance with fixed costs and rollover (§4.3)', () => {
  it('follows the worked example: limit 3000, rent 1000 due on day 20, day 1 of 30, nothing spent → 66.67', () => {
    const figures = funnelFigures({ limit: 300_000, carried: 0, spent: 0, fixed: 100_000, upcoming: 100_000 }, { days: 30, daysLeft: 30 });
    expect(figures).toEqual({ available: 300_000, remaining: 300_000, allowanceToday: 6_667 });
  });

  it('leaves the allowance as it was when the rent is posted (upcoming becomes spent)', () => {
    const before = funnelFigures({ limit: 300_000, carried: 0, spent: 50_000, fixed: 100_000, upcoming: 100_000 }, { days: 30, daysLeft: 11 });
    const after = funnelFigures({ limit: 300_000, carried: 0, spent: 150_000, fixed: 100_000, upcoming: 0 }, { days: 30, daysLeft: 11 });
    expect(after.allowanceToday).toBe(before.allowanceToday);
    expect(after.remaining).toBe(150_000);
  });

  it('is the first release formula without fixed costs and carry-over', () => {
    for (const [limit, spent, days, left] of [
      [300_000, 180_000, 30, 10],
      [100_000, 150_000, 31, 5],
      [200_000, 0, 28, 28],
    ]) {
      const expected = Math.round(limit - spent - (limit * (left - 1)) / days);
      expect(funnelFigures({ limit, carried: 0, spent, fixed: 0, upcoming: 0 }, { days, daysLeft: left }).allowanceToday).toBe(expected);
    }
  });

  it('sets nothing aside for later days when fixed costs exceed the limit, and goes negative', () => {
    // limit 1000, rent 1500 still to come: nothing flexible is left, and today's allowance says so.
    const figures = funnelFigures({ limit: 100_000, carried: 0, spent: 0, fixed: 150_000, upcoming: 150_000 }, { days: 30, daysLeft: 20 });
    expect(figures).toEqual({ available: 100_000, remaining: 100_000, allowanceToday: -50_000 });
  });

  it('takes a cost due today (not posted yet) off today at once, and a cost due on the last day keeps its money to the end', () => {
    const dueToday = funnelFigures({ limit: 300_000, carried: 0, spent: 0, fixed: 30_000, upcoming: 30_000 }, { days: 30, daysLeft: 30 });
    expect(dueToday.allowanceToday).toBe(Math.round(300_000 - 30_000 - (270_000 * 29) / 30)); // 9,000: the even share of 2,700
    const lastDay = funnelFigures({ limit: 300_000, carried: 0, spent: 270_000, fixed: 30_000, upcoming: 30_000 }, { days: 30, daysLeft: 1 });
    expect(lastDay.allowanceToday).toBe(0); // everything else spent; the rent due today is set aside
  });

  it('adds what was carried to what the funnel has, positive or negative', () => {
    expect(funnelFigures({ limit: 300_000, carried: 60_000, spent: 0, fixed: 0, upcoming: 0 }, { days: 30, daysLeft: 30 })).toEqual({
      available: 360_000,
      remaining: 360_000,
      allowanceToday: 12_000,
    });
    expect(funnelFigures({ limit: 300_000, carried: -30_000, spent: 0, fixed: 0, upcoming: 0 }, { days: 30, daysLeft: 30 }).allowanceToday).toBe(9_000);
  });

  it('chains carry-over over three periods with an overspend, and stops where rollover is off or the funnel began', () => {
    const periods = [
      { limit: 100_000, spent: 80_000, rollover: true, opens: true }, // the funnel's first period: nothing comes in
      { limit: 100_000, spent: 150_000, rollover: true, opens: false }, // +200 in, overspent by 300
      { limit: 100_000, spent: 50_000, rollover: true, opens: false }, // −300 in
      { limit: 100_000, spent: 0, rollover: true, opens: false }, // −300 + 500 = 200 in
      { limit: 100_000, spent: 0, rollover: false, opens: false }, // off: nothing comes in
      { limit: 100_000, spent: 0, rollover: true, opens: false }, // on again: the last period's leftover
    ];
    expect(carriedThrough(periods)).toEqual([0, 20_000, -30_000, 20_000, 0, 100_000]);
  });

  it('takes the terms in force for a period from the newest change before its end', () => {
    const changes = [
      { effectiveFrom: 0, limit: 100, rollover: false },
      { effectiveFrom: 1_000, limit: 200, rollover: true },
    ];
    expect(termsInForce(changes, 1_000)).toEqual(changes[0]);
    expect(termsInForce(changes, 1_001)).toEqual(changes[1]);
    expect(termsInForce([], 5)).toBeNull();
  });
});

describe('fixed-cost schedules', () => {
  it('falls due monthly on the day, or on the last day of shorter months', () => {
    const rent = schedule({ every: 'month', day: 31 });
    expect(dates(dueDates(rent, d('2026-01-01'), d('2026-06-01')))).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(dates(dueDates(schedule({ every: 'month', day: 29 }), d('2028-02-01'), d('2028-03-01')))).toEqual(['2028-02-29']); // leap year
  });

  it('counts from the start date and up to the end date, both included; the range end is not', () => {
    const s = schedule({ every: 'month', day: 15, startsOn: d('2026-02-15'), endsOn: d('2026-04-15') });
    expect(dates(dueDates(s, d('2026-01-01'), d('2026-12-31')))).toEqual(['2026-02-15', '2026-03-15', '2026-04-15']);
    expect(dates(dueDates(s, d('2026-03-01'), d('2026-03-15')))).toEqual([]);
  });

  it('falls due weekly on the ISO weekday, also across a period end', () => {
    expect(isoWeekday(d('2026-03-02'))).toBe(1); // a Monday
    expect(isoWeekday(d('2026-03-08'))).toBe(7);
    const weekly = schedule({ every: 'week', weekday: 5 }); // Fridays
    // A period 15 Mar – 15 Apr: the Friday 10 April is in, 17 April in the next period.
    const period = periodAt(new Date('2026-03-20T12:00:00Z'), 15, 'Europe/Berlin');
    expect(dates(dueDates(weekly, period.startDate, period.endDate))).toEqual(['2026-03-20', '2026-03-27', '2026-04-03', '2026-04-10']);
  });

  it('falls due yearly on a month and day (29 February in other years on the 28th)', () => {
    const fees = schedule({ every: 'year', month: 9, day: 1 });
    expect(dates(dueDates(fees, d('2026-01-01'), d('2028-12-31')))).toEqual(['2026-09-01', '2027-09-01', '2028-09-01']);
    const leap = schedule({ every: 'year', month: 2, day: 29 });
    expect(dates(dueDates(leap, d('2027-01-01'), d('2029-01-01')))).toEqual(['2027-02-28', '2028-02-29']);
  });

  it('gives the next due date, or none once the schedule ended', () => {
    const s = schedule({ every: 'month', day: 1, endsOn: d('2026-05-01') });
    expect(formatLocalDate(nextDueDate(s, d('2026-03-02'))!)).toBe('2026-04-01');
    expect(formatLocalDate(nextDueDate(s, d('2026-04-01'))!)).toBe('2026-04-01');
    expect(nextDueDate(s, d('2026-05-02'))).toBeNull();
    expect(formatLocalDate(nextDueDate(schedule({ every: 'year', month: 12, day: 31 }), d('2026-01-01'))!)).toBe('2026-12-31');
  });

  it('refuses dates that do not exist', () => {
    expect(parseLocalDate('2026-02-30')).toBeNull();
    expect(parseLocalDate('2026-13-01')).toBeNull();
    expect(parseLocalDate('26-01-01')).toBeNull();
  });
});
