import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

/**
 * What the operator's command-line tool hands out: invite codes for new households (when
 * REGISTRATION=invite) and single-use links that let a user enrol a new authenticator.
 */
export class OperatorTools1764400000000 implements MigrationInterface {
  name = 'OperatorTools1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'operator_invites',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'used_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'authenticator_resets',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('authenticator_resets');
    await q.dropTable('operator_invites');
  }
}
