import { BrowserContext, CDPSession, expect, Page } from '@playwright/test';
import type { DeviceSubscription } from './push-service';

/** Where the stand-in PushManager keeps "subscribed" (the server key it was made for) in the page's origin. */
export const FAKE_SUBSCRIPTION_KEY = 'e2e.pushSubscription';

/**
 * Chromium subscribes through Google's push service, which a machine without internet cannot
 * reach (PushManager.subscribe fails). So every page of `context` gets a PushManager whose
 * subscribe() and getSubscription() answer with `device`: an endpoint on the test's own push
 * service and keys whose private half the test holds. Like Chromium's, it refuses without
 * the notification permission and refuses a second server key; unsubscribe() forgets it.
 * Everything else — the app's SwPush calls, the service worker, showing the notification — is
 * the real thing.
 */
export async function fakePushManager(context: BrowserContext, device: DeviceSubscription): Promise<void> {
  await context.addInitScript(
    ({ device, storageKey }) => {
      if (typeof PushManager === 'undefined') return; // not a secure context (about:blank)
      const bytes = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer;
      const base64url = (buffer: ArrayBuffer | ArrayBufferView) => {
        const view = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        return btoa(String.fromCharCode(...view)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      };
      const subscription = (serverKey: string) => ({
        endpoint: device.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: bytes(serverKey) },
        getKey: (name: string) => bytes(name === 'auth' ? device.auth : device.p256dh),
        toJSON: () => ({ endpoint: device.endpoint, expirationTime: null, keys: { p256dh: device.p256dh, auth: device.auth } }),
        unsubscribe: async () => {
          localStorage.removeItem(storageKey);
          return true;
        },
      });
      PushManager.prototype.getSubscription = async function () {
        const serverKey = localStorage.getItem(storageKey);
        return (serverKey ? subscription(serverKey) : null) as unknown as PushSubscription;
      };
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        if (Notification.permission !== 'granted') throw new DOMException('Registration failed - permission denied', 'NotAllowedError');
        const key = options?.applicationServerKey;
        if (!key || typeof key === 'string') throw new DOMException('The app must give its key as bytes', 'InvalidAccessError');
        const serverKey = base64url(key);
        const existing = localStorage.getItem(storageKey);
        if (existing && existing !== serverKey) {
          throw new DOMException('A subscription with a different applicationServerKey (or gcm_sender_id) already exists', 'InvalidStateError');
        }
        localStorage.setItem(storageKey, serverKey);
        return subscription(serverKey) as unknown as PushSubscription;
      };
    },
    { device, storageKey: FAKE_SUBSCRIPTION_KEY },
  );
}

/**
 * Delivers push messages to the page's service worker as the browser does when its push
 * service passes one on: a `push` event with the data, through the DevTools protocol
 * (ServiceWorker.deliverPushMessage, what DevTools' "Push" button does).
 */
export class ServiceWorkerPush {
  private readonly registrations = new Map<string, string>();

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      for (const { scopeURL, registrationId, isDeleted } of registrations) {
        if (isDeleted) this.registrations.delete(scopeURL);
        else this.registrations.set(scopeURL, registrationId);
      }
    });
  }

  static async attach(page: Page): Promise<ServiceWorkerPush> {
    const push = new ServiceWorkerPush(page, await page.context().newCDPSession(page));
    await push.cdp.send('ServiceWorker.enable'); // reports the registrations there are, then each change
    return push;
  }

  async deliver(data: string): Promise<void> {
    const origin = new URL(this.page.url()).origin;
    await expect.poll(() => this.registrations.get(`${origin}/`), { message: 'the app’s service worker is registered' }).toBeDefined();
    await this.cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: this.registrations.get(`${origin}/`)!, data });
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}

/** The notifications the page's service worker shows now. */
export function shownNotifications(page: Page): Promise<Array<{ title: string; body: string; tag: string; data: unknown }>> {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown })),
  );
}
