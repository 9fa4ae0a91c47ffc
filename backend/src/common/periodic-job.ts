import { Logger } from '@nestjs/common';

/**
 * Work that runs by the clock rather than by a request: at `start()` and then every `everyMs`,
 * one run at a time in this process (a call during a run gets that run's result). A failed run
 * is logged as `what … failed` and resolves with `whenFailed`; the next check tries again. The
 * timer never keeps the process alive.
 */
export class PeriodicJob<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly what: string,
    private readonly work: () => Promise<T>,
    private readonly whenFailed: T,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number): void {
    if (this.timer) return;
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  runNow(): Promise<T> {
    this.running ??= this.work()
      .catch((error: unknown) => {
        this.logger.error(`${this.what} failed (tried again at the next check): ${error instanceof Error ? error.message : String(error)}`);
        return this.whenFailed;
      })
      .finally(() => (this.running = null));
    return this.running;
  }
}
