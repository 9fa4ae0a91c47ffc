import 'fake-indexeddb/auto';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { IdbQueueStore, QUEUE_STORE } from '../../core/offline-queue';
import { DashboardStore } from './dashboard.store';

const BUDGET = {
  period: { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z', days: 30, daysLeft: 10, startDay: 1, timezone: 'UTC', countedDays: 30, countedFrom: '2026-04-01T00:00:00.000Z' },
  currency: 'EUR',
  funnels: [],
  totals: { limit: 0, spent: 0, remaining: 0, allowanceToday: 0 },
};

describe('DashboardStore: fetching the figures again while they are old', () => {
  let http: HttpTestingController;
  let store: DashboardStore;
  const requests = () => http.match((r) => r.url === '/api/budget' || r.url === '/api/spendings');
  const answer = async (ok: boolean) => {
    const pending = requests();
    expect(pending).toHaveLength(2);
    for (const request of pending) {
      if (!ok) request.flush({ message: 'busy' }, { status: 503, statusText: 'Service Unavailable' });
      else request.flush(request.request.url === '/api/budget' ? BUDGET : { items: [], nextCursor: null });
    }
    await vi.advanceTimersByTimeAsync(0);
    TestBed.tick();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), DashboardStore, { provide: QUEUE_STORE, useValue: new IdbQueueStore(`store-test-${Math.random()}`) }],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(DashboardStore);
  });
  afterEach(() => {
    store.ngOnDestroy();
    vi.useRealTimers();
    localStorage.clear();
  });

  it('tries every 10 s while the server fails, and stops once the figures arrive', async () => {
    void store.load();
    await answer(false);
    expect(store.error()).toBe('Something went wrong on our side. Please try again.');

    await vi.advanceTimersByTimeAsync(9_999);
    expect(requests()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await answer(false); // still failing: another try in 10 s
    await vi.advanceTimersByTimeAsync(10_000);
    await answer(true);
    expect(store.error()).toBeNull();
    expect(store.budget()?.currency).toBe('EUR');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests()).toHaveLength(0); // fresh figures: no more tries
  });
});
