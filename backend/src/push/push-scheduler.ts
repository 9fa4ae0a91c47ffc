import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { DueOccurrence, FixedCostsService } from '../fixed-costs/fixed-costs.service';
import { addDays, formatLocalDate, localDate, startOfLocalDay } from '../rules/period';
import { maySee } from '../rules/visibility';
import { PushNotifier } from './push-notifier.service';
import { LiveSubscription, PushRepository } from './push.repository';

/** A reminder is sent within this long after its time (a server down at the time catches up), never later. */
const REMINDER_WINDOW_MINUTES = 60;
/** The day before a fixed cost is posted, its notice goes out from this local time on (not at midnight). */
const FIXED_COST_NOTICE_FROM_MINUTES = 9 * 60;
/** Once-rule rows older than this are about periods and days long past. */
const FORGET_SENT_AFTER_MS = 100 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * The notifications that come with the time of day, checked every minute: `dailyReminder` (at
 * the user's HH:MM in the household time zone, only if they entered nothing that day, once per
 * day) and `fixedCostDue` (the day before a fixed cost is posted, from 09:00, once per
 * occurrence). It also deletes the subscriptions of sessions that ended. Time comes from the
 * injected Clock; tests call `tick()` themselves, main.ts calls `start()`.
 */
@Injectable()
export class PushScheduler implements OnModuleDestroy {
  private readonly job = new PeriodicJob('Checking timed notifications', () => this.run(), undefined, new Logger(PushScheduler.name));
  private lastCleanup = 0;

  constructor(
    private readonly push: PushRepository,
    private readonly notifier: PushNotifier,
    private readonly fixedCosts: FixedCostsService,
    private readonly clock: Clock,
  ) {}

  /** Ticks every `everyMs` (a minute) until `stop()`; the timer never keeps the process alive. */
  start(everyMs = 60_000): void {
    this.job.start(everyMs);
  }

  stop(): void {
    this.job.stop();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** One check of everything due now; resolves when its notifications are sent. A call during a tick waits for that tick. */
  tick(): Promise<void> {
    return this.job.runNow();
  }

  private async run(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastCleanup >= DAY_MS || now.getTime() < this.lastCleanup) {
      this.lastCleanup = now.getTime();
      await this.push.forgetSentBefore(new Date(now.getTime() - FORGET_SENT_AFTER_MS));
    }
    // A session that ended (signed in elsewhere, logged out, reset) takes its subscription along.
    await this.push.deleteOfDeadSessions(now);
    const subscriptions = await this.push.liveWithTimedPrefs(now);
    const dueByHousehold = new Map<string, Promise<DueOccurrence[]>>();
    const work: Promise<unknown>[] = [];
    for (const subscription of subscriptions) {
      const { timezone } = subscription.household;
      const minutes = minutesIntoLocalDay(now, timezone);
      if (subscription.dailyReminder !== null) {
        const at = minutesOfTime(subscription.dailyReminder);
        if (minutes >= at && minutes < at + REMINDER_WINDOW_MINUTES) work.push(this.dailyReminder(subscription, now));
      }
      if (subscription.fixedCostDue && minutes >= FIXED_COST_NOTICE_FROM_MINUTES) {
        const householdId = subscription.user.householdId;
        const tomorrow = formatLocalDate(addDays(localDate(now, timezone), 1));
        if (!dueByHousehold.has(householdId)) dueByHousehold.set(householdId, this.fixedCosts.dueOn(householdId, tomorrow));
        work.push(this.fixedCostDue(subscription, tomorrow, await dueByHousehold.get(householdId)!, now));
      }
    }
    await Promise.all(work);
  }

  /** dailyReminder: only on a day the user has entered nothing yet, once that day. */
  private async dailyReminder(subscription: LiveSubscription, now: Date): Promise<void> {
    const { timezone } = subscription.household;
    const today = localDate(now, timezone);
    if (await this.push.enteredSpendingBetween(subscription.user.id, startOfLocalDay(today, timezone), now)) return;
    if (!(await this.push.claim(subscription.user.id, 'dailyReminder', formatLocalDate(today), now))) return;
    await this.notifier.deliver(subscription, this.notifier.message(subscription, 'dailyReminder', {}, { url: '/', tag: 'daily-reminder', ttlSeconds: 3 * 3600, urgency: 'normal' }));
  }

  /** fixedCostDue: each occurrence due tomorrow in a funnel the user sees (the one visibility rule), once. */
  private async fixedCostDue(subscription: LiveSubscription, dueOn: string, due: readonly DueOccurrence[], now: Date): Promise<void> {
    for (const occurrence of due) {
      if (!maySee(subscription.user, occurrence.funnel)) continue;
      if (!(await this.push.claim(subscription.user.id, 'fixedCostDue', `${occurrence.fixedCostId}:${dueOn}`, now))) continue;
      await this.notifier.deliver(
        subscription,
        this.notifier.message(
          subscription,
          'fixedCostDue',
          { funnel: occurrence.funnelName, amount: occurrence.amount, currency: subscription.household.currency, note: occurrence.note, dueOn },
          { url: '/settings', tag: `fixed-cost:${occurrence.fixedCostId}:${dueOn}`, ttlSeconds: 24 * 3600, urgency: 'normal' },
        ),
      );
    }
  }
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight on the wall clock of `timeZone` (0..1439). */
export function minutesIntoLocalDay(instant: Date, timeZone: string): number {
  let format = clockFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    clockFormatters.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/** `HH:MM` as minutes since midnight. */
export function minutesOfTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
