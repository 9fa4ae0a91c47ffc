import { Browser, BrowserContext, expect, Page, TestInfo } from '@playwright/test';
import { generateSync } from 'otplib';
import { ApiUser } from './api';

/**
 * Registers in the browser as a person would: reads the key off the page and types the current
 * code (the sixth digit sends it). A new household then skips the first-run setup; someone
 * joining by invite may ask for the personal Food and Misc funnels too.
 */
export async function registerInBrowser(
  page: Page,
  path = '/register',
  options: { starterFunnels?: boolean } = {},
): Promise<{ username: string; secret: string; recoveryCodes: string[] }> {
  await page.goto(path);
  const username = `web${Math.random().toString(36).slice(2, 8)}`;
  const joining = path.includes('invite=');
  if (joining) {
    await expect(page.getByTestId('invite-household')).toBeVisible();
    if (options.starterFunnels !== undefined) await page.getByTestId('starter-funnels').setChecked(options.starterFunnels);
  }
  await page.getByLabel('Choose a username').fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  await expect(page.getByRole('link', { name: 'Add to authenticator' })).toHaveAttribute('href', /^otpauth:\/\/totp\/STracker:/);
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await page.getByLabel('Enter the 6-digit code the app shows').fill(generateSync({ secret }));
  const items = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(items).toHaveCount(10);
  const codes = await items.allTextContents();
  await page.getByRole('button', { name: 'I saved them' }).click();
  if (!joining) {
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByTestId('setup-skip').click();
  }
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  return { username, secret, recoveryCodes: codes.map((c) => c.trim()) };
}

/**
 * Keeps the PWA's live event stream from connecting in `context`: a phone whose stream is down
 * (in a pocket, on a network that drops it), or a page whose network must go quiet once loaded
 * (the stream never ends).
 */
export async function blockLiveEvents(context: BrowserContext): Promise<void> {
  await context.route('**/api/events', (route) => route.abort());
}

/**
 * A browser context already signed in as `user` (tokens placed where the PWA keeps them).
 * `liveEvents: false`: a phone whose live event stream cannot connect (in a pocket, a network
 * that drops it), which learns of changes only from the answers to its own requests.
 */
export async function signedInPage(browser: Browser, user: ApiUser, options: { liveEvents?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ storageState: user.storageState() });
  if (options.liveEvents === false) await blockLiveEvents(context);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  return page;
}

/** Today's allowance of a funnel as shown, e.g. "€1,600.00". */
export async function allowanceOf(page: Page, funnel: string): Promise<string> {
  const text = (await page.getByTestId(`funnel-${funnel}`).getByTestId('allowance').textContent()) ?? '';
  return /-?€[\d,.]+/.exec(text)?.[0] ?? text;
}

/** Leaves a picture of the dashboard in the test output. */
export async function snapshotDashboard(page: Page, testInfo: TestInfo): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Recent spendings' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
}

/** Waits until the service worker controls the page and has every file of the app shell cached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  // The worker is registered once the app is stable; it controls the page from the next load on.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const manifest = (await (await fetch(`/ngsw.json?ngsw-cache-bust=${Math.random()}`)).json()) as {
            assetGroups: Array<{ name: string; urls: string[] }>;
          };
          const wanted = manifest.assetGroups.find((g) => g.name === 'app-shell')?.urls ?? [];
          for (const key of await caches.keys()) {
            if (!key.includes('app-shell')) continue;
            const cached = new Set((await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname));
            return wanted.filter((url) => !cached.has(url)).length;
          }
          return wanted.length || -1;
        }),
      { timeout: 30_000, message: 'the service worker caches the whole app shell' },
    )
    .toBe(0);
}
