import { TestBed } from '@angular/core/testing';
import { daysOfMonth, ordinal } from './household-dates';
import { I18n, loadAreas } from './i18n';
import { scheduleWords, weekdayName } from './schedule-words';

describe('a fixed cost\'s schedule in words', () => {
  beforeEach(async () => {
    await loadAreas('settings');
  });

  it('writes days of the month as English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 30, 31].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '30th', '31st']);
    expect(daysOfMonth([20])).toBe('the 20th');
    expect(daysOfMonth([7, 21])).toBe('the 7th and 21st');
    expect(daysOfMonth([7, 14, 21])).toBe('the 7th, 14th and 21st');
  });

  it('says monthly, weekly and yearly schedules as a family would', () => {
    expect(scheduleWords({ every: 'month', day: 1, weekday: null, month: null }, 'en-US')).toBe('Monthly on the 1st');
    expect(scheduleWords({ every: 'month', day: 22, weekday: null, month: null }, 'en-US')).toBe('Monthly on the 22nd');
    expect(scheduleWords({ every: 'week', day: null, weekday: 5, month: null }, 'en-US')).toBe('Every Friday');
    expect(scheduleWords({ every: 'week', day: null, weekday: 7, month: null }, 'en-US')).toBe('Every Sunday');
    expect(scheduleWords({ every: 'year', day: 1, weekday: null, month: 9 }, 'en-GB')).toBe('Yearly on 1 September');
    expect(scheduleWords({ every: 'year', day: 1, weekday: null, month: 9 }, 'en-US')).toBe('Yearly on September 1');
  });

  it('says the last day where a day past the month\'s end means it', () => {
    expect(scheduleWords({ every: 'month', day: 31, weekday: null, month: null }, 'en-US')).toBe('Monthly on the last day');
    expect(scheduleWords({ every: 'year', day: 31, weekday: null, month: 2 }, 'en-GB')).toBe('Yearly on 29 February');
    expect(scheduleWords({ every: 'year', day: 31, weekday: null, month: 4 }, 'en-GB')).toBe('Yearly on 30 April');
  });

  it('names weekdays Monday (1) to Sunday (7) in the locale', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => weekdayName(d, 'en-US'))).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(weekdayName(1, 'de-DE')).toBe('Montag');
  });

  describe('in the other languages', () => {
    afterEach(async () => {
      await TestBed.inject(I18n).use('en');
      localStorage.removeItem('stracker.locale');
    });

    const month = (day: number) => ({ every: 'month' as const, day, weekday: null, month: null });

    it('German: "Monatlich am 1.", "Jeden Freitag", "Jährlich am 1. September"', async () => {
      await TestBed.inject(I18n).use('de');
      expect(scheduleWords(month(1), 'de')).toBe('Monatlich am 1.');
      expect(scheduleWords(month(31), 'de')).toBe('Monatlich am letzten Tag');
      expect(scheduleWords({ every: 'week', day: null, weekday: 5, month: null }, 'de')).toBe('Jeden Freitag');
      expect(scheduleWords({ every: 'year', day: 1, weekday: null, month: 9 }, 'de')).toBe('Jährlich am 1. September');
    });

    it('Russian: the day in the genitive ("1-го числа"), the date as Russian writes it', async () => {
      await TestBed.inject(I18n).use('ru');
      expect(scheduleWords(month(1), 'ru')).toBe('Ежемесячно, 1-го числа');
      expect(scheduleWords(month(22), 'ru')).toBe('Ежемесячно, 22-го числа');
      expect(scheduleWords({ every: 'year', day: 1, weekday: null, month: 9 }, 'ru')).toBe('Ежегодно, 1 сентября');
    });

    it('Hebrew: "כל חודש ב־1 בחודש", "כל יום שישי"', async () => {
      await TestBed.inject(I18n).use('he');
      expect(scheduleWords(month(1), 'he')).toBe('כל חודש ב־1 בחודש');
      expect(scheduleWords({ every: 'week', day: null, weekday: 5, month: null }, 'he')).toBe('כל יום שישי');
    });
  });
});
