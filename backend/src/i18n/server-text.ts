import { DEFAULT_LOCALE, Locale } from '../rules/locale';
import { de } from './de';
import { Catalogue, en, TextKey } from './en';
import { formatText } from './format';
import { he } from './he';
import { ru } from './ru';

export type { TextKey } from './en';

/**
 * A parameter of a text: put in as it is (a name, a date, an amount already written out), a
 * list (joined the language's way: "a or b", "a oder b"), or another text (in the same language).
 */
export type TextParam = string | number | readonly string[] | ServerText;
export type TextParams = Readonly<Record<string, TextParam>>;

/** Every language of the app (rules/locale.ts) has a catalogue; English is the source. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, de, ru, he };

const NO_PARAMS: TextParams = Object.freeze({});
const lists = new Map<Locale, Intl.ListFormat>();

function listFormat(locale: Locale): Intl.ListFormat {
  let format = lists.get(locale);
  if (!format) lists.set(locale, (format = new Intl.ListFormat(locale, { type: 'disjunction' })));
  return format;
}

/**
 * The text `key` in `locale`, with `params` put in (`{name}`, and `{count, plural, …}` by the
 * language's plural rules). For any text the server writes for people: error messages (through
 * `text()` and the exception filter) and anything else that needs one language now.
 */
export function serverText(locale: Locale, key: TextKey, params: TextParams = NO_PARAMS): string {
  const template = CATALOGUES[locale]?.[key] ?? en[key];
  let flat: Record<string, string | number> | undefined;
  for (const name in params) {
    const value = params[name];
    if (typeof value === 'string' || typeof value === 'number') continue;
    flat ??= { ...(params as Record<string, string | number>) };
    flat[name] = value instanceof ServerText ? value.in(locale) : listFormat(locale).format(value as readonly string[]);
  }
  return formatText(template, flat ?? (params as Readonly<Record<string, string | number>>), locale);
}

/**
 * A text to be written in the reader's language later: an exception carries it and the
 * exception filter writes it in the request's language (Accept-Language). Where no request's
 * language applies (a log line, the admin tool, `JSON.stringify`) it is English.
 */
export class ServerText {
  constructor(
    readonly key: TextKey,
    readonly params: TextParams = NO_PARAMS,
  ) {}

  in(locale: Locale): string {
    return serverText(locale, this.key, this.params);
  }

  toString(): string {
    return this.in(DEFAULT_LOCALE);
  }

  toJSON(): string {
    return this.in(DEFAULT_LOCALE);
  }
}

/** The text `key` with `params`, written in the reader's language when it is sent (see ServerText). */
export function text(key: TextKey, params?: TextParams): ServerText {
  return new ServerText(key, params);
}

/** A message as an exception carries it: our texts, or (from elsewhere: Nest, Fastify) plain English. */
export type Message = string | ServerText;

/** `message` (or each of a list) in `locale`. */
export function render(message: Message, locale: Locale): string;
export function render(message: readonly Message[], locale: Locale): string[];
export function render(message: Message | readonly Message[], locale: Locale): string | string[];
export function render(message: Message | readonly Message[], locale: Locale): string | string[] {
  if (typeof message === 'string') return message;
  if (message instanceof ServerText) return message.in(locale);
  return message.map((m) => (m instanceof ServerText ? m.in(locale) : String(m)));
}
