import { TestBed } from '@angular/core/testing';
import { I18n, loadAreas } from '../../core/i18n';
import { firstPeriodMidway, inFirstPeriod, ordinal, periodToday } from './first-period';

describe('the first period, as setup asks about it', () => {
  beforeEach(() => loadAreas('onboarding'));
  const now = new Date('2026-04-21T10:00:00Z'); // Tuesday 21 April in Berlin

  it('finds the period running today and its days left, as the server counts them', () => {
    expect(periodToday(now, 1, 'Europe/Berlin')).toMatchObject({ start: { year: 2026, month: 4, day: 1 }, days: 30, daysLeft: 10 });
    expect(periodToday(now, 25, 'Europe/Berlin')).toMatchObject({ start: { year: 2026, month: 3, day: 25 }, days: 31, daysLeft: 4 });
    expect(periodToday(now, 21, 'Europe/Berlin')).toMatchObject({ start: { year: 2026, month: 4, day: 21 }, days: 30, daysLeft: 30 });
    // Across the year: 10 January with pay day 15 runs from 15 December.
    expect(periodToday(new Date('2026-01-10T12:00:00Z'), 15, 'UTC')).toMatchObject({ start: { year: 2025, month: 12, day: 15 }, days: 31, daysLeft: 5 });
    // 23:30 UTC on 30 April is already 1 May in Berlin: a period starting today.
    expect(periodToday(new Date('2026-04-30T23:30:00Z'), 1, 'Europe/Berlin')).toMatchObject({ start: { year: 2026, month: 5, day: 1 }, daysLeft: 31 });
  });

  it('asks only about a household that started in the middle of the period running now', () => {
    const startedToday = new Date('2026-04-21T09:00:00Z');
    expect(firstPeriodMidway(startedToday, now, 1, 'Europe/Berlin')).toMatchObject({ days: 30, daysLeft: 10 });
    // A period that starts today is whole anyway.
    expect(firstPeriodMidway(startedToday, now, 21, 'Europe/Berlin')).toBeNull();
    // The first period is over: every later one counts in full, nothing to ask.
    expect(firstPeriodMidway(new Date('2026-03-30T09:00:00Z'), now, 1, 'Europe/Berlin')).toBeNull();
    expect(inFirstPeriod(new Date('2026-03-30T09:00:00Z'), now, 1, 'Europe/Berlin')).toBe(false);
    // Unknown start (set up on another device): nothing to ask either.
    expect(firstPeriodMidway(null, now, 1, 'Europe/Berlin')).toBeNull();
  });

  it('says days as people do, in their language', async () => {
    const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28];
    expect(days.map((d) => ordinal(d))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '28th']);
    const i18n = TestBed.inject(I18n);
    try {
      await i18n.use('de');
      expect([1, 2, 22].map((d) => ordinal(d))).toEqual(['1.', '2.', '22.']);
      await i18n.use('ru');
      expect([1, 3, 22].map((d) => ordinal(d))).toEqual(['1-го', '3-го', '22-го']);
      await i18n.use('he');
      expect([1, 22].map((d) => ordinal(d))).toEqual(['1', '22']);
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
  });
});
