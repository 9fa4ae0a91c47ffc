import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id another app gave an imported transaction (an OFX FITID, a Firefly III journal id), so a
 * file imported twice adds nothing the second time. Unique per funnel among the rows that have
 * one (a partial index: the many spendings without one cost nothing in it).
 */
export class SpendingExternalId1764900000000 implements MigrationInterface {
  name = 'SpendingExternalId1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE spendings ADD COLUMN external_id varchar(128) NULL');
    await q.query('CREATE UNIQUE INDEX idx_spendings_funnel_external_id ON spendings (funnel_id, external_id) WHERE external_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_spendings_funnel_external_id');
    await q.query('ALTER TABLE spendings DROP COLUMN external_id');
  }
}
