import { computed, Injectable, signal } from '@angular/core';
import type { MessageKey } from '../i18n/en';
import { common as EN_COMMON } from '../i18n/en/common';
import { formatMessage, MessageParams } from './message-format';

/** The languages of the app: English (the source), German, Russian and Hebrew (right to left). */
export const LOCALES = ['en', 'de', 'ru', 'he'] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language in its own words, for the switch in Settings. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', de: 'Deutsch', ru: 'Русский', he: 'עברית' };
const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(['he']);
const STORAGE_KEY = 'stracker.locale';

/**
 * The catalogue is split by area: `common` (the shell, words used everywhere) is in the first
 * bundle in English; every other area, in every language, is a chunk loaded with the pages that
 * need it (`withTexts` in app.routes.ts), so the first bundle carries no page's texts and only the
 * chosen language is ever fetched.
 */
export type Area = 'common' | 'dashboard' | 'history' | 'settings' | 'onboarding';
type Texts = Readonly<Record<string, string>>;
const LOADERS: Readonly<Record<Area, Readonly<Record<Locale, () => Promise<Texts>>>>> = {
  common: {
    en: () => Promise.resolve(EN_COMMON),
    de: () => import('../i18n/de/common').then((m) => m.common),
    ru: () => import('../i18n/ru/common').then((m) => m.common),
    he: () => import('../i18n/he/common').then((m) => m.common),
  },
  dashboard: {
    en: () => import('../i18n/en/dashboard').then((m) => m.dashboard),
    de: () => import('../i18n/de/dashboard').then((m) => m.dashboard),
    ru: () => import('../i18n/ru/dashboard').then((m) => m.dashboard),
    he: () => import('../i18n/he/dashboard').then((m) => m.dashboard),
  },
  history: {
    en: () => import('../i18n/en/history').then((m) => m.history),
    de: () => import('../i18n/de/history').then((m) => m.history),
    ru: () => import('../i18n/ru/history').then((m) => m.history),
    he: () => import('../i18n/he/history').then((m) => m.history),
  },
  settings: {
    en: () => import('../i18n/en/settings').then((m) => m.settings),
    de: () => import('../i18n/de/settings').then((m) => m.settings),
    ru: () => import('../i18n/ru/settings').then((m) => m.settings),
    he: () => import('../i18n/he/settings').then((m) => m.settings),
  },
  onboarding: {
    en: () => import('../i18n/en/onboarding').then((m) => m.onboarding),
    de: () => import('../i18n/de/onboarding').then((m) => m.onboarding),
    ru: () => import('../i18n/ru/onboarding').then((m) => m.onboarding),
    he: () => import('../i18n/he/onboarding').then((m) => m.onboarding),
  },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The supported language of a BCP 47 tag ("de-AT" → "de"), or null. */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  const language = (tag ?? '').split(/[-_]/)[0].toLowerCase();
  return isLocale(language) ? language : null;
}

