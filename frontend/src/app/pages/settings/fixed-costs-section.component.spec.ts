import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FixedCostDto, FunnelDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { FixedCostsSectionComponent } from './fixed-costs-section.component';

const funnel = (id: string, name: string, emoji: string): FunnelDto => ({
  id, name, emoji, color: '#ffa500', limit: 600, shared: true, rollover: false, ownerId: 'anna', spendingCount: 0, createdAt: '2026-04-01T00:00:00.000Z',
});
const FUNNELS = [funnel('f-home', 'Home', '🏠'), funnel('f-fun', 'Fun', '🎬')];
const RENT: FixedCostDto = {
  id: 'fc-rent', funnelId: 'f-home', amount: 1000, note: 'Rent', every: 'month', day: 1, weekday: null, month: null,
  startsOn: '2026-04-01', endsOn: null, nextDueOn: '2026-05-01', skipped: [], createdBy: { id: 'anna', username: 'anna' },
  createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z',
};
const STREAMING: FixedCostDto = {
  ...RENT, id: 'fc-stream', funnelId: 'f-fun', amount: 12.99, note: 'Streaming', every: 'week', day: null, weekday: 5, nextDueOn: '2026-04-24',
  endsOn: '2026-12-31', createdBy: { id: 'bert', username: 'bert' },
};
const FEES: FixedCostDto = { ...RENT, id: 'fc-fees', note: null, amount: 250, every: 'year', day: 1, month: 9, nextDueOn: '2026-09-01' };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null | undefined) => el?.textContent?.replace(/[\s\u202f]+/g, ' ').trim() ?? '';

