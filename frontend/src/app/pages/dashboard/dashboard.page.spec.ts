import 'fake-indexeddb/auto';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { BudgetDto, SpendingDto, SpendingPageDto } from '../../api/models';
import { authInterceptor } from '../../core/auth.interceptor';
import { AuthService } from '../../core/auth.service';
import { I18n, loadAreas } from '../../core/i18n';
import { IdbQueueStore, OfflineQueue, QUEUE_STORE, QueuedCreate } from '../../core/offline-queue';
import { TokenStore } from '../../core/token-store';
import { EntryWaitingNote } from '../../ui/entry-waiting-note.component';
import { DashboardPage } from './dashboard.page';
import { DashboardStore, LAST_BUDGET_KEY, applyShift, completeBudget, isToday, withQueue } from './dashboard.store';

const NOW = new Date('2026-04-21T10:00:00.000Z');
const BUDGET: BudgetDto = {
  period: {
    start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z', days: 30, daysLeft: 10, startDay: 1, timezone: 'UTC',
    countedDays: 30, countedFrom: '2026-04-01T00:00:00.000Z',
  },
  currency: 'EUR',
  funnels: [
    {
      id: 'f-food', name: 'Food', emoji: '🍞', color: '#ffa500', shared: false, rollover: false, limit: 3000, carried: 0, available: 3000,
      spent: 1800, remaining: 1200, fixed: 0, upcoming: 0, fixedCosts: [], allowanceToday: 300, spentToday: 0,
    },
    {
      id: 'f-fuel', name: 'Fuel', emoji: '⛽', color: '#48d1cc', shared: true, rollover: false, limit: 200, carried: 0, available: 200,
      spent: 250, remaining: -50, fixed: 0, upcoming: 0, fixedCosts: [], allowanceToday: -110, spentToday: 0,
    },
  ],
  totals: { limit: 3200, carried: 0, available: 3200, spent: 2050, remaining: 1150, fixed: 0, upcoming: 0, allowanceToday: 190 },
};
const NOTE = 'Weekly market: bread, cheese, two kinds of apples, eggs from the farm stand, flowers for the table and a coffee on the way home again';
const spending = (id: string, funnelId: string, amount: number, spentAt: string, extra: Partial<SpendingDto> = {}): SpendingDto => ({
  id, funnelId, amount, spentAt, note: null, fixedCostId: null, createdBy: { id: 'u2', username: 'bert' }, createdAt: spentAt, updatedAt: spentAt, ...extra,
});
const PAGE: SpendingPageDto = {
  items: [
    spending('s3', 'f-food', 12.5, '2026-04-21T08:15:00.000Z', { note: NOTE, createdBy: { id: 'anna', username: 'anna' } }),
    spending('s1', 'f-fuel', 50, '2026-04-20T19:20:00.000Z'),
    spending('s0', 'f-food', 3, '2026-04-17T09:00:00.000Z', { createdBy: { id: 'anna', username: 'anna' } }),
  ],
  nextCursor: null,
};

/** A token the app can read the user from (the signature is the server's business). */
const jwt = (sub: string, n: number) => `h.${btoa(JSON.stringify({ sub, n })).replace(/=+$/, '')}.s`;
const pair = (sub: string, n = 1) => ({
  accessToken: jwt(sub, n), refreshToken: `refresh-${sub}-${n}`, accessExpiresAt: '2030-01-01T00:00:00Z', refreshExpiresAt: '2030-01-08T00:00:00Z',
});

