import { HttpContext, HttpContextToken, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Api } from '../api/api';
import { authFinishRegistration } from '../api/fn/auth/auth-finish-registration';
import { authFinishReset } from '../api/fn/auth/auth-finish-reset';
import { authLogin } from '../api/fn/auth/auth-login';
import { authLogout } from '../api/fn/auth/auth-logout';
import { authRefresh } from '../api/fn/auth/auth-refresh';
import { authStartRegistration } from '../api/fn/auth/auth-start-registration';
import { authStartReset } from '../api/fn/auth/auth-start-reset';
import { EnrolmentDto, RegisteredDto, TokenPairDto } from '../api/models';
import type { MessageKey } from '../i18n/en';
import { currentLocale, translate } from './i18n';
import { OfflineQueueHandle } from './offline-queue-handle';
import { TokenStore } from './token-store';
import { withWebLock } from './web-lock';

/** Requests marked with this never get a bearer token nor the 401 → refresh → retry treatment. */
export const PUBLIC_REQUEST = new HttpContextToken<boolean>(() => false);
export const publicContext = () => new HttpContext().set(PUBLIC_REQUEST, true);

export type SignedOutReason = 'session_replaced' | 'session_ended' | 'refresh_reused' | 'expired' | 'logout';

/**
 * The server's `reason` when it says the session has ended for good (no refresh will help):
 * from a 401 or from the live event stream. Null for anything else.
 */
export function endedSessionReason(reason: unknown): 'session_replaced' | 'session_ended' | 'refresh_reused' | null {
  return reason === 'session_replaced' || reason === 'session_ended' || reason === 'refresh_reused' ? reason : null;
}

const REASON_KEY = 'stracker.signedOutReason';
const DETAIL_KEY = 'stracker.signedOutDetail';
const REENROL_KEY = 'stracker.mustReenrol';
const LOCK_NAME = 'stracker-token-refresh';
/** The dashboard's cached figures (DashboardStore's LAST_BUDGET_KEY; the lazy page is not imported here). */
const LAST_BUDGET_KEY = 'stracker.lastBudget';

