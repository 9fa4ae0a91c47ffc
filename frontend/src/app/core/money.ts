import { formatLocale } from './i18n';

/**
 * Amounts as people type them: "12,5", "12.50", " 3 ". Returns the number (major units,
 * at most two decimals, more than 0) or null when the text is not such an amount.
 */
export function parseAmount(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,10}(\.\d{0,2})?$/.test(normalised) && !/^\.\d{1,2}$/.test(normalised)) return null;
  const value = Number(normalised);
  if (!Number.isFinite(value) || value <= 0 || value > 1_000_000_000) return null;
  return Math.round(value * 100) / 100;
}

/** Exact addition and subtraction of money in major units, through whole cents. */
export function addMoney(...values: number[]): number {
  return values.reduce((sum, v) => sum + Math.round(v * 100), 0) / 100;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats in the household currency and the app's language (`formatLocale`; a template that shows it is redrawn on a switch). */
export function formatMoney(value: number, currency: string, locale: string = formatLocale()): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  return f.format(value);
}
