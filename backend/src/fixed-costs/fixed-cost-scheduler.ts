import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { Database } from '../database/database.service';
import { FunnelsService } from '../funnels/funnels.service';
import { addDays, formatLocalDate, localDate, LocalDate, startOfLocalDay } from '../rules/period';
import { parseLocalDate } from '../rules/schedule';
import { SpendingsService } from '../spendings/spendings.service';
import { DueFixedCost, FixedCostsRepository } from './fixed-costs.repository';
import { nextPostable, postableDates } from './fixed-costs.service';

/** Fixed costs read per query while posting. */
const PAGE = 200;

/**
 * Turns each due date of every fixed cost into a spending, exactly once: on the due date in the
 * household's time zone, at start-up for the dates that passed while the server was down, and
 * with several processes on one PostgreSQL. Exactly once rests on a claim: the due date's row in
 * `fixed_cost_occurrences`, inserted in the same transaction as the spending, which a second
 * process (or a skip) finds taken. `nextDueOn` only tells the scheduler where to look.
 */
@Injectable()
export class FixedCostScheduler implements OnModuleDestroy {
  private readonly job = new PeriodicJob('Posting fixed costs', () => this.run(), 0, new Logger(FixedCostScheduler.name));

  constructor(
    private readonly fixedCosts: FixedCostsRepository,
    private readonly spendings: SpendingsService,
    private readonly funnels: FunnelsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Posts what is due now (catching up after downtime), then checks every `everyMs`. Started by main.ts. */
  start(everyMs = 60_000): void {
    this.job.start(everyMs);
  }

  stop(): void {
    this.job.stop();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** Posts every due date that has come, in every household; resolves with how many spendings this run posted (a call during a run gets that run's count). */
  postDue(): Promise<number> {
    return this.job.runNow();
  }

  private async run(): Promise<number> {
    const now = this.clock.now();
    // No time zone is more than a day ahead of UTC: nothing due later than that anywhere.
    const latest = formatLocalDate(addDays(localDate(now, 'UTC'), 1));
    let posted = 0;
    let after: { nextDueOn: string; id: string } | null = null;
    for (;;) {
      const page = await this.fixedCosts.dueBy(latest, after, PAGE);
      for (const cost of page) {
        const today = localDate(now, cost.timezone);
        if (cost.nextDueOn! <= formatLocalDate(today)) posted += await this.post(cost, today, now);
      }
      if (page.length < PAGE) return posted;
      const last = page[page.length - 1];
      after = { nextDueOn: last.nextDueOn!, id: last.id };
    }
  }

  /** Posts the due dates of one fixed cost up to today, and moves its next due date on: one transaction. */
  private post(due: DueFixedCost, today: LocalDate, now: Date): Promise<number> {
    return this.db.transaction(async () => {
      // As stored now: changed or deleted since the page was read, it is left for the next run.
      const cost = await this.fixedCosts.byId(due.id);
      if (!cost || cost.nextDueOn !== due.nextDueOn || cost.nextDueOn === null) return 0;
      // The funnel as its owner sees it (always visible to them).
      const funnel = await this.funnels.findVisible({ id: due.ownerId, householdId: due.householdId }, cost.funnelId);
      let posted = 0;
      for (const date of postableDates(cost, parseLocalDate(cost.nextDueOn)!, addDays(today, 1))) {
        const spendingId = randomUUID();
        if (!(await this.fixedCosts.claim(cost.id, formatLocalDate(date), spendingId, now))) continue; // posted or skipped before
        await this.spendings.recordPosted(
          {
            id: spendingId,
            funnelId: cost.funnelId,
            amountMinor: cost.amountMinor,
            spentAt: startOfLocalDay(date, due.timezone),
            note: cost.note,
            createdBy: cost.createdBy,
            createdAt: now,
            updatedAt: now,
            fixedCostId: cost.id,
          },
          funnel,
          { id: cost.createdBy, username: due.createdByName, householdId: due.householdId },
        );
        posted++;
      }
      await this.fixedCosts.advance(cost.id, cost.nextDueOn, nextPostable(cost, formatLocalDate(addDays(today, 1))));
      return posted;
    });
  }
}