/**
 * Signing in and out, and keeping the token pair fresh. A refresh is single-flight: one
 * per tab at a time, and across tabs serialised by the Web Locks API, so two tabs never
 * present the same refresh token (the second finds the first one's new pair and uses it).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(Api);
  private readonly store = inject(TokenStore);
  private readonly router = inject(Router);
  private readonly queue = inject(OfflineQueueHandle);
  private inflight: Promise<boolean> | null = null;
  /** The username chosen in registration step 1, remembered for step 2 (the device learns who signs in). */
  private registeringAs: string | null = null;

  readonly signedIn = this.store.signedIn;
  readonly signedOutReason = signal<SignedOutReason | null>((sessionStorage.getItem(REASON_KEY) as SignedOutReason | null) ?? null);
  readonly mustReenrol = signal(localStorage.getItem(REENROL_KEY) === '1');
  /** The server's own words for an ended session (e.g. "Your authenticator was reset …"). */
  private readonly signedOutDetail = signal<string | null>(sessionStorage.getItem(DETAIL_KEY));

  accessToken(): string | null {
    return this.store.current()?.accessToken ?? null;
  }

  /** Why this device was signed out, in the current language (the sign-in page shows it). */
  signedOutMessage(): string | null {
    const reason = this.signedOutReason();
    if (reason === 'session_ended' && this.signedOutDetail()) return this.signedOutDetail();
    // The sign-in page's texts (the onboarding area, loaded with it), one per reason: `onboarding.signedOut.expired` …
    return reason && reason !== 'logout' ? translate(`onboarding.signedOut.${reason}` satisfies MessageKey) : null;
  }

  async login(username: string, code: string): Promise<void> {
    const pair = await this.api.invoke(authLogin, { body: { username, code: code.trim() } }, publicContext());
    this.signIn(pair, username.trim());
  }

  startRegistration(username: string, inviteCode?: string): Promise<EnrolmentDto> {
    this.registeringAs = username.trim();
    return this.api.invoke(authStartRegistration, { body: { username, ...(inviteCode ? { inviteCode } : {}) } }, publicContext());
  }

  /**
   * `starterFunnels: false`: no personal Food and Misc (someone joining a household that has its
   * shared funnels). The app's language goes along: the user's language from now on (their
   * notifications speak it), and the new household and starter funnels are named in it.
   */
  async finishRegistration(enrolmentToken: string, code: string, starterFunnels?: boolean): Promise<string[]> {
    const body = { enrolmentToken, code: code.trim(), locale: currentLocale(), ...browserDefaults(), ...(starterFunnels === undefined ? {} : { starterFunnels }) };
    const registered: RegisteredDto = await this.api.invoke(
      authFinishRegistration,
      { body },
      publicContext(),
    );
    this.signIn(registered, this.registeringAs ?? undefined);
    return registered.recoveryCodes;
  }

  /** Step 1 of an operator's reset link (`/reset?token=…`): a fresh secret for a new authenticator. */
  startReset(resetToken: string): Promise<EnrolmentDto> {
    return this.api.invoke(authStartReset, { body: { resetToken } }, publicContext());
  }

  /** Step 2: one code proves it; this device is signed in as the reset user, whoever was signed in before. */
  async finishReset(enrolmentToken: string, code: string): Promise<string[]> {
    const registered = await this.api.invoke(authFinishReset, { body: { enrolmentToken, code: code.trim() } }, publicContext());
    this.signIn(registered);
    return registered.recoveryCodes;
  }

  async logout(): Promise<void> {
    try {
      await this.api.invoke(authLogout);
    } catch {
      // Signed out locally either way; the server session ends on its own if unreachable.
    }
    this.signOut('logout');
  }

  reenrolled(): void {
    this.mustReenrol.set(false);
    localStorage.removeItem(REENROL_KEY);
  }

  /** Renews the pair; false when the session is over (then the user is signed out). */
  refresh(): Promise<boolean> {
    this.inflight ??= this.refreshAcrossTabs().finally(() => (this.inflight = null));
    return this.inflight;
  }

  /**
   * Ends the session on this device and says why on the sign-in page; `detail` is the
   * server's explanation of a 401, shown for an ended session (it knows why it ended).
   */
  signOut(reason: SignedOutReason, detail?: unknown): void {
    this.store.clear();
    this.forgetPreviousUser();
    this.signedOutReason.set(reason);
    if (reason === 'logout') sessionStorage.removeItem(REASON_KEY);
    else sessionStorage.setItem(REASON_KEY, reason);
    const words = reason === 'session_ended' && typeof detail === 'string' && detail ? detail : null;
    this.signedOutDetail.set(words);
    if (words) sessionStorage.setItem(DETAIL_KEY, words);
    else sessionStorage.removeItem(DETAIL_KEY);
    // Someone using a reset link on a device whose old session just ended stays on that page.
    if (!this.router.url.startsWith('/reset')) void this.router.navigateByUrl('/login');
  }

  private signIn(pair: TokenPairDto, username?: string): void {
    const previousUser = this.store.userId();
    this.store.set(pair, username);
    // A reset link opened where someone else is signed in replaces them on this device.
    if (this.store.userId() !== previousUser) this.forgetPreviousUser();
    this.signedOutReason.set(null);
    this.signedOutDetail.set(null);
    sessionStorage.removeItem(REASON_KEY);
    sessionStorage.removeItem(DETAIL_KEY);
    this.mustReenrol.set(pair.mustReenrol === true);
    if (pair.mustReenrol) localStorage.setItem(REENROL_KEY, '1');
    else localStorage.removeItem(REENROL_KEY);
    // What this user typed while signed out (or what a 401 refused) goes now, once.
    this.queue
      .queue()
      .then(async (queue) => {
        await queue.reload();
        await queue.flush();
      })
      .catch(() => undefined);
  }

  /**
   * What the device keeps for one user: the last budget goes (the next person must not see
   * it); the offline queue stays on the device but shows only the signed-in user's part.
   */
  private forgetPreviousUser(): void {
    localStorage.removeItem(LAST_BUDGET_KEY);
    this.queue
      .queue()
      .then((queue) => queue.reload())
      .catch(() => undefined); // no IndexedDB (private mode, tests): nothing is shown anyway
  }

  private async refreshAcrossTabs(): Promise<boolean> {
    const presented = this.store.current()?.refreshToken;
    if (!presented) return false;
    return withWebLock(LOCK_NAME, () => this.refreshWith(presented));
  }

  private async refreshWith(presented: string): Promise<boolean> {
    const latest = this.store.reload();
    if (!latest) return false;
    if (latest.refreshToken !== presented) return true; // another tab refreshed while we waited
    try {
      const pair = await this.api.invoke(authRefresh, { body: { refreshToken: presented } }, publicContext());
      this.store.set(pair);
      return true;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        const { reason, message } = (error.error as { reason?: string; message?: unknown } | null) ?? {};
        if (reason === 'refresh_race') return this.store.reload()?.refreshToken !== presented;
        this.signOut(endedSessionReason(reason) ?? 'expired', message);
      }
      return false;
    }
  }
}

/** The registering browser's time zone and currency, for a new household. */
export function browserDefaults(): { timezone?: string; currency?: string } {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currency = currencyForLocale(navigator.language);
  return { ...(timezone ? { timezone } : {}), ...(currency ? { currency } : {}) };
}

const REGION_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', CH: 'CHF', JP: 'JPY', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SE: 'SEK', NO: 'NOK', DK: 'DKK',
  PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', UA: 'UAH', RU: 'RUB', TR: 'TRY', IN: 'INR', CN: 'CNY', BR: 'BRL',
  MX: 'MXN', ZA: 'ZAR', KR: 'KRW', IL: 'ILS', SG: 'SGD', HK: 'HKD', RS: 'RSD', IS: 'ISK', GE: 'GEL', KZ: 'KZT',
};
const EURO_REGIONS = new Set(['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK']);

/** The currency of the locale's region (e.g. de-CH → CHF), else EUR. */
export function currencyForLocale(locale: string): string {
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {
    region = undefined;
  }
  if (!region) return 'EUR';
  if (EURO_REGIONS.has(region)) return 'EUR';
  return REGION_CURRENCY[region] ?? 'EUR';
}
