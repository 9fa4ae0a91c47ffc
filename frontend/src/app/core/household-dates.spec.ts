import { addDays, clockTime, dayList, householdToday, householdYesterday, dayBounds, dayLabel, groupByDay, isolate, knownZone, listWords, localDay, moveToDay, noonOf, ordinal, periodLabel, spentAtFor } from './household-dates';
import { I18n, loadAreas } from './i18n';

/** ICU puts thin and narrow no-break spaces in ranges and times; the words are what matter here. */
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('dates in the household time zone', () => {
  beforeEach(() => loadAreas('dashboard')); // the period's days left are the dashboard's words
  it('falls back to the device zone for a zone the browser does not know, asking once', () => {
    expect(knownZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(knownZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(knownZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(knownZone(undefined)).toBeUndefined();
    const now = new Date();
    expect(localDay(now, 'Mars/Olympus_Mons')).toBe(localDay(now, undefined));
  });

  it('dates an earlier day at noon in the household zone, also across a clock change and far from UTC', () => {
    expect(noonOf('2026-04-20', 'UTC')).toBe('2026-04-20T12:00:00.000Z');
    expect(noonOf('2026-04-20', 'Europe/Berlin')).toBe('2026-04-20T10:00:00.000Z'); // summer time, UTC+2
    expect(noonOf('2026-01-20', 'Europe/Berlin')).toBe('2026-01-20T11:00:00.000Z'); // winter time, UTC+1
    expect(noonOf('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T10:00:00.000Z'); // the day clocks go forward
    expect(noonOf('2026-04-20', 'Pacific/Auckland')).toBe('2026-04-20T00:00:00.000Z'); // UTC+12
    expect(noonOf('2026-04-20', 'Pacific/Honolulu')).toBe('2026-04-20T22:00:00.000Z'); // UTC−10
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu']) {
      expect(localDay(noonOf('2026-03-08', zone), zone)).toBe('2026-03-08');
    }
  });

  it("counts today and yesterday on the household's clock, not the device's", () => {
    const now = new Date('2026-04-20T22:30:00Z'); // 22:30 on the 20th in London/UTC, already 00:30 on the 21st in Berlin
    expect(householdToday('Europe/Berlin', now)).toBe('2026-04-21');
    expect(householdYesterday('Europe/Berlin', now)).toBe('2026-04-20');
    expect(householdToday('UTC', now)).toBe('2026-04-20');
    expect(householdToday('America/Los_Angeles', now)).toBe('2026-04-20');
    expect(householdToday('Pacific/Honolulu', now)).toBe('2026-04-20'); // UTC-10: 12:30 on the 20th
    expect(dayLabel('2026-04-21', 'Europe/Berlin', now)).toBe('Today');
    expect(dayLabel('2026-04-21', 'UTC', now)).not.toBe('Today');
    expect(dayLabel('2026-04-20', 'Europe/Berlin', now)).toBe('Yesterday');
  });

  it('dates today now, and yesterday at noon of yesterday (not now minus 24 hours)', () => {
    const now = new Date('2026-03-30T00:30:00Z'); // 02:30 on the 30th in Berlin, the day after the clocks went forward
    expect(spentAtFor('2026-03-30', 'Europe/Berlin', now)).toBe(now.toISOString());
    const yesterday = spentAtFor(addDays(localDay(now, 'Europe/Berlin'), -1), 'Europe/Berlin', now);
    expect(yesterday).toBe('2026-03-29T10:00:00.000Z');
    expect(localDay(yesterday, 'Europe/Berlin')).toBe('2026-03-29');
  });

  it('moves an edited spending to another day at the same time of day (household clock), never into the future', () => {
    const now = new Date('2026-04-21T10:00:00Z');
    expect(moveToDay('2026-04-20T19:20:00.000Z', '2026-04-18', 'UTC', now)).toBe('2026-04-18T19:20:00.000Z');
    // 21:20 in Berlin on Apr 20 (summer time) → 21:20 on Mar 20 (winter time) = 20:20 UTC.
    expect(moveToDay('2026-04-20T19:20:00.000Z', '2026-03-20', 'Europe/Berlin', now)).toBe('2026-03-20T20:20:00.000Z');
    expect(moveToDay('2026-04-20T19:20:00.000Z', '2026-04-21', 'UTC', now)).toBe(now.toISOString());
  });

  it('allows dates from a year back to today; an older spending being edited keeps its own date', () => {
    const now = new Date('2026-04-21T10:00:00Z');
    expect(dayBounds('UTC', now)).toEqual({ min: '2025-04-21', max: '2026-04-21' });
    expect(dayBounds('UTC', now, '2024-01-05')).toEqual({ min: '2024-01-05', max: '2026-04-21' });
  });

  it('labels days Today, Yesterday, then by date, and groups spendings (newest first) by their local day', () => {
    const now = new Date('2026-04-21T10:00:00Z'); // 22:00 in Auckland
    expect(dayLabel('2026-04-21', 'UTC', now, 'en-US')).toBe('Today');
    expect(dayLabel('2026-04-20', 'UTC', now, 'en-US')).toBe('Yesterday');
    expect(dayLabel('2026-04-17', 'UTC', now, 'en-US')).toBe('Fri, Apr 17');
    expect(dayLabel('2025-12-31', 'UTC', now, 'en-US')).toBe('Wed, Dec 31, 2025');
    const items = [
      { id: 'a', spentAt: '2026-04-21T09:00:00Z' },
      { id: 'b', spentAt: '2026-04-20T12:30:00Z' }, // 00:30 on the 21st in Auckland
      { id: 'c', spentAt: '2026-04-20T08:00:00Z' },
      { id: 'd', spentAt: '2026-04-16T08:00:00Z' },
    ];
    const groups = groupByDay(items, 'Pacific/Auckland', now, 'en-US');
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id).join('')])).toEqual([
      ['Today', 'ab'],
      ['Yesterday', 'c'],
      ['Thu, Apr 16', 'd'],
    ]);
  });

  it('writes the time in the household zone', () => {
    expect(plain(clockTime('2026-04-20T19:20:00Z', 'UTC', 'en-US'))).toBe('07:20 PM');
    expect(clockTime('2026-04-20T19:20:00Z', 'Europe/Berlin', 'de-DE')).toBe('21:20');
  });

  it('shows the period as its first and last day and the days left', () => {
    const period = {
      start: '2025-11-14T23:00:00.000Z', // Nov 15, 00:00 in Berlin
      end: '2025-12-14T23:00:00.000Z', // Dec 15, 00:00: the last day is Dec 14
      days: 30,
      daysLeft: 6,
      startDay: 15,
      timezone: 'Europe/Berlin',
      countedDays: 30,
      countedFrom: '2025-11-14T23:00:00.000Z',
    };
    expect(plain(periodLabel(period, 'en-US'))).toBe('Nov 15 – Dec 14 · 6 days left');
    expect(plain(periodLabel({ ...period, daysLeft: 1 }, 'en-US'))).toBe('Nov 15 – Dec 14 · last day');
    expect(plain(periodLabel({ ...period, start: '2026-04-01T00:00:00Z', end: '2026-05-01T00:00:00Z', timezone: 'UTC' }, 'en-US'))).toBe('Apr 1 – 30 · 6 days left');
  });
});

