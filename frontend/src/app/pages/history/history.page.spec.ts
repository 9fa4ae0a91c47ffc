import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FunnelDto, HistoryPeriodDto, HouseholdDto, SpendingPageDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { HistoryPage } from './history.page';
import { historyRows } from './history';

const HOUSEHOLD: HouseholdDto = { id: 'h1', name: 'Home', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'EUR', countedFrom: null, members: [] };
const FUNNELS: FunnelDto[] = [{ id: 'food', name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2000, shared: false, rollover: false, ownerId: 'u1', createdAt: '2026-03-01T00:00:00.000Z', spendingCount: 1 }];
const empty = (start: string, end: string): HistoryPeriodDto => ({ start, end, funnels: [] });
const NEW_USER: HistoryPeriodDto[] = [
  { start: '2026-11-14T23:00:00.000Z', end: '2026-12-14T23:00:00.000Z', funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 0 }] },
  empty('2026-10-14T22:00:00.000Z', '2026-11-14T23:00:00.000Z'),
  empty('2026-09-14T22:00:00.000Z', '2026-10-14T22:00:00.000Z'),
  empty('2026-08-14T22:00:00.000Z', '2026-09-14T22:00:00.000Z'),
  empty('2026-07-14T22:00:00.000Z', '2026-08-14T22:00:00.000Z'),
  empty('2026-06-14T22:00:00.000Z', '2026-07-14T22:00:00.000Z'),
];
const WITH_DATA: HistoryPeriodDto[] = [
  { ...NEW_USER[0], funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 12.5 }] },
  { ...NEW_USER[1], funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 2040 }] },
  ...NEW_USER.slice(2),
];
const SPENDINGS: SpendingPageDto = {
  items: [
    { id: 's1', funnelId: 'food', amount: 2040, spentAt: '2026-10-20T10:00:00.000Z', note: 'a very long note that is kept in full', fixedCostId: null, createdBy: { id: 'u1', username: 'mom' }, createdAt: '2026-10-20T10:00:00.000Z', updatedAt: '2026-10-20T10:00:00.000Z' },
  ],
  nextCursor: null,
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('HistoryPage', () => {
  let http: HttpTestingController;
  let scrollIntoView: typeof Element.prototype.scrollIntoView;
  let matchMedia: typeof window.matchMedia;

  beforeEach(async () => {
    await loadAreas('history', 'dashboard'); // as its route does: the spending dialog's texts are the dashboard's
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    // jsdom draws no canvas; Chart.js is told so instead of jsdom complaining.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // jsdom neither scrolls nor answers media queries; both are put back after each test.
    scrollIntoView = Element.prototype.scrollIntoView;
    matchMedia = window.matchMedia;
    Element.prototype.scrollIntoView = () => undefined;
    window.matchMedia = ((query: string) => ({ matches: false, media: query })) as unknown as typeof window.matchMedia;
  });
  afterEach(async () => {
    await TestBed.inject(I18n).use('en', false);
    vi.restoreAllMocks();
    Element.prototype.scrollIntoView = scrollIntoView;
    window.matchMedia = matchMedia;
  });

  async function render(history: HistoryPeriodDto[]) {
    const fixture = TestBed.createComponent(HistoryPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/funnels').flush(FUNNELS);
    http.expectOne('/api/household').flush(HOUSEHOLD);
    await settle();
    http.expectOne((r) => r.url === '/api/budget/history').flush(history);
    await settle();
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('greets a new household with an empty state, not six rows of nothing', async () => {
    const { el } = await render(NEW_USER);
    expect(text(el.querySelector('[data-testid="history-empty"]'))).toContain('Nothing spent yet');
    expect(el.querySelector('[data-testid="history-empty"] a')?.getAttribute('href')).toBe('/');
    expect(el.querySelectorAll('[data-testid="history-period"]')).toHaveLength(0);
    expect(el.querySelector('canvas')).toBeNull();
  });

  it('lists the periods since the history began, newest first, with what was over', async () => {
    const { el } = await render(WITH_DATA);
    const periods = [...el.querySelectorAll('[data-testid="history-period"]')].map(text);
    expect(periods).toHaveLength(2);
    const [now, before] = historyRows(WITH_DATA, null, 'Europe/Berlin').map((r) => r.label.replace(/\s+/g, ' '));
    expect(periods[0]).toBe(`${now} now Spendings €12.50 of €2,000.00`);
    expect(periods[1]).toBe(`${before} Spendings €2,040.00 of €2,000.00 · over by €40.00`);
  });

  it('shows what rollover carried into a period, and counts it in what the period had', async () => {
    const rolled: HistoryPeriodDto[] = [
      { ...NEW_USER[0], funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: -40, spent: 12.5 }] },
      { ...NEW_USER[1], funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 100, spent: 2040 }] },
      { ...NEW_USER[2], funnels: [{ id: 'food', name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 1900 }] },
      ...NEW_USER.slice(3),
    ];
    const { el } = await render(rolled);
    const periods = [...el.querySelectorAll('[data-testid="history-period"]')];
    expect(text(periods[0].querySelector('[data-testid="history-carried"]'))).toBe('−€40.00 carried: the period before was overspent');
    expect(periods[0].querySelector('[data-testid="history-carried"]')?.classList).toContain('negative');
    // 2,040 of a 2,000 limit, but with 100 carried in the period had 2,100: not over.
    expect(text(periods[1].querySelector('.figures'))).toBe('€2,040.00 of €2,000.00');
    expect(text(periods[1].querySelector('[data-testid="history-carried"]'))).toBe('+€100.00 carried from the period before');
    expect(periods[1].classList).not.toContain('over');
    expect(periods[2].querySelector('[data-testid="history-carried"]')).toBeNull();
  });

  it("opens a period's spendings under it, each one ready to edit", async () => {
    const { fixture, el } = await render(WITH_DATA);
    const toggle = el.querySelectorAll<HTMLButtonElement>('[data-testid="history-period"] button')[1];
    expect(toggle.getAttribute('aria-label')).toBe(`Spendings of ${historyRows(WITH_DATA, null, 'Europe/Berlin')[1].label}`);
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const request = http.expectOne((r) => r.url === '/api/spendings');
    expect(request.request.params.get('from')).toBe(WITH_DATA[1].start);
    expect(request.request.params.get('to')).toBe(WITH_DATA[1].end);
    request.flush(SPENDINGS);
    await settle();
    await fixture.whenStable();
    const item = el.querySelectorAll('[data-testid="history-period"]')[1].querySelector('[data-testid="period-spending"]');
    expect(text(item)).toContain('🍞 Food €2,040.00');
    expect(text(item)).toContain('a very long note that is kept in full');
    expect(text(item)).toBe(`🍞 Food €2,040.00 ${text(item!.querySelector('time'))} · mom a very long note that is kept in full (edit or delete)`);
    expect(item!.querySelector('[data-testid="fixed-mark"]')).toBeNull();
  });

  it('marks a spending a fixed cost recorded', async () => {
    const { fixture, el } = await render(WITH_DATA);
    el.querySelectorAll<HTMLButtonElement>('[data-testid="history-period"] button')[1].click();
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/spendings').flush({ ...SPENDINGS, items: [{ ...SPENDINGS.items[0], note: 'Rent', fixedCostId: 'fc-rent' }] });
    await settle();
    await fixture.whenStable();
    const item = el.querySelector('[data-testid="period-spending"]');
    expect(text(item!.querySelector('.when'))).toMatch(/· mom fixed cost$/);
    expect(text(item!.querySelector('[data-testid="fixed-mark"]'))).toBe('fixed cost');
  });

  it('speaks German: the controls, the figures and the periods as German writes them', async () => {
    await TestBed.inject(I18n).use('de', false);
    const { el } = await render(WITH_DATA);
    expect(text(el.querySelector('h1'))).toBe('Verlauf');
    expect([...el.querySelectorAll('#history-count option')].map(text)).toEqual(['Letzte 3', 'Letzte 6', 'Letzte 12', 'Letzte 24']);
    const periods = [...el.querySelectorAll('[data-testid="history-period"]')].map((p) => text(p).replace(/[\u00a0\u2009\u202f]/g, ' '));
    expect(periods[0]).toBe('15. Nov. – 14. Dez. jetzt Ausgaben 12,50 € von 2.000,00 €');
    expect(periods[1]).toBe('15. Okt. – 14. Nov. Ausgaben 2.040,00 € von 2.000,00 € · 40,00 € drüber');
  });

  it('greets a new household in Russian, and switches back without a reload', async () => {
    await TestBed.inject(I18n).use('ru', false);
    const { fixture, el } = await render(NEW_USER);
    expect(text(el.querySelector('[data-testid="history-empty"] h2'))).toBe('Пока ничего не потрачено');
    await TestBed.inject(I18n).use('en', false);
    await fixture.whenStable();
    expect(text(el.querySelector('[data-testid="history-empty"] h2'))).toBe('Nothing spent yet');
  });

  it('in Hebrew the page reads right to left, while the chart keeps its time axis left to right', async () => {
    await TestBed.inject(I18n).use('he', false);
    const { el } = await render(WITH_DATA);
    expect(document.documentElement.dir).toBe('rtl');
    expect(text(el.querySelector('h1'))).toBe('היסטוריה');
    expect(el.querySelector('.chart-box')?.getAttribute('dir')).toBe('ltr');
    expect(el.querySelector('canvas')?.getAttribute('aria-label')).toBe('תרשים של ההוצאות מול המסגרת בכל תקופה; ברשימה שמתחת אותם מספרים');
  });
});
