import { formatLocale } from '../core/i18n';

/** A currency as a person picks it: "Euro — EUR". */
export interface CurrencyOption {
  readonly code: string;
  readonly label: string;
}

/** Withdrawn currencies some browsers still list: nobody budgets in them any more. */
const WITHDRAWN = new Set(['CUC', 'HRK', 'SLL', 'VEF', 'ZWL']);

/** The app's language for names (with the reader's region: "de-AT"), English where the browser has none in it. */
function languages(): string[] {
  return [formatLocale(), 'en'];
}

const cache = new Map<string, CurrencyOption[]>();

/**
 * Every currency the browser knows, named in the app's language and sorted by name as that
 * language sorts ("Euro — EUR", "Schweizer Franken — CHF"); `current` (the household's) is
 * always among them, also when the browser does not list it. Called from a computed or a
 * template, it follows a language switch.
 */
export function currencyOptions(current?: string | null, locales: string[] = languages()): CurrencyOption[] {
  const key = `${locales.join()}|${current ?? ''}`;
  const known = cache.get(key);
  if (known) return known;
  const names = displayNames(locales);
  const codes = new Set(supportedCurrencies().filter((code) => !WITHDRAWN.has(code)));
  if (current) codes.add(current.toUpperCase());
  const collator = new Intl.Collator(locales);
  const options = [...codes]
    .map((code) => ({ code, label: currencyLabel(code, names, locales[0]) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  cache.set(key, options);
  return options;
}

/**
 * "Euro — EUR", or just the code where the browser has no name for it. A name starts with a
 * capital as list items do (Russian names come in lower case: "евро" → "Евро").
 */
export function currencyLabel(code: string, names: Intl.DisplayNames | null = displayNames(languages()), locale = formatLocale()): string {
  let name: string | undefined;
  try {
    name = names?.of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return `${name.charAt(0).toLocaleUpperCase(locale)}${name.slice(1)} — ${code}`;
}

function displayNames(locales: string[]): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames(locales, { type: 'currency' });
  } catch {
    return null;
  }
}

function supportedCurrencies(): string[] {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return ['EUR', 'USD', 'GBP', 'CHF'];
  }
}
