import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BudgetDto, SpendingPageDto } from '../../api/models';
import { DashboardPage } from './dashboard.page';
import { applySpending, isToday, withQueue } from './dashboard.store';

const BUDGET: BudgetDto = {
  period: { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z', days: 30, daysLeft: 10, startDay: 1, timezone: 'UTC' },
  currency: 'EUR',
  funnels: [
    { id: 'f-food', name: 'Food', emoji: '🍞', color: '#ffa500', shared: false, limit: 3000, spent: 1800, remaining: 1200, allowanceToday: 300, spentToday: 0 },
    { id: 'f-fuel', name: 'Fuel', emoji: '⛽', color: '#48d1cc', shared: true, limit: 200, spent: 250, remaining: -50, allowanceToday: -110, spentToday: 0 },
  ],
  totals: { limit: 3200, spent: 2050, remaining: 1150, allowanceToday: 190 },
};
const PAGE: SpendingPageDto = {
  items: [
    {
      id: 's1', funnelId: 'f-fuel', amount: 50, spentAt: '2026-04-21T08:00:00.000Z', note: null,
      createdBy: { id: 'u2', username: 'bert' }, createdAt: '2026-04-21T08:00:00.000Z', updatedAt: '2026-04-21T08:00:00.000Z',
    },
  ],
  nextCursor: null,
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('DashboardPage', () => {
  let http: HttpTestingController;

  async function render() {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/budget').flush(BUDGET);
    http.expectOne((r) => r.url === '/api/spendings').flush(PAGE);
    await settle(); // the store finishes its async steps (offline queue, cache) after the answers
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [DashboardPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('shows skeletons until the budget arrives', () => {
    const fixture = TestBed.createComponent(DashboardPage);
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelectorAll('.skeleton-card')).toHaveLength(2);
    http.match(() => true).forEach((r) => r.flush(r.request.url === '/api/budget' ? BUDGET : PAGE));
  });

  it("renders each funnel's allowance today, what remains, and a bar in its colour", async () => {
    const fixture = await render();
    const el: HTMLElement = fixture.nativeElement;
    const food = el.querySelector('[data-testid="funnel-Food"]');
    expect(text(food?.querySelector('.name') ?? null)).toContain('Food');
    expect(text(food?.querySelector('[data-testid="allowance"]') ?? null)).toContain('€300.00');
    expect(text(food?.querySelector('.remaining') ?? null)).toContain('€1,200.00');
    const fill = food?.querySelector<HTMLElement>('.bar-fill');
    expect(fill?.style.width).toBe('40%');
    expect(fill?.style.background).toMatch(/rgb\(255, 165, 0\)|#ffa500/);
    const fuel = el.querySelector('[data-testid="funnel-Fuel"]');
    expect(fuel?.querySelector('.allowance')?.classList).toContain('negative');
    expect(text(fuel)).toContain('shared');
    // The recent list names the author for shared funnels.
    expect(text(el.querySelector('.recent'))).toContain('bert');
  });

  it('previews every allowance struck through while an amount is typed, and only then enables the funnel buttons', async () => {
    const fixture = await render();
    const el: HTMLElement = fixture.nativeElement;
    const button = el.querySelector<HTMLButtonElement>('[data-testid="spend-Food"]')!;
    expect(button.disabled).toBe(true);
    const input = el.querySelector<HTMLInputElement>('[data-testid="amount"]')!;
    input.value = '12,5';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    fixture.detectChanges();
    const allowance = el.querySelector('[data-testid="funnel-Food"] [data-testid="allowance"]')!;
    expect(text(allowance.querySelector('s'))).toBe('€300.00');
    expect(text(allowance.querySelector('.new'))).toBe('€287.50');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-label')).toBe('Spend €12.50 on Food');
  });
});

describe('dashboard figures', () => {
  it('applies a spending to one funnel and the totals, exactly', () => {
    const after = applySpending(BUDGET, 'f-food', 0.1, true);
    expect(after.funnels[0]).toMatchObject({ spent: 1800.1, remaining: 1199.9, allowanceToday: 299.9, spentToday: 0.1 });
    expect(after.funnels[1]).toEqual(BUDGET.funnels[1]);
    expect(after.totals).toEqual({ limit: 3200, spent: 2050.1, remaining: 1149.9, allowanceToday: 189.9 });
    expect(applySpending(after, 'f-food', -0.1, true)).toEqual(BUDGET);
  });

  it("tells today's spendings by the household time zone", () => {
    const now = new Date('2026-04-21T10:00:00Z'); // 22:00 in Auckland
    expect(isToday('2026-04-20T12:30:00Z', 'Pacific/Auckland', now)).toBe(true); // 00:30 on the 21st there
    expect(isToday('2026-04-20T11:30:00Z', 'Pacific/Auckland', now)).toBe(false);
    expect(isToday('2026-04-20T11:30:00Z', 'UTC', now)).toBe(false);
  });

  it('adds spendings waiting on the device to the figures, takes queued deletes off, and ignores refused ones', () => {
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
  });
});
