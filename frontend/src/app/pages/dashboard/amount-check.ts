import { parseAmount } from '../../core/money';

export const MAX_AMOUNT = 1_000_000_000;

export type AmountProblem = 'format' | 'zero' | 'decimals' | 'max';

/** What is wrong with a typed amount, or null when it is fine (or nothing is typed yet). */
export function amountProblem(text: string): AmountProblem | null {
  const trimmed = text.trim();
  if (trimmed === '' || parseAmount(trimmed) !== null) return null;
  const normalised = trimmed.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d*(\.\d*)?$/.test(normalised) || !/\d/.test(normalised)) return 'format';
  const value = Number(normalised);
  if (value > MAX_AMOUNT) return 'max';
  if (value <= 0) return 'zero';
  if (/\.\d{3,}$/.test(normalised)) return 'decimals';
  return 'format';
}

const maximum = () => new Intl.NumberFormat().format(MAX_AMOUNT);

/** Short enough for one line under the amount field on a 320 px phone (no jump while typing). */
export function shortAmountMessage(problem: AmountProblem): string {
  switch (problem) {
    case 'max':
      return `At most ${maximum()}`;
    case 'zero':
      return 'Enter more than 0';
    case 'decimals':
      return 'At most 2 decimals, like 12.50';
    case 'format':
      return 'Enter a number, like 12.50';
  }
}

/** The same in a sentence, where there is room (the edit dialog). */
export function amountMessage(problem: AmountProblem | null): string {
  if (problem === 'max') return `Enter an amount of at most ${maximum()}.`;
  return 'Enter an amount above 0 with at most 2 decimals, like 12.50.';
}
