import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { SwPush } from '@angular/service-worker';
import { firstValueFrom } from 'rxjs';
import { Api } from '../api/api';
import { pushGet } from '../api/fn/push/push-get';
import { pushKey } from '../api/fn/push/push-key';
import { pushPut } from '../api/fn/push/push-put';
import { pushRemove } from '../api/fn/push/push-remove';
import { pushTest } from '../api/fn/push/push-test';
import { PushPrefsDto, PushSubscriptionDto } from '../api/models';
import { errorMessage } from '../core/error-message';
import { translate } from '../core/i18n';
import { TokenStore } from '../core/token-store';
import { UserState } from './user-state';

/** What a device that turns notifications on for the first time asks for: everything but the reminder. */
export const DEFAULT_PUSH_PREFS: PushPrefsDto = { nearLimit: true, memberSpent: true, fixedCostDue: true, dailyReminder: null };

/**
 * Why this browser cannot show notifications now: no service worker (a private window, an old
 * browser, a development build), no Push API (Safari on iOS outside a Home Screen app),
 * notifications blocked for the site, or the service worker not yet in control of this page
 * (the first visit, a forced reload).
 */
export type PushBlocker = 'no-service-worker' | 'no-push' | 'denied' | 'starting';

/** This session's subscription as the server has it. */
interface ServerState {
  readonly on: boolean;
  readonly prefs: PushPrefsDto;
}

/** How long a sign-out waits for the server to forget this device's subscription. */
const SIGN_OUT_WAIT_MS = 5_000;

export type PushTestResult = { state: 'sending' } | { state: 'sent' } | { state: 'failed'; message: string };

/**
 * Notifications on this device (Web Push, #16): whether the browser can show them, this
 * session's subscription and its preferences, turning it on (on a tap only: that is when the
 * browser asks for permission) and off, and the test notification. The browser's side goes
 * through Angular's SwPush, the server's through the generated client. The server keeps one
 * subscription per session and deletes it with the session; the device keeps the user's choices
 * too (`keptPushPrefs`), so the next sign-in of the same user here subscribes the new session
 * again (`afterSignIn`). The sign-in pages and Settings' "Log out" call in: the store is loaded
 * with those lazy pages only, never with the first screen.
 */
@Injectable({ providedIn: 'root' })
export class PushStore {
  private readonly api = inject(Api);
  private readonly userId = inject(TokenStore).userId;
  /** Absent where no service worker is provided at all (unit tests of other pages). */
  private readonly swPush = inject(SwPush, { optional: true });
  private readonly server = new UserState<ServerState>();
  private readonly permission = signal<NotificationPermission>(currentPermission());
  private readonly controlled = signal(typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller);
  /** Preferences tapped but not saved yet (null: none waiting). */
  private readonly wanted = signal<PushPrefsDto | null>(null);
  /** Set while the main switch's tap is being carried out: the switch shows where it is going. */
  private readonly turning = signal<boolean | null>(null);
  /** The browser subscription the server was last given (PUT needs it with every change of preferences). */
  private subscription: PushSubscriptionJSON | null = null;
  private saves: Promise<void> = Promise.resolve();
  private loading: Promise<void> | null = null;

  readonly blocker = computed<PushBlocker | null>(() => {
    if (!this.swPush?.isEnabled) return 'no-service-worker';
    if (typeof PushManager === 'undefined' || typeof Notification === 'undefined') return 'no-push';
    if (this.permission() === 'denied') return 'denied';
    return this.controlled() ? null : 'starting';
  });
  /** Null until the first check has answered. */
  readonly on = computed(() => this.server.value()?.on ?? null);
  /** What the main switch shows: where a tap is going, else the server's state. */
  readonly switchedOn = computed(() => this.turning() ?? this.on() ?? false);
  /** What the preference switches show: the last tap, else what the server has. */
  readonly prefs = computed(() => this.wanted() ?? this.server.value()?.prefs ?? DEFAULT_PUSH_PREFS);
  readonly saving = signal(false);
  /** "Saved." after a change of preferences went through; cleared by the next change. */
  readonly saved = signal(false);
  readonly error = signal<string | null>(null);
  readonly test = signal<PushTestResult | null>(null);

