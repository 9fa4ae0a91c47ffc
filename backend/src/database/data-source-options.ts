import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/**
 * The data source for either engine. No entities here: each feature module registers its own
 * (TypeOrmModule.forFeature) and DatabaseModule loads them (autoLoadEntities), so this folder
 * imports no feature.
 *
 * SQLite runs with write-ahead logging (readers never block the writer), foreign keys enforced,
 * a busy timeout instead of instant SQLITE_BUSY errors, and synchronous=FULL so a committed
 * spending survives a power cut (see README, "Durability").
 *
 * PostgreSQL gets a pool of `poolSize` connections per process; a connection that cannot be made
 * within 10 s fails instead of waiting forever.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { migrations: MIGRATIONS, migrationsRun: false, synchronize: false } as const;
  if (database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      ssl: database.ssl,
      connectTimeoutMS: 10_000,
      extra: { max: database.poolSize, application_name: 'stracker' },
    };
  }
  mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = FULL');
    },
  };
}
