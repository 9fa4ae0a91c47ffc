import { MigrationInterface, QueryRunner } from 'typeorm';

/** The language a user chose (en, de, ru, he), for what the server writes to them; null: not chosen (English). */
export class UserLocale1764800000000 implements MigrationInterface {
  name = 'UserLocale1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN locale varchar(8) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN locale');
  }
}
