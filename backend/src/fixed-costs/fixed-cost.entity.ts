import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, epochMs } from '../database/columns';
import type { Every } from '../rules/schedule';

/**
 * Money spoken for on a schedule (rent on the 1st, a subscription every week): each due date
 * becomes an ordinary spending of `funnelId`, exactly once. Seen and changed by whoever sees
 * the funnel. Dates are `YYYY-MM-DD` in the household's time zone.
 */
@Entity('fixed_costs')
@Index('idx_fixed_costs_funnel', ['funnelId'])
@Index('idx_fixed_costs_next_due', ['nextDueOn'])
export class FixedCost {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'funnel_id', type: 'varchar', length: 36 })
  funnelId: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber })
  amountMinor: number;

  @Column({ type: 'varchar', length: 140, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 5 })
  every: Every;

  @Column({ type: 'integer', nullable: true })
  day: number | null;

  @Column({ type: 'integer', nullable: true })
  weekday: number | null;

  @Column({ type: 'integer', nullable: true })
  month: number | null;

  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'varchar', length: 10, nullable: true })
  endsOn: string | null;

  /** The first date this version of the schedule posts: the day it was created or last changed. */
  @Column({ name: 'posts_from', type: 'varchar', length: 10 })
  postsFrom: string;

  /** The earliest due date not yet posted or skipped (what the scheduler looks for); null once ended. */
  @Column({ name: 'next_due_on', type: 'varchar', length: 10, nullable: true })
  nextDueOn: string | null;

  /** Who added it: the author of the spendings it posts. */
  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: Date;
}

/** A due date dealt with: posted as `spendingId`, or skipped (`spendingId` null). Its key makes posting exactly-once. */
@Entity('fixed_cost_occurrences')
export class FixedCostOccurrence {
  @PrimaryColumn({ name: 'fixed_cost_id', type: 'varchar', length: 36 })
  fixedCostId: string;

  @PrimaryColumn({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ name: 'spending_id', type: 'varchar', length: 36, nullable: true })
  spendingId: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;
}
