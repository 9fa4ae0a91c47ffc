/**
 * The server's texts use the same small subset of ICU MessageFormat as the PWA's catalogues
 * (frontend/src/app/core/message-format.ts): `{name}` puts a parameter in as given, and
 * `{count, plural, =0 {…} one {…} few {…} many {…} other {…}}` picks the branch for the
 * language's plural rules (`Intl.PluralRules`: Russian has one/few/many, Hebrew one/two/other),
 * with `#` in it standing for the number. Branches may hold placeholders of their own.
 */
export type FormatParams = Readonly<Record<string, string | number>>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { useGrouping: false })));
  return format.format(value);
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export function formatText(message: string, params: FormatParams, locale: string): string {
  if (!message.includes('{')) return message;
  let out = '';
  for (let i = 0; i < message.length; ) {
    const end = message[i] === '{' ? closing(message, i) : -1;
    if (end < 0) {
      out += message[i++];
      continue;
    }
    out += placeholder(message.slice(i + 1, end), params, locale);
    i = end + 1;
  }
  return out;
}

function placeholder(inner: string, params: FormatParams, locale: string): string {
  const [name, kind] = inner.split(',', 2).map((part) => part.trim());
  if (kind === undefined) return name in params ? String(params[name]) : `{${inner}}`;
  if (kind !== 'plural') return `{${inner}}`;
  const count = Number(params[name]);
  const branches = pluralBranches(inner.slice(inner.indexOf(',', inner.indexOf(',') + 1) + 1));
  const chosen = branches.get(`=${count}`) ?? branches.get(rulesFor(locale).select(count)) ?? branches.get('other') ?? '';
  return formatText(chosen.replace(/#/g, formatNumber(count, locale)), params, locale);
}

function pluralBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  for (let i = 0; i < body.length; ) {
    const open = body.indexOf('{', i);
    if (open < 0) break;
    const end = closing(body, open);
    if (end < 0) break;
    branches.set(body.slice(i, open).trim(), body.slice(open + 1, end));
    i = end + 1;
  }
  return branches;
}

/** The parameter names a text uses (`{name}` and plural counts), sorted: translations must use the same. */
export function placeholderNames(message: string): string[] {
  const names = new Set<string>();
  const visit = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '{') continue;
      const end = closing(text, i);
      if (end < 0) return;
      const inner = text.slice(i + 1, end);
      const [name, kind] = inner.split(',', 2).map((part) => part.trim());
      names.add(name);
      if (kind === 'plural') for (const branch of pluralBranches(inner.slice(inner.indexOf(',', inner.indexOf(',') + 1) + 1)).values()) visit(branch);
      i = end;
    }
  };
  visit(message);
  return [...names].sort();
}
