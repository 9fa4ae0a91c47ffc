import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });

/** Households, users and everything sign-in needs. Written with the portable Table API. */
export class InitAuth1764000000000 implements MigrationInterface {
  name = 'InitAuth1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'households',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '60' },
          { name: 'period_start_day', type: 'integer', default: 1 },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'currency', type: 'varchar', length: '3' },
          instant('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'username', type: 'varchar', length: '32' },
          { name: 'username_key', type: 'varchar', length: '32', isUnique: true },
          { name: 'household_id', type: 'varchar', length: '36' },
          { name: 'totp_secret_sealed', type: 'varchar', length: '255' },
          { name: 'last_totp_step', type: 'bigint', isNullable: true },
          instant('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['household_id'], referencedTableName: 'households', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
        indices: [new TableIndex({ name: 'idx_users_household', columnNames: ['household_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'household_invites',
        columns: [
          id,
          { name: 'code_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'household_id', type: 'varchar', length: '36' },
          { name: 'created_by', type: 'varchar', length: '36' },
          instant('created_at'),
          instant('expires_at'),
          instant('used_at', true),
          { name: 'used_by', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['household_id'], referencedTableName: 'households', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['created_by'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id,
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'refresh_hash', type: 'varchar', length: '64' },
          { name: 'previous_refresh_hash', type: 'varchar', length: '64', isNullable: true },
          instant('rotated_at', true),
          instant('refresh_expires_at'),
          instant('started_at'),
          instant('last_seen_at'),
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
          instant('ended_at', true),
          { name: 'end_reason', type: 'varchar', length: '20', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [new TableIndex({ name: 'idx_sessions_user', columnNames: ['user_id', 'ended_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recovery_codes',
        columns: [
          id,
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'code_hash', type: 'varchar', length: '64' },
          instant('used_at', true),
          instant('created_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [new TableIndex({ name: 'idx_recovery_codes_user_hash', columnNames: ['user_id', 'code_hash'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'enrolments',
        columns: [
          id,
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'username', type: 'varchar', length: '32', isNullable: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'invite_code', type: 'varchar', length: '64', isNullable: true },
          { name: 'totp_secret_sealed', type: 'varchar', length: '255' },
          { name: 'failed_attempts', type: 'integer', default: 0 },
          instant('expires_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [new TableIndex({ name: 'idx_enrolments_expires', columnNames: ['expires_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_failures',
        columns: [
          id,
          { name: 'username_key', type: 'varchar', length: '64' },
          { name: 'ip', type: 'varchar', length: '64' },
          instant('at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_auth_failures_username', columnNames: ['username_key', 'at'] }),
          new TableIndex({ name: 'idx_auth_failures_ip', columnNames: ['ip', 'at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          { name: 'username_key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'consecutive_failures', type: 'integer' },
          instant('last_failure_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['login_throttles', 'auth_failures', 'enrolments', 'recovery_codes', 'sessions', 'household_invites', 'users', 'households']) {
      await q.dropTable(table);
    }
  }
}
