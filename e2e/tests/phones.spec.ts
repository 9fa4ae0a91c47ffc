import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test } from '@playwright/test';
import { ApiUser } from '../support/api';
import { blockLiveEvents } from '../support/journey';

/**
 * Phones first (issue #13): every page at 320, 360 and 390 px wide, light and dark, online and
 * offline, with a household of 20 funnels with long names and 140-character notes, fits without
 * sideways scrolling; the browser's own larger text is followed; axe finds nothing.
 */
const WIDTHS = [320, 360, 390];
const LONG = (n: number) => `Funnel ${n} with a rather long name indeed`.slice(0, 40);
const NOTE = 'A note as long as a note may be, written by someone who likes to explain exactly what was bought, where, why and for whom it was bought ok.'.slice(0, 140);

let user: ApiUser;

test.beforeAll(async () => {
  user = await ApiUser.register('phone');
  const colours = ['#e91e63', '#3f51b5', '#4caf50', '#ff9800', '#795548'];
  const emoji = ['⛽', '🎁', '🏠', '🚌', '💊', '🎬', '☕', '📚', '🐶'];
  for (let i = 3; i <= 20; i++) {
    await user.createFunnel({ name: LONG(i), emoji: emoji[i % emoji.length], color: colours[i % colours.length], limit: 100 * i + 0.5, shared: i % 4 === 0 });
  }
  const funnels = await user.funnels();
  const day = 24 * 3600_000;
  for (let i = 0; i < 8; i++) {
    await user.spend(funnels[i % funnels.length].id, Math.round(1234 * (i + 1)) / 100, { note: NOTE, spentAt: new Date(Date.now() - i * 0.4 * day).toISOString() });
  }
  // Something in earlier periods, so History has rows to lay out.
  for (let months = 1; months <= 3; months++) await user.spend(funnels[0].id, 99.99, { note: NOTE, spentAt: new Date(Date.now() - months * 31 * day).toISOString() });
});

