import { join } from 'node:path';
import { Browser, expect, Page, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { EN, Messages } from '../../frontend/src/app/i18n/en';
import { DE } from '../../frontend/src/app/i18n/de';
import { HE } from '../../frontend/src/app/i18n/he';
import { RU } from '../../frontend/src/app/i18n/ru';
import { serverText } from '../../backend/src/i18n/server-text';

/**
 * The family's language (issue #17): the main journey — register, record, undo, settings,
 * history — in German, Russian and Hebrew on a 360 px phone whose browser prefers that language.
 * On every page: <html lang dir> are right, no English text of the catalogue is left, nothing
 * scrolls sideways, and money is written the language's way.
 */
const LANGUAGES: ReadonlyArray<{ locale: 'de' | 'ru' | 'he'; tag: string; texts: Messages; dir: 'ltr' | 'rtl'; typed: string; money: RegExp }> = [
  { locale: 'de', tag: 'de-DE', texts: DE, dir: 'ltr', typed: '1234,50', money: /1\.234,50 €/ },
  // A Russian-speaking family in Germany (the household's currency follows the browser's region: euro).
  { locale: 'ru', tag: 'ru-DE', texts: RU, dir: 'ltr', typed: '1234,50', money: /1 234,50 €/ },
  // In Israel the household keeps shekels.
  { locale: 'he', tag: 'he-IL', texts: HE, dir: 'rtl', typed: '1234.50', money: /1,234\.50 ₪/ },
];

/** Intl writes no-break and narrow no-break spaces (and Hebrew marks); compared as plain text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f]/g, '');

/**
 * English texts that must not appear once the page speaks `texts`: the catalogue's English texts
 * that the language translates differently, whole where they have no placeholders, else their
 * longer fixed parts.
 */
function englishLeftovers(texts: Messages): string[] {
  const fragments = new Set<string>();
  for (const key of Object.keys(EN) as Array<keyof Messages>) {
    const english = EN[key];
    if (texts[key] === english) continue;
    // Split on placeholders and on the bold markup some texts carry (<strong>…</strong>).
    const pieces = english.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|<\/?strong>/).map((p) => p.trim());
    const whole = pieces.length === 1;
    for (const part of pieces) if (part.length >= (whole ? 5 : 12) && /[a-z]{3}/i.test(part)) fragments.add(part);
  }
  return [...fragments];
}

async function pageText(page: Page): Promise<string> {
  return plain(
    await page.evaluate(() => {
      const attributes = [...document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')].map((el) =>
        ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').join('\n'),
      );
      return [document.title, document.body.innerText, ...attributes].join('\n');
    }),
  );
}

