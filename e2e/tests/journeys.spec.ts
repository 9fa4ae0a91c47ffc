import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { ApiUser } from '../support/api';
import { BACKEND_ENV } from '../support/global-setup';
import { allowanceOf, registerInBrowser, signedInPage, snapshotDashboard, waitForServiceWorker } from '../support/journey';
import { STACK } from '../support/stack';

test('register with an authenticator and keep the recovery codes', async ({ page }, testInfo) => {
  const { recoveryCodes } = await registerInBrowser(page);
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByTestId('funnel-Food')).toContainText('Food');
  await expect(page.getByTestId('funnel-Misc')).toContainText('Misc');
  await snapshotDashboard(page, testInfo);
});

test('record a spending in two taps and watch the allowance drop, then delete and undo', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('spender');
  const page = await signedInPage(browser, user);
  const before = await allowanceOf(page, 'Food');

  await page.getByTestId('amount').fill('12,5');
  await expect(page.getByTestId('funnel-Food').locator('s')).toHaveText(before);
  await page.getByTestId('spend-Food').click();
  await expect(page.getByTestId('amount')).toHaveValue('');
  const list = page.getByRole('button', { name: /Edit or delete .*12\.50 on Food/ });
  await expect(list).toBeVisible();
  const after = await allowanceOf(page, 'Food');
  expect(after).not.toBe(before);

  await list.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(list).toHaveCount(0);
  await expect.poll(() => allowanceOf(page, 'Food')).toBe(before);
  await page.getByTestId('undo').click();
  await expect(list).toBeVisible();
  await expect.poll(() => allowanceOf(page, 'Food')).toBe(after);
  // After the undo window nothing is deleted: the server still has it.
  await page.waitForTimeout(5_500);
  await page.reload();
  await expect(page.getByRole('button', { name: /Edit or delete .*12\.50 on Food/ })).toBeVisible();
  await snapshotDashboard(page, testInfo);
});

test('edit a spending: a wrong amount keeps the dialog open and says why; a right one is saved', async ({ browser }) => {
  const user = await ApiUser.register('editor');
  const page = await signedInPage(browser, user);
  await page.getByTestId('amount').fill('7');
  await page.getByTestId('spend-Food').click();
  await page.getByRole('button', { name: /Edit or delete .*7\.00 on Food/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount').fill('abc');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Enter an amount above 0');
  await dialog.getByLabel('Amount').fill('8,40');
  await dialog.getByLabel('Funnel').selectOption({ label: '🛍️ Misc' });
  await dialog.getByLabel('Note').fill('bus ticket');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Edit or delete .*8\.40 on Misc/ })).toContainText('bus ticket');
  const stored = (await user.spendings()).items[0];
  expect(stored).toMatchObject({ amount: 8.4, note: 'bus ticket' });
  await page.context().close();
});

test('the dashboard does not jump while it loads, even when a slow budget brings many funnels', async ({ browser }) => {
  const user = await ApiUser.register('steady');
  for (let i = 0; i < 14; i++) await user.createFunnel({ name: `Funnel ${i}`, emoji: '🧺', color: '#3f51b5', limit: 100 });
  const context = await browser.newContext({ storageState: user.storageState(), viewport: { width: 412, height: 823 } });
  await context.addInitScript(() => {
    const w = window as unknown as { layoutShift: number };
    w.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) w.layoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  await page.route('**/api/budget', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.goto('/');
  await expect(page.getByTestId('budget-skeleton')).toBeVisible();
  await expect(page.getByTestId('funnel-Funnel 13')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)).toBeLessThan(0.01);
  await context.close();
});

test('create, edit and delete a funnel', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('planner');
  const food = (await user.funnels()).find((f) => f.name === 'Food')!;
  await user.spend(food.id, 3);
  const page = await signedInPage(browser, user);
  await page.getByRole('link', { name: 'Settings' }).click();

  await page.getByRole('button', { name: 'New funnel' }).click();
  await page.getByLabel('Emoji').fill('⛽');
  await page.getByLabel('Name', { exact: true }).fill('Fuel');
  await page.getByLabel('Monthly limit').fill('150,50');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByTestId('settings-funnel-Fuel')).toContainText('150.50');

  await page.getByRole('button', { name: 'Edit Fuel' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Car');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('settings-funnel-Car')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Food' }).click();
  await expect(page.getByTestId('delete-warning')).toContainText('This also deletes its 1 spending');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('settings-funnel-Food')).toHaveCount(0);
  expect((await user.funnels()).map((f) => f.name).sort()).toEqual(['Car', 'Misc']);
  await snapshotDashboard(page, testInfo);
});

