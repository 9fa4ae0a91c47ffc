import { HttpErrorResponse } from '@angular/common/http';
import type { MessageKey } from '../i18n/en';
import { currentLocale, translate } from './i18n';

/**
 * No answer came from the server at all: offline, the browser reports status 0, or the
 * service worker answers 504 for it. Any other 5xx is an answer: the server failed, and
 * that is said as an error, not as "offline".
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return false;
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  return error.status === 0 || (offline && error.status === 504);
}

/**
 * The one place that turns a failed request into words for people, in the app's language. A
 * message the server wrote (a 4xx naming the field or the reason) is shown as the server wrote it,
 * except that a field it starts with is named by its label in the app's language.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (isUnreachable(error)) {
      return translate('common.error.unreachable');
    }
    const body = parsed(error.error);
    const message = body && typeof body === 'object' ? body.message : undefined;
    if (error.status >= 500) return translate('common.error.server');
    if (Array.isArray(message)) return message.map(sentence).join('. ') + '.';
    if (typeof message === 'string' && message) return sentence(message);
    if (error.status === 401) return translate('common.error.signInAgain');
    if (error.status === 404) return translate('common.error.notFound');
    // nginx's own rate limit answers without the API's body.
    if (error.status === 429) return translate('common.error.tooMany');
    return translate('common.error.status', { status: error.status });
  }
  if (error instanceof Error && error.message) return error.message;
  return translate('common.error.unknown');
}

/** The machine-readable `reason` of an API error (`dates_ambiguous`, `session_replaced` …), if it has one. */
export function errorReason(error: unknown): string | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const reason = parsed(error.error)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/** The error body; calls that expect text or nothing (DELETE) receive the JSON error as a string. */
function parsed(body: unknown): { message?: unknown; reason?: unknown } | null {
  if (typeof body !== 'string') return body as { message?: unknown; reason?: unknown } | null;
  try {
    return JSON.parse(body) as { message?: unknown; reason?: unknown } | null;
  } catch {
    return null;
  }
}

/**
 * In German, Russian and Hebrew the server starts a message about a field with the field's API
 * path and a colon ("username: ist schon vergeben…", "prefs.dailyReminder: …"). English writes
 * "username is already taken…" and keeps the server's words (only capitalised).
 */
const FIELD_FIRST = /^([A-Za-z]\w*(?:\.\w+)*): /;

/**
 * One message of the server, as a sentence without its full stop: a field it starts with named
 * by its label (`common.field.<path>`), else its first letter capitalised. A field without a
 * label keeps its API name, exactly as written.
 */
function sentence(text: unknown): string {
  const s = String(text).replace(/\.$/, '');
  const path = currentLocale() === 'en' ? undefined : FIELD_FIRST.exec(s)?.[1];
  if (path === undefined) return capitalise(s);
  const key = `common.field.${path}` as MessageKey;
  const label = translate(key);
  return label === key ? s : label + s.slice(path.length);
}

/** Upper case for the first letter, where the language has case and it stays one letter (not ß → SS). */
function capitalise(s: string): string {
  const [first = ''] = s;
  const upper = first.toUpperCase();
  return [...upper].length === 1 ? upper + s.slice(first.length) : s;
}
