import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Planned money: fixed costs with the record of each due date (posted as a spending, or
 * skipped), the spending's link to the fixed cost it was posted from, and rollover per funnel,
 * effective-dated beside the limit.
 */
export class PlannedMoney1764600000000 implements MigrationInterface {
  name = 'PlannedMoney1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fixed_costs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'funnel_id', type: 'varchar', length: '36' },
          { name: 'amount_minor', type: 'bigint' },
          { name: 'note', type: 'varchar', length: '140', isNullable: true },
          { name: 'every', type: 'varchar', length: '5' },
          { name: 'day', type: 'integer', isNullable: true },
          { name: 'weekday', type: 'integer', isNullable: true },
          { name: 'month', type: 'integer', isNullable: true },
          { name: 'starts_on', type: 'varchar', length: '10' },
          { name: 'ends_on', type: 'varchar', length: '10', isNullable: true },
          // The first date this version of the schedule posts (the day it was created or last changed).
          { name: 'posts_from', type: 'varchar', length: '10' },
          // The earliest due date not yet posted or skipped; null once the schedule has ended.
          { name: 'next_due_on', type: 'varchar', length: '10', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['funnel_id'], referencedTableName: 'funnels', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['created_by'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
        indices: [
          new TableIndex({ name: 'idx_fixed_costs_funnel', columnNames: ['funnel_id'] }),
          new TableIndex({ name: 'idx_fixed_costs_next_due', columnNames: ['next_due_on'] }),
        ],
      }),
    );
    // One row per due date that was dealt with: the claim that makes posting happen exactly once.
    await q.createTable(
      new Table({
        name: 'fixed_cost_occurrences',
        columns: [
          { name: 'fixed_cost_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'due_on', type: 'varchar', length: '10', isPrimary: true },
          // The spending it became; null when the occurrence was skipped.
          { name: 'spending_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['fixed_cost_id'], referencedTableName: 'fixed_costs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    // No foreign key: a posted spending keeps its link (and counts as fixed in its period) after the fixed cost is deleted.
    // Plain ALTER TABLE on both engines: instant, where TypeORM's addColumn copies a SQLite table
    // (spendings may hold millions of rows).
    await q.query('ALTER TABLE spendings ADD COLUMN fixed_cost_id varchar(36) NULL');
    // Small: only posted fixed costs are in it (the budget sums them per funnel and period).
    await q.query('CREATE INDEX idx_spendings_fixed ON spendings (funnel_id, spent_at, amount_minor) WHERE fixed_cost_id IS NOT NULL');
    await q.query('ALTER TABLE funnels ADD COLUMN rollover boolean NOT NULL DEFAULT FALSE');
    await q.query('ALTER TABLE funnel_limits ADD COLUMN rollover boolean NOT NULL DEFAULT FALSE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('funnel_limits', 'rollover');
    await q.dropColumn('funnels', 'rollover');
    await q.query('DROP INDEX idx_spendings_fixed');
    await q.dropColumn('spendings', 'fixed_cost_id');
    await q.dropTable('fixed_cost_occurrences');
    await q.dropTable('fixed_costs');
  }
}
