import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { BudgetService } from '../budget/budget.service';
import { Clock } from '../common/clock';
import { Funnel } from '../funnels/funnel.entity';
import { formatLocalDate, periodAt } from '../rules/period';
import { maySee } from '../rules/visibility';
import { SpendingRecorded, SpendingsService } from '../spendings/spendings.service';
import { PushMessage, PushOutcome, PushSender } from './push-sender';
import { NotificationKind, notificationText, NotificationParams } from './push-texts';
import { LiveSubscriptions } from './live-subscriptions';
import { LiveSubscription, PushRepository } from './push.repository';

/** The shares of what a funnel has this period at which its members hear of it. */
const NEAR_LIMIT_PERCENTS = [80, 100] as const;

/**
 * Decides who hears of what, and sends it: every notification goes only to subscriptions
 * whose preferences ask for its kind, of users who may see the funnel it is about (the one
 * visibility rule), through sessions that are still active. Notifications that may go out once
 * are claimed in `push_sent` first, so restarts and several processes never repeat them (and a
 * claimed notification whose send fails is not tried again: at most once).
 *
 * Reactions to spendings run after the spending's commit (SpendingsService.onRecorded), in the
 * background: the request that recorded it never waits for a push service.
 */
@Injectable()
export class PushNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PushNotifier.name);
  private readonly pending = new Set<Promise<unknown>>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly push: PushRepository,
    private readonly subscriptions: LiveSubscriptions,
    private readonly sender: PushSender,
    private readonly spendings: SpendingsService,
    private readonly budget: BudgetService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.spendings.onRecorded((event) => {
      this.track(this.spendingRecorded(event));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    // What is under way finishes (each send has its own deadline) before the database closes.
    await this.settled();
  }

  /** Resolves once every reaction and send started so far (and whatever they started) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Runs `work` in the background, counted by `settled()`; its failure is logged, never thrown. */
  track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error(`Sending notifications failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /**
   * Sends `message` to `subscription`; a subscription its push service no longer knows (404,
   * 410) is deleted.
   */
  async deliver(subscription: Pick<LiveSubscription, 'endpoint' | 'p256dh' | 'auth'>, message: PushMessage): Promise<PushOutcome> {
    const outcome = await this.sender.send(subscription, message);
    if (outcome === 'gone') await this.push.deleteByEndpoint(subscription.endpoint);
    return outcome;
  }

  /** The text of `kind` for `subscription`'s user, in their language. */
  /** A notification for `to`, in the language they chose. */
  message<K extends NotificationKind>(to: LiveSubscription, kind: K, params: NotificationParams[K], shape: Omit<PushMessage, 'kind' | 'text'>): PushMessage {
    return { kind, text: notificationText(kind, params, to.user.locale), ...shape };
  }

  private async spendingRecorded(event: SpendingRecorded): Promise<void> {
    await Promise.all([this.nearLimit(event), event.source === 'entry' ? this.memberSpent(event) : undefined]);
  }

  /**
   * nearLimit: once the funnel's spent reaches 80 % and then 100 % of what it has this period
   * (`available`: its limit plus what rollover carried in), each member who sees it hears so once
   * per threshold and period. A spending that jumps past both says only the higher one. Judged
   * on the figures after the commit, so two spendings racing past a threshold still notify once.
   */
  private async nearLimit({ spending, funnel }: SpendingRecorded): Promise<void> {
    const now = this.clock.now();
    const recipients = (await this.subscriptions.of(funnel.householdId, 'nearLimit', now)).filter((s) => maySee(s.user, funnel));
    if (recipients.length === 0) return;
    // Figures are the same for everyone who sees the funnel: read them as the first recipient.
    const viewer = authUserOf(recipients[0]);
    const period = periodAt(now, viewer.household.periodStartDay, viewer.household.timezone);
    // A spending entered for another period does not change what this one has left.
    const at = spending.spentAt.getTime();
    if (at < period.start.getTime() || at >= period.end.getTime()) return;
    const budget = await this.budget.budget(viewer, now);
    const row = budget.funnels.find((f) => f.id === funnel.id);
    if (!row) return;
    const { available } = row;
    if (available <= 0) return; // a funnel with nothing to spend (limit 0): every spending would be "over"
    const reached = NEAR_LIMIT_PERCENTS.filter((percent) => row.spent * 100 >= available * percent);
    if (reached.length === 0) return;
    const periodKey = formatLocalDate(period.startDate);
    await Promise.all(
      recipients.map(async (subscription) => {
        const claimed: number[] = [];
        for (const percent of reached) {
          if (await this.push.claim(subscription.user.id, 'nearLimit', `${funnel.id}:${periodKey}:${percent}`, now)) claimed.push(percent);
        }
        const percent = claimed.length ? (Math.max(...claimed) as 80 | 100) : null;
        // The higher threshold was already told: a late claim of the lower one stays silent.
        if (percent === null || percent < Math.max(...reached)) return;
        await this.deliver(
          subscription,
          this.message(
            subscription,
            'nearLimit',
            { funnel: funnelLabel(funnel), percent, spent: row.spent, available, currency: budget.currency },
            { url: '/', tag: `near-limit:${funnel.id}`, ttlSeconds: 24 * 3600, urgency: 'normal' },
          ),
        );
      }),
    );
  }

  /** memberSpent: another member's entry in a shared funnel, to everyone else who sees it (never to its author, never for a fixed cost's posting). */
  private async memberSpent({ spending, funnel, author }: SpendingRecorded): Promise<void> {
    if (!funnel.shared) return;
    const now = this.clock.now();
    const recipients = (await this.subscriptions.of(funnel.householdId, 'memberSpent', now)).filter(
      (s) => s.user.id !== author.id && maySee(s.user, funnel),
    );
    await Promise.all(
      recipients.map((subscription) =>
        this.deliver(
          subscription,
          this.message(
            subscription,
            'memberSpent',
            { member: author.username, funnel: funnelLabel(funnel), amount: spending.amount, currency: subscription.household.currency },
            { url: '/', tag: `member-spent:${spending.id}`, ttlSeconds: 12 * 3600, urgency: 'low' },
          ),
        ),
      ),
    );
  }
}

/** The subscription's user as a signed-in caller of its session (for services that answer "as this user"). */
export function authUserOf(subscription: LiveSubscription): AuthUser {
  return { ...subscription.user, household: subscription.household, sessionId: subscription.sessionId };
}

export function funnelLabel(funnel: Pick<Funnel, 'emoji' | 'name'>): string {
  return `${funnel.emoji} ${funnel.name}`;
}