/** Lets promise chains, IndexedDB and the HTTP calls they make run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 12; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const text = (el: Element | null | undefined) => el?.textContent?.replace(/[\s\u2009\u202f]+/g, ' ').trim() ?? '';

describe('DashboardPage', () => {
  let http: HttpTestingController;
  let navigate: ReturnType<typeof vi.fn>;

  // jsdom has no <dialog> methods: stand-ins while these tests run, removed after each (other specs run later in the same run).
  const dialog = HTMLDialogElement.prototype as { showModal?: () => void; close?: () => void };
  const jsdomDialog = { showModal: dialog.showModal, close: dialog.close };

  beforeEach(async () => {
    await loadAreas('dashboard'); // as its route does
    dialog.showModal ??= function (this: HTMLDialogElement) { this.open = true; };
    dialog.close ??= function (this: HTMLDialogElement) { this.open = false; };
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    localStorage.clear();
    sessionStorage.clear();
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    TestBed.configureTestingModule({
      imports: [DashboardPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: QUEUE_STORE, useValue: new IdbQueueStore(`dashboard-test-${Math.random()}`) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true) as unknown as ReturnType<typeof vi.fn>;
    TestBed.inject(TokenStore).set(pair('anna'), 'anna');
  });
  afterEach(async () => {
    await TestBed.inject(I18n).use('en', false);
    vi.useRealTimers();
    if (!jsdomDialog.showModal) delete dialog.showModal;
    if (!jsdomDialog.close) delete dialog.close;
    http.verify();
  });

  /** Answers the dashboard's loads (the first one, and reloads after queued spendings went out). */
  function answerLoads(budget: BudgetDto = BUDGET, page: SpendingPageDto = PAGE): void {
    http.match((r) => r.method === 'GET' && r.url === '/api/budget').forEach((r) => r.flush(budget));
    http.match((r) => r.method === 'GET' && r.url === '/api/spendings').forEach((r) => r.flush(page));
  }

  async function render(budget: BudgetDto = BUDGET, page: SpendingPageDto = PAGE): Promise<ComponentFixture<DashboardPage>> {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await settle();
    answerLoads(budget, page);
    await settle(); // the store finishes its async steps (offline queue, cache) after the answers
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  async function refresh(fixture: ComponentFixture<DashboardPage>): Promise<void> {
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function type(fixture: ComponentFixture<DashboardPage>, value: string): HTMLInputElement {
    const input = fixture.nativeElement.querySelector('[data-testid="amount"]') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    return input;
  }

  const el = (fixture: ComponentFixture<DashboardPage>, selector: string) => (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(selector);
  const postedSpending = () => http.expectOne((r) => r.method === 'POST' && r.url === '/api/spendings');

  it('draws a large household\'s first figures in steps: the funnel buttons first, the cards in the next task, every later change whole', async () => {
    const funnels = Array.from({ length: 20 }, (_, i) => ({ ...BUDGET.funnels[0], id: `f-${i}`, name: `Funnel ${i}` }));
    const items = Array.from({ length: 20 }, (_, i) => spending(`s-${i}`, `f-${i}`, 1 + i, new Date(NOW.getTime() - (i + 1) * 60_000).toISOString()));
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await settle();
    answerLoads({ ...BUDGET, funnels }, { items, nextCursor: null });
    // The answers are in. Their first task draws every funnel's button to record with, and two
    // skeleton cards hold the place of the cards (microtasks only: no task has run since).
    const buttons = () => fixture.nativeElement.querySelectorAll('.emoji-btn:not(.skeleton)').length as number;
    for (let i = 0; i < 50 && buttons() === 0; i++) {
      await Promise.resolve();
      fixture.detectChanges();
    }
    expect(buttons()).toBe(20);
    expect(fixture.nativeElement.querySelectorAll('article.funnel')).toHaveLength(0);
    expect(fixture.nativeElement.querySelectorAll('.skeleton-card')).toHaveLength(2);
    // The next tasks draw the first cards.
    for (let i = 0; i < 4 && fixture.nativeElement.querySelectorAll('article.funnel').length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
    }
    const cards = () => fixture.nativeElement.querySelectorAll('article.funnel').length as number;
    const rows = () => fixture.nativeElement.querySelectorAll('[data-testid="spending-row"]').length as number;
    expect(cards()).toBeGreaterThan(0);
    expect(cards()).toBeLessThan(20);
    expect(fixture.nativeElement.querySelectorAll('.skeleton-card')).toHaveLength(0);
    expect(text(el(fixture, '.recent'))).not.toContain('Nothing recorded yet this period');
    for (let i = 0; i < 40 && rows() < 20; i++) await refresh(fixture);
    expect(cards()).toBe(20);
    expect(rows()).toBe(20);
    // A later load (a member's spending) draws a new funnel and row at once.
    const more = [...funnels, { ...BUDGET.funnels[0], id: 'f-new', name: 'New funnel' }];
    void fixture.componentInstance['store'].load();
    await settle();
    answerLoads({ ...BUDGET, funnels: more }, { items: [spending('s-new', 'f-new', 9, NOW.toISOString()), ...items.slice(0, 19)], nextCursor: null });
    await settle();
    fixture.detectChanges();
    expect(cards()).toBe(21);
    expect(rows()).toBe(20);
  });

  it('shows skeletons until the budget arrives', () => {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelectorAll('.skeleton-card')).toHaveLength(2);
    http.match(() => true).forEach((r) => r.flush(r.request.url === '/api/budget' ? BUDGET : PAGE));
  });

  it("renders each funnel's allowance today, what remains, and a bar in its colour", async () => {
    const fixture = await render();
    const food = el(fixture, '[data-testid="funnel-Food"]');
    expect(text(food?.querySelector('.name'))).toContain('Food');
    expect(text(food?.querySelector('[data-testid="allowance"]'))).toContain('€300.00');
    expect(text(food?.querySelector('.remaining'))).toContain('€1,200.00');
    const fill = food?.querySelector<HTMLElement>('.bar-fill');
    expect(fill?.style.width).toBe('40%');
    expect(fill?.style.background).toMatch(/rgb\(255, 165, 0\)|#ffa500/);
    const fuel = el(fixture, '[data-testid="funnel-Fuel"]');
    expect(fuel?.querySelector('.allowance')?.classList).toContain('negative');
    expect(text(fuel)).toContain('shared');
  });

  it('shows the period with its days left', async () => {
    const fixture = await render();
    expect(text(el(fixture, '[data-testid="period"]'))).toBe('This period: Apr 1 – 30 · 10 days left');
  });

  it('says negative figures in words: "over by", not only in red', async () => {
    const fixture = await render();
    const fuel = el(fixture, '[data-testid="funnel-Fuel"]');
    expect(text(fuel?.querySelector('[data-testid="allowance"] .figures'))).toBe('over by €110.00');
    expect(text(fuel?.querySelector('[data-testid="allowance"] .caption'))).toBe('today · how?');
    expect(text(fuel?.querySelector('[data-testid="remaining"]'))).toBe('over by €50.00');
    expect(fuel?.querySelector('.bar')?.getAttribute('aria-label')).toBe('Over the €200.00 limit by €50.00 this period');
    expect(text(fuel)).not.toContain('-€');
  });

  it('explains a figure on a tap, in words', async () => {
    const fixture = await render();
    const figure = el(fixture, '[data-testid="funnel-Food"] button.allowance')!;
    expect(figure.getAttribute('aria-expanded')).toBe('false');
    figure.click();
    fixture.detectChanges();
    expect(figure.getAttribute('aria-expanded')).toBe('true');
    expect(text(el(fixture, '[data-testid="funnel-Food"] [data-testid="explanation"]'))).toBe(
      'Left €1,200.00 for 10 days; €300.00 today keeps every later day at €100.00. ' +
        "Today is more than a usual day's €100.00 because €200.00 was not spent on earlier days of this period.",
    );
    figure.click();
    fixture.detectChanges();
    expect(el(fixture, '[data-testid="explanation"]')).toBeNull();
  });

  it('previews every allowance struck through while an amount is typed, and only then enables the funnel buttons', async () => {
    const fixture = await render();
    const button = el(fixture, '[data-testid="spend-Food"]') as HTMLButtonElement;
    // The buttons are disabled together, by their fieldset.
    expect(button.matches(':disabled')).toBe(true);
    type(fixture, '12,5');
    const allowance = el(fixture, '[data-testid="funnel-Food"] [data-testid="allowance"]')!;
    expect(text(allowance.querySelector('s'))).toBe('€300.00');
    expect(text(allowance.querySelector('.new'))).toBe('€287.50');
    expect(button.matches(':disabled')).toBe(false);
    expect(button.getAttribute('aria-label')).toBe('Spend €12.50 on Food');
    type(fixture, '400');
    expect(text(allowance.querySelector('.new'))).toBe('over by €100.00');
    expect(text(allowance.querySelector('.caption'))).toBe('today, instead of €300.00');
  });

  it('names the maximum for too large an amount', async () => {
    const fixture = await render();
    type(fixture, '2000000000');
    expect(text(el(fixture, '[data-testid="amount-error"]'))).toBe('At most 1,000,000,000');
    expect(el(fixture, '[data-testid="spend-Food"]')!.matches(':disabled')).toBe(true);
    type(fixture, '12.345');
    expect(text(el(fixture, '[data-testid="amount-error"]'))).toBe('At most 2 decimals, like 12.50');
  });

  it('records now by default, keeps the focus in the amount field after a tap, and confirms with Undo', async () => {
    const fixture = await render();
    const input = type(fixture, '5');
    input.focus();
    const button = el(fixture, '[data-testid="spend-Food"]')!;
    // The tap does not take the focus (the phone keyboard stays up)…
    const press = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    button.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    button.click();
    await settle();
    const post = postedSpending();
    expect(post.request.body).toMatchObject({ funnelId: 'f-food', amount: 5, spentAt: NOW.toISOString() });
    post.flush(spending(post.request.body.id, 'f-food', 5, NOW.toISOString()));
    await refresh(fixture);
    answerLoads();
    await refresh(fixture);
    // …and it is back there after the spending is recorded, the field empty for the next one.
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('');
    expect(text(el(fixture, '[data-testid="entry-toast"] .toast-text'))).toBe('Recorded €5.00 on 🍞 Food.');
    expect(text(el(fixture, '[data-testid="entry-toast"] [data-testid="undo"]'))).toBe('Undo');

    el(fixture, '[data-testid="undo"]')!.click();
    await settle();
    http.expectOne((r) => r.method === 'DELETE' && r.url === `/api/spendings/${post.request.body.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await refresh(fixture);
    answerLoads();
    expect(text(el(fixture, '[data-testid="entry-toast"]'))).toBe('Taken back: the spending is deleted.');
  });

  it('dates a spending yesterday (noon, household time) with one tap, then returns to today', async () => {
    const fixture = await render();
    type(fixture, '7');
    const yesterday = el(fixture, '[data-testid="date-yesterday"]')!;
    yesterday.click();
    fixture.detectChanges();
    expect(yesterday.getAttribute('aria-pressed')).toBe('true');
    expect(el(fixture, '[data-testid="date-today"]')!.getAttribute('aria-pressed')).toBe('false');
    el(fixture, '[data-testid="spend-Food"]')!.click();
    await settle();
    const post = postedSpending();
    expect(post.request.body.spentAt).toBe('2026-04-20T12:00:00.000Z');
    post.flush(spending(post.request.body.id, 'f-food', 7, post.request.body.spentAt));
    await refresh(fixture);
    answerLoads();
    await refresh(fixture);
    expect(text(el(fixture, '[data-testid="entry-toast"]'))).toContain('Recorded €7.00 on 🍞 Food for yesterday.');
    expect(el(fixture, '[data-testid="date-today"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('dates a spending to an earlier day from the picker, within a year back and not in the future', async () => {
    const fixture = await render();
    const picker = el(fixture, '[data-testid="date-pick"]') as HTMLInputElement;
    expect(picker.min).toBe('2025-04-21');
    expect(picker.max).toBe('2026-04-21');
    picker.value = '2030-01-01';
    picker.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(el(fixture, '[data-testid="date-today"]')!.getAttribute('aria-pressed')).toBe('true');
    picker.value = '2026-04-10';
    picker.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(text(el(fixture, '.day-chip.pick'))).toBe('Fri, Apr 10');
    type(fixture, '3');
    el(fixture, '[data-testid="spend-Fuel"]')!.click();
    await settle();
    const post = postedSpending();
    expect(post.request.body.spentAt).toBe('2026-04-10T12:00:00.000Z');
    post.flush(spending(post.request.body.id, 'f-fuel', 3, post.request.body.spentAt));
    await refresh(fixture);
    answerLoads();
  });

  it('Enter never guesses a funnel: with several it moves to the funnel buttons, with one it records', async () => {
    const fixture = await render();
    const input = type(fixture, '4');
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(document.activeElement).toBe(el(fixture, '[data-testid="spend-Food"]'));
  });

  it('Enter records when there is only one funnel', async () => {
    const fixture = await render({ ...BUDGET, funnels: [BUDGET.funnels[0]] });
    const input = type(fixture, '4');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    const post = postedSpending();
    expect(post.request.body).toMatchObject({ funnelId: 'f-food', amount: 4 });
    post.flush(spending(post.request.body.id, 'f-food', 4, NOW.toISOString()));
    await refresh(fixture);
    answerLoads();
  });

  it('lists recent spendings grouped by day, two lines each: amount and funnel, then the author (shared) and the whole note', async () => {
    const fixture = await render();
    const days = [...fixture.nativeElement.querySelectorAll('.recent h3')].map((h: Element) => text(h));
    expect(days).toEqual(['Today', 'Yesterday', 'Fri, Apr 17']);
    const rows = [...fixture.nativeElement.querySelectorAll('[data-testid="spending-row"]')] as HTMLElement[];
    expect(text(rows[0].querySelector('.line1'))).toBe('Edit or delete €12.50 on Food');
    expect(text(rows[0].querySelector('.note'))).toBe(`, ${NOTE}`);
    expect(rows[0].querySelector('.who')).toBeNull(); // a personal funnel: no author
    expect(text(rows[1].querySelector('.line1'))).toBe('Edit or delete €50.00 on Fuel');
    expect(text(rows[1].querySelector('.who'))).toBe('bert'); // shared: who spent it
    expect(text(rows[1].querySelector('time'))).toBe(', 07:20 PM');
  });

  it('edits the date of a spending: the date moves, the time of day stays', async () => {
    const fixture = await render();
    const rows = fixture.nativeElement.querySelectorAll('[data-testid="spending-row"]') as NodeListOf<HTMLElement>;
    rows[0].click();
    fixture.detectChanges();
    const date = el(fixture, '[data-testid="edit-date"]') as HTMLInputElement;
    expect(date.value).toBe('2026-04-21');
    date.value = '2026-04-19';
    date.dispatchEvent(new Event('input'));
    el(fixture, 'dialog form')!.dispatchEvent(new Event('submit'));
    await settle();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/spendings/s3');
    expect(put.request.body).toMatchObject({ funnelId: 'f-food', amount: 12.5, spentAt: '2026-04-19T08:15:00.000Z', note: NOTE });
    put.flush(spending('s3', 'f-food', 12.5, '2026-04-19T08:15:00.000Z'));
    await settle();
    answerLoads();
    await refresh(fixture);
  });

  it('shows a server failure (5xx) as an error, not as "offline", and keeps a spending it could not take', async () => {
    localStorage.setItem(LAST_BUDGET_KEY, JSON.stringify({ budget: BUDGET, spendings: PAGE.items, savedAt: '2026-04-21T09:00:00.000Z' }));
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/budget').flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    http.match((r) => r.url === '/api/spendings').forEach((r) => r.flush(PAGE));
    await refresh(fixture);
    expect(el(fixture, '[data-testid="stale-notice"]')).toBeNull();
    expect(text(el(fixture, '[data-testid="server-error"]'))).toContain('Something went wrong on our side.');
    expect(text(fixture.nativeElement)).not.toContain('Offline');

    type(fixture, '9');
    el(fixture, '[data-testid="spend-Food"]')!.click();
    await settle();
    postedSpending().flush({ statusCode: 503, message: 'Unavailable' }, { status: 503, statusText: 'Service Unavailable' });
    await refresh(fixture);
    expect(text(el(fixture, '[data-testid="entry-toast"]'))).toContain('Something went wrong on our side: €9.00 on 🍞 Food is kept on this device and sent again shortly.');
    expect(TestBed.inject(OfflineQueue).items()).toEqual([expect.objectContaining({ kind: 'create', amount: 9, ownerId: 'anna' })]);
    expect(el(fixture, '[data-testid="pending-mark"]')).not.toBeNull();
  });

  it('without figures to show, a server failure says so in words', async () => {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/budget').flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });
    http.match((r) => r.url === '/api/spendings').forEach((r) => r.flush(PAGE));
    await refresh(fixture);
    expect(text(el(fixture, '[data-testid="dashboard-error"]'))).toBe('Something went wrong on our side. Please try again.');
    expect(text(fixture.nativeElement)).not.toContain('Offline');
  });

  describe('in the family\'s languages', () => {
    const plain = (value: string) => value.replace(/[\u00a0\u2009\u202f]/g, ' ');

    it('speaks German: the period, the figures in German money, the day groups and the buttons', async () => {
      await TestBed.inject(I18n).use('de', false);
      const fixture = await render();
      expect(plain(text(el(fixture, '[data-testid="period"]')))).toBe('Dieser Zeitraum: 1.–30. Apr. · noch 10 Tage');
      const food = el(fixture, '[data-testid="funnel-Food"]');
      expect(plain(text(food?.querySelector('[data-testid="allowance"] .figures')))).toBe('300,00 €');
      expect(text(food?.querySelector('[data-testid="allowance"] .caption'))).toBe('heute · wie?');
      expect(plain(text(food?.querySelector('.remaining')))).toBe('übrig 1.200,00 €');
      const fuel = el(fixture, '[data-testid="funnel-Fuel"]');
      expect(plain(text(fuel?.querySelector('[data-testid="allowance"] .figures')))).toBe('110,00 € drüber');
      expect(text(fuel?.querySelector('.tag'))).toBe('gemeinsam');
      expect([...fixture.nativeElement.querySelectorAll('h3.day')].map(text)).toEqual(['Heute', 'Gestern', 'Fr., 17. Apr.']);
      expect(text(el(fixture, '[data-testid="date-yesterday"]'))).toBe('Gestern');
      expect((el(fixture, '[data-testid="amount"]') as HTMLInputElement).placeholder).toBe('0,00');
      type(fixture, '1234567890');
      expect(text(el(fixture, '[data-testid="amount-error"]'))).toBe('Höchstens 1.000.000.000');
      type(fixture, '5');
      (el(fixture, '[data-testid="spend-Food"]') as HTMLButtonElement).click();
      await refresh(fixture);
      postedSpending().flush({ ...PAGE.items[0], id: 'new', amount: 5, note: null });
      await refresh(fixture);
      answerLoads();
      await refresh(fixture);
      expect(plain(text(el(fixture, '[data-testid="entry-toast"] .toast-text')))).toBe('Eingetragen: 5,00 € aus 🍞 Food.');
      expect(text(el(fixture, '[data-testid="undo"]'))).toBe('Rückgängig');
    });

    it('explains a figure in Russian and redraws in English at a switch, without a reload', async () => {
      await TestBed.inject(I18n).use('ru', false);
      const fixture = await render();
      el(fixture, '[data-testid="funnel-Food"] button.allowance')!.click();
      fixture.detectChanges();
      expect(plain(text(el(fixture, '[data-testid="explanation"]')))).toMatch(/^Осталось 1 200,00 € на 10 дней; если сегодня потратить 300,00 €/);
      expect(plain(text(el(fixture, '[data-testid="period"]')))).toBe('Текущий период: 1–30 апр. · осталось 10 дней');
      await TestBed.inject(I18n).use('en', false);
      await refresh(fixture);
      expect(text(el(fixture, '[data-testid="period"]'))).toBe('This period: Apr 1 – 30 · 10 days left');
      expect(text(el(fixture, '[data-testid="explanation"]'))).toMatch(/^Left €1,200.00 for 10 days;/);
    });

    it('in Hebrew the document reads right to left, and names and notes stay whole beside the figures', async () => {
      await TestBed.inject(I18n).use('he', false);
      const fixture = await render();
      expect(document.documentElement.dir).toBe('rtl');
      expect(document.documentElement.lang).toBe('he');
      expect(text(el(fixture, '#recent-title'))).toBe('הוצאות אחרונות');
      // User-typed names sit in their own direction (bdi), so "Food" never swaps places with a figure.
      expect(el(fixture, '[data-testid="funnel-Food"] .name bdi')?.textContent).toBe('Food');
      expect(fixture.nativeElement.querySelector('[data-testid="spending-row"] .note bdi')?.textContent).toBe(NOTE);
      expect(el(fixture, '[data-testid="funnel-Fuel"] .tag')?.textContent?.trim()).toBe('משותפת');
    });
  });

  describe('planned money: fixed costs and rollover', () => {
    /** Food: rollover, 200 carried in, rent of 1,000 on the 25th still to come; Fuel: rollover, the last period overspent by 50. */
    const PLANNED: BudgetDto = {
      ...BUDGET,
      funnels: [
        {
          ...BUDGET.funnels[0], rollover: true, carried: 200, available: 3200, spent: 800, remaining: 2400, fixed: 1000, upcoming: 1000,
          fixedCosts: [{ fixedCostId: 'fc-rent', dueOn: '2026-04-25', amount: 1000, note: 'Rent' }], allowanceToday: 740,
        },
        { ...BUDGET.funnels[1], rollover: true, carried: -50, available: 150, spent: 100, remaining: 50, allowanceToday: 5 },
      ],
      totals: { limit: 3200, carried: 150, available: 3350, spent: 900, remaining: 2450, fixed: 1000, upcoming: 1000, allowanceToday: 745 },
    };
    const POSTED_RENT = spending('s-rent', 'f-food', 1000, '2026-04-01T00:05:00.000Z', { fixedCostId: 'fc-old-rent', note: 'Old rent', createdBy: { id: 'anna', username: 'anna' } });

    it('shows what was carried in and the fixed costs still to come under each figure, in the household currency', async () => {
      const fixture = await render(PLANNED);
      const food = el(fixture, '[data-testid="funnel-Food"]')!;
      expect([...food.querySelectorAll('.planned li')].map(text)).toEqual(['+€200.00 carried from last period', 'Rent €1,000.00 on the 25th']);
      expect(food.querySelector('.planned')?.getAttribute('aria-label')).toBe('Planned in Food');
      const fuel = el(fixture, '[data-testid="funnel-Fuel"]')!;
      const carried = fuel.querySelector('[data-testid="carried"]')!;
      expect(text(carried)).toBe('\u2212€50.00 carried: last period was overspent');
      expect(carried.classList).toContain('negative');
      // The bar and its words count what the funnel has this period: the limit and what was carried.
      expect(food.querySelector<HTMLElement>('.bar-fill')?.style.width).toBe('75%');
      expect(food.querySelector('.bar')?.getAttribute('aria-label')).toBe('€2,400.00 of €3,200.00 left this period');
      // Without either, no lines at all.
      const plain = await render();
      expect(el(plain, '.planned')).toBeNull();
    });

    it('explains the figure with the rent set aside and the carried money', async () => {
      const fixture = await render(PLANNED);
      el(fixture, '[data-testid="funnel-Food"] button.allowance')!.click();
      fixture.detectChanges();
      expect(text(el(fixture, '[data-testid="funnel-Food"] [data-testid="explanation"]'))).toBe(
        'This period started with €200.00 carried from the last one (€3,200.00 in all). ' +
          'Left €2,400.00 for 10 days; €1,000.00 of it is set aside for Rent, still to come, and €740.00 today keeps every later day at €73.33. ' +
          "Today is more than a usual day's €73.33 because €666.67 was not spent on earlier days of this period.",
      );
    });

    it('previews a spending for a day of the last period through rollover: it takes less than its amount from today', async () => {
      const fixture = await render(PLANNED);
      const picker = el(fixture, '[data-testid="date-pick"]') as HTMLInputElement;
      picker.value = '2026-03-25';
      picker.dispatchEvent(new Event('change'));
      type(fixture, '100');
      // Food: 100 less carried in → (2300 − 1000) − 2100 × 9 / 30 = 670.
      expect(text(el(fixture, '[data-testid="funnel-Food"] [data-testid="allowance"] .new'))).toBe('€670.00');
      const plain = await render();
      const plainPicker = (plain.nativeElement as HTMLElement).querySelector<HTMLInputElement>('[data-testid="date-pick"]')!;
      plainPicker.value = '2026-03-25';
      plainPicker.dispatchEvent(new Event('change'));
      type(plain, '100');
      // Without rollover the last period is closed: today's figure stays.
      expect(text((plain.nativeElement as HTMLElement).querySelector('[data-testid="funnel-Food"] [data-testid="allowance"] .new'))).toBe('€300.00');
    });

    it('marks a spending a fixed cost recorded, which stays editable and deletable', async () => {
      // The rent of the 1st was recorded: it counts in spent and in fixed.
      const posted: BudgetDto = { ...PLANNED, funnels: [{ ...PLANNED.funnels[0], spent: 1800, remaining: 1400, fixed: 2000, allowanceToday: 40 }, PLANNED.funnels[1]] };
      const fixture = await render(posted, { items: [POSTED_RENT, ...PAGE.items], nextCursor: null });
      const page = fixture.nativeElement as HTMLElement;
      const row = [...page.querySelectorAll<HTMLElement>('[data-testid="spending-row"]')].find((r) => text(r).includes('Old rent'))!;
      expect(text(row.querySelector('[data-testid="fixed-mark"]'))).toBe('fixed cost');
      expect(page.querySelectorAll('[data-testid="fixed-mark"]')).toHaveLength(1);
      row.click();
      fixture.detectChanges();
      expect(text(el(fixture, '[data-testid="fixed-note"]'))).toBe('Recorded from a fixed cost. A change here changes this spending only; the fixed cost is in Settings.');
      const buttons = () => [...page.querySelectorAll<HTMLButtonElement>('dialog button')];
      expect(buttons().map(text)).toEqual(['Delete', 'Cancel', 'Save']);
      // Deleted (in its undo window) it comes off `fixed` too, as on the server: 1,000 more left,
      // and 300 more kept for the 9 later days → 40 + 1,000 − 300 = 740.
      buttons().find((b) => text(b) === 'Delete')!.click();
      fixture.detectChanges();
      expect(text(el(fixture, '[data-testid="funnel-Food"] [data-testid="allowance"] .figures'))).toBe('€740.00');
      fixture.debugElement.injector.get(DashboardStore).undo();
      fixture.detectChanges();
      expect(text(el(fixture, '[data-testid="funnel-Food"] [data-testid="allowance"] .figures'))).toBe('€40.00');
    });

    it('reads figures kept on the device by the app before fixed costs as having none', async () => {
      const old = {
        ...BUDGET,
        funnels: BUDGET.funnels.map(({ id, name, emoji, color, shared, limit, spent, remaining, allowanceToday, spentToday }) => ({ id, name, emoji, color, shared, limit, spent, remaining, allowanceToday, spentToday })),
        totals: { limit: 3200, spent: 2050, remaining: 1150, allowanceToday: 190 },
      } as unknown as BudgetDto;
      expect(completeBudget(old)).toEqual(BUDGET);
    });
  });

  describe('nothing typed is lost when another device signs this one out', () => {
    /** The server's answer when another device signed in meanwhile. */
    const replaced = (req: TestRequest) =>
      req.flush({ statusCode: 401, message: 'You signed in on another device', reason: 'session_replaced' }, { status: 401, statusText: 'Unauthorized' });

    async function signInAgain(username: string, n: number): Promise<void> {
      const done = TestBed.inject(AuthService).login(username, '123456');
      await settle();
      http.expectOne('/api/auth/login').flush(pair(username, n));
      await done;
      await settle();
    }

    it('keeps a spending refused with 401 for the same user, says so, and sends it exactly once after that user signs in again', async () => {
      const fixture = await render();
      type(fixture, '5');
      el(fixture, '[data-testid="date-yesterday"]')!.click();
      el(fixture, '[data-testid="spend-Food"]')!.click();
      await settle();
      const first = postedSpending();
      const { id, spentAt } = first.request.body;
      replaced(first);
      await refresh(fixture);

      expect(navigate).toHaveBeenCalledWith('/login');
      const queue = TestBed.inject(OfflineQueue);
      expect(queue.items()).toEqual([expect.objectContaining<Partial<QueuedCreate>>({ id, kind: 'create', ownerId: 'anna', amount: 5, spentAt: '2026-04-20T12:00:00.000Z' })]);
      // The sign-in page (and the dashboard) say what waits.
      const note = TestBed.createComponent(EntryWaitingNote);
      note.detectChanges();
      await settle();
      note.detectChanges();
      expect(text(note.nativeElement)).toBe('1 spending by anna waiting on this device; it will be sent when anna signs in.');
      fixture.detectChanges();
      expect(text(el(fixture, '[data-testid="waiting-for-sign-in"]'))).toContain('1 spending by anna waiting');

      await signInAgain('anna', 2);
      const resent = postedSpending();
      expect(resent.request.body).toEqual({ id, funnelId: 'f-food', amount: 5, spentAt });
      expect(resent.request.headers.get('Authorization')).toBe(`Bearer ${jwt('anna', 2)}`);
      resent.flush(spending(id, 'f-food', 5, spentAt), { status: 201, statusText: 'Created' });
      await settle();
      answerLoads();
      expect(queue.items()).toEqual([]);
      note.detectChanges();
      expect(text(note.nativeElement)).toBe('');

      // Exactly once: nothing is left to send, however often the queue runs.
      await queue.flush();
      await signInAgain('anna', 3);
      http.expectNone((r) => r.method === 'POST' && r.url === '/api/spendings');
      answerLoads();
    });

    it('keeps an edit refused with 401 and sends it after the same user signs in; another user does not send it', async () => {
      const fixture = await render();
      (fixture.nativeElement.querySelectorAll('[data-testid="spending-row"]')[2] as HTMLElement).click();
      fixture.detectChanges();
      const amount = el(fixture, '#edit-amount') as HTMLInputElement;
      amount.value = '4';
      amount.dispatchEvent(new Event('input'));
      el(fixture, 'dialog form')!.dispatchEvent(new Event('submit'));
      await settle();
      replaced(http.expectOne((r) => r.method === 'PUT' && r.url === '/api/spendings/s0'));
      await refresh(fixture);
      const queue = TestBed.inject(OfflineQueue);
      expect(queue.items()).toEqual([expect.objectContaining({ id: 's0', kind: 'update', amount: 4, ownerId: 'anna', previous: { funnelId: 'f-food', amount: 3, spentAt: '2026-04-17T09:00:00.000Z' } })]);

      await signInAgain('bert', 1); // someone else on this phone: anna's edit waits for her
      http.expectNone((r) => r.method === 'PUT');
      answerLoads();
      TestBed.inject(TokenStore).clear();
      await signInAgain('anna', 2);
      const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/spendings/s0');
      expect(put.request.body).toEqual({ funnelId: 'f-food', amount: 4, spentAt: '2026-04-17T09:00:00.000Z' });
      put.flush(spending('s0', 'f-food', 4, '2026-04-17T09:00:00.000Z'));
      await settle();
      answerLoads();
      expect(queue.items()).toEqual([]);
    });

    it('a spending typed while this device is signed out waits without a request', async () => {
      const fixture = await render();
      TestBed.inject(TokenStore).clear();
      fixture.detectChanges();
      type(fixture, '2');
      el(fixture, '[data-testid="spend-Food"]')!.click();
      await refresh(fixture);
      http.expectNone((r) => r.method === 'POST');
      expect(text(el(fixture, '[data-testid="entry-toast"]'))).toContain('Signed out: €2.00 on 🍞 Food is kept on this device and sent when you sign in.');
      expect(text(el(fixture, '[data-testid="waiting-for-sign-in"]'))).toBe('1 spending by anna waiting on this device; it will be sent when anna signs in.');
      await signInAgain('anna', 2);
      postedSpending().flush(spending('x', 'f-food', 2, NOW.toISOString()));
      await settle();
      answerLoads();
    });
  });
});

describe('dashboard figures', () => {
  it('applies a spending to one funnel and the totals, exactly', () => {
    const after = applyShift(BUDGET, 'f-food', { spent: 0.1, carried: 0, fixed: 0, spentToday: 0.1 });
    expect(after.funnels[0]).toMatchObject({ spent: 1800.1, remaining: 1199.9, allowanceToday: 299.9, spentToday: 0.1 });
    expect(after.funnels[1]).toEqual(BUDGET.funnels[1]);
    expect(after.totals).toEqual({ limit: 3200, carried: 0, available: 3200, spent: 2050.1, remaining: 1149.9, fixed: 0, upcoming: 0, allowanceToday: 189.9 });
    expect(applyShift(after, 'f-food', { spent: -0.1, carried: 0, fixed: 0, spentToday: -0.1 })).toEqual(BUDGET);
  });

  it('changes the figures of waiting spendings as the server will with fixed costs and rollover', () => {
    // Food: rollover, 200 carried in; rent 1,000 recorded on the 1st (in spent and fixed), rent 1,000 to come on the 25th.
    const food = { ...BUDGET.funnels[0], rollover: true, carried: 200, available: 3200, spent: 1800, remaining: 1400, fixed: 2000, upcoming: 1000, allowanceToday: 40 };
    const budget: BudgetDto = { ...BUDGET, funnels: [food, BUDGET.funnels[1]], totals: { ...BUDGET.totals, carried: 200, available: 3400, fixed: 2000, upcoming: 1000, remaining: 1350, allowanceToday: -130 } };
    // A delete of the recorded rent, waiting offline: spent and fixed both drop.
    const deleted = withQueue(budget, [{ kind: 'delete', funnelId: 'f-food', amount: 1000, spentAt: '2026-04-01T00:05:00.000Z', fixedCostId: 'fc-rent' }]);
    expect(deleted.funnels[0]).toMatchObject({ spent: 800, fixed: 1000, remaining: 2400, allowanceToday: 740 });
    expect(deleted.totals).toMatchObject({ spent: 1050, fixed: 1000, remaining: 2350, allowanceToday: 1350 - 1000 + 1000 - (3400 - 1000) * 9 / 30 });
    // A spending dated in the last period: only through rollover, as less carried in.
    const late = withQueue(budget, [{ kind: 'create', funnelId: 'f-food', amount: 100, spentAt: '2026-03-20T12:00:00.000Z' }]);
    expect(late.funnels[0]).toMatchObject({ carried: 100, available: 3100, spent: 1800, remaining: 1300, allowanceToday: -30 });
    expect(late.funnels[1]).toEqual(BUDGET.funnels[1]);
    expect(withQueue(budget, [{ kind: 'create', funnelId: 'f-fuel', amount: 100, spentAt: '2026-03-20T12:00:00.000Z' }])).toEqual(budget);
    // An edit of the recorded rent (to 900, waiting): it stays a fixed cost's spending.
    const edited = withQueue(budget, [
      { kind: 'update', funnelId: 'f-food', amount: 900, spentAt: '2026-04-01T00:05:00.000Z', fixedCostId: 'fc-rent', previous: { funnelId: 'f-food', amount: 1000, spentAt: '2026-04-01T00:05:00.000Z' } },
    ]);
    expect(edited.funnels[0]).toMatchObject({ spent: 1700, fixed: 1900, remaining: 1500, allowanceToday: 500 - 1300 * 9 / 30 });
  });

  it("tells today's spendings by the household time zone", () => {
    const now = new Date('2026-04-21T10:00:00Z'); // 22:00 in Auckland
    expect(isToday('2026-04-20T12:30:00Z', 'Pacific/Auckland', now)).toBe(true); // 00:30 on the 21st there
    expect(isToday('2026-04-20T11:30:00Z', 'Pacific/Auckland', now)).toBe(false);
    expect(isToday('2026-04-20T11:30:00Z', 'UTC', now)).toBe(false);
  });

  it('adds spendings waiting on the device to the figures, takes queued deletes off, applies queued edits, and ignores refused ones', () => {
    const queued = [
      { kind: 'create', funnelId: 'f-food', amount: 10, spentAt: '2026-04-21T09:00:00.000Z' },
      { kind: 'create', funnelId: 'f-food', amount: 99, spentAt: '2026-04-21T09:00:00.000Z', refusal: 'Funnel not found' },
      { kind: 'delete', funnelId: 'f-fuel', amount: 50, spentAt: '2026-04-20T09:00:00.000Z' },
      { kind: 'create', funnelId: 'f-food', amount: 5, spentAt: '2026-03-31T09:00:00.000Z' }, // previous period
    ];
    const result = withQueue(BUDGET, queued);
    expect(result.funnels[0]).toMatchObject({ spent: 1810, remaining: 1190, allowanceToday: 290 });
    expect(result.funnels[1]).toMatchObject({ spent: 200, remaining: 0, allowanceToday: -60 });
    expect(result.totals.spent).toBe(2010);

    // An edit moves 20 from Fuel to Food at 25.
    const edited = withQueue(BUDGET, [
      { kind: 'update', funnelId: 'f-food', amount: 25, spentAt: '2026-04-21T09:00:00.000Z', previous: { funnelId: 'f-fuel', amount: 20, spentAt: '2026-04-20T09:00:00.000Z' } },
    ]);
    expect(edited.funnels[0]).toMatchObject({ spent: 1825, remaining: 1175 });
    expect(edited.funnels[1]).toMatchObject({ spent: 230 });
  });
});
