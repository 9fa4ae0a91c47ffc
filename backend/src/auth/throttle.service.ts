import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, FindOptionsOrder, FindOptionsSelect, FindOptionsWhere, LessThan, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { TooManyAttemptsException } from '../common/errors';
import { Database } from '../database/database.service';
import { AuthFailure } from './auth-failure.entity';
import { LoginThrottle } from './login-throttle.entity';
import { RegistrationAttempt } from './registration-attempt.entity';

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
    @InjectRepository(AuthFailure) private readonly failures: Repository<AuthFailure>,
    @InjectRepository(LoginThrottle) private readonly throttles: Repository<LoginThrottle>,
    @InjectRepository(RegistrationAttempt) private readonly registrations: Repository<RegistrationAttempt>,
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
      MAX_REGISTRATIONS_PER_IP.map(({ windowMs, max }) => windowUntil(this.registrations, { ip }, now, windowMs, max)),
    );
    const until = Math.max(...waits);
    if (until > now) throw new TooManyAttemptsException(Math.ceil((until - now) / 1000), 'new registrations from this network');
    await this.db.transaction(async (manager) => {
      await manager.insert(RegistrationAttempt, { id: randomUUID(), ip, at: new Date(now) });
      await manager.delete(RegistrationAttempt, { ip, at: LessThan(new Date(now - DAY)) });
    });
  }

  /** A registration from `ip` became an account (inside its transaction): one start of that client no longer counts. */
  async registrationFinished(manager: EntityManager, ip: string): Promise<void> {
    const latest = await manager.findOne(RegistrationAttempt, { where: { ip }, order: { at: 'DESC' }, select: { id: true } });
    if (latest) await manager.delete(RegistrationAttempt, { id: latest.id });
  }

  /**
   * Counts a wrong code. `usernameKey` is null for codes that belong to no account yet
   * (an enrolment): those count only against the client's IP.
   */
  async recordFailure(usernameKey: string | null, ip: string): Promise<void> {
    const now = this.clock.now();
    const expired = new Date(now.getTime() - DAY);
    await this.db.transaction(async (manager) => {
      await manager.insert(AuthFailure, { id: randomUUID(), usernameKey: usernameKey ?? '', ip, at: now });
      await manager.delete(AuthFailure, { ip, at: LessThan(expired) });
      if (usernameKey === null) return;
      const throttle = await manager.findOneBy(LoginThrottle, { usernameKey });
      await manager.upsert(
        LoginThrottle,
        { usernameKey, consecutiveFailures: (throttle?.consecutiveFailures ?? 0) + 1, lastFailureAt: now },
        ['usernameKey'],
      );
      await manager.delete(AuthFailure, { usernameKey, at: LessThan(expired) });
    });
  }

  /** A correct code ends the run of consecutive failures (the daily count stays). */
  async recordSuccess(usernameKey: string): Promise<void> {
    await this.throttles.delete({ usernameKey });
  }

  /** After 5 consecutive failures: wait 1, 2, 4 … 60 minutes after the last one. */
  private async backoffUntil(usernameKey: string): Promise<number> {
    const throttle = await this.throttles.findOneBy({ usernameKey });
    if (!throttle || throttle.consecutiveFailures < FREE_CONSECUTIVE_FAILURES) return 0;
    const exponent = throttle.consecutiveFailures - FREE_CONSECUTIVE_FAILURES;
    const wait = Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** Math.min(exponent, 10));
    return throttle.lastFailureAt.getTime() + wait;
  }

  private dailyUntil(usernameKey: string, now: number): Promise<number> {
    return windowUntil(this.failures, { usernameKey }, now, DAY, MAX_FAILURES_PER_USERNAME_PER_DAY);
  }

  private ipUntil(ip: string, now: number): Promise<number> {
    return windowUntil(this.failures, { ip }, now, MINUTE, MAX_FAILURES_PER_IP_PER_MINUTE);
  }
}

/**
 * With `max` or more events (rows with an `at`) inside the sliding window, the instant at
 * which enough of them have aged out for one more; 0 when there is room now.
 */
async function windowUntil<E extends { id: string; at: Date }>(
  events: Repository<E>,
  where: FindOptionsWhere<E>,
  now: number,
  windowMs: number,
  max: number,
): Promise<number> {
  const recent = await events.find({
    where: { ...where, at: MoreThan(new Date(now - windowMs)) },
    order: { at: 'DESC' } as FindOptionsOrder<E>,
    take: max,
    select: { id: true, at: true } as FindOptionsSelect<E>,
  });
  if (recent.length < max) return 0;
  return recent[max - 1].at.getTime() + windowMs;
}

/** 429 with the whole seconds left until `until`, when that is still ahead. */
function throwIfWaiting(until: number, now: number): void {
  if (until > now) throw new TooManyAttemptsException(Math.ceil((until - now) / 1000));
}
