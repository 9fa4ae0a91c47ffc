/**
 * The wait before the next try after `failures` failed ones: `first`, doubled after every
 * further failure, never more than `max` (first 1 s, max 30 s: 1 s, 2 s, 4 s … 30 s).
 */
export function backoffMs(failures: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, failures - 1));
}

export interface Backoff {
  /** The wait after the first failure, in ms. */
  first: number;
  /** The longest wait, in ms. */
  max: number;
}

/**
 * The app's one retry loop: a single timer that runs `attempt` again later. A failed try
 * schedules the next one after a backoff that grows with every failure in a row; a
 * successful one starts the count over. `in` schedules a try at a time the caller knows
 * (the queue's next due change). A new schedule replaces the one before; `cancel` stops it.
 * The offline queue, the live event stream and the dashboard's refetch all retry through this.
 */
export class Retry {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    private readonly attempt: () => void,
    private readonly backoff: Backoff = { first: 1000, max: 30_000 },
  ) {}

  /** Whether a try is scheduled. */
  get scheduled(): boolean {
    return this.timer !== null;
  }

  /** A try failed: the next one after the backoff. Returns the wait, in ms. */
  failed(): number {
    this.failures++;
    const wait = backoffMs(this.failures, this.backoff.first, this.backoff.max);
    this.in(wait);
    return wait;
  }

  /** A try worked: nothing is scheduled, and the next failure waits `first` again. */
  succeeded(): void {
    this.failures = 0;
    this.cancel();
  }

  /** Tries again in `ms`, instead of whatever was scheduled. */
  in(ms: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.attempt();
    }, ms);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
