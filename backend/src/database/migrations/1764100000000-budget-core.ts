import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const instant = (name: string) => ({ name, type: 'bigint' });

/** Funnels with effective-dated limits, and spendings. */
export class BudgetCore1764100000000 implements MigrationInterface {
  name = 'BudgetCore1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'funnels',
        columns: [
          id,
          { name: 'household_id', type: 'varchar', length: '36' },
          { name: 'owner_id', type: 'varchar', length: '36' },
          { name: 'shared', type: 'boolean', default: false },
          { name: 'name', type: 'varchar', length: '40' },
          { name: 'emoji', type: 'varchar', length: '32' },
          { name: 'color', type: 'varchar', length: '7' },
          { name: 'limit_minor', type: 'bigint' },
          { name: 'position', type: 'integer' },
          instant('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['household_id'], referencedTableName: 'households', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
          new TableForeignKey({ columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
        indices: [
          new TableIndex({ name: 'idx_funnels_household', columnNames: ['household_id', 'position'] }),
          new TableIndex({ name: 'idx_funnels_owner', columnNames: ['owner_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'funnel_limits',
        columns: [
          { name: 'funnel_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'effective_from', type: 'bigint', isPrimary: true },
          { name: 'limit_minor', type: 'bigint' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['funnel_id'], referencedTableName: 'funnels', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'spendings',
        columns: [
          id,
          { name: 'funnel_id', type: 'varchar', length: '36' },
          { name: 'amount_minor', type: 'bigint' },
          instant('spent_at'),
          { name: 'note', type: 'varchar', length: '140', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36' },
          instant('created_at'),
          instant('updated_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['funnel_id'], referencedTableName: 'funnels', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['created_by'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
        indices: [
          new TableIndex({ name: 'idx_spendings_funnel_spent_at', columnNames: ['funnel_id', 'spent_at'] }),
          new TableIndex({ name: 'idx_spendings_created_by', columnNames: ['created_by'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['spendings', 'funnel_limits', 'funnels']) await q.dropTable(table);
  }
}