test('invite a second member and spend from a shared funnel, each seeing who spent what; only its owner is offered deleting it', async ({ browser }, testInfo) => {
  const anna = await ApiUser.register('anna');
  await anna.createFunnel({ name: 'Groceries', emoji: '🛒', color: '#2e7d32', limit: 600, shared: true });
  const pageA = await signedInPage(browser, anna);
  await pageA.goto('/settings');
  await pageA.getByRole('button', { name: 'Create invite link' }).click();
  const link = await pageA.getByTestId('invite-url').inputValue();
  expect(link).toMatch(/\/register\?invite=[A-Z0-9-]+$/);

  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await registerInBrowser(pageB, new URL(link).pathname + new URL(link).search, { starterFunnels: true });
  await expect(pageB.getByTestId('invite-household')).toHaveCount(0);
  await expect(pageB.getByTestId('funnel-Groceries')).toContainText('shared');
  await pageB.getByTestId('amount').fill('7.25');
  await pageB.getByTestId('spend-Groceries').click();
  await expect(pageB.getByRole('button', { name: /7\.25 on Groceries/ })).toBeVisible();

  await pageA.goto('/');
  await pageA.getByTestId('amount').fill('2');
  await pageA.getByTestId('spend-Groceries').click();
  const recentA = pageA.getByRole('region', { name: 'Recent spendings' });
  await expect(recentA).toContainText('€7.25');
  await pageB.reload();
  const recentB = pageB.getByRole('region', { name: 'Recent spendings' });
  await expect(recentB).toContainText(anna.username);
  await expect(recentB).toContainText('€2.00');

  // The shared funnel stays anna's: bert may edit it but is not offered deleting it or making it personal.
  await pageB.goto('/settings');
  const groceries = pageB.getByTestId('settings-funnel-Groceries');
  await expect(groceries).toContainText(`Shared by ${anna.username} — only ${anna.username} can delete it`);
  await expect(pageB.getByRole('button', { name: 'Delete Groceries' })).toHaveCount(0);
  await expect(pageB.getByRole('button', { name: 'Delete Food' })).toBeVisible(); // his own
  await pageB.getByRole('button', { name: 'Edit Groceries' }).click();
  const sharedSwitch = pageB.getByRole('switch', { name: /Shared with the household/ });
  await expect(sharedSwitch).toBeChecked();
  await expect(sharedSwitch).toBeDisabled();
  await expect(pageB.getByText(`Only ${anna.username} can make it personal`)).toBeVisible();
  await pageB.getByLabel('Monthly limit').fill('650');
  await pageB.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(groceries).toContainText('€650.00');
  expect((await anna.funnels()).find((f) => f.name === 'Groceries')).toMatchObject({ limit: 650, shared: true });
  await pageA.goto('/settings');
  await expect(pageA.getByRole('button', { name: 'Delete Groceries' })).toBeVisible();
  await expect(pageA.getByTestId('settings-funnel-Groceries')).not.toContainText('can delete it');
  await snapshotDashboard(pageB, testInfo);
});

test('one active device: signing in elsewhere signs this device out, and it says so', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('solo');
  const pageA = await signedInPage(browser, user);
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await pageB.goto('/login');
  // Nobody signed in on this browser yet: it opens on Register.
  await expect(pageB.getByRole('tab', { name: 'Register' })).toHaveAttribute('aria-selected', 'true');
  await pageB.getByRole('tab', { name: 'Sign in' }).click();
  await pageB.getByLabel('Username').fill(user.username);
  // The registration used the current code; the next step's code is accepted too and is new.
  // The sixth digit signs in by itself.
  await pageB.getByLabel(/^Code/).fill(generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await expect(pageB.getByTestId('funnel-Food')).toBeVisible();

  await pageA.reload();
  await expect(pageA.getByTestId('signed-out-message')).toHaveText('You signed in on another device, so this device was signed out.');
  await expect(pageA).toHaveURL(/\/login$/);
  await snapshotDashboard(pageB, testInfo);
});

