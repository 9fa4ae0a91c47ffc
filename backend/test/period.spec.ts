import { funnelFigures } from '../src/rules/allowance';
import { countedPart, formatLocalDate, localDate, localDateLabeller, periodAt, previousPeriod } from '../src/rules/period';

const iso = (d: Date) => d.toISOString();

describe('budget period', () => {
  describe('every start day 1..28', () => {
    it.each(Array.from({ length: 28 }, (_, i) => i + 1))('start day %i: the day before, of and after the start day', (d) => {
      const tz = 'UTC';
      const of = periodAt(new Date(Date.UTC(2026, 4, d, 12)), d, tz); // May
      expect(formatLocalDate(of.startDate)).toBe(`2026-05-${String(d).padStart(2, '0')}`);
      expect(formatLocalDate(of.endDate)).toBe(`2026-06-${String(d).padStart(2, '0')}`);
      expect(of.days).toBe(31); // May has 31 days
      expect(of.daysLeft).toBe(31);
      expect(iso(of.start)).toBe(new Date(Date.UTC(2026, 4, d)).toISOString());

      const before = periodAt(new Date(Date.UTC(2026, 4, d, 0) - 1), d, tz); // last ms of the day before
      expect(formatLocalDate(before.startDate)).toBe(`2026-04-${String(d).padStart(2, '0')}`);
      expect(before.days).toBe(30); // April has 30
      expect(before.daysLeft).toBe(1);
      expect(before.end.getTime()).toBe(of.start.getTime());

      const after = periodAt(new Date(Date.UTC(2026, 4, d + 1, 0)), d, tz);
      expect(after.startDate).toEqual(of.startDate);
      expect(after.daysLeft).toBe(30);
    });
  });

  it('counts the days of 28, 29, 30 and 31-day months', () => {
    expect(periodAt(new Date('2026-02-10T12:00Z'), 1, 'UTC').days).toBe(28);
    expect(periodAt(new Date('2028-02-10T12:00Z'), 1, 'UTC').days).toBe(29); // leap year
    expect(periodAt(new Date('2026-04-10T12:00Z'), 1, 'UTC').days).toBe(30);
    expect(periodAt(new Date('2026-01-10T12:00Z'), 1, 'UTC').days).toBe(31);
    // Start day 15: 15 Feb → 15 Mar spans February's days.
    expect(periodAt(new Date('2028-03-01T12:00Z'), 15, 'UTC')).toMatchObject({ days: 29, daysLeft: 14 });
    // Crossing the year.
    const newYear = periodAt(new Date('2027-01-05T12:00Z'), 15, 'UTC');
    expect(formatLocalDate(newYear.startDate)).toBe('2026-12-15');
    expect(formatLocalDate(newYear.endDate)).toBe('2027-01-15');
    expect(newYear.days).toBe(31);
  });

  it('starts at local midnight in Europe/Berlin across the daylight-saving switches', () => {
    // Summer time starts 29 Mar 2026 02:00 → 03:00 local; the period from 15 Mar to 15 Apr is one hour shorter.
    const spring = periodAt(new Date('2026-03-29T12:00:00Z'), 15, 'Europe/Berlin');
    expect(iso(spring.start)).toBe('2026-03-14T23:00:00.000Z'); // CET, +01:00
    expect(iso(spring.end)).toBe('2026-04-14T22:00:00.000Z'); // CEST, +02:00
    expect(spring.days).toBe(31);
    expect(spring.daysLeft).toBe(17); // 29 Mar … 14 Apr
    expect(iso(spring.todayStart)).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.todayEnd.getTime() - spring.todayStart.getTime()).toBe(23 * 3600_000); // a 23-hour day
    // Winter time returns 25 Oct 2026 03:00 → 02:00.
    const autumn = periodAt(new Date('2026-10-25T10:00:00Z'), 1, 'Europe/Berlin');
    expect(iso(autumn.start)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(autumn.end)).toBe('2026-10-31T23:00:00.000Z');
    expect(autumn.todayEnd.getTime() - autumn.todayStart.getTime()).toBe(25 * 3600_000);
  });

  it('starts at local midnight in America/New_York across the daylight-saving switches', () => {
    // DST starts 8 Mar 2026, ends 1 Nov 2026.
    const march = periodAt(new Date('2026-03-08T15:00:00Z'), 1, 'America/New_York');
    expect(iso(march.start)).toBe('2026-03-01T05:00:00.000Z'); // EST −05:00
    expect(iso(march.end)).toBe('2026-04-01T04:00:00.000Z'); // EDT −04:00
    expect(march.daysLeft).toBe(24);
    const november = periodAt(new Date('2026-11-01T15:00:00Z'), 1, 'America/New_York');
    expect(iso(november.start)).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(november.end)).toBe('2026-12-01T05:00:00.000Z');
    expect(november.daysLeft).toBe(30);
  });

  it('uses the local date where it differs from the UTC date (Pacific/Auckland, America/Los_Angeles)', () => {
    // 14 Mar 2026 20:00 UTC is already 15 Mar 09:00 in Auckland (+13:00): a new period with start day 15.
    const auckland = periodAt(new Date('2026-03-14T20:00:00Z'), 15, 'Pacific/Auckland');
    expect(formatLocalDate(auckland.today)).toBe('2026-03-15');
    expect(formatLocalDate(auckland.startDate)).toBe('2026-03-15');
    expect(iso(auckland.start)).toBe('2026-03-14T11:00:00.000Z');
    // NZ summer time ends 5 Apr 2026 (+13:00 → +12:00).
    expect(iso(auckland.end)).toBe('2026-04-14T12:00:00.000Z');
    expect(auckland.daysLeft).toBe(31);

    // 15 Mar 2026 05:00 UTC is still 14 Mar 22:00 in Los Angeles (−07:00): the previous period, last day.
    const la = periodAt(new Date('2026-03-15T05:00:00Z'), 15, 'America/Los_Angeles');
    expect(formatLocalDate(la.today)).toBe('2026-03-14');
    expect(formatLocalDate(la.startDate)).toBe('2026-02-15');
    expect(la.daysLeft).toBe(1);
    expect(iso(la.end)).toBe('2026-03-15T07:00:00.000Z');
    expect(iso(la.start)).toBe('2026-02-15T08:00:00.000Z'); // PST −08:00
  });

  it('walks back to earlier periods', () => {
    const current = periodAt(new Date('2026-03-20T12:00Z'), 15, 'Europe/Berlin');
    const previous = previousPeriod(current, 15, 'Europe/Berlin');
    expect(previous.end.getTime()).toBe(current.start.getTime());
    expect(formatLocalDate(previous.startDate)).toBe('2026-02-15');
    expect(previous.daysLeft).toBe(1);
  });

  it('refuses a start day outside 1..28', () => {
    expect(() => periodAt(new Date(), 0, 'UTC')).toThrow(RangeError);
    expect(() => periodAt(new Date(), 29, 'UTC')).toThrow(RangeError);
  });
});