async function expectSpoken(page: Page, language: (typeof LANGUAGES)[number]): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', language.locale);
  await expect(page.locator('html')).toHaveAttribute('dir', language.dir);
  const text = await pageText(page);
  const left = englishLeftovers(language.texts).filter((english) => new RegExp(`(^|[^\\p{L}])${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`, 'u').test(text));
  expect(left, `English left on ${page.url()}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `sideways scrolling on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function phone(browser: Browser, tag: string): Promise<Page> {
  const context = await browser.newContext({ locale: tag, viewport: { width: 360, height: 780 }, hasTouch: true });
  return context.newPage();
}

for (const language of LANGUAGES) {
  test(`the main journey in ${language.tag}: register, record, undo, settings, history`, async ({ browser }) => {
    const t = language.texts;
    const page = await phone(browser, language.tag);

    // Register: the page already speaks the browser's language.
    await page.goto('/register');
    await expectSpoken(page, language);
    const username = `${language.locale}${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel(t['onboarding.register.chooseUsername']).fill(username);
    await page.getByRole('button', { name: t['onboarding.register.continue'] }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    await expectSpoken(page, language);
    await page.getByLabel(t['onboarding.enrol.enterCode']).fill(generateSync({ secret }));
    await expect(page.getByRole('list', { name: t['onboarding.recovery.list'] }).getByRole('listitem')).toHaveCount(10);
    await expectSpoken(page, language);
    await page.getByRole('button', { name: t['onboarding.recovery.saved'] }).click();
    await expect(page).toHaveURL(/\/setup$/);
    await expectSpoken(page, language);
    await page.getByTestId('setup-skip').click();

    // Today: the starter funnels are named in the language; record and undo a deletion.
    await expect(page.getByRole('heading', { name: t['dashboard.recent'] })).toBeVisible();
    await expectSpoken(page, language);
    const food = (await page.locator('[data-testid^="spend-"]').first().getAttribute('data-testid'))!.slice('spend-'.length);
    expect(['Food', 'Misc']).not.toContain(food);
    await page.getByTestId('amount').fill(language.typed);
    await page.getByTestId(`spend-${food}`).click();
    await expect(page.getByTestId('amount')).toHaveValue('');
    const recent = page.getByTestId('spending-row');
    await expect.poll(async () => plain((await recent.first().textContent()) ?? '')).toMatch(language.money);
    await expectSpoken(page, language);
    await recent.first().click();
    await page.getByRole('dialog').getByRole('button', { name: t['dashboard.edit.delete'], exact: true }).click();
    await expect(recent).toHaveCount(0);
    await page.getByTestId('undo').click();
    await expect(recent).toHaveCount(1);
    await expectSpoken(page, language);
    // The README's picture of a Hebrew dashboard (npm run screenshots).
    if (process.env.SCREENSHOTS && language.locale === 'he') {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(__dirname, '../../docs/dashboard-he.png') });
    }

    // Settings and History.
    await page.getByTestId('nav-settings').click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expectSpoken(page, language);
    await page.getByTestId('nav-history').click();
    await expect(page.getByTestId('history-chart')).toBeVisible();
    await expect.poll(async () => plain(await page.locator('main').innerText())).toMatch(language.money);
    await expectSpoken(page, language);
    await page.context().close();

    // What the server writes comes in the language too: someone else in the family picks the same name.
    if (language.locale === 'de') {
      const cousin = await phone(browser, language.tag);
      await cousin.goto('/register');
      await cousin.getByLabel(t['onboarding.register.chooseUsername']).fill(username);
      await cousin.getByRole('button', { name: t['onboarding.register.continue'] }).click();
      // The server names the field by its API name ("username: ist schon vergeben; …"); the app puts its label in.
      const taken = serverText('de', 'auth.usernameTaken', { field: t['common.field.username'] }); // Benutzername: ist schon vergeben; …
      await expect(cousin.getByRole('alert')).toHaveText(new RegExp(`^${taken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.?$`));
      await expectSpoken(cousin, language);
      await cousin.context().close();
    }
  });
}

test('switching the language in Settings changes the page at once, and it follows the user to a new device', async ({ browser }) => {
  const page = await phone(browser, 'en-US');
  await page.goto('/register');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const username = `sw${Math.random().toString(36).slice(2, 8)}`;
  await page.getByLabel(EN['onboarding.register.chooseUsername']).fill(username);
  await page.getByRole('button', { name: EN['onboarding.register.continue'] }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
  await page.getByLabel(EN['onboarding.enrol.enterCode']).fill(generateSync({ secret }));
  await page.getByRole('button', { name: EN['onboarding.recovery.saved'] }).click();
  await page.getByTestId('setup-skip').click();
  await page.getByTestId('nav-settings').click();
  // The account learns the choice at the same time (what another device will follow).
  const stored = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok());
  await page.getByTestId('language').selectOption('he');
  await stored;
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('nav-history')).toContainText(HE['common.history']);
  await page.context().close();

  // Another phone, English browser: after signing in, the app speaks the user's Hebrew.
  const other = await phone(browser, 'en-US');
  await other.goto('/login');
  await other.getByRole('tab', { name: EN['onboarding.login.signInTab'] }).click();
  await other.getByLabel(EN['onboarding.login.username']).fill(username);
  // The registration used the current code; the next step's is accepted too and is new. Six digits sign in.
  await other.getByLabel(new RegExp(`^${EN['onboarding.login.code']}`)).fill(generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await expect(other.locator('html')).toHaveAttribute('lang', 'he');
  await expect(other.getByTestId('nav-today')).toContainText(HE['common.today']);
  await other.context().close();
});