/** The language chosen on this device, or null when none was. */
export function storedLocale(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Locale | null {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The device's language: the one chosen here, else the browser's first supported preference, else English. */
export function deviceLocale(storage: Pick<Storage, 'getItem'> | null = safeStorage(), languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): Locale {
  return storedLocale(storage) ?? languages.map(supportedLocale).find((l): l is Locale => l !== null) ?? 'en';
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The language the app speaks now, readable anywhere (money and date formatting follow it);
 * a template or computed that reads it is redrawn when it changes.
 */
const current = signal<Locale>('en');
/** The texts of the areas loaded so far, in the current language; English of the same areas beside them. */
const currentTexts = signal<Texts>(EN_COMMON);
const englishTexts: Record<string, string> = { ...EN_COMMON };
const loadedAreas = new Set<Area>(['common']);
export const currentLocale = current.asReadonly();

/** The texts of `areas` in `locale` (with their English), merged. */
async function fetchTexts(locale: Locale, areas: readonly Area[]): Promise<{ local: Texts; english: Texts }> {
  const [local, english] = await Promise.all([
    Promise.all(areas.map((area) => LOADERS[area][locale]())),
    Promise.all(areas.map((area) => LOADERS[area].en())),
  ]);
  return { local: Object.assign({}, ...local), english: Object.assign({}, ...english) };
}

/**
 * Makes the texts of `areas` available in the current language (a page's route waits for it,
 * so the page never shows a key or flashes English). Loaded once per language.
 */
export async function loadAreas(...areas: Area[]): Promise<void> {
  const missing = areas.filter((area) => !loadedAreas.has(area));
  if (missing.length === 0) return;
  const locale = current();
  const { local, english } = await fetchTexts(locale, missing);
  if (current() !== locale) return loadAreas(...areas); // switched meanwhile: fetch in the new language
  Object.assign(englishTexts, english);
  currentTexts.update((texts) => ({ ...texts, ...local }));
  for (const area of missing) loadedAreas.add(area);
}

/** A route's component, loaded together with the texts of its areas. */
export function withTexts<T>(areas: readonly Area[], component: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([component(), loadAreas(...areas)]).then(([loaded]) => loaded);
}

/** Switches every loaded area to `locale` at once (nothing shows half in one language). */
async function switchTo(locale: Locale): Promise<void> {
  const { local } = await fetchTexts(locale, [...loadedAreas]);
  currentTexts.set(local);
  current.set(locale);
  applyToDocument(locale);
}

/**
 * The tag money, numbers and dates are formatted with: the browser's own regional tag when it
 * prefers the same language ("en-GB", "de-AT": the reader's conventions), else the language.
 */
export const formatLocale = computed(() => regionalTag(current()));

export function regionalTag(locale: Locale, languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): string {
  return languages.find((tag) => supportedLocale(tag) === locale && tag.includes('-')) ?? locale;
}

/**
 * Sets the document's language and direction (`<html lang dir>`), and points the web app
 * manifest at the language's own (its name, description and shortcuts in that language; the
 * same `id`, so an installed app stays the same app): `manifest.webmanifest` for English,
 * `manifest.de.webmanifest` and so on for the others.
 */
function applyToDocument(locale: Locale): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.documentElement.dir = RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
  const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  const href = locale === 'en' ? '/manifest.webmanifest' : `/manifest.${locale}.webmanifest`;
  if (manifest && manifest.getAttribute('href') !== href) manifest.setAttribute('href', href);
}

/**
 * Before the app starts (main.ts): the device's language with its texts, so the first paint is
 * already in it. English needs no wait; another language waits for its chunk (on failure the
 * app starts in English).
 */
export async function startLanguage(locale: Locale = deviceLocale()): Promise<void> {
  applyToDocument(locale);
  if (locale === 'en') return;
  try {
    await switchTo(locale);
  } catch {
    applyToDocument('en');
  }
}

/** The text of `key` in the current language (English where a translation is missing), with `params` put in. */
export function translate(key: MessageKey, params?: MessageParams): string {
  const text = currentTexts()[key] ?? englishTexts[key];
  return text === undefined ? key : formatMessage(text, params, current());
}

/**
 * The app's language: `t(key, params)` for every text people read (templates call it, so a
 * switch redraws them at once), `use(locale)` to switch without a reload (remembered on this
 * device; Settings also stores it on the user).
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  readonly locale = currentLocale;
  readonly dir = computed(() => (RIGHT_TO_LEFT.has(current()) ? 'rtl' : 'ltr'));
  /** Chosen on this device (not only taken from the browser). */
  readonly chosen = signal(storedLocale() !== null);
  readonly t = translate;

  async use(locale: Locale, remember = true): Promise<void> {
    await switchTo(locale);
    if (remember) {
      try {
        safeStorage()?.setItem(STORAGE_KEY, locale);
      } catch {
        // private mode: the choice lasts this visit
      }
      this.chosen.set(true);
    }
  }
}
