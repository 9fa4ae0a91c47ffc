import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SwPush } from '@angular/service-worker';
import { PushPrefsDto, PushSubscriptionDto } from '../api/models';
import { loadAreas } from '../core/i18n';
import { TokenStore } from '../core/token-store';
import { AUTH, FakeBrowserSubscription, FakePushBrowser, FakeSwPush, OTHER_SERVER_KEY, P256DH, SERVER_KEY, fakePushBrowser } from '../../testing/push-fakes';
import { DEFAULT_PUSH_PREFS, PushStore, keptPushPrefs } from './push.store';

const jwt = (sub: string) => `h.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.s`;
const pair = (sub: string) => ({ accessToken: jwt(sub), refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-08T00:00:00Z' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ENDPOINT = 'https://push.example/send/device-1';
const stored = (prefs: PushPrefsDto, endpoint = ENDPOINT): PushSubscriptionDto => ({
  endpoint, prefs, createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z',
});
const notFound = { status: 404, statusText: 'Not Found' };

describe('PushStore: this device’s notifications', () => {
  let http: HttpTestingController;
  let swPush: FakeSwPush;
  let browser: FakePushBrowser;
  let tokens: TokenStore;

  function setUp(options: Parameters<typeof fakePushBrowser>[0] = {}, withSwPush = true): PushStore {
    browser = fakePushBrowser(options);
    swPush = new FakeSwPush();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ...(withSwPush ? [{ provide: SwPush, useValue: swPush }] : [])],
    });
    http = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStore);
    tokens.set(pair('anna'), 'anna');
    return TestBed.inject(PushStore);
  }

  /** Answers the next request of `method` to `url` once it has been made. */
  async function next(method: string, url: string): Promise<TestRequest> {
    await settle();
    return http.expectOne({ method, url });
  }

  beforeEach(async () => {
    await loadAreas('settings'); // the store's messages are Settings' texts
    localStorage.clear();
  });
  afterEach(() => {
    http.verify();
    browser.restore();
    localStorage.clear();
  });

  it('says why a browser cannot do push, and asks the server nothing then', async () => {
    let store = setUp({}, false);
    expect(store.blocker()).toBe('no-service-worker');
    await store.load();
    expect(store.on()).toBeNull();
    browser.restore();
    TestBed.resetTestingModule();

    store = setUp({ pushManager: false });
    expect(store.blocker()).toBe('no-push');
    browser.restore();
    TestBed.resetTestingModule();

    store = setUp({ permission: 'denied' });
    expect(store.blocker()).toBe('denied');
    await store.load();
    browser.restore();
    TestBed.resetTestingModule();

    store = setUp({ controlled: false });
    expect(store.blocker()).toBe('starting');
    await store.load();
    expect(store.on()).toBeNull();
  });

  it('is off when neither the browser nor the server has a subscription', async () => {
    const store = setUp();
    const loaded = store.load();
    (await next('GET', '/api/push/subscription')).flush({ message: 'This device has no push subscription' }, notFound);
    await loaded;
    expect(store.on()).toBe(false);
    expect(store.prefs()).toEqual(DEFAULT_PUSH_PREFS);
  });

  it('turns on from a tap: asks for permission first, subscribes with the server’s key, stores it with everything but the reminder', async () => {
    const store = setUp();
    const turning = store.turnOn();
    expect(browser.notification.asked).toBe(1); // before anything is awaited: the tap is still fresh
    expect(store.switchedOn()).toBe(true);
    expect(store.saving()).toBe(true);
    (await next('GET', '/api/push/key')).flush({ publicKey: SERVER_KEY });
    const put = await next('PUT', '/api/push/subscription');
    expect(swPush.requested).toEqual([SERVER_KEY]);
    expect(put.request.body).toEqual({ endpoint: ENDPOINT, keys: { p256dh: P256DH, auth: AUTH }, prefs: DEFAULT_PUSH_PREFS });
    put.flush(stored(DEFAULT_PUSH_PREFS));
    await turning;
    expect(store.on()).toBe(true);
    expect(store.saving()).toBe(false);
    expect(store.error()).toBeNull();
    expect(keptPushPrefs('anna')).toEqual(DEFAULT_PUSH_PREFS);
  });

  it('stays off when the permission prompt is dismissed or refused', async () => {
    const store = setUp({ answer: 'default' });
    await store.turnOn();
    expect(store.switchedOn()).toBe(false);
    expect(store.error()).toBe('Notifications were not allowed. Turn the switch on again to be asked once more.');
    expect(swPush.requested).toEqual([]);

    browser.notification.answer = 'denied';
    await store.turnOn();
    expect(store.blocker()).toBe('denied');
    expect(store.switchedOn()).toBe(false);
  });

  it('says so when the browser cannot reach its push service', async () => {
    const store = setUp({ permission: 'granted' });
    swPush.failWith = new DOMException('Registration failed - push service error', 'AbortError');
    const turning = store.turnOn();
    expect(browser.notification.asked).toBe(0); // already allowed: no prompt
    (await next('GET', '/api/push/key')).flush({ publicKey: SERVER_KEY });
    await turning;
    expect(store.on()).toBeNull();
    expect(store.switchedOn()).toBe(false);
    expect(store.error()).toContain('could not reach its push service');
  });

  it('drops a browser subscription made for another server key before subscribing again', async () => {
    const store = setUp({ permission: 'granted' });
    const old = new FakeBrowserSubscription('https://push.example/send/old', OTHER_SERVER_KEY);
    swPush.current.next(old);
    const turning = store.turnOn();
    (await next('GET', '/api/push/key')).flush({ publicKey: SERVER_KEY });
    const put = await next('PUT', '/api/push/subscription');
    expect(old.unsubscribed).toBe(true);
    expect(put.request.body.endpoint).toBe(ENDPOINT);
    put.flush(stored(DEFAULT_PUSH_PREFS));
    await turning;
    expect(store.on()).toBe(true);
  });

  describe('when on', () => {
    async function on(prefs: PushPrefsDto = DEFAULT_PUSH_PREFS): Promise<PushStore> {
      const store = setUp({ permission: 'granted' });
      swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
      const loaded = store.load();
      (await next('GET', '/api/push/subscription')).flush(stored(prefs));
      await loaded;
      expect(store.on()).toBe(true);
      return store;
    }

    it('saves a change at once; taps during a save go together in the next one', async () => {
      const store = await on();
      const first = store.setPrefs({ memberSpent: false });
      expect(store.prefs().memberSpent).toBe(false); // the switch shows it at once
      const put1 = await next('PUT', '/api/push/subscription');
      expect(put1.request.body.prefs).toEqual({ ...DEFAULT_PUSH_PREFS, memberSpent: false });
      expect(put1.request.body.keys).toEqual({ p256dh: P256DH, auth: AUTH });
      const second = store.setPrefs({ nearLimit: false });
      const third = store.setPrefs({ dailyReminder: '07:30' });
      expect(store.saving()).toBe(true);
      put1.flush(stored({ ...DEFAULT_PUSH_PREFS, memberSpent: false }));
      await first;
      const put2 = await next('PUT', '/api/push/subscription');
      const all = { nearLimit: false, memberSpent: false, fixedCostDue: true, dailyReminder: '07:30' };
      expect(put2.request.body.prefs).toEqual(all);
      put2.flush(stored(all));
      await Promise.all([second, third]);
      expect(store.prefs()).toEqual(all);
      expect(store.saved()).toBe(true);
      expect(store.saving()).toBe(false);
      expect(keptPushPrefs('anna')).toEqual(all);
    });

    it('puts the switches back and names the field when the server refuses a change', async () => {
      const store = await on();
      const saving = store.setPrefs({ dailyReminder: '25:00' });
      (await next('PUT', '/api/push/subscription')).flush(
        { statusCode: 400, message: ['dailyReminder must be a time of day as HH:MM (24 h), such as 20:30, or null'] },
        { status: 400, statusText: 'Bad Request' },
      );
      await saving;
      expect(store.prefs().dailyReminder).toBeNull();
      expect(store.error()).toBe('Not saved: DailyReminder must be a time of day as HH:MM (24 h), such as 20:30, or null.');
      expect(store.saved()).toBe(false);
    });

    it('stores the subscription again when the browser’s push service gave it a new endpoint', async () => {
      const store = setUp({ permission: 'granted' });
      swPush.current.next(new FakeBrowserSubscription('https://push.example/send/renewed'));
      const prefs = { ...DEFAULT_PUSH_PREFS, fixedCostDue: false };
      const loaded = store.load();
      (await next('GET', '/api/push/subscription')).flush(stored(prefs, 'https://push.example/send/expired'));
      const put = await next('PUT', '/api/push/subscription');
      expect(put.request.body).toMatchObject({ endpoint: 'https://push.example/send/renewed', prefs });
      put.flush(stored(prefs, 'https://push.example/send/renewed'));
      await loaded;
      expect(store.on()).toBe(true);
    });

    it('turns off: the server forgets it, then the browser', async () => {
      const store = await on();
      const subscription = swPush.current.value!;
      const turning = store.turnOff();
      expect(store.switchedOn()).toBe(false);
      (await next('DELETE', '/api/push/subscription')).flush(null, { status: 204, statusText: 'No Content' });
      await turning;
      expect(store.on()).toBe(false);
      expect(subscription.unsubscribed).toBe(true);
      expect(keptPushPrefs('anna')).toBeNull();
    });

    it('stays on when turning off fails (offline), and says why', async () => {
      const store = await on();
      const turning = store.turnOff();
      (await next('DELETE', '/api/push/subscription')).error(new ProgressEvent('error'), { status: 0 });
      await turning;
      expect(store.on()).toBe(true);
      expect(store.switchedOn()).toBe(true);
      expect(store.error()).toContain('offline');
      expect(swPush.current.value?.unsubscribed).toBe(false);
    });

    it('sends a test notification and says whether the push service took it, in the server’s words', async () => {
      const store = await on();
      let test = store.sendTest();
      expect(store.test()).toEqual({ state: 'sending' });
      (await next('POST', '/api/push/test')).flush(null, { status: 204, statusText: 'No Content' });
      await test;
      expect(store.test()).toEqual({ state: 'sent' });

      test = store.sendTest();
      (await next('POST', '/api/push/test')).flush(
        JSON.stringify({ statusCode: 502, message: 'The push service did not take the notification; try again later' }),
        { status: 502, statusText: 'Bad Gateway' },
      );
      await test;
      expect(store.test()).toEqual({ state: 'failed', message: 'The push service did not take the notification; try again later.' });
      expect(store.on()).toBe(true);
    });

    it('is off after a test the push service no longer knows (the server removed it), and the browser’s goes too', async () => {
      const store = await on();
      const subscription = swPush.current.value!;
      const test = store.sendTest();
      (await next('POST', '/api/push/test')).flush(
        JSON.stringify({ statusCode: 404, message: "The push service no longer knows this device's subscription, so it was removed: turn notifications on again" }),
        notFound,
      );
      await test;
      expect(store.on()).toBe(false);
      expect(store.test()).toMatchObject({ state: 'failed', message: expect.stringContaining('turn notifications on again') });
      expect(subscription.unsubscribed).toBe(true);
      expect(keptPushPrefs('anna')).toBeNull();
    });

    it('before a sign-out, tells the server to forget this device', async () => {
      const store = await on();
      const signingOut = store.beforeSignOut();
      (await next('DELETE', '/api/push/subscription')).flush(null, { status: 204, statusText: 'No Content' });
      await signingOut;
      // The device keeps the choices for this user's next sign-in, and the browser its subscription.
      expect(keptPushPrefs('anna')).toEqual(DEFAULT_PUSH_PREFS);
      expect(swPush.current.value).not.toBeNull();
    });

    it('before a sign-out the server cannot hear of, the browser forgets its subscription instead', async () => {
      const store = await on();
      const subscription = swPush.current.value!;
      const signingOut = store.beforeSignOut();
      (await next('DELETE', '/api/push/subscription')).error(new ProgressEvent('error'), { status: 0 });
      await signingOut;
      expect(subscription.unsubscribed).toBe(true);
    });

    it('shows nothing of one user’s state to the next person signing in on the phone', async () => {
      const store = await on();
      tokens.set(pair('bert'), 'bert');
      expect(store.on()).toBeNull();
      // Bert never turned notifications on here: signing in turns nothing on for him.
      await store.afterSignIn();
      await store.beforeSignOut();
      await settle();
      http.expectNone('/api/push/subscription');
    });
  });

  it('after a sign-in, subscribes the new session with the choices this user made on this device', async () => {
    const kept = { nearLimit: true, memberSpent: false, fixedCostDue: true, dailyReminder: '21:15' };
    localStorage.setItem('stracker.push.anna', JSON.stringify(kept));
    const store = setUp({ permission: 'granted' });
    swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
    const checking = store.afterSignIn();
    (await next('GET', '/api/push/subscription')).flush({ message: 'This device has no push subscription' }, notFound);
    const put = await next('PUT', '/api/push/subscription');
    expect(put.request.body).toEqual({ endpoint: ENDPOINT, keys: { p256dh: P256DH, auth: AUTH }, prefs: kept });
    put.flush(stored(kept));
    await checking;
    expect(store.on()).toBe(true);
    expect(store.prefs()).toEqual(kept);
  });

  it('after a sign-in, does nothing for a user who never turned notifications on here', async () => {
    const store = setUp({ permission: 'granted' });
    swPush.current.next(new FakeBrowserSubscription(ENDPOINT));
    await store.afterSignIn();
    await settle();
    http.expectNone('/api/push/subscription');
  });

  it('removes a server subscription the browser no longer has (nothing could arrive through it)', async () => {
    localStorage.setItem('stracker.push.anna', JSON.stringify(DEFAULT_PUSH_PREFS));
    const store = setUp({ permission: 'granted' });
    const loaded = store.load();
    (await next('GET', '/api/push/subscription')).flush(stored(DEFAULT_PUSH_PREFS));
    (await next('DELETE', '/api/push/subscription')).flush(null, { status: 204, statusText: 'No Content' });
    await loaded;
    expect(store.on()).toBe(false);
    expect(keptPushPrefs('anna')).toBeNull();
  });
});
