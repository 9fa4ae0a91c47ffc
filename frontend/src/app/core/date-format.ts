import { formatLocale } from './i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per locale and options, made once: building one costs far more
 * than formatting with it, and lists format a date per row on every render.
 */
export function dateFormat(options: Intl.DateTimeFormatOptions, locale: string = formatLocale()): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}