test("lost phone and recovery codes: the operator's reset link sets up a new authenticator, and the old session is refused", async ({ browser }, testInfo) => {
  const user = await ApiUser.register('lost');
  const oldPhone = await signedInPage(browser, user); // signed in before the reset

  // The person who runs the server, with the backend's own environment and database.
  const printed = execFileSync(process.execPath, [join(STACK.root, 'backend/dist/bin/admin.js'), 'reset-authenticator', user.username], {
    env: { ...process.env, ...BACKEND_ENV, PUBLIC_URL: STACK.httpsUrl },
    encoding: 'utf8',
  });
  expect(printed).toContain(`${user.username} is signed out everywhere`);
  const link = new URL(/^https:\/\/\S+\/reset\?token=\S+$/m.exec(printed)![0]);
  expect(link.origin).toBe(STACK.httpsUrl);

  // A new phone: nobody signed in there.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link.pathname + link.search);
  await expect(page.getByTestId('reset-for')).toHaveText(`Set up a new authenticator for ${user.username}: the old one and its recovery codes no longer work.`);
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add to authenticator' })).toHaveAttribute('href', new RegExp(`^otpauth://totp/STracker:${user.username}\\?`));
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  expect(secret).not.toBe(user.secret);
  await page.getByLabel('Enter the 6-digit code the app shows').fill(generateSync({ secret })); // sent at the sixth digit

  await expect(page.getByTestId('reset-signed-in')).toHaveText(`This device is now signed in as ${user.username}.`);
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  for (const code of await codes.allTextContents()) expect(code.trim()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.screenshot({ path: testInfo.outputPath('reset-recovery-codes.png'), fullPage: true });
  await page.getByRole('button', { name: 'I saved them' }).click();
  await expect(page.getByTestId('funnel-Food')).toBeVisible();
  await expect(page).toHaveURL(`${STACK.httpsUrl}/`);

  // The session from before the reset is refused, and the old phone says why and what to do.
  await expect(user.funnels()).rejects.toMatchObject({ status: 401, error: { reason: 'session_ended' } });
  await oldPhone.reload();
  await expect(oldPhone).toHaveURL(/\/login$/);
  await expect(oldPhone.getByTestId('signed-out-message')).toHaveText(
    'Your authenticator was reset by the person who runs this server: open the link they gave you to set up a new one.',
  );

  // The link was used up: opened again, it says so and how to get a new one.
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('ask the person who runs the server for a new link');
  await expect(page.getByRole('link', { name: 'Go to sign in' })).toBeVisible();
  await snapshotDashboard(page, testInfo);
});

test('reload offline: the app shell opens from the service worker', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('offline');
  const context = await browser.newContext({ storageState: user.storageState() });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  await snapshotDashboard(page, testInfo);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('link', { name: 'STracker home' })).toBeVisible();
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  // The last figures fetched are on the device, marked as such.
  await expect(page.getByTestId('stale-notice')).toContainText('Offline: figures as of');
  await expect(page.getByTestId('funnel-Food')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('offline.png') });
  // Back online, fresh figures come by themselves.
  await context.setOffline(false);
  await expect(page.getByTestId('stale-notice')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Offline', { exact: true })).toHaveCount(0);
});

test('security headers on the app and the API; http redirects to https', async ({ request }) => {
  for (const path of ['/', '/api/health']) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers['strict-transport-security']).toContain('max-age=');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("base-uri 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['server']).toBe('nginx'); // no version
    expect(headers['x-powered-by']).toBeUndefined();
  }
  const index = await request.get('/');
  expect(index.headers()['cache-control']).toBe('no-cache');
  const plain = await request.get(`http://localhost:${process.env.E2E_HTTP_PORT ?? 18080}/settings?x=1`, { maxRedirects: 0 });
  expect(plain.status()).toBe(301);
  expect(plain.headers()['location']).toBe('https://localhost/settings?x=1');
  const tooBig = await request.post('/api/auth/login', { data: { username: 'x'.repeat(20_000), code: '123456' } });
  expect(tooBig.status()).toBe(413);
});

test('offline entry: three spendings recorded without a network are kept, survive a reload, and are sent exactly once', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('shopper');
  const context = await browser.newContext({ storageState: user.storageState() });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('funnel-Food')).toBeVisible();
  await waitForServiceWorker(page);
  const before = await allowanceOf(page, 'Food');

  await context.setOffline(true);
  for (const amount of ['1,10', '2,20', '3,30']) {
    await page.getByTestId('amount').fill(amount);
    await page.getByTestId('spend-Food').click();
    await expect(page.getByTestId('amount')).toHaveValue('');
  }
  await expect(page.getByTestId('queue-badge')).toHaveText('3 waiting');
  await expect(page.getByTestId('pending-mark')).toHaveCount(3);
  await expect.poll(() => allowanceOf(page, 'Food')).not.toBe(before);
  const offlineFigure = await allowanceOf(page, 'Food');

  await page.reload(); // still offline: the shell, the last figures and the pending spendings are all on the device
  await expect(page.getByTestId('stale-notice')).toContainText('3 spendings waiting');
  await expect(page.getByTestId('pending-mark')).toHaveCount(3);
  expect(await allowanceOf(page, 'Food')).toBe(offlineFigure);
  await page.screenshot({ path: testInfo.outputPath('offline-pending.png') });

  await context.setOffline(false);
  await expect(page.getByTestId('queue-badge')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('pending-mark')).toHaveCount(0);
  const food = (await user.funnels()).find((f) => f.name === 'Food')!;
  expect(food.spendingCount).toBe(3);
  expect(await allowanceOf(page, 'Food')).toBe(offlineFigure);
  await snapshotDashboard(page, testInfo);
});

