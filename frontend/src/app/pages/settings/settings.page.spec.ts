import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { FixedCostDto, FunnelDto, HouseholdDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { SettingsPage } from './settings.page';

const ANNA = 'u-anna';
const BERT = 'u-bert';
const HOUSEHOLD: HouseholdDto = {
  id: 'h1',
  name: 'Home',
  periodStartDay: 1,
  timezone: 'UTC',
  currency: 'EUR',
  countedFrom: null,
  members: [
    { id: ANNA, username: 'anna' },
    { id: BERT, username: 'bert' },
  ],
};
const funnel = (name: string, ownerId: string, shared: boolean): FunnelDto => ({
  id: `f-${name}`, name, emoji: '🍞', color: '#ffa500', limit: 600, shared, rollover: false, ownerId, spendingCount: 2, createdAt: '2026-04-01T00:00:00.000Z',
});
const FUNNELS = [funnel('Groceries', ANNA, true), funnel('Hobby', BERT, false), funnel('Fuel', BERT, true)];

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** An access token whose `sub` is `userId`, stored where the PWA keeps it (the signature is the server's business). */
function signInAs(userId: string): void {
  const payload = btoa(JSON.stringify({ sub: userId, typ: 'access' })).replace(/=+$/, '');
  const tokens = { accessToken: `h.${payload}.s`, refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-01T00:00:00Z' };
  localStorage.setItem('stracker.tokens', JSON.stringify(tokens));
}

describe('SettingsPage, funnels shared by the household', () => {
  let http: HttpTestingController;

  async function render(userId: string) {
    signInAs(userId);
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/funnels').flush(FUNNELS);
    http.expectOne('/api/household').flush(HOUSEHOLD);
    http.expectOne('/api/fixed-costs').flush([]);
    http.expectOne('/api/auth/session').flush({ startedAt: '2026-04-01T00:00:00.000Z', lastSeenAt: '2026-04-01T00:00:00.000Z', userAgent: 'test' });
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const button = (label: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
    const edit = async (name: string) => {
      button(`Edit ${name}`)!.click();
      await fixture.whenStable();
      fixture.detectChanges();
      await fixture.whenStable(); // ngModel writes the form's values after the first pass
      fixture.detectChanges();
      return el.querySelector<HTMLInputElement>('#funnel-shared')!;
    };
    return { fixture, el, button, edit };
  }

  beforeEach(async () => {
    await loadAreas('settings');
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SettingsPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it("offers a member no Delete for a shared funnel someone else owns, says whose it is, and keeps it shared", async () => {
    const { el, button, edit } = await render(BERT);
    expect(button('Delete Groceries')).toBeNull();
    expect(text(el.querySelector('[data-testid="settings-funnel-Groceries"] [data-testid="owner-note"]'))).toBe('Shared by anna — only anna can delete it');
    // Bert's own funnels, personal or shared, are his to delete.
    expect(button('Delete Hobby')).not.toBeNull();
    expect(button('Delete Fuel')).not.toBeNull();
    expect(el.querySelector('[data-testid="settings-funnel-Fuel"] [data-testid="owner-note"]')).toBeNull();

    const shared = await edit('Groceries');
    expect(shared.checked).toBe(true);
    expect(shared.disabled).toBe(true);
    const why = el.querySelector('[data-testid="shared-locked"]')!;
    expect(text(why)).toBe('Only anna can make it personal');
    expect(shared.getAttribute('aria-describedby')).toBe(why.id);
    // The rest of the form stays editable.
    expect(el.querySelector<HTMLInputElement>('#funnel-limit')!.disabled).toBe(false);
    expect(el.querySelector<HTMLInputElement>('#funnel-name')!.disabled).toBe(false);
  });

  it('offers the owner everything as before', async () => {
    const { el, button, edit } = await render(ANNA);
    expect(button('Delete Groceries')).not.toBeNull();
    expect(el.querySelector('[data-testid="settings-funnel-Groceries"] [data-testid="owner-note"]')).toBeNull();
    // …while the funnel bert shares is his to delete.
    expect(button('Delete Fuel')).toBeNull();
    expect(text(el.querySelector('[data-testid="settings-funnel-Fuel"] [data-testid="owner-note"]'))).toBe('Shared by bert — only bert can delete it');
    const shared = await edit('Groceries');
    expect(shared.checked).toBe(true);
    expect(shared.disabled).toBe(false);
    expect(el.querySelector('[data-testid="shared-locked"]')).toBeNull();
  });

  it("shows the server's refusal in words when the rule changed under the member's feet", async () => {
    // jsdom has no modal dialogs: enough of one to open and close.
    const dialog = HTMLDialogElement.prototype as Partial<HTMLDialogElement>;
    dialog.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    dialog.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
    const { fixture, el, button } = await render(ANNA);
    button('Delete Groceries')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    const confirm = [...el.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => text(b) === 'Delete')!;
    confirm.click();
    const message = '"Groceries" is shared by the household and belongs to bert: only bert can delete it.';
    http.expectOne((r) => r.method === 'DELETE' && r.url === '/api/funnels/f-Groceries').flush({ statusCode: 403, error: 'Forbidden', message }, { status: 403, statusText: 'Forbidden' });
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text(el.querySelector('.error-box[role="alert"]'))).toBe(message.replace(/\.$/, ''));
  });
});

describe('SettingsPage, pickers', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    await loadAreas('settings');
    localStorage.clear();
    signInAs(ANNA);
    TestBed.configureTestingModule({ imports: [SettingsPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function render(household: HouseholdDto = HOUSEHOLD, fixedCosts: FixedCostDto[] = []) {
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/funnels').flush(FUNNELS);
    http.expectOne('/api/household').flush(household);
    http.expectOne('/api/fixed-costs').flush(fixedCosts);
    http.expectOne('/api/auth/session').flush({ startedAt: '2026-04-01T00:00:00.000Z', lastSeenAt: '2026-04-01T00:00:00.000Z', userAgent: 'test' });
    const update = async () => {
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await update();
    return { fixture, el: fixture.nativeElement as HTMLElement, update };
  }

  it('lists currencies by name, the household\'s selected', async () => {
    const { el } = await render();
    const select = el.querySelector<HTMLSelectElement>('#hh-currency')!;
    expect(select.selectedOptions[0].textContent).toBe('Euro — EUR');
    const labels = [...select.options].map((o) => o.textContent);
    expect(labels).toContain('Swiss Franc — CHF');
    expect(labels).toContain('US Dollar — USD');
  });

  it('lists time zones under their current names, and keeps an old name the household has', async () => {
    const { el } = await render({ ...HOUSEHOLD, timezone: 'Asia/Calcutta' });
    const select = el.querySelector<HTMLSelectElement>('#hh-tz')!;
    const values = [...select.options].map((o) => o.value);
    expect(values).toContain('Asia/Kolkata');
    expect(values).toContain('Europe/Kyiv');
    expect(values).not.toContain('Europe/Kiev');
    expect(values.filter((v) => v === 'Asia/Calcutta')).toHaveLength(1);
    expect(select.value).toBe('Asia/Calcutta');
    expect(select.selectedOptions[0].textContent).toBe('Asia/Calcutta (now Asia/Kolkata)');
  });

  it("reaches a funnel's fixed costs from its row, and says in the delete question that they go with it", async () => {
    const rent: FixedCostDto = {
      id: 'fc-rent', funnelId: 'f-Groceries', amount: 50, note: 'Veg box', every: 'week', day: null, weekday: 6, month: null, startsOn: '2026-04-01',
      endsOn: null, nextDueOn: '2026-04-25', skipped: [], createdBy: { id: ANNA, username: 'anna' }, createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z',
    };
    const scrolled: Element[] = [];
    const scrollIntoView = Element.prototype.scrollIntoView;
    const matchMedia = window.matchMedia;
    Element.prototype.scrollIntoView = function (this: Element) { scrolled.push(this); };
    window.matchMedia = ((query: string) => ({ matches: false, media: query })) as unknown as typeof window.matchMedia;
    try {
      const { el, update } = await render(HOUSEHOLD, [rent, { ...rent, id: 'fc-2', note: 'Milk' }]);
      const groceries = el.querySelector<HTMLButtonElement>('[data-testid="fixed-costs-of-Groceries"]')!;
      expect(text(groceries)).toBe('2 fixed costs');
      expect(groceries.getAttribute('aria-label')).toBe('2 fixed costs of Groceries');
      expect(text(el.querySelector('[data-testid="fixed-costs-of-Fuel"]'))).toBe('Fixed costs');
      el.querySelector<HTMLButtonElement>('[data-testid="fixed-costs-of-Fuel"]')!.click();
      await update();
      expect(el.querySelector<HTMLSelectElement>('#fixed-filter')!.value).toBe('f-Fuel');
      expect(text(el.querySelector('[data-testid="fixed-costs"] .empty'))).toBe('No fixed costs in Fuel yet.');
      expect(document.activeElement === el.querySelector('#fixed-title') || scrolled.length > 0).toBe(true);
      groceries.click();
      await update();
      expect([...el.querySelectorAll('.fixed-row')].map((r) => r.getAttribute('aria-label'))).toEqual(['Veg box', 'Milk']);

      const dialog = el.querySelector<HTMLDialogElement>('dialog#deleteDialog, dialog[aria-labelledby="delete-title"]')!;
      dialog.showModal = function (this: HTMLDialogElement) { this.open = true; };
      el.querySelector<HTMLButtonElement>('button[aria-label="Delete Groceries"]')!.click();
      await update();
      expect(text(el.querySelector('[data-testid="delete-warning"]'))).toBe('This also deletes its 2 spendings. Its 2 fixed costs go too. This cannot be undone.');
    } finally {
      Element.prototype.scrollIntoView = scrollIntoView;
      window.matchMedia = matchMedia;
    }
  });

  it('leads back to the guided setup', async () => {
    const { el } = await render();
    expect(el.querySelector('[data-testid="settings-setup-link"]')!.getAttribute('href')).toBe('/setup');
  });

  it('creates a funnel with an emoji picked from the list and a colour preset', async () => {
    const { el, update } = await render();
    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'New funnel')!.click();
    await update();
    el.querySelector<HTMLButtonElement>('[data-testid="emoji-picker-toggle"]')!.click();
    await update();
    const search = el.querySelector<HTMLInputElement>('[data-testid="emoji-picker-search"]')!;
    search.value = 'petrol';
    search.dispatchEvent(new Event('input'));
    await update();
    const options = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="emoji-option"]')];
    expect(options.map((o) => o.getAttribute('aria-label'))).toEqual(['fuel']);
    options[0].click();
    await update();
    expect(el.querySelector<HTMLInputElement>('#funnel-emoji')!.value).toBe('⛽');

    const red = el.querySelector<HTMLButtonElement>('[data-testid="colour-presets"] button[aria-label="Red"]')!;
    red.click();
    await update();
    expect(red.getAttribute('aria-pressed')).toBe('true');
    const name = el.querySelector<HTMLInputElement>('#funnel-name')!;
    name.value = 'Fuel';
    name.dispatchEvent(new Event('input'));
    const limit = el.querySelector<HTMLInputElement>('#funnel-limit')!;
    limit.value = '150,50';
    limit.dispatchEvent(new Event('input'));
    const shared = el.querySelector<HTMLInputElement>('#funnel-shared')!;
    expect(shared.getAttribute('role')).toBe('switch');
    shared.click();
    const rollover = el.querySelector<HTMLInputElement>('#funnel-rollover')!;
    expect(rollover.getAttribute('role')).toBe('switch');
    expect(rollover.checked).toBe(false);
    expect(text(el.querySelector(`#${rollover.getAttribute('aria-describedby')}`))).toBe(
      'What is left at the end of a period moves to the next; an overspend is taken from it',
    );
    rollover.click();
    await update();
    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Create')!.click();
    await update();
    const create = http.expectOne((r) => r.method === 'POST' && r.url === '/api/funnels');
    expect(create.request.body).toEqual({ emoji: '⛽', name: 'Fuel', color: '#e53935', limit: 150.5, shared: true, rollover: true });
    create.flush({ ...FUNNELS[0], id: 'f-fuel', name: 'Fuel' });
    await update();
    http.expectOne('/api/funnels').flush(FUNNELS);
    await update();
  });
});

describe('SettingsPage, notifications and logging out', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    await loadAreas('settings');
    localStorage.clear();
    signInAs(ANNA);
    TestBed.configureTestingModule({ imports: [SettingsPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });
  afterEach(() => {
    http.verify();
    vi.restoreAllMocks();
    localStorage.clear();
  });

  async function render() {
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/funnels').flush(FUNNELS);
    http.expectOne('/api/household').flush(HOUSEHOLD);
    http.expectOne('/api/fixed-costs').flush([]);
    http.expectOne('/api/auth/session').flush({ startedAt: '2026-04-01T00:00:00.000Z', lastSeenAt: '2026-04-01T00:00:00.000Z', userAgent: 'test' });
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('has the Notifications section beside this device, saying what this browser lacks', async () => {
    const el = await render();
    const sections = [...el.querySelectorAll('section h2')].map((h) => text(h));
    expect(sections.slice(-2)).toEqual(['Notifications', 'This device']);
    // No service worker in a test (as in a development build): the section says so and asks the server nothing.
    expect(text(el.querySelector('[data-testid="push-blocked"]'))).toContain('service worker');
  });

  it("logs out after telling the server to forget this device's notifications, while the token still works", async () => {
    localStorage.setItem(`stracker.push.${ANNA}`, JSON.stringify({ nearLimit: true, memberSpent: true, fixedCostDue: true, dailyReminder: null }));
    const el = await render();
    [...el.querySelectorAll('button')].find((b) => text(b) === 'Log out')!.click();
    await settle();
    const forget = http.expectOne({ method: 'DELETE', url: '/api/push/subscription' });
    http.expectNone('/api/auth/logout'); // not before the subscription is gone
    forget.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    http.expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(localStorage.getItem('stracker.tokens')).toBeNull();
    // The choices stay for anna's next sign-in on this device.
    expect(localStorage.getItem(`stracker.push.${ANNA}`)).not.toBeNull();
  });

  it('logs out at once when notifications were never on here', async () => {
    const el = await render();
    [...el.querySelectorAll('button')].find((b) => text(b) === 'Log out')!.click();
    await settle();
    http.expectNone('/api/push/subscription');
    http.expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
  });
});

describe('SettingsPage, the language', () => {
  let http: HttpTestingController;
  let i18n: I18n;

  beforeEach(async () => {
    await loadAreas('settings');
    localStorage.clear();
    signInAs(ANNA);
    TestBed.configureTestingModule({ imports: [SettingsPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    i18n = TestBed.inject(I18n);
  });
  afterEach(async () => {
    http.verify();
    await i18n.use('en');
    localStorage.clear();
  });

  async function render() {
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/funnels').flush(FUNNELS);
    http.expectOne('/api/household').flush(HOUSEHOLD);
    http.expectOne('/api/fixed-costs').flush([]);
    http.expectOne('/api/auth/session').flush({ startedAt: '2026-04-01T00:00:00.000Z', lastSeenAt: '2026-04-01T00:00:00.000Z', userAgent: 'test' });
    const update = async () => {
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await update();
    const el = fixture.nativeElement as HTMLElement;
    const select = el.querySelector<HTMLSelectElement>('#language-select')!;
    /** Picks a language and waits until its texts are in (fetched like any lazy chunk). */
    const choose = async (locale: string) => {
      select.value = locale;
      select.dispatchEvent(new Event('change'));
      await vi.waitFor(() => expect(i18n.locale()).toBe(locale));
      await update();
      await update();
    };
    return { fixture, el, select, choose, update };
  }

  it('comes first, offers the four languages in their own names, labelled, the current one chosen', async () => {
    const { el, select } = await render();
    expect(text(el.querySelector('section h2'))).toBe('Language');
    expect(text(el.querySelector('label[for="language-select"]'))).toBe('Language of STracker on this device, and for your notifications');
    expect([...select.options].map((o) => [o.value, o.textContent, o.lang])).toEqual([
      ['en', 'English', 'en'], ['de', 'Deutsch', 'de'], ['ru', 'Русский', 'ru'], ['he', 'עברית', 'he'],
    ]);
    expect(select.value).toBe('en');
  });

  it('switches at once, remembers it on this device and stores it on the account', async () => {
    const { el, choose } = await render();
    await choose('de');
    expect(i18n.locale()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('stracker.locale')).toBe('de');
    expect(text(el.querySelector('h1'))).toBe('Einstellungen');
    expect(text(el.querySelector('#funnels-title'))).toBe('Töpfe');
    expect(text(el.querySelector('[data-testid="settings-funnel-Groceries"] .hint'))).toBe('600,00 € im Monat');
    expect(text(el.querySelector('[data-testid="session-info"]'))).toMatch(/^Auf diesem Gerät angemeldet seit .*2026/);
    expect(el.querySelector<HTMLSelectElement>('#hh-currency')!.selectedOptions[0].textContent).toBe('Euro — EUR');
    expect([...el.querySelectorAll('button')].some((b) => text(b) === 'Abmelden')).toBe(true);
    const patch = http.expectOne({ method: 'PATCH', url: '/api/me' });
    expect(patch.request.body).toEqual({ locale: 'de' });
    patch.flush({ id: ANNA, username: 'anna', householdId: 'h1', locale: 'de' });
    await settle();
    expect(el.querySelector('[data-testid="language-waiting"]')).toBeNull();
    expect(localStorage.getItem(`stracker.locale.pending.${ANNA}`)).toBeNull();
  });

  it('keeps the choice on the device when the account cannot be told, says so, and stores it when Settings opens again', async () => {
    const first = await render();
    await first.choose('ru');
    http.expectOne({ method: 'PATCH', url: '/api/me' }).flush(null, { status: 0, statusText: 'Unknown Error' });
    await first.update();
    expect(i18n.locale()).toBe('ru');
    expect(text(first.el.querySelector('[data-testid="language-waiting"]'))).toBe(
      'Изменено на этом устройстве. Ваш аккаунт обновится, когда вы в следующий раз откроете настройки с подключением к сети.',
    );
    first.fixture.destroy();

    // Opened again: the account is asked what it has, and told.
    const again = await render();
    await settle();
    http.expectOne({ method: 'GET', url: '/api/me' }).flush({ id: ANNA, username: 'anna', householdId: 'h1', locale: 'en' });
    await settle();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/me' });
    expect(patch.request.body).toEqual({ locale: 'ru' });
    patch.flush({ id: ANNA, username: 'anna', householdId: 'h1', locale: 'ru' });
    await again.update();
    expect(again.el.querySelector('[data-testid="language-waiting"]')).toBeNull();
    expect(localStorage.getItem(`stracker.locale.pending.${ANNA}`)).toBeNull();
  });

  it('is not sent again when the account has it already', async () => {
    localStorage.setItem(`stracker.locale.pending.${ANNA}`, 'de');
    await render();
    await settle();
    http.expectOne({ method: 'GET', url: '/api/me' }).flush({ id: ANNA, username: 'anna', householdId: 'h1', locale: 'de' });
    await settle();
    http.expectNone({ method: 'PATCH', url: '/api/me' });
    expect(localStorage.getItem(`stracker.locale.pending.${ANNA}`)).toBeNull();
  });

  it('in Hebrew the document reads right to left, and names people typed stay whole in its sentences', async () => {
    signInAs(BERT);
    const { el, choose } = await render();
    await choose('he');
    http.expectOne({ method: 'PATCH', url: '/api/me' }).flush({ id: BERT, username: 'bert', householdId: 'h1', locale: 'he' });
    expect(document.documentElement.dir).toBe('rtl');
    expect(text(el.querySelector('h1'))).toBe('הגדרות');
    const note = text(el.querySelector('[data-testid="settings-funnel-Groceries"] [data-testid="owner-note"]'));
    expect(note).toBe('משותפת על ידי \u2068anna\u2069 — רק ל־\u2068anna\u2069 מותר למחוק אותה');
    expect(el.querySelector('button[aria-label="מחיקת \u2068Hobby\u2069"]')).not.toBeNull();
    await choose('en');
    http.expectOne({ method: 'PATCH', url: '/api/me' }).flush({ id: BERT, username: 'bert', householdId: 'h1', locale: 'en' });
    expect(document.documentElement.dir).toBe('ltr');
    expect(text(el.querySelector('[data-testid="settings-funnel-Groceries"] [data-testid="owner-note"]'))).toBe('Shared by anna — only anna can delete it');
  });
});
