import { DEFAULT_LOCALE, Locale, LOCALES } from '../rules/locale';

/** Longer headers are read only this far (a browser's list is a few dozen characters). */
const MAX_HEADER_LENGTH = 256;
/** Legacy tags some systems still send for a language of ours. */
const ALIASES: Readonly<Record<string, Locale>> = { iw: 'he' };

/** The language of ours a single tag names ("de-AT" → de, "iw" → he), or null. */
function localeOfTag(tag: string): Locale | null {
  const dash = tag.search(/[-_]/);
  const language = (dash < 0 ? tag : tag.slice(0, dash)).trim().toLowerCase();
  if ((LOCALES as readonly string[]).includes(language)) return language as Locale;
  return ALIASES[language] ?? null;
}

/**
 * The language to answer in, from an `Accept-Language` header (RFC 9110 § 12.5.4): the
 * supported language with the highest weight (`q`), the earlier one on a tie; English when the
 * header is absent or names none of ours. The PWA sends just its chosen language ("de"),
 * which is answered without parsing anything.
 */
export function localeFromAcceptLanguage(header: string | readonly string[] | undefined): Locale {
  if (header === undefined || header === '') return DEFAULT_LOCALE;
  if (typeof header !== 'string') return localeFromAcceptLanguage(header.join(','));
  if (header.length === 2 && (LOCALES as readonly string[]).includes(header)) return header as Locale;
  let best: Locale = DEFAULT_LOCALE;
  let bestWeight = 0;
  for (const range of header.slice(0, MAX_HEADER_LENGTH).split(',')) {
    const [tag, ...parameters] = range.split(';');
    const locale = localeOfTag(tag);
    if (locale === null) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const q = /^\s*q\s*=\s*(.*?)\s*$/i.exec(parameter);
      // A weight that is not one (q=abc, q=2) makes the range count for nothing.
      if (q) weight = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q[1]) ? Number(q[1]) : 0;
    }
    if (weight > bestWeight) {
      best = locale;
      bestWeight = weight;
    }
  }
  return best;
}
