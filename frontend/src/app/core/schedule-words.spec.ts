import { daysOfMonth, ordinal } from './household-dates';
import { scheduleWords, weekdayName } from './schedule-words';

describe('a fixed cost\'s schedule in words', () => {
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
});
