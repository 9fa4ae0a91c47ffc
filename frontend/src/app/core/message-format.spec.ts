import { formatMessage, placeholderNames } from './message-format';

describe('formatMessage', () => {
  it('puts parameters in and leaves unknown ones visible', () => {
    expect(formatMessage('{name} spent {amount}', { name: 'Anna', amount: '€5.00' })).toBe('Anna spent €5.00');
    expect(formatMessage('Hello {who}', {})).toBe('Hello {who}');
    expect(formatMessage('No braces at all')).toBe('No braces at all');
  });

  it("picks the plural branch of the language's rules, exact matches first, # as the number", () => {
    const days = '{count, plural, =0 {no days} one {# day left} other {# days left}}';
    expect(formatMessage(days, { count: 0 }, 'en')).toBe('no days');
    expect(formatMessage(days, { count: 1 }, 'en')).toBe('1 day left');
    expect(formatMessage(days, { count: 12 }, 'en')).toBe('12 days left');
    const ru = '{count, plural, one {# день} few {# дня} many {# дней} other {# дня}}';
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => formatMessage(ru, { count }, 'ru'))).toEqual(['1 день', '2 дня', '5 дней', '11 дней', '21 день', '22 дня', '25 дней']);
    const he = '{count, plural, one {יום אחד} two {יומיים} other {# ימים}}';
    expect([1, 2, 7].map((count) => formatMessage(he, { count }, 'he'))).toEqual(['יום אחד', 'יומיים', '7 ימים']);
    expect(formatMessage('{count, plural, other {# items}}', { count: 1234 }, 'de')).toBe('1.234 items');
  });

  it('fills placeholders inside a plural branch', () => {
    expect(formatMessage('{count, plural, one {# left in {funnel}} other {# left in {funnel}}}', { count: 2, funnel: 'Food' }, 'en')).toBe('2 left in Food');
  });

  it('names the parameters a message uses, plural counts and those inside branches', () => {
    expect(placeholderNames('{b} and {a}')).toEqual(['a', 'b']);
    expect(placeholderNames('{count, plural, one {# in {funnel}} other {# in {funnel}}}')).toEqual(['count', 'funnel']);
    expect(placeholderNames('plain')).toEqual([]);
  });
});