describe('Settings → Fixed costs', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<FixedCostsSectionComponent>;
  let el: HTMLElement;
  const dialog = HTMLDialogElement.prototype as { showModal?: () => void; close?: () => void };
  const jsdomDialog = { showModal: dialog.showModal, close: dialog.close };

  beforeEach(async () => {
    await loadAreas('settings');
    dialog.showModal ??= function (this: HTMLDialogElement) { this.open = true; };
    dialog.close ??= function (this: HTMLDialogElement) { this.open = false; this.dispatchEvent(new Event('close')); };
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-04-21T10:00:00.000Z') });
    localStorage.clear();
    const payload = btoa(JSON.stringify({ sub: 'anna', typ: 'access' })).replace(/=+$/, '');
    localStorage.setItem('stracker.tokens', JSON.stringify({ accessToken: `h.${payload}.s`, refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-01T00:00:00Z' }));
    TestBed.configureTestingModule({ imports: [FixedCostsSectionComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    vi.useRealTimers();
    localStorage.clear();
    if (!jsdomDialog.showModal) delete dialog.showModal;
    if (!jsdomDialog.close) delete dialog.close;
  });

  async function update(): Promise<void> {
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable(); // ngModel writes the form's values after the first pass
    fixture.detectChanges();
  }

  async function render(list: FixedCostDto[] = [RENT, STREAMING, FEES]): Promise<void> {
    fixture = TestBed.createComponent(FixedCostsSectionComponent);
    fixture.componentRef.setInput('funnels', FUNNELS);
    fixture.componentRef.setInput('currency', 'EUR');
    fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
    fixture.detectChanges();
    el = fixture.nativeElement;
    expect(el.querySelectorAll('.skeleton')).toHaveLength(2);
    http.expectOne({ method: 'GET', url: '/api/fixed-costs' }).flush(list);
    await update();
  }

  const button = (label: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-label') === label || text(b) === label);
  const field = <T extends HTMLInputElement | HTMLSelectElement>(id: string) => el.querySelector<T>(`#${id}`)!;
  function set(id: string, value: string): void {
    const input = field(id);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  }
  /** Picks the option with this text (options bound with ngValue have internal values). */
  function choose(id: string, label: string): void {
    const select = field<HTMLSelectElement>(id);
    const option = [...select.options].find((o) => text(o) === label);
    if (!option) throw new Error(`#${id} has no option ${label}: ${[...select.options].map((o) => text(o)).join(', ')}`);
    select.value = option.value;
    select.dispatchEvent(new Event('change'));
  }
  const rows = () => [...el.querySelectorAll('.fixed-row')];

  it('lists each with its amount, schedule in words, next due date and who added it', async () => {
    await render();
    expect(rows()).toHaveLength(3);
    const rent = el.querySelector('[data-testid="fixed-cost-Rent"]')!;
    expect(text(rent.querySelector('.line1'))).toBe('Rent €1,000.00');
    expect(text(rent.querySelector('[data-testid="fixed-schedule"]'))).toBe('Monthly on the 1st · from Home');
    expect(text(rent.querySelector('[data-testid="fixed-next"]'))).toBe('Next: Fri, May 1 · added by anna');
    const streaming = el.querySelector('[data-testid="fixed-cost-Streaming"]')!;
    expect(text(streaming.querySelector('[data-testid="fixed-schedule"]'))).toBe('Every Friday · from Fun');
    expect(text(streaming.querySelector('[data-testid="fixed-next"]'))).toBe('Next: Fri, Apr 24 · until Thu, Dec 31 · added by bert');
    const fees = el.querySelector('[data-testid="fixed-cost-Fixed cost"]')!;
    expect(text(fees.querySelector('[data-testid="fixed-schedule"]'))).toMatch(/^Yearly on (September 1|1 September) · from Home$/);
    expect(button('Skip Rent on Fri, May 1')).toBeTruthy();
    expect(button('Edit Rent')).toBeTruthy();
    expect(button('Delete Rent')).toBeTruthy();
  });

  it("shows one funnel's fixed costs, and says when it has none", async () => {
    await render([RENT, FEES]);
    set('fixed-filter', 'f-fun');
    await update();
    expect(rows()).toHaveLength(0);
    expect(text(el.querySelector('.empty'))).toBe('No fixed costs in Fun yet.');
    set('fixed-filter', 'f-home');
    await update();
    expect(rows().map((r) => r.getAttribute('aria-label'))).toEqual(['Rent', 'Fixed cost']);
    fixture.componentRef.setInput('funnelId', null);
    await update();
    expect(field<HTMLSelectElement>('fixed-filter').value).toBe('');
  });

  it('adds one: every week on a weekday, for the funnel shown, from today; the list shows it at once', async () => {
    await render([RENT]);
    set('fixed-filter', 'f-fun');
    await update();
    button('Add fixed cost')!.click();
    await update();
    expect(field<HTMLSelectElement>('fc-funnel').value).toBe('f-fun');
    expect(field<HTMLInputElement>('fc-starts').value).toBe('2026-04-21');
    // Nothing is sent while the amount is missing; the field says why.
    button('Add')!.click();
    await update();
    expect(text(el.querySelector('#fc-amount-error'))).toBe('Enter an amount above 0 with at most 2 decimals, like 12.50.');
    expect(field('fc-amount').getAttribute('aria-invalid')).toBe('true');
    http.expectNone('/api/fixed-costs');

    set('fc-note', ' Streaming ');
    set('fc-amount', '12,99');
    set('fc-every', 'week');
    await update();
    choose('fc-weekday', 'Friday');
    await update();
    expect(text(el.querySelector('[data-testid="fixed-cost-summary"]'))).toContain('Every Friday. On each due date it is recorded as a spending');
    button('Add')!.click();
    await update();
    const create = http.expectOne({ method: 'POST', url: '/api/fixed-costs' });
    expect(create.request.body).toEqual({ funnelId: 'f-fun', amount: 12.99, every: 'week', weekday: 5, startsOn: '2026-04-21', note: 'Streaming' });
    create.flush(STREAMING);
    await update();
    expect(rows().map((r) => r.getAttribute('aria-label'))).toEqual(['Streaming']);
    expect(text(el.querySelector('[data-testid="fixed-status"]'))).toBe('Added Streaming. Next due Fri, Apr 24.');
    expect(el.querySelector('[data-testid="fixed-cost-form"]')).toBeNull();
  });

  it("adds a yearly one, and shows the server's refusal in the form in words", async () => {
    await render([]);
    expect(text(el.querySelector('.empty'))).toBe('No fixed costs yet.');
    button('Add fixed cost')!.click();
    await update();
    set('fc-amount', '250');
    set('fc-every', 'year');
    await update();
    choose('fc-month', 'September');
    await update();
    choose('fc-year-day', '1');
    set('fc-ends', '2026-01-01');
    button('Add')!.click();
    await update();
    expect(text(el.querySelector('#fc-ends-error'))).toBe('The end cannot be before the start.');
    set('fc-ends', '');
    button('Add')!.click();
    await update();
    const create = http.expectOne({ method: 'POST', url: '/api/fixed-costs' });
    expect(create.request.body).toEqual({ funnelId: 'f-home', amount: 250, every: 'year', day: 1, month: 9, startsOn: '2026-04-21' });
    create.flush({ statusCode: 400, error: 'Bad Request', message: ['startsOn must be a real date'] }, { status: 400, statusText: 'Bad Request' });
    await update();
    expect(text(el.querySelector('[data-testid="fixed-cost-form"] [role="alert"]'))).toBe('StartsOn must be a real date.');
  });

  it('changes one from today on, starting from what it is', async () => {
    await render();
    button('Edit Rent')!.click();
    await update();
    expect(field<HTMLInputElement>('fc-note').value).toBe('Rent');
    expect(field<HTMLInputElement>('fc-amount').value).toBe('1000');
    expect(text(el.querySelector('[data-testid="fixed-cost-summary"]'))).toContain('Monthly on the 1st');
    expect(text(el.querySelector('[data-testid="fixed-cost-summary"]'))).toContain('A change applies from today on: what it posted already stays.');
    set('fc-amount', '1100');
    choose('fc-day', 'the last day');
    await update();
    expect(text(el.querySelector('[data-testid="fixed-cost-summary"]'))).toContain('Monthly on the last day');
    button('Save')!.click();
    await update();
    const put = http.expectOne({ method: 'PUT', url: '/api/fixed-costs/fc-rent' });
    expect(put.request.body).toEqual({ funnelId: 'f-home', amount: 1100, every: 'month', day: 31, startsOn: '2026-04-01', note: 'Rent' });
    put.flush({ ...RENT, amount: 1100, day: 31, nextDueOn: '2026-04-30' });
    await update();
    expect(text(el.querySelector('[data-testid="fixed-cost-Rent"] .line1'))).toBe('Rent €1,100.00');
    expect(text(el.querySelector('[data-testid="fixed-cost-Rent"] [data-testid="fixed-schedule"]'))).toBe('Monthly on the last day · from Home');
  });

  it('skips the next due date, and takes the skip back', async () => {
    await render([RENT]);
    button('Skip Rent on Fri, May 1')!.click();
    await update();
    const skip = http.expectOne({ method: 'POST', url: '/api/fixed-costs/fc-rent/skips' });
    expect(skip.request.body).toEqual({ dueOn: '2026-05-01' });
    skip.flush({ ...RENT, nextDueOn: '2026-06-01', skipped: ['2026-05-01'] });
    await update();
    expect(text(el.querySelector('[data-testid="fixed-status"]'))).toBe('Rent is skipped on Fri, May 1: nothing is recorded that day.');
    expect(text(el.querySelector('[data-testid="fixed-next"]'))).toContain('Next: Mon, Jun 1');
    expect(text(el.querySelector('[data-testid="fixed-skipped"]'))).toBe('Skipped Fri, May 1 Undo skip');

    button('Undo the skip of Rent on Fri, May 1')!.click();
    await update();
    http.expectOne({ method: 'DELETE', url: '/api/fixed-costs/fc-rent/skips/2026-05-01' }).flush(RENT);
    await update();
    expect(el.querySelector('[data-testid="fixed-skipped"]')).toBeNull();
    expect(text(el.querySelector('[data-testid="fixed-status"]'))).toBe('Rent is due on Fri, May 1 again.');
  });

  it('deletes one after asking, and says that what it recorded stays', async () => {
    await render([RENT, STREAMING]);
    button('Delete Rent')!.click();
    await update();
    const confirm = el.querySelector<HTMLDialogElement>('dialog')!;
    expect(confirm.open).toBe(true);
    expect(text(confirm.querySelector('h2'))).toBe('Delete Rent?');
    expect(text(confirm.querySelector('[data-testid="fixed-delete-warning"]'))).toBe('Nothing more is recorded for it. The spendings it already recorded stay, as they are.');
    [...confirm.querySelectorAll('button')].find((b) => text(b) === 'Delete')!.click();
    await update();
    http.expectOne({ method: 'DELETE', url: '/api/fixed-costs/fc-rent' }).flush(null);
    await update();
    expect(rows().map((r) => r.getAttribute('aria-label'))).toEqual(['Streaming']);
    expect(text(el.querySelector('[data-testid="fixed-status"]'))).toBe('Deleted Rent. The spendings it recorded stay.');
  });

  describe('in another language', () => {
    afterEach(async () => {
      await TestBed.inject(I18n).use('en');
      localStorage.removeItem('stracker.locale');
    });

    it('speaks German: the list, the schedule in words, money and the form', async () => {
      await TestBed.inject(I18n).use('de');
      await render([RENT, FEES]);
      expect(text(el.querySelector('h2'))).toBe('Fixkosten');
      const rent = el.querySelector('[data-testid="fixed-cost-Rent"]')!;
      expect(text(rent.querySelector('.line1'))).toBe('Rent 1.000,00 €');
      expect(text(rent.querySelector('[data-testid="fixed-schedule"]'))).toBe('Monatlich am 1. · aus Home');
      expect(text(rent.querySelector('[data-testid="fixed-next"]'))).toMatch(/^Nächste: .+ · hinzugefügt von anna$/);
      expect(text(el.querySelector('[data-testid="fixed-cost-Fixkosten"] [data-testid="fixed-schedule"]'))).toBe('Jährlich am 1. September · aus Home');
      expect(button('Nächste aussetzen')).toBeTruthy();
      expect(button('Rent bearbeiten')).toBeTruthy();

      button('Fixkosten hinzufügen')!.click();
      await update();
      expect(text(el.querySelector('label[for="fc-every"]'))).toBe('Wie oft');
      expect(text(el.querySelector('#fc-day')!.querySelector('option'))).toBe('1.');
      expect(text(el.querySelector('[data-testid="fixed-cost-summary"]'))).toMatch(/^Monatlich am 21\. – an jedem Fälligkeitstag/);
      choose('fc-every', 'Jede Woche');
      await update();
      expect([...field<HTMLSelectElement>('fc-weekday').options].map((o) => text(o))).toEqual(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
      button('Hinzufügen')!.click();
      await update();
      expect(text(el.querySelector('#fc-amount-error'))).toBe('Gib einen Betrag über 0 mit höchstens 2 Nachkommastellen ein, etwa 12,50.');
    });

    it('speaks Russian and Hebrew with their own day forms', async () => {
      await TestBed.inject(I18n).use('ru');
      await render([RENT]);
      expect(text(el.querySelector('[data-testid="fixed-schedule"]'))).toBe('Ежемесячно, 1-го числа · из «Home»');
      await TestBed.inject(I18n).use('he');
      await update();
      expect(text(el.querySelector('[data-testid="fixed-schedule"]')).replace(/[\u2068\u2069]/g, '')).toBe('כל חודש ב־1 בחודש · מהקופה Home');
      expect(text(el.querySelector('h2'))).toBe('הוצאות קבועות');
    });
  });
});
