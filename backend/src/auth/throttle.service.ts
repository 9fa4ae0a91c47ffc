import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TooManyAttemptsException } from '../common/errors';
import { Database } from '../database/database.service';
import { ThrottleRepository } from './throttle.repository';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Consecutive failures allowed before the back-off starts. */
export const FREE_CONSECUTIVE_FAILURES = 5;
export const MAX_BACKOFF_MS = 60 * MINUTE;
export const MAX_FAILURES_PER_USERNAME_PER_DAY = 20;
export const MAX_FAILURES_PER_IP_PER_MINUTE = 10;
/**
 * Registrations started per client IP and not (yet) finished: enough for a family behind one
 * router and a few usernames that were taken, too few to test many usernames for existence.
 */
export const MAX_REGISTRATIONS_PER_IP = [
  { windowMs: MINUTE, max: 10 },
  { windowMs: 60 * MINUTE, max: 60 },
] as const;

/**
 * Throttles wrong sign-in codes, counted in the database so a restart forgives nothing.
 * Keys are lower-cased usernames whether or not the account exists, so the answers give
 * away nothing about which usernames are real.
 */
@Injectable()
export class ThrottleService {
  constructor(
    private readonly counts: ThrottleRepository,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Throws 429 (with Retry-After) when this username or this client must wait. */
  async assertAllowed(usernameKey: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const waits = await Promise.all([this.backoffUntil(usernameKey), this.dailyUntil(usernameKey, now), this.ipUntil(ip, now)]);
    throwIfWaiting(Math.max(...waits), now);
  }

  /** Throws 429 when this client has had too many wrong codes across all usernames. */
  async assertIpAllowed(ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    throwIfWaiting(await this.ipUntil(ip, now), now);
  }

  /**
   * Counts a registration started from `ip`, or throws 429 (with Retry-After) when this client
   * has started too many lately. Every start counts, whatever its answer, so the
   * "username is taken" answer cannot be asked for freely; only a start that became an
   * account stops counting (`registrationFinished`), so a family signing up together behind
   * one router is never held back.
   */
  async countRegistration(ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    const waits = await Promise.all(
      MAX_REGISTRATIONS_PER_IP.map(({ windowMs, max }) => windowUntil((since) => this.counts.recentRegistrations(ip, since, max), now, windowMs, max)),
    );
    const until = Math.max(...waits);
    if (until > now) throw new TooManyAttemptsException(Math.ceil((until - now) / 1000), 'registrations');
    await this.db.transaction(() => this.counts.addRegistration({ id: randomUUID(), ip, at: new Date(now) }, new Date(now - DAY)));
  }

  /** A registration from `ip` became an account (inside its transaction): one start of that client no longer counts. */
  registrationFinished(ip: string): Promise<void> {
    return this.counts.dropNewestRegistration(ip);
  }

  /**
   * Counts a wrong code. `usernameKey` is null for codes that belong to no account yet
   * (an enrolment): those count only against the client's IP.
   */
  async recordFailure(usernameKey: string | null, ip: string): Promise<void> {
    const now = this.clock.now();
    const expired = new Date(now.getTime() - DAY);
    await this.db.transaction(async () => {
      await this.counts.addFailure({ id: randomUUID(), usernameKey: usernameKey ?? '', ip, at: now }, expired);
      if (usernameKey === null) return;
      const throttle = await this.counts.consecutive(usernameKey);
      await this.counts.setConsecutive({ usernameKey, consecutiveFailures: (throttle?.consecutiveFailures ?? 0) + 1, lastFailureAt: now });
      await this.counts.forgetFailuresOf(usernameKey, expired);
    });
  }

  /** A correct code ends the run of consecutive failures (the daily count stays). */
  async recordSuccess(usernameKey: string): Promise<void> {
    await this.counts.clearConsecutive(usernameKey);
  }

  /** After 5 consecutive failures: wait 1, 2, 4 … 60 minutes after the last one. */
  private async backoffUntil(usernameKey: string): Promise<number> {
    const throttle = await this.counts.consecutive(usernameKey);
    if (!throttle || throttle.consecutiveFailures < FREE_CONSECUTIVE_FAILURES) return 0;
    const exponent = throttle.consecutiveFailures - FREE_CONSECUTIVE_FAILURES;
    const wait = Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.min(exponent, 10));
    return throttle.lastFailureAt.getTime() + wait;
  }

  private dailyUntil(usernameKey: string, now: number): Promise<number> {
    return windowUntil((since) => this.counts.recentFailures({ usernameKey }, since, MAX_FAILURES_PER_USERNAME_PER_DAY), now, DAY, MAX_FAILURES_PER_USERNAME_PER_DAY);
  }

  private ipUntil(ip: string, now: number): Promise<number> {
    return windowUntil((since) => this.counts.recentFailures({ ip }, since, MAX_FAILURES_PER_IP_PER_MINUTE), now, MINUTE, MAX_FAILURES_PER_IP_PER_MINUTE);
  }
}

/**
 * With `max` or more events (rows with an `at`) inside the sliding window, the instant at
 * which enough of them have aged out for one more; 0 when there is room now.
 */
async function windowUntil(newest: (since: Date) => Promise<Date[]>, now: number, windowMs: number, max: number): Promise<number> {
  const recent = await newest(new Date(now - windowMs));
  if (recent.length < max) return 0;
  return recent[max - 1].getTime() + windowMs;
}

/** 429 with the whole seconds left until `until`, when that is still ahead. */
function throwIfWaiting(until: number, now: number): void {
  if (until > now) throw new TooManyAttemptsException(Math.ceil((until - now) / 1000));
}
