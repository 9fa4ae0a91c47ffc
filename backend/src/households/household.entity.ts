import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

@Entity('households')
export class Household {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  /** Day of the month (1..28) on which a budget period starts: the household's pay day. */
  @Column({ name: 'period_start_day', type: 'integer', default: 1 })
  periodStartDay: number;

  /** IANA time zone in which periods and "today" are counted. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** ISO 4217 display currency. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;

  /**
   * Set when the household chose to count its first period from the day it started (its
   * limits prorated to the days left); null when every period counts in full.
   */
  @Column({ name: 'counted_from', type: 'bigint', nullable: true, transformer: epochMs })
  countedFrom: Date | null;
}
