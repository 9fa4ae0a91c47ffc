import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber, epochMs } from '../database/columns';

/**
 * A funnel's terms (limit and rollover) from the start of a period on. The terms of a period
 * are the newest row whose `effectiveFrom` lies before the period's end, so a change applies to
 * the current period and later ones while earlier periods keep theirs.
 */
@Entity('funnel_limits')
export class FunnelLimit {
  @PrimaryColumn({ name: 'funnel_id', type: 'varchar', length: 36 })
  funnelId: string;

  /** Start of the period in which this limit was set; the epoch for a funnel's first limit. */
  @PrimaryColumn({ name: 'effective_from', type: 'bigint', transformer: epochMs })
  effectiveFrom: Date;

  @Column({ name: 'limit_minor', type: 'bigint', transformer: bigintNumber })
  limitMinor: number;

  /** Whether the period starts with what the previous one left. */
  @Column({ type: 'boolean', default: false })
  rollover: boolean;
}
