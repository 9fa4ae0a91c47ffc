import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The budget sums a period's spendings per funnel. With the amount in the index the sum is
 * read from the index alone, without a lookup into the table for every row.
 */
export class CoveringSumsIndex1764200000000 implements MigrationInterface {
  name = 'CoveringSumsIndex1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('spendings', new TableIndex({ name: 'idx_spendings_funnel_spent_at_amount', columnNames: ['funnel_id', 'spent_at', 'amount_minor'] }));
    await queryRunner.dropIndex('spendings', 'idx_spendings_funnel_spent_at');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('spendings', new TableIndex({ name: 'idx_spendings_funnel_spent_at', columnNames: ['funnel_id', 'spent_at'] }));
    await queryRunner.dropIndex('spendings', 'idx_spendings_funnel_spent_at_amount');
  }
}
