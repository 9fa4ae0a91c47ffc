import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, epochMs } from '../database/columns';

/**
 * A spending category. Personal funnels (`shared = false`) are seen by their owner only;
 * shared ones by every member of the household. A personal funnel's `householdId` follows
 * its owner from household to household.
 */
@Entity('funnels')
@Index('idx_funnels_household', ['householdId', 'position'])
export class Funnel {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'household_id', type: 'varchar', length: 36 })
  householdId: string;

  /** Who created it; for a personal funnel, the only one who sees it. */
  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'boolean', default: false })
  shared: boolean;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  emoji: string;

  /** `#rrggbb`, lower case. */
  @Column({ type: 'varchar', length: 7 })
  color: string;

  /** The limit in force now (minor units); earlier periods' limits are in `funnel_limits`. */
  @Column({ name: 'limit_minor', type: 'bigint', transformer: bigintNumber })
  limitMinor: number;

  /** Rollover in force now: each period starts with what the previous one left (earlier periods' setting is in `funnel_limits`). */
  @Column({ type: 'boolean', default: false })
  rollover: boolean;

  /** Display order; new funnels go last. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;
}
