import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Web Push: each session's push subscription (it goes with its session and its user), and the
 * once-rules of notifications (which notification went to whom, so it is never sent twice).
 */
export class Push1764700000000 implements MigrationInterface {
  name = 'Push1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'push_subscriptions',
        columns: [
          { name: 'session_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'endpoint', type: 'varchar', length: '2048' },
          { name: 'p256dh', type: 'varchar', length: '100' },
          { name: 'auth', type: 'varchar', length: '32' },
          { name: 'near_limit', type: 'boolean' },
          { name: 'member_spent', type: 'boolean' },
          { name: 'fixed_cost_due', type: 'boolean' },
          { name: 'daily_reminder', type: 'varchar', length: '5', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['session_id'], referencedTableName: 'sessions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
        indices: [
          new TableIndex({ name: 'idx_push_subscriptions_endpoint', columnNames: ['endpoint'], isUnique: true }),
          new TableIndex({ name: 'idx_push_subscriptions_user', columnNames: ['user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'push_sent',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          { name: 'about', type: 'varchar', length: '100', isPrimary: true },
          { name: 'sent_at', type: 'bigint' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
        indices: [new TableIndex({ name: 'idx_push_sent_at', columnNames: ['sent_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('push_sent');
    await q.dropTable('push_subscriptions');
  }
}