test("history: spent against the limit per period, as a chart and a list, with each period's spendings", async ({ browser }, testInfo) => {
  const user = await ApiUser.register('historian');
  const food = (await user.funnels()).find((f) => f.name === 'Food')!;
  const lastMonth = new Date();
  lastMonth.setMonth(lastMonth.getMonth() - 1, 1);
  lastMonth.setHours(12);
  await user.spend(food.id, 40, { spentAt: lastMonth.toISOString(), note: 'last month' });
  await user.spend(food.id, 12.5);
  const page = await signedInPage(browser, user);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('history-chart')).toBeVisible();
  // Newest first, and no periods from before the history began.
  const periods = page.getByTestId('history-period');
  await expect(periods).toHaveCount(2);
  await expect(periods.nth(0)).toContainText('€12.50');
  await expect(periods.nth(1)).toContainText('€40.00');
  // The chart really drew something.
  await expect.poll(() => page.getByTestId('history-chart').evaluate((c: HTMLCanvasElement) => c.width > 0 && c.toDataURL().length > 5000)).toBe(true);
  await periods.nth(1).getByRole('button', { name: /Spendings of/ }).click();
  const spendings = periods.nth(1).getByTestId('period-spending');
  await expect(spendings).toHaveCount(1);
  await expect(spendings).toContainText('last month');
  await expect(spendings).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('history.png'), fullPage: true });
  await snapshotDashboard(page, testInfo);
});

test('CSV import: check the file, map an unknown funnel, import, and see the summary', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('importer');
  const page = await signedInPage(browser, user);
  await page.goto('/settings');
  await page.getByRole('link', { name: /^Import spendings/ }).click();
  const csv = 'date,amount,funnel,note\n2026-04-01,12.50,Food,bakery\n2026-04-02,30,Petrol,tank\n2026-04-03,0,Food,zero\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'old-app.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('import-preview')).toContainText('2 would be imported, 1 skipped');
  await expect(page.getByLabel(/Petrol/)).toHaveValue('create');
  await expect(page.getByText('Line 4: amount "0" must be more than 0')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toContainText('2 imported, 1 skipped');
  await expect(page.getByTestId('import-result')).toContainText('New funnels: Petrol');
  const funnels = await user.funnels();
  expect(funnels.map((f) => [f.name, f.spendingCount])).toEqual([
    ['Food', 1],
    ['Misc', 0],
    ['Petrol', 1],
  ]);
  await snapshotDashboard(page, testInfo);
});

