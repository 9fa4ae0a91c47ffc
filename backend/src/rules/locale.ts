/**
 * The languages STracker speaks: English (the source), German, Russian and Hebrew (right to
 * left). A user's choice is stored on the device and on the user (for texts the server writes:
 * notifications); anything else falls back to English.
 */
export const LOCALES = ['en', 'de', 'ru', 'he'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The supported language of a BCP 47 tag ("de-AT" → "de"), or English. */
export function supportedLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').split(/[-_]/)[0].toLowerCase();
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}
