import { addMoney, formatMoney, parseAmount } from './money';

describe('parseAmount', () => {
  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['12.50', 12.5],
    [' 3 ', 3],
    ['0,01', 0.01],
    [',5', 0.5],
    ['1 000', 1000],
    ['1000000000', 1_000_000_000],
  ])('reads %j as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each(['', ' ', '0', '0,00', '-1', '1.005', '12,345.6', 'abc', '1e3', '12..5', '1000000000.01', 'NaN', 'Infinity'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('money arithmetic and display', () => {
  it('adds exactly through cents: 0.1 + 0.2 = 0.3', () => {
    expect(addMoney(0.1, 0.2)).toBe(0.3);
    expect(addMoney(1587.5, -12.34)).toBe(1575.16);
  });

  it('formats in the household currency', () => {
    expect(formatMoney(1587.5, 'EUR', 'de-DE')).toBe('1.587,50\u00a0€');
    expect(formatMoney(-3, 'USD', 'en-US')).toBe('-$3.00');
  });
});
