import '../support/angular-jit'; // before the generated client's Angular classes load
import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test } from '@playwright/test';
import { budgetGet } from '../../frontend/src/app/api/fn/budget/budget-get';
import { fixedCostsCreate } from '../../frontend/src/app/api/fn/fixed-costs/fixed-costs-create';
import { fixedCostsSkip } from '../../frontend/src/app/api/fn/fixed-costs/fixed-costs-skip';
import { funnelsUpdate } from '../../frontend/src/app/api/fn/funnels/funnels-update';
import { householdsUpdate } from '../../frontend/src/app/api/fn/household/households-update';
import { BudgetDto, FunnelDto } from '../../frontend/src/app/api/models';
import { ApiUser } from '../support/api';
import { allowanceOf, blockLiveEvents, signedInPage } from '../support/journey';

/**
 * Planned money (#16) in the PWA: a fixed cost added in Settings is set aside from today's
 * allowance on the dashboard; with rollover on, what a period leaves (or overspends) is carried
 * into the next one. The server's clock is real here, so the next period is seen the way the
 * server itself answers for it: the dashboard's budget request asks for an instant in it.
 */

const ZONE = 'Europe/Berlin';
const DAY_MS = 24 * 3600_000;
const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
const money = (value: number) => euros.format(value);

/** The local date in the household's zone, `YYYY-MM-DD`, `days` from now. */
function berlinDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY_MS));
}

function ordinal(n: number): string {
  const suffix = { one: 'st', two: 'nd', few: 'rd' }[new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n) as string] ?? 'th';
  return `${n}${suffix}`;
}

/** Puts the pay day five days back, so the current period has more than three weeks to go whatever today is. */
async function periodWithDaysAhead(user: ApiUser): Promise<void> {
  const day = Math.min(28, Number(berlinDay(-5).slice(8, 10)));
  await user.request(householdsUpdate, { body: { periodStartDay: day } });
}

