import { Injectable } from '@nestjs/common';
import { LessThan, MoreThan } from 'typeorm';
import { Database } from '../database/database.service';
import { AuthFailure } from './auth-failure.entity';
import { LoginThrottle } from './login-throttle.entity';
import { RegistrationAttempt } from './registration-attempt.entity';

/** Every query about wrong codes and registrations counted per username and per client. */
@Injectable()
export class ThrottleRepository {
  constructor(private readonly db: Database) {}

  /** The instants of the newest `max` wrong codes of a username or an IP since `since`, newest first. */
  async recentFailures(by: { usernameKey: string } | { ip: string }, since: Date, max: number): Promise<Date[]> {
    const rows = await this.db.manager.find(AuthFailure, { where: { ...by, at: MoreThan(since) }, order: { at: 'DESC' }, take: max, select: { id: true, at: true } });
    return rows.map((r) => r.at);
  }

  /** The instants of the newest `max` registrations started from `ip` since `since`, newest first. */
  async recentRegistrations(ip: string, since: Date, max: number): Promise<Date[]> {
    const rows = await this.db.manager.find(RegistrationAttempt, { where: { ip, at: MoreThan(since) }, order: { at: 'DESC' }, take: max, select: { id: true, at: true } });
    return rows.map((r) => r.at);
  }

  /** Counts a registration started from `ip` and forgets those older than `forgetBefore`. */
  async addRegistration(attempt: RegistrationAttempt, forgetBefore: Date): Promise<void> {
    await this.db.manager.insert(RegistrationAttempt, attempt);
    await this.db.manager.delete(RegistrationAttempt, { ip: attempt.ip, at: LessThan(forgetBefore) });
  }

  /** The newest registration start of `ip` no longer counts. */
  async dropNewestRegistration(ip: string): Promise<void> {
    const latest = await this.db.manager.findOne(RegistrationAttempt, { where: { ip }, order: { at: 'DESC' }, select: { id: true } });
    if (latest) await this.db.manager.delete(RegistrationAttempt, { id: latest.id });
  }

  /** Records a wrong code and forgets this IP's ones older than `forgetBefore`. */
  async addFailure(failure: AuthFailure, forgetBefore: Date): Promise<void> {
    await this.db.manager.insert(AuthFailure, failure);
    await this.db.manager.delete(AuthFailure, { ip: failure.ip, at: LessThan(forgetBefore) });
  }

  /** Forgets a username's wrong codes older than `forgetBefore`. */
  async forgetFailuresOf(usernameKey: string, forgetBefore: Date): Promise<void> {
    await this.db.manager.delete(AuthFailure, { usernameKey, at: LessThan(forgetBefore) });
  }

  consecutive(usernameKey: string): Promise<LoginThrottle | null> {
    return this.db.manager.findOneBy(LoginThrottle, { usernameKey });
  }

  async setConsecutive(throttle: LoginThrottle): Promise<void> {
    await this.db.manager.upsert(LoginThrottle, throttle, ['usernameKey']);
  }

  async clearConsecutive(usernameKey: string): Promise<void> {
    await this.db.manager.delete(LoginThrottle, { usernameKey });
  }
}
