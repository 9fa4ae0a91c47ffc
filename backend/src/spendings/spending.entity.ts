import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, epochMs } from '../database/columns';

@Entity('spendings')
@Index('idx_spendings_funnel_spent_at_amount', ['funnelId', 'spentAt', 'amountMinor'])
export class Spending {
  /** May be chosen by the client (offline entry), which makes a repeated create harmless. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'funnel_id', type: 'varchar', length: 36 })
  funnelId: string;

  /** Minor units (cents), > 0. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber })
  amountMinor: number;

  @Column({ name: 'spent_at', type: 'bigint', transformer: epochMs })
  spentAt: Date;

  @Column({ type: 'varchar', length: 140, nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: Date;

  /** The fixed cost this spending was posted from, if any (kept after that fixed cost is deleted). */
  @Column({ name: 'fixed_cost_id', type: 'varchar', length: 36, nullable: true })
  fixedCostId: string | null;

  /**
   * The id another app gave the transaction this spending was imported from (an OFX FITID …),
   * unique per funnel: importing the same file again finds it and adds nothing. Set by imports only.
   */
  @Column({ name: 'external_id', type: 'varchar', length: 128, nullable: true })
  externalId?: string | null;
}