async function open(browser: Browser, path: string, options: { width: number; dark?: boolean; signedIn?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 740 },
    colorScheme: options.dark ? 'dark' : 'light',
    hasTouch: true,
    isMobile: false,
    ...(options.signedIn === false ? {} : { storageState: user.storageState() }),
  });
  // Layout is the subject here: without the live event stream (which never ends) the network
  // goes quiet once everything is loaded, and the checks start then.
  await blockLiveEvents(context);
  const page = await context.newPage();
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  return page;
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // Name the widest element, so a failure says where to look.
    let widest = '';
    let right = 0;
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const box = element.getBoundingClientRect();
      if (box.right > right && box.width > 0) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : ''} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
  });
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen; widest: ${widest}`).toBeLessThanOrEqual(innerWidth);
}

const SIGNED_IN = ['/', '/history', '/settings', '/import', '/setup'];
const SIGNED_OUT = ['/login', '/register', '/reset?token=not-a-real-token-at-all'];

test.describe('every page fits a phone', () => {
  for (const width of WIDTHS) {
    for (const dark of [false, true]) {
      test(`${width} px, ${dark ? 'dark' : 'light'}`, async ({ browser }) => {
        for (const path of SIGNED_IN) {
          const page = await open(browser, path, { width, dark });
          await expectNoSidewaysScroll(page, `${path} online`);
          await page.context().setOffline(true);
          await page.evaluate(() => window.dispatchEvent(new Event('offline')));
          await page.waitForTimeout(300);
          await expectNoSidewaysScroll(page, `${path} offline`);
          await page.context().close();
        }
        for (const path of SIGNED_OUT) {
          const page = await open(browser, path, { width, dark, signedIn: false });
          await expectNoSidewaysScroll(page, path);
          await page.context().close();
        }
      });
    }
  }

  test('with the browser\'s text size doubled, text grows and every page still fits at 360 px', async ({ browser }) => {
    for (const path of [...SIGNED_IN, '/login']) {
      const page = await open(browser, 'about:blank', { width: 360, signedIn: path !== '/login' });
      // What the browser's own "font size" setting changes: the default size rem is measured in.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), path).toBe('32px');
      await expectNoSidewaysScroll(page, `${path} at 200 % text`);
      await page.context().close();
    }
  });
});

test.describe('accessibility (axe)', () => {
  for (const dark of [false, true]) {
    test(`no violations on any page, ${dark ? 'dark' : 'light'}`, async ({ browser }) => {
      for (const [path, signedIn] of [...SIGNED_IN.map((p) => [p, true] as const), ...SIGNED_OUT.map((p) => [p, false] as const)]) {
        const page = await open(browser, path, { width: 390, dark, signedIn });
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(
          violations.map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
          `axe on ${path}`,
        ).toEqual([]);
        await page.context().close();
      }
    });
  }
});

test.describe('the dashboard of 20 funnels', () => {
  test('its first figures, drawn in steps (buttons, then cards, then rows), move nothing on the screen', async ({ browser }) => {
    for (const width of [360, 390]) {
      const page = await open(browser, '/', { width });
      await expect(page.locator('article.funnel')).toHaveCount(20);
      // The 8 spendings of this period and the 3 of earlier ones (beforeAll): the last rows are drawn.
      await expect(page.getByTestId('spending-row')).toHaveCount(11);
      await page.waitForTimeout(300);
      // Every layout shift since the page started (the browser keeps them), with what moved.
      const { shift, shifted } = await page.evaluate(
        () =>
          new Promise<{ shift: number; shifted: string[] }>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries() as unknown as Array<{ value: number; sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }>;
              resolve({
                shift: entries.reduce((sum, e) => sum + e.value, 0),
                shifted: entries.flatMap((e) => e.sources.map((s) => `${s.node?.nodeName ?? '?'} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`)),
              });
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve({ shift: 0, shifted: [] }), 500);
          }),
      );
      expect(shift, `${width} px; shifted: ${shifted.join(' | ')}`).toBe(0);
      await page.context().close();
    }
  });
});

test.describe('entry on a small phone', () => {
  test('typing an amount moves nothing on the page (no card grows, no layout shift)', async ({ browser }) => {
    const page = await open(browser, '/', { width: 360 });
    await page.evaluate(() => {
      const w = window as unknown as { shift: number; shifted: string[]; step: string };
      w.shift = 0;
      w.shifted = [];
      const field = document.querySelector('[data-testid="amount"]')!.getBoundingClientRect();
      const inField = (r: DOMRectReadOnly) => r.left >= field.left && r.right <= field.right && r.top >= field.top && r.bottom <= field.bottom;
      // Every shift counts here, also those right after typing (which CLS would forgive), except
      // the typed text itself moving inside the centred amount field.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Array<{ value: number; sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }>) {
          const moved = entry.sources.filter((s) => !(inField(s.previousRect) && inField(s.currentRect)));
          if (moved.length === 0) continue;
          w.shift += entry.value;
          for (const s of moved) w.shifted.push(`${w.step}: ${s.node?.nodeName ?? '?'} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`);
        }
      }).observe({ type: 'layout-shift' });
    });
    const boxes = () => page.locator('article.funnel').evaluateAll((cards) => cards.map((c) => JSON.stringify(c.getBoundingClientRect())));
    const before = await boxes();
    expect(before.length).toBe(20);
    const amount = page.getByTestId('amount');
    for (const key of ['1', '2', ',', '5', '0']) {
      await page.evaluate((k) => ((window as unknown as { step: string }).step = k), key);
      await amount.press(key);
      await page.waitForTimeout(50);
      expect(await boxes(), `after typing ${key}`).toEqual(before);
    }
    await expect(amount).toHaveValue('12,50');
    await amount.fill('2000000000');
    await expect(page.getByTestId('amount-error')).toContainText('At most');
    expect(await boxes(), 'with a message under the field').toEqual(before);
    await amount.fill('');
    const { shift, shifted } = await page.evaluate(() => {
      const w = window as unknown as { shift: number; shifted: string[] };
      return { shift: w.shift, shifted: w.shifted };
    });
    expect(shift, `shifted: ${shifted.join(' | ')}`).toBe(0);
    await page.context().close();
  });

  test('at 320 × 568 the Undo of a delete is on the screen and works', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 568 }, hasTouch: true, storageState: user.storageState() });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('amount').fill('3,33');
    await page.getByTestId('spend-Food').click();
    const toast = page.getByTestId('entry-toast');
    await expect(toast).toBeInViewport({ ratio: 1 });
    const row = page.getByRole('button', { name: /Edit or delete .*3\.33 on Food/ });
    await row.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true });
    if (await confirm.isVisible()) await confirm.click();
    await expect(row).toHaveCount(0);
    const undo = page.getByTestId('undo');
    await expect(undo).toBeInViewport({ ratio: 1 });
    // Above the bottom tab bar, not under it.
    const bar = await page.getByTestId('main-nav').boundingBox();
    const box = (await undo.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(bar!.y + 1);
    await undo.tap();
    await expect(row).toBeVisible();
    await context.close();
  });
});
