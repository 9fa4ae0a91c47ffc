import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Every `register/start` per client IP, kept a day: registration is throttled per IP. */
export class RegistrationAttempts1764300000000 implements MigrationInterface {
  name = 'RegistrationAttempts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'registration_attempts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'ip', type: 'varchar', length: '64' },
          { name: 'at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_registration_attempts_ip', columnNames: ['ip', 'at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('registration_attempts');
  }
}