async function food(user: ApiUser, at?: string): Promise<BudgetDto['funnels'][number]> {
  const budget = await user.request(budgetGet, at ? { at } : {});
  return budget.funnels.find((f) => f.name === 'Food')!;
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    let widest = '';
    let right = 0;
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const box = element.getBoundingClientRect();
      if (box.right > right && box.width > 0) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}.${typeof element.className === 'string' ? element.className.split(' ').join('.') : ''} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
  });
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen; widest: ${widest}`).toBeLessThanOrEqual(innerWidth);
}

test('add a fixed cost in Settings and see the allowance set it aside on the dashboard', async ({ browser }) => {
  const user = await ApiUser.register('rent');
  await periodWithDaysAhead(user);
  const page = await signedInPage(browser, user);
  const before = await allowanceOf(page, 'Food');
  expect(before).toBe(money((await food(user)).allowanceToday));

  // Rent, three days from now, from Food: "Monthly on the Nth".
  const due = berlinDay(3);
  const day = Number(due.slice(8, 10));
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('fixed-costs');
  await expect(section.getByText('No fixed costs yet.')).toBeVisible();
  await section.getByRole('button', { name: 'Add fixed cost' }).click();
  await section.getByLabel('What is it').fill('Rent');
  await section.getByLabel('Amount').fill('500');
  await expect(section.getByLabel('Spent from')).toHaveValue((await user.funnels()).find((f) => f.name === 'Food')!.id);
  await section.getByLabel('On day').selectOption({ label: day === 31 ? 'the last day' : `the ${ordinal(day)}` });
  await expect(section.getByLabel('From', { exact: true })).toHaveValue(berlinDay());
  await section.getByRole('button', { name: 'Add', exact: true }).click();
  const row = section.getByTestId('fixed-cost-Rent');
  await expect(row).toContainText('€500.00');
  await expect(row.getByTestId('fixed-schedule')).toHaveText(`${day === 31 ? 'Monthly on the last day' : `Monthly on the ${ordinal(day)}`} · from Food`);
  await expect(row.getByTestId('fixed-next')).toContainText('Next: ');
  await expect(row.getByTestId('fixed-next')).toContainText(`added by ${user.username}`);

  // Today: the rent is listed under Food and set aside from today's allowance, as the server says.
  await page.getByTestId('nav-today').click();
  const card = page.getByTestId('funnel-Food');
  await expect(card.getByTestId('upcoming-fixed')).toHaveText(`Rent €500.00 on the ${ordinal(day)}`);
  const server = await food(user);
  expect(server).toMatchObject({ fixed: 500, upcoming: 500, fixedCosts: [{ dueOn: due, amount: 500, note: 'Rent' }] });
  await expect.poll(() => allowanceOf(page, 'Food')).toBe(money(server.allowanceToday));
  expect(await allowanceOf(page, 'Food')).not.toBe(before);
  await card.getByTestId('allowance').click();
  await expect(card.getByTestId('explanation')).toContainText('€500.00 of it is set aside for Rent, still to come');

  // Typed amounts preview against the new figure.
  await page.getByTestId('amount').fill('10');
  await expect(card.locator('s')).toHaveText(money(server.allowanceToday));
  await page.context().close();
});

test('turn rollover on: what this period leaves, or overspends, is carried into the next', async ({ browser }) => {
  const user = await ApiUser.register('roll');
  const page = await signedInPage(browser, user);
  const funnels = await user.funnels();
  const byName = (name: string) => funnels.find((f) => f.name === name)!;

  // Rollover on for Food in the funnel form; for Misc through the API.
  await page.getByTestId('nav-settings').click();
  await page.getByRole('button', { name: 'Edit Food' }).click();
  const rollover = page.getByRole('switch', { name: 'Rollover' });
  await expect(rollover).not.toBeChecked();
  await expect(page.getByText('What is left at the end of a period moves to the next; an overspend is taken from it')).toBeVisible();
  await rollover.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Edit Food' })).toBeVisible();
  await expect.poll(async () => (await user.funnels()).find((f) => f.name === 'Food')!.rollover).toBe(true);
  const misc: FunnelDto = byName('Misc');
  await user.request(funnelsUpdate, { id: misc.id, body: { name: misc.name, emoji: misc.emoji, color: misc.color, limit: misc.limit, rollover: true } });

  // This period: Food leaves money, Misc is overspent by 300.
  const now = await user.request(budgetGet, {});
  const miscNow = now.funnels.find((f) => f.name === 'Misc')!;
  await user.spend(byName('Food').id, 1500.5);
  await user.spend(misc.id, miscNow.available + 300);
  const foodNow = await food(user);
  const foodLeft = foodNow.available - foodNow.spent;

  // The first day of the next period, as the server works it out.
  const next = new Date(Date.parse(now.period.end) + DAY_MS / 2).toISOString();
  const nextBudget = await user.request(budgetGet, { at: next });
  const nextFood = nextBudget.funnels.find((f) => f.name === 'Food')!;
  const nextMisc = nextBudget.funnels.find((f) => f.name === 'Misc')!;
  expect(nextFood).toMatchObject({ rollover: true, carried: foodLeft, available: nextFood.limit + foodLeft });
  expect(nextMisc).toMatchObject({ rollover: true, carried: -300 });

  // The dashboard of that day: its budget request asks for an instant in it (routed on the
  // context, which also sees what the service worker fetches).
  await page.context().route(/\/api\/budget(\?.*)?$/, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('at', next);
    return route.continue({ url: url.toString() });
  });
  await page.goto('/');
  await expect(page.getByTestId('funnel-Food').getByTestId('carried')).toHaveText(`+${money(foodLeft)} carried from last period`);
  await expect(page.getByTestId('funnel-Misc').getByTestId('carried')).toHaveText(`\u2212${money(300)} carried: last period was overspent`);
  await expect.poll(() => allowanceOf(page, 'Food')).toBe(money(nextFood.allowanceToday));
  const misc2 = page.getByTestId('funnel-Misc');
  await misc2.getByTestId('allowance').click();
  await expect(misc2.getByTestId('explanation')).toContainText(`This period started ${money(300)} short: the last period was overspent`);
  await page.context().close();
});

test.describe('Settings with fixed costs on a phone', () => {
  const LONG = 'School fees for the autumn term, paid to the school office together with the lunch money, the trip and the new sports kit for both kids ok'.slice(0, 140);

  let user: ApiUser;
  test.beforeAll(async () => {
    user = await ApiUser.register('phonefc');
    await periodWithDaysAhead(user);
    const funnels = await user.funnels();
    const long = await user.createFunnel({ name: 'Household and home repairs for everyone', emoji: '🏠', color: '#3f51b5', limit: 1500, shared: true, rollover: true });
    const today = berlinDay();
    const add = (body: Parameters<typeof fixedCostsCreate>[2]['body']) => user.request(fixedCostsCreate, { body });
    const rent = await add({ funnelId: long.id, amount: 1234.56, note: 'Rent', every: 'month', day: 28, startsOn: today });
    await add({ funnelId: funnels[0].id, amount: 12.99, note: 'Streaming', every: 'week', weekday: 5, startsOn: today, endsOn: berlinDay(200) });
    await add({ funnelId: funnels[1].id, amount: 250, note: LONG, every: 'year', day: 1, month: 9, startsOn: today });
    await add({ funnelId: funnels[0].id, amount: 4.5, every: 'week', weekday: 1, startsOn: today });
    if (rent.nextDueOn) await user.request(fixedCostsSkip, { id: rent.id, body: { dueOn: rent.nextDueOn } });
  });

  async function open(browser: Browser, path: string, width: number, dark: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 740 }, colorScheme: dark ? 'dark' : 'light', hasTouch: true, storageState: user.storageState() });
    await blockLiveEvents(context); // the stream never ends: the network goes quiet once loaded
    const page = await context.newPage();
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    return page;
  }

  for (const width of [320, 360]) {
    test(`${width} px: no sideways scrolling, and axe finds nothing, in light and dark`, async ({ browser }) => {
      for (const dark of [false, true]) {
        const page = await open(browser, '/settings', width, dark);
        const section = page.getByTestId('fixed-costs');
        await expect(section.locator('.fixed-row')).toHaveCount(4);
        await expect(section.getByTestId('fixed-skipped')).toHaveCount(1);
        await expectNoSidewaysScroll(page, `/settings at ${width} px`);
        let { violations } = await new AxeBuilder({ page }).analyze();
        expect(violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), 'axe on /settings').toEqual([]);

        // The form, open, fits too.
        await section.getByRole('button', { name: 'Add fixed cost' }).click();
        await section.getByLabel('How often').selectOption('year');
        await expect(section.getByLabel('Day', { exact: true })).toBeVisible();
        await expectNoSidewaysScroll(page, `/settings with the form open at ${width} px`);
        ({ violations } = await new AxeBuilder({ page }).include('[data-testid="fixed-costs"]').analyze());
        expect(violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), 'axe on the fixed-cost form').toEqual([]);

        // Today, with the lines for what is planned under the figures.
        await page.getByTestId('nav-today').click();
        await expect(page.getByTestId('upcoming-fixed').first()).toBeVisible();
        await expectNoSidewaysScroll(page, `/ at ${width} px`);
        ({ violations } = await new AxeBuilder({ page }).analyze());
        expect(violations.map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), 'axe on /').toEqual([]);
        await page.context().close();
      }
    });
  }
});
