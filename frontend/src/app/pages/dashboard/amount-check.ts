import { formatLocale, translate } from '../../core/i18n';
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

/** The largest amount, written the way the app's language writes numbers ("1,000,000,000", "1.000.000.000"). */
export const maximumAmount = (locale = formatLocale()) => new Intl.NumberFormat(locale).format(MAX_AMOUNT);

/** An amount as people type it in the app's language, with two decimals: "12.50", "12,50" (the examples in the messages). */
export const exampleAmount = (value = 12.5, locale = formatLocale()) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(value);

/** Short enough for one line under the amount field on a 320 px phone (no jump while typing). */
export function shortAmountMessage(problem: AmountProblem): string {
  switch (problem) {
    case 'max':
      return translate('dashboard.amount.atMost', { max: maximumAmount() });
    case 'zero':
      return translate('dashboard.amount.moreThanZero');
    case 'decimals':
      return translate('dashboard.amount.decimals', { example: exampleAmount() });
    case 'format':
      return translate('dashboard.amount.number', { example: exampleAmount() });
  }
}

/** The same in a sentence, where there is room (the edit dialog). */
export function amountMessage(problem: AmountProblem | null): string {
  if (problem === 'max') return translate('dashboard.amount.enterAtMost', { max: maximumAmount() });
  return translate('dashboard.amount.enter', { example: exampleAmount() });
}
