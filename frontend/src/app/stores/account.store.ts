import { Injectable, computed, inject, signal } from '@angular/core';
import { Api } from '../api/api';
import { authFinishReenrolment } from '../api/fn/auth/auth-finish-reenrolment';
import { authRegenerateRecoveryCodes } from '../api/fn/auth/auth-regenerate-recovery-codes';
import { authSession } from '../api/fn/auth/auth-session';
import { authStartReenrolment } from '../api/fn/auth/auth-start-reenrolment';
import { meMe } from '../api/fn/me/me-me';
import { meUpdate } from '../api/fn/me/me-update';
import { EnrolmentDto, SessionInfoDto } from '../api/models';
import { isLocale, Locale } from '../core/i18n';
import { TokenStore } from '../core/token-store';
import { UserState } from './user-state';

/** A language chosen on this device that the user's account has not heard of yet (per user: a shared phone). */
const pendingKey = (userId: string) => `stracker.locale.pending.${userId}`;

/**
 * This user's sign-in on this device: the session ("signed in here since …"), the recovery
 * codes, moving to a new authenticator, and the language stored on the account (the server
 * writes notifications in it). (Signing in and out is AuthService's.)
 */
@Injectable({ providedIn: 'root' })
export class AccountStore {
  private readonly api = inject(Api);
  private readonly userId = inject(TokenStore).userId;
  private readonly state = new UserState<SessionInfoDto>();
  /** Bumped when the device's waiting language changes (it lives in localStorage). */
  private readonly pendingChanged = signal(0);
  private localeSaves: Promise<unknown> = Promise.resolve();
  /** Counts the choices made here, so a save overtaken by a later choice stands aside. */
  private localeChoice = 0;
  /** Saves and checks of the language under way. */
  private readonly localeRequests = signal(0);

  /** This device's session as the server last said (null until loaded). */
  readonly session = this.state.value;
  /** A language chosen here is still to be stored on the account (offline, or the server failed). */
  private readonly localePending = computed(() => {
    this.pendingChanged();
    const userId = this.userId();
    return userId !== null && pendingLocale(userId) !== null;
  });
  /** The account's language waits for a later visit: nothing under way could store it now. */
  readonly localeWaiting = computed(() => this.localePending() && this.localeRequests() === 0);

  async loadSession(): Promise<SessionInfoDto> {
    return this.state.set(await this.api.invoke(authSession));
  }

  /** Ten new recovery codes; the old ones stop working. */
  async newRecoveryCodes(): Promise<string[]> {
    return (await this.api.invoke(authRegenerateRecoveryCodes)).recoveryCodes;
  }

  /** A new authenticator secret to confirm with a code from it. */
  startReenrolment(): Promise<EnrolmentDto> {
    return this.api.invoke(authStartReenrolment);
  }

  finishReenrolment(enrolmentToken: string, code: string): Promise<void> {
    return this.api.invoke(authFinishReenrolment, { body: { enrolmentToken, code } });
  }

  /**
   * Stores the language chosen on this device on the account (PATCH /api/me). It waits on the
   * device until the server has it: true when stored now, false when it waits (offline, a
   * failure) for `syncLocale`. Changes go one after another, so the last one chosen wins.
   */
  saveLocale(locale: Locale): Promise<boolean> {
    const userId = this.userId();
    if (userId === null) return Promise.resolve(false);
    this.setPending(userId, locale);
    const choice = ++this.localeChoice;
    const save = this.queue(async () => {
      if (choice !== this.localeChoice) return false; // a later choice is on its way
      try {
        await this.api.invoke(meUpdate, { body: { locale } });
        if (choice === this.localeChoice) this.clearPending(userId);
        return true;
      } catch {
        return false;
      }
    });
    return save;
  }

  /**
   * A language change the account missed is stored now (Settings opened, or back online),
   * unless the account has that language already. Nothing is asked when none waits.
   */
  syncLocale(): Promise<void> {
    const userId = this.userId();
    return this.queue(async () => {
      const locale = userId === null ? null : pendingLocale(userId);
      if (userId === null || locale === null) return;
      try {
        const me = await this.api.invoke(meMe);
        if (me.locale !== locale) await this.api.invoke(meUpdate, { body: { locale } });
        if (pendingLocale(userId) === locale) this.clearPending(userId);
      } catch {
        // Still waiting: tried again the next time.
      }
    });
  }

  /** Language requests go one after another (the last choice must arrive last). */
  private queue<T>(work: () => Promise<T>): Promise<T> {
    this.localeRequests.update((n) => n + 1);
    const done = this.localeSaves.then(work).finally(() => this.localeRequests.update((n) => n - 1));
    this.localeSaves = done.catch(() => undefined);
    return done;
  }

  private setPending(userId: string, locale: Locale): void {
    try {
      localStorage.setItem(pendingKey(userId), locale);
    } catch {
      // private mode: the account is updated only if this request goes through
    }
    this.pendingChanged.update((n) => n + 1);
  }

  /** The account has the language chosen last. */
  private clearPending(userId: string): void {
    try {
      localStorage.removeItem(pendingKey(userId));
    } catch {
      // nothing kept
    }
    this.pendingChanged.update((n) => n + 1);
  }
}

function pendingLocale(userId: string): Locale | null {
  try {
    const value = localStorage.getItem(pendingKey(userId));
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}
