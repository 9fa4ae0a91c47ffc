/**
 * The one source of "now". Services take it by injection so tests can stand on any day
 * and move time forward without sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