test('signed out mid-entry by another device: the spending typed is kept, named on the sign-in page, and arrives exactly once after signing in', async ({ browser }, testInfo) => {
  const user = await ApiUser.register('mom');
  // Its live stream cannot connect, so the phone learns of the sign-in elsewhere only from the tap's 401.
  const phone = await signedInPage(browser, user, { liveEvents: false });
  await user.signInElsewhere(); // on the desktop: the phone's session ends

  await phone.getByTestId('amount').fill('5');
  await phone.getByTestId('spend-Food').click();
  await expect(phone).toHaveURL(/\/login$/);
  await expect(phone.getByTestId('signed-out-message')).toHaveText('You signed in on another device, so this device was signed out.');
  await expect(phone.getByTestId('waiting-for-sign-in')).toHaveText(
    `1 spending by ${user.username} waiting on this device; it will be sent when ${user.username} signs in.`,
  );
  expect((await user.spendings()).items).toHaveLength(0);
  await phone.screenshot({ path: testInfo.outputPath('waiting-for-sign-in.png') });
  // A reload keeps it too.
  await phone.reload();
  await expect(phone.getByTestId('waiting-for-sign-in')).toContainText('1 spending');

  // The device knows who signed in here: it opens on Sign in. The sixth digit signs in.
  await expect(phone.getByRole('tab', { name: 'Sign in' })).toHaveAttribute('aria-selected', 'true');
  await phone.getByLabel('Username').fill(user.username);
  await phone.getByLabel(/^Code/).fill(generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await expect(phone.getByRole('button', { name: /Edit or delete .*5\.00 on Food/ })).toBeVisible();
  await expect(phone.getByTestId('pending-mark')).toHaveCount(0);
  await phone.reload();
  await expect(phone.getByRole('button', { name: /Edit or delete .*5\.00 on Food/ })).toHaveCount(1);
  await user.signInElsewhere();
  const stored = (await user.spendings()).items;
  expect(stored.map((s) => s.amount)).toEqual([5]);
  await phone.context().close();
});

test("one truth for the family: another member's spending changes the open dashboard within 2 s, without a reload", async ({ browser }) => {
  const anna = await ApiUser.register('anna');
  const fuel = await anna.createFunnel({ name: 'Fuel', emoji: '⛽', color: '#1565c0', limit: 300, shared: true });
  const bert = await ApiUser.register('bert', (await anna.invite()).code);
  const annas = await signedInPage(browser, anna);
  const fuelCard = annas.getByTestId('funnel-Fuel');
  await expect(fuelCard.getByTestId('remaining')).toContainText('€300.00');

  await bert.spend(fuel.id, 40); // at the petrol station, on his own phone
  await expect(fuelCard.getByTestId('remaining')).toContainText('€260.00', { timeout: 2_000 });
  const recent = annas.getByRole('region', { name: 'Recent spendings' });
  await expect(recent).toContainText(bert.username, { timeout: 2_000 });
  await expect(recent).toContainText('€40.00');
  await annas.context().close();
});

test('a sign-in elsewhere is shown on the open phone at once, and the amount it was typing is still there after signing in again', async ({ browser }) => {
  const user = await ApiUser.register('dad');
  const phone = await signedInPage(browser, user);
  await phone.getByTestId('amount').fill('12.30'); // typed, not yet tapped
  await user.signInElsewhere();
  await expect(phone.getByTestId('signed-out-message')).toHaveText('You signed in on another device, so this device was signed out.', { timeout: 2_000 });
  await expect(phone).toHaveURL(/\/login$/);

  await phone.getByLabel('Username').fill(user.username);
  await phone.getByLabel(/^Code/).fill(generateSync({ secret: user.secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await expect(phone.getByTestId('amount')).toHaveValue('12.30');
  await phone.getByTestId('spend-Food').click();
  await expect(phone.getByRole('button', { name: /Edit or delete .*12\.30 on Food/ })).toBeVisible();
  await expect(phone.getByTestId('amount')).toHaveValue('');
  await phone.reload();
  await expect(phone.getByTestId('amount')).toHaveValue('');
  await phone.context().close();
});

test('a purchase forgotten yesterday: one tap on "Yesterday" dates it, and it is listed under Yesterday', async ({ browser }) => {
  const user = await ApiUser.register('forgetful');
  const page = await signedInPage(browser, user);
  await page.getByTestId('amount').fill('4,20');
  await page.getByTestId('date-yesterday').click();
  await expect(page.getByTestId('date-yesterday')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('spend-Food').click();
  // The amount field keeps the focus, ready for the next one.
  await expect(page.getByTestId('amount')).toBeFocused();
  await expect(page.getByTestId('entry-toast')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Yesterday', level: 3 })).toBeVisible();
  const [stored] = (await user.spendings()).items;
  const berlinDay = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' });
  const yesterday = new Date(`${berlinDay(new Date())}T12:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  expect(berlinDay(new Date(stored.spentAt))).toBe(yesterday.toISOString().slice(0, 10));
  await page.context().close();
});

test('a failing server is said as an error, not as "Offline", and the figures come back by themselves', async ({ browser }) => {
  const user = await ApiUser.register('failing');
  // No service worker: its requests would pass by page.route.
  const context = await browser.newContext({ storageState: user.storageState(), serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('funnel-Food')).toBeVisible(); // the figures are now on the device
  let failing = true;
  await page.route('**/api/budget', (route) => (failing ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"statusCode":500}' }) : route.continue()));
  await page.reload();
  await expect(page.getByTestId('server-error')).toContainText('Something went wrong on our side');
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  await expect(page.getByText('Offline', { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('funnel-Food')).toBeVisible(); // the last figures, not an empty page
  failing = false;
  await expect(page.getByTestId('server-error')).toHaveCount(0, { timeout: 20_000 });
  await page.context().close();
});
