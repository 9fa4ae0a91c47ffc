import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/**
 * SQLite with write-ahead logging (readers never block the writer), foreign keys enforced,
 * a busy timeout instead of instant SQLITE_BUSY errors, and synchronous=FULL so a committed
 * spending survives a power cut (see README, "Durability").
 */
export function dataSourceOptions(path: string): DataSourceOptions {
  mkdirSync(dirname(path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: path,
    // No entities here: each feature module registers its own (TypeOrmModule.forFeature),
    // and DatabaseModule loads them (autoLoadEntities), so this folder imports no feature.
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = FULL');
    },
  };
}
