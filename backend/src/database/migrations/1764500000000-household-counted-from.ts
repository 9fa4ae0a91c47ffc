import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A household that starts in the middle of a period may count its first period from that day
 * on, with its limits prorated (chosen in the first-run setup).
 */
export class HouseholdCountedFrom1764500000000 implements MigrationInterface {
  name = 'HouseholdCountedFrom1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('households', new TableColumn({ name: 'counted_from', type: 'bigint', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('households', 'counted_from');
  }
}
