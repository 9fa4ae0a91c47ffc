/** A currency as a person picks it: "Euro — EUR". */
export interface CurrencyOption {
  readonly code: string;
  readonly label: string;
}

/** Withdrawn currencies some browsers still list: nobody budgets in them any more. */
const WITHDRAWN = new Set(['CUC', 'HRK', 'SLL', 'VEF', 'ZWL']);

/** The browser's language for names, English where it has none the browser can name in. */
function languages(): string[] {
  const preferred = typeof navigator !== 'undefined' ? navigator.language : undefined;
  return preferred ? [preferred, 'en'] : ['en'];
}

/**
 * Every currency the browser knows, named in the person's language and sorted by name
 * ("Euro — EUR", "Swiss Franc — CHF"); `current` (the household's) is always among them,
 * also when the browser does not list it.
 */
export function currencyOptions(current?: string | null, locales: string[] = languages()): CurrencyOption[] {
  const names = displayNames(locales);
  const codes = new Set(supportedCurrencies().filter((code) => !WITHDRAWN.has(code)));
  if (current) codes.add(current.toUpperCase());
  const collator = new Intl.Collator(locales);
  return [...codes]
    .map((code) => ({ code, label: currencyLabel(code, names) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** "Euro — EUR", or just the code where the browser has no name for it. */
export function currencyLabel(code: string, names: Intl.DisplayNames | null = displayNames(languages())): string {
  let name: string | undefined;
  try {
    name = names?.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} — ${code}` : code;
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