describe('date words in the app\'s language', () => {
  const i18n = () => new I18n();
  beforeEach(() => loadAreas('dashboard'));
  afterEach(() => i18n().use('en', false));

  it('says Today and Yesterday, dates and the days left in German, with its plural', async () => {
    await i18n().use('de', false);
    const now = new Date('2026-04-21T10:00:00Z');
    expect(dayLabel('2026-04-21', 'UTC', now)).toBe('Heute');
    expect(dayLabel('2026-04-20', 'UTC', now)).toBe('Gestern');
    expect(dayLabel('2026-04-10', 'UTC', now)).toBe('Fr., 10. Apr.');
    const period = { start: '2026-04-01T00:00:00Z', end: '2026-05-01T00:00:00Z', days: 30, daysLeft: 6, startDay: 1, timezone: 'UTC', countedDays: 30, countedFrom: '2026-04-01T00:00:00Z' };
    expect(plain(periodLabel(period))).toBe('1.–30. Apr. · noch 6 Tage');
    expect(plain(periodLabel({ ...period, daysLeft: 1 }))).toBe('1.–30. Apr. · letzter Tag');
  });

  it('counts the days left with the three Russian forms', async () => {
    await i18n().use('ru', false);
    const period = { start: '2026-04-01T00:00:00Z', end: '2026-05-01T00:00:00Z', days: 30, daysLeft: 2, startDay: 1, timezone: 'UTC', countedDays: 30, countedFrom: '2026-04-01T00:00:00Z' };
    expect([2, 5, 21].map((daysLeft) => plain(periodLabel({ ...period, daysLeft })).split(' · ')[1])).toEqual(['осталось 2 дня', 'осталось 5 дней', 'остался 21 день']);
  });

  it('writes days of the month as each language does, and lists them with its "and"', async () => {
    expect([1, 2, 3, 11, 22].map(ordinal)).toEqual(['1st', '2nd', '3rd', '11th', '22nd']);
    expect(listWords(['Rent', 'Gym', 'School'])).toBe('Rent, Gym and School');
    expect(isolate('anna')).toBe('anna');
    await i18n().use('de', false);
    expect(dayList([7, 14, 21])).toBe('7., 14. und 21.');
    await i18n().use('ru', false);
    expect(dayList([7, 21])).toBe('7-го и 21-го');
    await i18n().use('he', false);
    expect(dayList([7, 21])).toBe('7 ו-21');
    expect(isolate('anna')).toBe('\u2068anna\u2069');
  });
});
