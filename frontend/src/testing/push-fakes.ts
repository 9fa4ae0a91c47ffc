import { BehaviorSubject, map } from 'rxjs';

/**
 * Test doubles for the browser's side of Web Push in jsdom, which has none of it: Angular's
 * SwPush (as the PushStore uses it) and the globals the store checks (a service worker in
 * control, PushManager, Notification). They behave like Chromium where it matters: subscribing
 * again with the same key gives the same subscription, with another key it is refused.
 */

/** A VAPID public key as the server gives it (65 bytes, base64url). */
export const SERVER_KEY = 'BGfNhMmwkYuj94GYQSfqKD1lTgm7-lTnkT6ydCKlIgtGfU-xY7nwB109BSQTC0mExj1G_ZmaAjCsKQSK2nIQgDA';
export const OTHER_SERVER_KEY = 'BN2fYGN0dJ2JfoWbsN3epKB9T8nho204mmG7kI_BgnB1oZqVueu9IS_YAoVt9RSmkcS-xM4aXBzUm2Sc_KU4Ks0';
export const P256DH = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
export const AUTH = 'tBHItJI5svbpez7KI4CCXg';

function bytes(base64url: string): ArrayBuffer {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

export class FakeBrowserSubscription {
  unsubscribed = false;
  readonly options: { applicationServerKey: ArrayBuffer; userVisibleOnly: boolean };

  constructor(
    readonly endpoint: string,
    serverKey = SERVER_KEY,
  ) {
    this.options = { applicationServerKey: bytes(serverKey), userVisibleOnly: true };
  }

  toJSON(): PushSubscriptionJSON {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: P256DH, auth: AUTH } };
  }

  async unsubscribe(): Promise<boolean> {
    this.unsubscribed = true;
    return true;
  }
}

/** SwPush as the store uses it: `isEnabled`, `subscription`, `requestSubscription`, `unsubscribe`. */
export class FakeSwPush {
  isEnabled = true;
  readonly current = new BehaviorSubject<FakeBrowserSubscription | null>(null);
  /** As PushManager.getSubscription(): one unsubscribed directly is gone too. */
  readonly subscription = this.current.pipe(map((s) => (s && !s.unsubscribed ? s : null)));
  /** The server keys asked for, one per requestSubscription. */
  readonly requested: string[] = [];
  /** What the push service hands out next. */
  nextEndpoint = 'https://push.example/send/device-1';
  /** Set: requestSubscription fails with it (the push service cannot be reached, say). */
  failWith: Error | null = null;

  async requestSubscription({ serverPublicKey }: { serverPublicKey: string }): Promise<FakeBrowserSubscription> {
    this.requested.push(serverPublicKey);
    if (this.failWith) throw this.failWith;
    const existing = this.current.value?.unsubscribed ? null : this.current.value;
    if (existing) {
      const same = new Uint8Array(existing.options.applicationServerKey).join() === new Uint8Array(bytes(serverPublicKey)).join();
      if (!same) throw new DOMException('A subscription with a different applicationServerKey already exists.', 'InvalidStateError');
      return existing;
    }
    const created = new FakeBrowserSubscription(this.nextEndpoint, serverPublicKey);
    this.current.next(created);
    return created;
  }

  async unsubscribe(): Promise<void> {
    const existing = this.current.value;
    if (!existing) throw new Error('Not subscribed to push notifications.');
    await existing.unsubscribe();
    this.current.next(null);
  }
}

export interface FakePushBrowser {
  /** What Notification.permission says now; `answer` is what the next prompt answers. */
  readonly notification: { permission: NotificationPermission; answer: NotificationPermission; asked: number };
  restore(): void;
}

/**
 * Gives jsdom what a browser that can do push has: a service worker controlling the page
 * (unless `controlled: false`), PushManager (unless `pushManager: false`) and Notification.
 */
export function fakePushBrowser(options: { permission?: NotificationPermission; answer?: NotificationPermission; controlled?: boolean; pushManager?: boolean } = {}): FakePushBrowser {
  const notification = { permission: options.permission ?? 'default', answer: options.answer ?? 'granted', asked: 0 };
  const NotificationGlobal = {
    get permission() {
      return notification.permission;
    },
    async requestPermission(): Promise<NotificationPermission> {
      notification.asked++;
      notification.permission = notification.answer;
      return notification.answer;
    },
  };
  const target = globalThis as Record<string, unknown>;
  const before = { Notification: target['Notification'], PushManager: target['PushManager'] };
  target['Notification'] = NotificationGlobal;
  if (options.pushManager !== false) target['PushManager'] = class PushManager {};
  else delete target['PushManager'];
  const listeners = new EventTarget();
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      controller: options.controlled === false ? null : {},
      addEventListener: listeners.addEventListener.bind(listeners),
    },
  });
  return {
    notification,
    restore() {
      target['Notification'] = before.Notification;
      target['PushManager'] = before.PushManager;
      if (before.Notification === undefined) delete target['Notification'];
      if (before.PushManager === undefined) delete target['PushManager'];
      delete (navigator as unknown as Record<string, unknown>)['serviceWorker'];
    },
  };
}
