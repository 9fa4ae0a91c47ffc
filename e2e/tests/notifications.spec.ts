import '../support/angular-jit'; // before the generated client's Angular classes load
import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { pushGet } from '../../frontend/src/app/api/fn/push/push-get';
import { ApiUser } from '../support/api';
import { FAKE_SUBSCRIPTION_KEY, fakePushManager, ServiceWorkerPush, shownNotifications } from '../support/browser-push';
import { BACKEND_ENV } from '../support/global-setup';
import { waitForServiceWorker } from '../support/journey';
import { expectNoSidewaysScroll } from '../support/layout';
import { DeviceSubscription, LocalPushService } from '../support/push-service';
import { STACK } from '../support/stack';

/**
 * Notifications (#16) end to end: turned on in Settings through the real SwPush and service
 * worker, stored by the API, sent by it (encrypted, VAPID-signed) to a push service, and shown
 * by the app's service worker. The push service is the test's own (push-service.ts): it decrypts
 * with the subscription's keys and passes the message to the page's service worker over the
 * DevTools protocol, as Chromium's push service connection would.
 */

const TEST_NOTIFICATION = { title: 'STracker notifications work', body: 'This device will show the notifications you chose.', tag: 'test' };

let pushService: LocalPushService;
test.beforeAll(async () => {
  pushService = await LocalPushService.start();
});
test.afterAll(async () => {
  await pushService?.stop();
});
test.afterEach(() => {
  pushService.onPush = null;
  expect(pushService.problems, 'what the push service found wrong').toEqual([]);
});

/** A phone signed in as `user`, notifications allowed for the app, its push subscriptions made by the test's push service. */
async function phone(browser: Browser, user: ApiUser, device: DeviceSubscription, options: { width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    storageState: user.storageState(),
    ...(options.width ? { viewport: { width: options.width, height: 740 }, hasTouch: true } : {}),
  });
  await context.grantPermissions(['notifications'], { origin: STACK.httpsUrl });
  await fakePushManager(context, device);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  // The service worker registers once the app is stable; push needs it in control of the page.
  await waitForServiceWorker(page);
  return page;
}

