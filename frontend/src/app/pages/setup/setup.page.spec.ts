import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { FunnelDto, HouseholdDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { rememberHouseholdStart } from './setup-state';
import { SetupPage } from './setup.page';

const ME = 'u-anna';
const HOUSEHOLD: HouseholdDto = {
  id: 'h1', name: "anna's household", periodStartDay: 1, timezone: 'Europe/Berlin', currency: 'EUR', countedFrom: null,
  members: [{ id: ME, username: 'anna' }],
};
const funnel = (name: string, emoji: string, color: string): FunnelDto => ({
  id: `f-${name}`, name, emoji, color, limit: 2000, shared: false, rollover: false, ownerId: ME, spendingCount: 0, createdAt: '2026-04-21T09:00:00.000Z',
});
const FUNNELS = [funnel('Food', '🍞', '#ffa500'), funnel('Misc', '🛍️', '#48d1cc')];

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function signInAs(userId: string): void {
  const payload = btoa(JSON.stringify({ sub: userId, typ: 'access' })).replace(/=+$/, '');
  localStorage.setItem('stracker.tokens', JSON.stringify({ accessToken: `h.${payload}.s`, refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-01T00:00:00Z' }));
}

describe('SetupPage, the first-run setup of a new household', () => {
  let http: HttpTestingController;
  let navigated: string[];

  beforeEach(async () => {
    await loadAreas('onboarding', 'settings');
    localStorage.clear();
    // Tuesday 21 April 2026 in Berlin: day 21 of a 30-day period when pay day is the 1st.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-21T10:00:00Z'));
    signInAs(ME);
    TestBed.configureTestingModule({ imports: [SetupPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    navigated = [];
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockImplementation(async (url) => {
      navigated.push(String(url));
      return true;
    });
  });
  afterEach(async () => {
    http.verify();
    await TestBed.inject(I18n).use('en');
    vi.useRealTimers();
    vi.restoreAllMocks();
    localStorage.clear();
  });

  async function render(options: { startedHere?: boolean; household?: HouseholdDto } = {}) {
    if (options.startedHere !== false) rememberHouseholdStart(ME, new Date('2026-04-21T09:00:00Z'));
    const fixture = TestBed.createComponent(SetupPage);
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const update = async () => {
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
      await settle();
      fixture.detectChanges();
    };
    http.expectOne('/api/household').flush(options.household ?? HOUSEHOLD);
    http.expectOne('/api/funnels').flush(FUNNELS);
    await update();
    const field = <T extends HTMLElement = HTMLInputElement>(selector: string) => el.querySelector<T>(selector)!;
    const type = async (selector: string, value: string) => {
      const input = field(selector);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await update();
    };
    const choose = async (selector: string, value: string) => {
      const select = field<HTMLSelectElement>(selector);
      select.value = [...select.options].find((o) => o.value.endsWith(value))!.value;
      select.dispatchEvent(new Event('change'));
      await update();
    };
    const save = async () => {
      field<HTMLButtonElement>('[data-testid="setup-save"]').click();
      await update();
    };
    /** Answers the next request (checking it), then lets the page go on. */
    const answer = async (method: string, url: string, body: unknown, reply: object | null = null) => {
      const request = http.expectOne((r) => r.method === method && r.url === url);
      expect(request.request.body).toEqual(body);
      request.flush(reply);
      await update();
    };
    return { fixture, el, update, field, type, choose, save, answer };
  }

  it('saves pay day, currency and limits, removes and adds funnels, and counts the first period from today', async () => {
    const { el, field, type, choose, save, answer, update } = await render();
    expect(field<HTMLSelectElement>('#setup-payday').selectedOptions[0].textContent!.trim()).toBe('1st of the month');
    expect(field<HTMLSelectElement>('#setup-currency').selectedOptions[0].textContent).toBe('Euro — EUR');
    expect([...el.querySelectorAll<HTMLInputElement>('[id^="setup-name-"]')].map((i) => i.value)).toEqual(['Food', 'Misc']);

    const period = el.querySelector('[data-testid="setup-first-period"]')!;
    expect(text(period)).toContain('This period started on the 1st: 10 of its 30 days are left.');
    expect(field('[data-testid="setup-prorate-today"]').checked).toBe(true);
    await type('#setup-limit-0', '3000');
    expect(text(period)).toContain('Food: €3,000.00 a month → €1,000.00 until the 1st');

    await choose('#setup-currency', 'CHF');
    el.querySelectorAll<HTMLButtonElement>('[data-testid="setup-remove-funnel"]')[1].click(); // Misc
    await update();
    field<HTMLButtonElement>('[data-testid="setup-add-funnel"]').click();
    await update();
    const rows = el.querySelectorAll('[data-testid^="setup-funnel-"]');
    expect(rows).toHaveLength(2);
    expect(document.activeElement?.id).toBe('setup-name-2');
    await type('#setup-name-2', 'Fuel');
    await type('#setup-emoji-2', '⛽');
    await type('#setup-limit-2', '150,50');

    await save();
    await answer('PATCH', '/api/household', { periodStartDay: 1, currency: 'CHF', prorateFirstPeriod: true }, { ...HOUSEHOLD, currency: 'CHF', countedFrom: '2026-04-20T22:00:00.000Z' });
    await answer('DELETE', '/api/funnels/f-Misc', null);
    await answer('PUT', '/api/funnels/f-Food', { emoji: '🍞', name: 'Food', color: '#ffa500', limit: 3000 }, { ...FUNNELS[0], limit: 3000 });
    await answer('POST', '/api/funnels', { emoji: '⛽', name: 'Fuel', color: '#48d1cc', limit: 150.5, shared: false }, { ...funnel('Fuel', '⛽', '#48d1cc'), limit: 150.5 });
    expect(navigated).toEqual(['/']);
  });

  it('counts the first period in full when asked to', async () => {
    const { field, update, save, answer } = await render();
    field('[data-testid="setup-prorate-full"]').click();
    await update();
    await save();
    await answer('PATCH', '/api/household', { periodStartDay: 1, currency: 'EUR', prorateFirstPeriod: false }, HOUSEHOLD);
    expect(navigated).toEqual(['/']); // unchanged funnels are not sent
  });

  it('asks nothing about the first period when the chosen pay day is today', async () => {
    const { el, choose, save, answer } = await render();
    await choose('#setup-payday', '21');
    expect(el.querySelector('[data-testid="setup-first-period"]')).toBeNull();
    await save();
    await answer('PATCH', '/api/household', { periodStartDay: 21, currency: 'EUR' }, HOUSEHOLD);
  });

  it('on another device shows no first-period question', async () => {
    const { el } = await render({ startedHere: false });
    expect(el.querySelector('[data-testid="setup-first-period"]')).toBeNull();
    expect(el.querySelector('#setup-payday')).not.toBeNull();
  });

  it('says what is missing and sends nothing until every funnel has an emoji, a name and a limit', async () => {
    const { el, type, save } = await render();
    await type('#setup-name-0', '  ');
    await type('#setup-limit-1', '12.345');
    await save();
    http.expectNone('/api/household');
    expect([...el.querySelectorAll('.field-error')].map(text)).toEqual(['Give it a name of 1 to 40 characters.', 'Enter a monthly limit of 0 or more, at most 2 decimals.']);
    expect(document.activeElement?.id).toBe('setup-name-0');
  });

  it('repeats nothing already done when saving again after a failure', async () => {
    const { el, save, answer, update } = await render();
    el.querySelectorAll<HTMLButtonElement>('[data-testid="setup-remove-funnel"]')[1].click();
    await update();
    await save();
    await answer('PATCH', '/api/household', { periodStartDay: 1, currency: 'EUR', prorateFirstPeriod: true }, HOUSEHOLD);
    const failing = http.expectOne((r) => r.method === 'DELETE');
    failing.flush({ statusCode: 500, error: 'Internal Server Error', message: 'boom' }, { status: 500, statusText: 'Internal Server Error' });
    await update();
    expect(text(el.querySelector('[role="alert"]'))).toBe('Something went wrong on our side. Please try again.');
    expect(navigated).toEqual([]);
    await save();
    await answer('PATCH', '/api/household', { periodStartDay: 1, currency: 'EUR', prorateFirstPeriod: true }, HOUSEHOLD);
    await answer('DELETE', '/api/funnels/f-Misc', null);
    expect(navigated).toEqual(['/']);
  });

  it('speaks German: pay days, currencies by their German names, money and the first period as Germans write them', async () => {
    await TestBed.inject(I18n).use('de');
    const { el, field, type } = await render();
    expect(text(el.querySelector('h1'))).toBe('Richte dein Budget ein');
    expect(field<HTMLSelectElement>('#setup-payday').selectedOptions[0].textContent!.trim()).toBe('1. des Monats');
    expect(text(el.querySelector('label[for="setup-payday"]'))).toBe('Jeder Budgetzeitraum beginnt am');
    const currency = field<HTMLSelectElement>('#setup-currency');
    expect(currency.selectedOptions[0].textContent).toBe('Euro — EUR');
    expect([...currency.options].map((o) => o.textContent)).toContain('Schweizer Franken — CHF');
    const period = el.querySelector('[data-testid="setup-first-period"]')!;
    expect(text(period)).toContain('Dieser Zeitraum hat am 1. begonnen: 10 von 30 Tagen sind übrig.');
    await type('#setup-limit-0', '3000');
    expect(text(period)).toContain('(Food: 3.000,00 € im Monat → 1.000,00 € bis zum 1.)');
    expect(text(period)).toContain('Die vollen Monatslimits für diese 10 Tage');
    expect(el.querySelector<HTMLInputElement>('#setup-name-0')!.placeholder).toBe('Name, z. B. Tanken');
    localStorage.removeItem('stracker.locale');
  });

  it('in Russian counts the days left with the right form, and says what is missing', async () => {
    await TestBed.inject(I18n).use('ru');
    const { el, type, save } = await render();
    const period = el.querySelector('[data-testid="setup-first-period"]')!;
    expect(text(period)).toContain('Этот период начался 1-го числа: осталось 10 дней из 30.');
    expect(text(period)).toContain('Каждый лимит рассчитывается на оставшиеся 10 дней');
    await type('#setup-name-0', '');
    await save();
    http.expectNone('/api/household');
    expect([...el.querySelectorAll('.field-error')].map(text)).toEqual(['Дайте название длиной от 1 до 40 символов.']);
    localStorage.removeItem('stracker.locale');
  });

  it('in Hebrew reads right to left, with Hebrew words around the numbers', async () => {
    await TestBed.inject(I18n).use('he');
    expect(document.documentElement.dir).toBe('rtl');
    const { el, field } = await render();
    expect(field<HTMLSelectElement>('#setup-payday').selectedOptions[0].textContent!.trim()).toBe('ב־1 בחודש');
    expect(text(el.querySelector('[data-testid="setup-first-period"] p'))).toBe('התקופה הזו התחילה ב־1 בחודש: נשארו ממנה 10 ימים מתוך 30.');
    expect(el.querySelectorAll('[data-testid="setup-remove-funnel"]')[0].getAttribute('aria-label')).toBe('הסרת Food');
    localStorage.removeItem('stracker.locale');
  });

  it('can be skipped: the dashboard is one tap away', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="setup-skip"]')!.getAttribute('href')).toBe('/');
  });
});
