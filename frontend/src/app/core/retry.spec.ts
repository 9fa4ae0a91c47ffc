import { Retry, backoffMs } from './retry';

describe('backoffMs', () => {
  it('starts at the first wait, doubles with each failure, and stops growing at the most', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect([1, 2, 3, 20].map((n) => backoffMs(n, 2000, 300_000))).toEqual([2000, 4000, 8000, 300_000]);
  });

  it('gives a fixed wait when the first wait is the most', () => {
    expect([1, 5, 50].map((n) => backoffMs(n, 10_000, 10_000))).toEqual([10_000, 10_000, 10_000]);
  });
});

describe('Retry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tries again after a growing wait while tries fail, and starts over after one works', () => {
    let tries = 0;
    const retry = new Retry(() => tries++, { first: 1000, max: 4000 });
    expect(retry.failed()).toBe(1000);
    vi.advanceTimersByTime(999);
    expect(tries).toBe(0);
    vi.advanceTimersByTime(1);
    expect(tries).toBe(1);
    expect(retry.scheduled).toBe(false);

    expect(retry.failed()).toBe(2000);
    expect(retry.failed()).toBe(4000); // replaces the 2 s try: one try at a time
    expect(retry.failed()).toBe(4000);
    vi.advanceTimersByTime(4000);
    expect(tries).toBe(2);

    retry.succeeded();
    expect(retry.failed()).toBe(1000);
  });

  it('tries at a time the caller names, and never after cancel', () => {
    let tries = 0;
    const retry = new Retry(() => tries++, { first: 1000, max: 1000 });
    retry.in(5000);
    expect(retry.scheduled).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(tries).toBe(1);

    retry.in(100);
    retry.cancel();
    vi.advanceTimersByTime(10_000);
    expect(tries).toBe(1);
    expect(retry.scheduled).toBe(false);
  });

  it('cancels a scheduled try when a try works', () => {
    let tries = 0;
    const retry = new Retry(() => tries++, { first: 1000, max: 1000 });
    retry.failed();
    retry.succeeded();
    vi.advanceTimersByTime(5000);
    expect(tries).toBe(0);
  });
});