test('turn notifications on in Settings, receive the test notification through the service worker, and keep them across a new sign-in', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('push');
  const device = pushService.device();
  const page = await phone(browser, user, device);
  const worker = await ServiceWorkerPush.attach(page);
  pushService.onPush = (payload) => worker.deliver(payload);

  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('notifications');
  const main = section.getByRole('switch', { name: 'Notifications on this device' });
  const memberSpent = section.getByRole('switch', { name: 'Someone else spent' });
  const reminder = section.getByRole('switch', { name: 'Daily reminder' });
  await expect(main).toBeEnabled();
  await expect(main).not.toBeChecked();
  await expect(memberSpent).toBeDisabled();
  await expect(section.getByRole('button', { name: 'Send a test notification' })).toBeDisabled();

  // On: subscribed with the server's key, stored for this session with everything but the reminder.
  await main.click();
  await expect(main).toBeChecked();
  await expect(memberSpent).toBeEnabled();
  await expect(memberSpent).toBeChecked();
  await expect(reminder).not.toBeChecked();
  expect(await page.evaluate((key) => localStorage.getItem(key), FAKE_SUBSCRIPTION_KEY)).toBe(BACKEND_ENV.VAPID_PUBLIC_KEY);
  expect(await user.request(pushGet, {})).toMatchObject({
    endpoint: device.endpoint,
    prefs: { nearLimit: true, memberSpent: true, fixedCostDue: true, dailyReminder: null },
  });

  // Each change is saved at once.
  await memberSpent.click();
  await expect(memberSpent).not.toBeChecked();
  await expect.poll(async () => (await user.request(pushGet, {})).prefs.memberSpent).toBe(false);
  await reminder.click();
  await expect(reminder).toBeChecked();
  await expect.poll(async () => (await user.request(pushGet, {})).prefs.dailyReminder).toBe('20:00');
  await section.getByLabel('Remind at').fill('07:30');
  const chosen = { nearLimit: true, memberSpent: false, fixedCostDue: true, dailyReminder: '07:30' };
  await expect.poll(async () => (await user.request(pushGet, {})).prefs).toEqual(chosen);
  await expect(section.getByTestId('push-status')).toHaveText('Saved.');

  // The test notification: encrypted for this device, signed with the server's VAPID key, shown by the service worker.
  await section.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(section.getByTestId('push-test-result')).toHaveText('Sent. It should show on this device in a moment.');
  const [message] = pushService.to(device.endpoint);
  expect(pushService.to(device.endpoint)).toHaveLength(1);
  expect(message.vapid.publicKey).toBe(BACKEND_ENV.VAPID_PUBLIC_KEY);
  expect(message.vapid.claims).toMatchObject({ aud: pushService.origin, sub: BACKEND_ENV.VAPID_SUBJECT });
  expect(message.urgency).toBe('high');
  expect(JSON.parse(message.payload)).toEqual({
    notification: {
      ...TEST_NOTIFICATION,
      icon: '/icons/icon-192.png',
      data: { kind: 'test', url: '/settings', onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/settings' } } },
    },
  });
  await expect.poll(() => shownNotifications(page)).toEqual([
    { ...TEST_NOTIFICATION, data: { kind: 'test', url: '/settings', onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/settings' } } } },
  ]);
  await section.screenshot({ path: testInfo.outputPath('notifications-on.png') });

  // Log out: the server forgets this device's subscription first, while the token still works.
  const calls: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === '/api/push/subscription' || pathname === '/api/auth/logout') calls.push(`${request.method()} ${pathname}`);
  });
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(calls).toEqual(['DELETE /api/push/subscription', 'POST /api/auth/logout']);

  // Signing in again on this phone: the new session is subscribed with the choices kept on the device.
  const stored = page.waitForRequest((request) => request.method() === 'PUT' && new URL(request.url()).pathname === '/api/push/subscription');
  await page.getByLabel('Username').fill(user.username);
  // The registration used the current code; the next step's code is accepted too and is new.
  await page.getByLabel(/^Code/).fill(generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  expect((await stored).postDataJSON()).toEqual({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth }, prefs: chosen });
  await expect(page.getByTestId('funnel-Food')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(main).toBeChecked();
  await expect(memberSpent).not.toBeChecked();
  await expect(section.getByLabel('Remind at')).toHaveValue('07:30');
  await section.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(section.getByTestId('push-test-result')).toHaveText('Sent. It should show on this device in a moment.');
  expect(pushService.to(device.endpoint)).toHaveLength(2);

  // Off: the server and the browser forget the subscription.
  await main.click();
  await expect(main).not.toBeChecked();
  await expect(memberSpent).toBeDisabled();
  expect(await page.evaluate((key) => localStorage.getItem(key), FAKE_SUBSCRIPTION_KEY)).toBeNull();
  await worker.detach();
  await page.context().close();
});

test('Settings → Notifications fits 320 px with no axe findings: off, on with the reminder, dark, and offline', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('pushfit');
  const page = await phone(browser, user, pushService.device(), { width: 320 });
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('notifications');
  const main = section.getByRole('switch', { name: 'Notifications on this device' });
  await expect(main).toBeEnabled();

  async function check(what: string): Promise<void> {
    await expectNoSidewaysScroll(page, `Settings → Notifications ${what}`);
    await section.screenshot({ path: testInfo.outputPath(`notifications-320-${what.replace(/\W+/g, '-')}.png`) });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="notifications"]').analyze();
    expect(violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), `axe on Notifications ${what}`).toEqual([]);
  }

  await check('off');
  await main.click();
  await expect(section.getByRole('switch', { name: 'Daily reminder' })).toBeEnabled();
  await section.getByRole('switch', { name: 'Daily reminder' }).click();
  await expect(section.getByLabel('Remind at')).toBeEnabled();
  await expect(section.getByTestId('push-status')).toHaveText('Saved.');
  await section.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(section.getByTestId('push-test-result')).not.toBeEmpty(); // delivered or not: here only the layout counts
  await check('on');
  await page.emulateMedia({ colorScheme: 'dark' });
  await check('on, dark');

  // The keyboard reaches every control, and the focus shows.
  await main.focus();
  await page.keyboard.press('Tab');
  await expect(section.getByRole('switch', { name: 'A funnel is nearly used up' })).toBeFocused();
  const outline = await section.getByRole('switch', { name: 'A funnel is nearly used up' }).evaluate((input) => getComputedStyle(input.nextElementSibling!).outlineStyle);
  expect(outline).toBe('solid');

  await page.context().setOffline(true);
  await expect(section.getByTestId('push-offline')).toBeVisible();
  await expect(main).toBeDisabled();
  await expect(section.getByRole('button', { name: 'Send a test notification' })).toBeDisabled();
  await check('offline');
  await page.context().setOffline(false);
  await page.context().close();
});
