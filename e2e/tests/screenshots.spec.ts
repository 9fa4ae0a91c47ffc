import { join } from 'node:path';
import { Browser, expect, Page, test } from '@playwright/test';
import { ApiUser } from '../support/api';
import { blockLiveEvents } from '../support/journey';

/**
 * The README's pictures (docs/*.png), taken at 360 px from the real stack with a family's
 * household of 20 funnels. Runs only when asked: `npm run screenshots` (SCREENSHOTS=1).
 */
test.skip(!process.env.SCREENSHOTS, 'pictures for the README: npm run screenshots');

const DOCS = join(__dirname, '../../docs');
const FUNNELS: Array<[string, string, string, number, boolean]> = [
  ['Groceries', '🛒', '#2e7d32', 600, true],
  ['Rent', '🏠', '#5d4037', 1150, true],
  ['Kids', '🧸', '#f9a825', 200, true],
  ['Eating out', '🍕', '#e64a19', 150, false],
  ['Fuel', '⛽', '#455a64', 140, false],
  ['Transport', '🚌', '#1565c0', 90, false],
  ['Health', '💊', '#c2185b', 80, true],
  ['Clothes', '👕', '#6a1b9a', 100, false],
  ['Gifts', '🎁', '#ad1457', 60, false],
  ['Pets', '🐶', '#8d6e63', 50, true],
  ['Phone', '📱', '#00838f', 40, false],
  ['Fun', '🎬', '#7b1fa2', 70, false],
  ['Books', '📚', '#3949ab', 30, false],
  ['Coffee', '☕', '#6d4c41', 40, false],
  ['Home repairs', '🛠️', '#546e7a', 100, true],
  ['Holidays', '🏖️', '#0097a7', 300, true],
  ['Sport', '⚽', '#388e3c', 45, false],
  ['Beauty', '💄', '#d81b60', 35, false],
];
const SPENT: Array<[string, number, string, number]> = [
  ['Groceries', 64.3, 'Weekly shop at the market: vegetables, cheese, bread for the week', 0],
  ['Coffee', 3.2, 'Flat white on the way to work', 0],
  ['Fuel', 58.9, '', 1],
  ['Kids', 24.99, 'Swimming lessons, November', 1],
  ['Eating out', 41.5, 'Pizza with the grandparents', 2],
  ['Groceries', 12.75, 'Milk, eggs, apples', 3],
  ['Rent', 1150, 'November rent', 20],
];

let user: ApiUser;

test.beforeAll(async () => {
  user = await ApiUser.register('family');
  for (const [name, emoji, color, limit, shared] of FUNNELS) await user.createFunnel({ name, emoji, color, limit, shared });
  const funnels = new Map((await user.funnels()).map((f) => [f.name, f.id]));
  const day = 24 * 3600_000;
  for (const [name, amount, note, daysAgo] of SPENT) {
    await user.spend(funnels.get(name)!, amount, { ...(note ? { note } : {}), spentAt: new Date(Date.now() - daysAgo * day - 3600_000).toISOString() });
  }
  // Earlier periods, for History.
  for (let months = 1; months <= 5; months++) {
    const when = (d: number) => new Date(Date.now() - (months * 30.5 + d) * day).toISOString();
    await user.spend(funnels.get('Groceries')!, 420 + months * 37.5, { note: 'Groceries', spentAt: when(2) });
    await user.spend(funnels.get('Eating out')!, 60 + months * 23, { note: 'Dinner out', spentAt: when(5) });
    await user.spend(funnels.get('Fuel')!, 95 + (months % 3) * 40, { spentAt: when(8) });
  }
});

async function phone(browser: Browser, dark = false): Promise<Page> {
  const context = await browser.newContext({
    storageState: user.storageState(),
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    colorScheme: dark ? 'dark' : 'light',
    hasTouch: true,
  });
  // Pictures are taken once the network is quiet; the live event stream never ends.
  await blockLiveEvents(context);
  return context.newPage();
}

async function dashboard(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('funnel-Beauty')).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/**
 * The whole page in one picture with the bottom tab bar at its foot (a full-page screenshot
 * would draw it across the middle), or the page down to `until`'s bottom edge.
 */
async function wholePage(page: Page, path: string, until?: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 360, height });
  await page.waitForTimeout(300);
  const box = until ? await page.getByTestId(until).boundingBox() : null;
  await page.screenshot({ path, ...(box ? { clip: { x: 0, y: 0, width: 360, height: Math.ceil(box.y + box.height + 16) } } : {}) });
  await page.setViewportSize({ width: 360, height: 740 });
}

test('docs/ pictures at 360 px', async ({ browser }) => {
  const light = await phone(browser);
  await dashboard(light);
  await wholePage(light, join(DOCS, 'dashboard-20-funnels.png'), 'funnel-Beauty');
  await light.getByTestId('funnel-Rent').screenshot({ path: '/tmp/rent.png' });
  await light.getByTestId('amount').fill('12,50');
  await light.screenshot({ path: join(DOCS, 'dashboard-light.png') });

  await light.goto('/history');
  await expect(light.getByTestId('history-period').first()).toBeVisible();
  await light.waitForLoadState('networkidle');
  await light.getByTestId('history-period').nth(1).getByRole('button', { name: /Spendings of/ }).click();
  await expect(light.getByTestId('period-spending').first()).toBeVisible();
  await light.evaluate(() => window.scrollTo(0, 0));
  await light.waitForTimeout(1500); // the chart's entry animation
  await wholePage(light, join(DOCS, 'history.png'));
  await light.context().close();

  const dark = await phone(browser, true);
  await dashboard(dark);
  await dark.getByTestId('amount').fill('12,50');
  await dark.getByTestId('funnel-Groceries').getByTestId('allowance').click();
  await expect(dark.getByTestId('funnel-Groceries').getByTestId('explanation')).toBeVisible();
  await dark.screenshot({ path: join(DOCS, 'dashboard-dark.png') });
  await dark.context().close();
});
