import { Clock } from '../../src/common/clock';

/** A clock that stands still until told to move: tests never sleep. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-10T09:00:10Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