  constructor() {
    if (typeof navigator === 'undefined' || !navigator.serviceWorker || !this.swPush?.isEnabled) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      this.controlled.set(!!navigator.serviceWorker.controller);
      if (this.userId() !== null && this.server.value() === null && this.loading === null) void this.load();
    });
    // Notifications allowed or blocked in the browser's settings while the app is open.
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((status) => status.addEventListener('change', () => this.permission.set(currentPermission())))
      .catch(() => undefined);
  }

  /**
   * Finds out whether this device gets notifications: the browser's subscription against this
   * session's on the server. When they differ it puts them right: a browser whose push service
   * gave it a new endpoint, or a new session of a user who had them on here, is stored again
   * (with the server's or the device's preferences); a server subscription the browser no longer
   * has is removed (nothing could arrive through it).
   */
  load(): Promise<void> {
    this.loading ??= this.check().finally(() => (this.loading = null));
    return this.loading;
  }

  /** After a sign-in: a new session gets its own subscription when this user had notifications on here. */
  async afterSignIn(): Promise<void> {
    if (keptPushPrefs(this.userId()) === null || this.blocker() !== null) return;
    try {
      await this.load();
    } catch {
      // Settings checks again when it opens.
    }
  }

  /**
   * Before a sign-out, while the tokens still work: this device's subscription goes from the
   * server (which would delete it with the session too, but a sign-out it never hears of leaves
   * the session alive). When the server cannot be told, the browser forgets its subscription
   * instead, so nothing reaches a device nobody is signed in on. The preferences stay on the
   * device for the same user's next sign-in. Waits 5 s at most.
   */
  async beforeSignOut(): Promise<void> {
    if (this.on() !== true && keptPushPrefs(this.userId()) === null) return;
    const forget = async () => {
      try {
        await this.api.invoke(pushRemove);
      } catch {
        await this.swPush?.unsubscribe().catch(() => undefined);
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([forget(), new Promise<void>((resolve) => (timer = setTimeout(resolve, SIGN_OUT_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** The main switch, on: asks for permission (this must run from the user's tap), subscribes, and stores it. */
  async turnOn(): Promise<void> {
    this.turning.set(true);
    this.error.set(null);
    this.saved.set(false);
    this.test.set(null);
    this.saving.set(true);
    try {
      // First, before anything is awaited: browsers only ask while the tap is fresh.
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      this.permission.set(permission);
      if (permission !== 'granted') {
        if (permission === 'default') this.error.set(translate('settings.push.notAllowed'));
        return;
      }
      this.subscription = await this.subscribeBrowser();
      const prefs = this.server.value()?.prefs ?? keptPushPrefs(this.userId()) ?? DEFAULT_PUSH_PREFS;
      this.stored(await this.put(prefs));
    } catch (error) {
      this.error.set(pushErrorMessage(error));
    } finally {
      this.turning.set(null);
      this.saving.set(false);
    }
  }

  /** The main switch, off: the server forgets this device's subscription, and so does the browser. */
  async turnOff(): Promise<void> {
    this.turning.set(false);
    this.error.set(null);
    this.saved.set(false);
    this.test.set(null);
    this.saving.set(true);
    try {
      await this.api.invoke(pushRemove);
      this.server.set({ on: false, prefs: this.prefs() });
      forgetPushPrefs(this.userId());
      this.subscription = null;
      await this.swPush?.unsubscribe().catch(() => undefined); // not subscribed in the browser: nothing to undo
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.turning.set(null);
      this.saving.set(false);
    }
  }

  /**
   * Changes preferences and saves them at once. Taps made while one save is under way are sent
   * together after it; a refused save puts the switches back to what the server has.
   */
  setPrefs(change: Partial<PushPrefsDto>): Promise<void> {
    this.wanted.set({ ...this.prefs(), ...change });
    this.saved.set(false);
    this.saves = this.saves.then(() => this.saveWanted());
    return this.saves;
  }

  async sendTest(): Promise<void> {
    this.test.set({ state: 'sending' });
    try {
      await this.api.invoke(pushTest);
      this.test.set({ state: 'sent' });
    } catch (error) {
      // 404: there is no subscription (any more: the push service forgot it and the server removed it).
      // The browser's is as dead, and turning on again must not get the same one back.
      if (error instanceof HttpErrorResponse && error.status === 404) {
        this.server.set({ on: false, prefs: this.prefs() });
        forgetPushPrefs(this.userId());
        this.subscription = null;
        await this.swPush?.unsubscribe().catch(() => undefined);
      }
      this.test.set({ state: 'failed', message: serverWords(error) });
    }
  }

  private async saveWanted(): Promise<void> {
    const prefs = this.wanted();
    if (prefs === null) return; // an earlier save already sent these
    this.saving.set(true);
    this.error.set(null);
    try {
      const saved = await this.put(prefs);
      this.stored(saved);
      if (this.wanted() === prefs) {
        this.wanted.set(null);
        this.saved.set(true);
      }
    } catch (error) {
      this.wanted.set(null);
      this.error.set(translate('settings.push.notSaved', { reason: errorMessage(error) }));
    } finally {
      this.saving.set(false);
    }
  }

  private async check(): Promise<void> {
    if (this.blocker() !== null) return;
    this.error.set(null);
    this.saved.set(false);
    this.test.set(null);
    try {
      const browser = await this.browserSubscription();
      const server = await this.serverSubscription();
      const kept = keptPushPrefs(this.userId());
      if (browser && server && server.endpoint === browser.endpoint) {
        this.subscription = browser;
        this.stored(server);
      } else if (browser && (server || kept)) {
        this.subscription = browser;
        this.stored(await this.put(server?.prefs ?? kept!));
      } else {
        if (server) await this.api.invoke(pushRemove);
        forgetPushPrefs(this.userId());
        this.subscription = null;
        this.server.set({ on: false, prefs: server?.prefs ?? DEFAULT_PUSH_PREFS });
      }
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  private stored(subscription: PushSubscriptionDto): void {
    this.server.set({ on: true, prefs: subscription.prefs });
    keepPushPrefs(this.userId(), subscription.prefs);
  }

  private put(prefs: PushPrefsDto): Promise<PushSubscriptionDto> {
    const subscription = this.subscription;
    if (!subscription?.endpoint || !subscription.keys?.['p256dh'] || !subscription.keys['auth']) {
      return Promise.reject(new Error(translate('settings.push.turnOnFirst')));
    }
    const { endpoint, keys } = subscription;
    return this.api.invoke(pushPut, { body: { endpoint, keys: { p256dh: keys['p256dh'], auth: keys['auth'] }, prefs } });
  }

  /** This session's subscription on the server, or null (404). */
  private async serverSubscription(): Promise<PushSubscriptionDto | null> {
    try {
      return await this.api.invoke(pushGet);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) return null;
      throw error;
    }
  }

  private async browserSubscription(): Promise<PushSubscriptionJSON | null> {
    const subscription = await firstValueFrom(this.swPush!.subscription);
    return subscription ? subscription.toJSON() : null;
  }

  /**
   * Subscribes the browser with the server's key. A subscription made for another key (the
   * server's VAPID pair was replaced) cannot be reused: the browser refuses a second key, so it
   * is dropped first.
   */
  private async subscribeBrowser(): Promise<PushSubscriptionJSON> {
    const { publicKey } = await this.api.invoke(pushKey);
    const existing = await firstValueFrom(this.swPush!.subscription);
    if (existing && base64url(existing.options?.applicationServerKey) !== publicKey.replace(/=+$/, '')) await existing.unsubscribe();
    return (await this.swPush!.requestSubscription({ serverPublicKey: publicKey })).toJSON();
  }
}

const keptKey = (userId: string) => `stracker.push.${userId}`;

/**
 * The preferences of a user who turned notifications on on this device, kept while they are on.
 * Another person signing in here has none, so nothing is turned on for them that they did not
 * ask for.
 */
export function keptPushPrefs(userId: string | null): PushPrefsDto | null {
  if (!userId) return null;
  try {
    const prefs = JSON.parse(localStorage.getItem(keptKey(userId)) ?? 'null') as Partial<PushPrefsDto> | null;
    if (!prefs || typeof prefs !== 'object') return null;
    const time = typeof prefs.dailyReminder === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(prefs.dailyReminder) ? prefs.dailyReminder : null;
    return { nearLimit: prefs.nearLimit === true, memberSpent: prefs.memberSpent === true, fixedCostDue: prefs.fixedCostDue === true, dailyReminder: time };
  } catch {
    return null;
  }
}

function keepPushPrefs(userId: string | null, prefs: PushPrefsDto): void {
  if (userId) localStorage.setItem(keptKey(userId), JSON.stringify(prefs));
}

function forgetPushPrefs(userId: string | null): void {
  if (userId) localStorage.removeItem(keptKey(userId));
}

function currentPermission(): NotificationPermission {
  return typeof Notification === 'undefined' ? 'default' : Notification.permission;
}

function base64url(buffer: ArrayBuffer | null | undefined): string {
  if (!buffer) return '';
  return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The browser's own failures to subscribe, in words; the server's through errorMessage. */
function pushErrorMessage(error: unknown): string {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError') return translate('settings.push.blockedTryAgain');
    if (error.name === 'AbortError' || error.name === 'NotSupportedError') return translate('settings.push.noPushService');
  }
  return errorMessage(error);
}

/**
 * The server's own words for a failed test: it says why the push service did not take it
 * (502) or that the subscription is gone (404); other failures as everywhere else.
 */
function serverWords(error: unknown): string {
  if (error instanceof HttpErrorResponse && (error.status === 502 || error.status === 404)) {
    const body = typeof error.error === 'string' ? safeJson(error.error) : error.error;
    const message = (body as { message?: unknown } | null)?.message;
    if (typeof message === 'string' && message) return message.endsWith('.') ? message : `${message}.`;
  }
  return errorMessage(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