/** A funnel's money without fixed costs or carry-over. */
const plain = (limit: number, spent: number) => ({ limit, carried: 0, spent, fixed: 0, upcoming: 0 });

describe("today's allowance", () => {
  it('follows the worked example: limit 3000, 30 days, 10 left, 1800 spent → remaining 1200, allowance 300', () => {
    expect(funnelFigures(plain(300_000, 180_000), { days: 30, daysLeft: 10 })).toEqual({ available: 300_000, remaining: 120_000, allowanceToday: 30_000 });
  });

  it('gives the whole remainder on the last day and an even share on an untouched first day', () => {
    expect(funnelFigures(plain(300_000, 0), { days: 30, daysLeft: 1 })).toEqual({ available: 300_000, remaining: 300_000, allowanceToday: 300_000 });
    expect(funnelFigures(plain(300_000, 0), { days: 30, daysLeft: 30 }).allowanceToday).toBe(10_000);
  });

  it('goes negative when overspent, and rounds to whole cents only at the end', () => {
    expect(funnelFigures(plain(100_000, 150_000), { days: 31, daysLeft: 5 })).toEqual({ available: 100_000, remaining: -50_000, allowanceToday: -62_903 });
    // 2000 / 31 per day = 64.516…: with 31 days left, today's share rounds to 64.52.
    expect(funnelFigures(plain(200_000, 0), { days: 31, daysLeft: 31 }).allowanceToday).toBe(6_452);
  });

  it('labels many instants with their local dates exactly as one at a time, across a DST change', () => {
    for (const timeZone of ['Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'UTC']) {
      const label = localDateLabeller(timeZone);
      const start = Date.parse('2026-03-27T00:00:00Z');
      for (let t = start; t < start + 5 * 24 * 3600_000; t += 17 * 60_000) {
        expect(label(new Date(t))).toBe(formatLocalDate(localDate(new Date(t), timeZone)));
      }
      expect(label(new Date('2025-01-01T12:00:00Z'))).toBe(formatLocalDate(localDate(new Date('2025-01-01T12:00:00Z'), timeZone))); // going back
    }
  });
  it('counts a first period from the day the household started, in its time zone; other periods in full', () => {
    const period = periodAt(new Date('2026-04-21T10:00:00Z'), 15, 'Europe/Berlin'); // 15 Apr – 15 May, 30 days
    expect(countedPart(period, null, 'Europe/Berlin')).toEqual({ from: period.start, days: 30, limitShare: 1 });
    // Started at 01:30 Berlin time on 21 April (23:30 UTC the day before): counted from that local day, 24 days.
    const started = countedPart(period, new Date('2026-04-20T23:30:00Z'), 'Europe/Berlin');
    expect(started).toEqual({ from: new Date('2026-04-20T22:00:00Z'), days: 24, limitShare: 24 / 30 });
    // A start before or at the period's beginning, or after its end, leaves it whole.
    for (const at of ['2026-04-14T22:00:00Z', '2026-03-20T10:00:00Z', '2026-05-15T10:00:00Z']) {
      expect(countedPart(period, new Date(at), 'Europe/Berlin').days).toBe(30);
    }
    // With the prorated limit and the days counted, the first day gets an ordinary day's share.
    expect(funnelFigures(plain(Math.round(300_000 * started.limitShare), 0), { days: started.days, daysLeft: 24 }).allowanceToday).toBe(10_000);
  });
});
