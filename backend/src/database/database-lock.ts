import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';

/** Thrown at start-up when another process already serves the same SQLite file. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly databasePath: string,
    readonly lockPath: string,
  ) {
    super(
      `Another STracker process is already using the database ${databasePath} (it holds ${lockPath}). ` +
        'Run one API process per SQLite file: stop the other one first. (Several API processes need PostgreSQL.)',
    );
  }
}

/** How long a start waits for a process that is just shutting down to let go. */
const WAIT_MS = 1000;

/**
 * One API process per SQLite file. Each process keeps caches that only its own writes keep
 * fresh, so a second process on the same file would serve stale sessions and figures. The
 * process holds an exclusive SQLite lock on a small file beside the database (`<db>.lock`)
 * for as long as it runs; a second process cannot get it and refuses to start. The lock is
 * the operating system's, so it dies with the process, even after kill -9: nothing stale is
 * left to clean up. Readers of the database itself (backups, `sqlite3`) are not affected.
 */
export class DatabaseFileLock implements OnApplicationShutdown {
  /** Held here too: a lock nobody refers to would be collected, closing its connection and so letting go. */
  private static readonly held = new Set<DatabaseFileLock>();

  private constructor(
    private connection: BetterSqlite3.Database | null,
    readonly lockPath: string,
  ) {}

  static acquire(databasePath: string): DatabaseFileLock {
    const lockPath = `${databasePath}.lock`;
    mkdirSync(dirname(lockPath), { recursive: true });
    const connection = new BetterSqlite3(lockPath, { timeout: WAIT_MS });
    try {
      connection.pragma('locking_mode = EXCLUSIVE');
      connection.exec('BEGIN EXCLUSIVE'); // never committed: the lock is held until release()
    } catch (error) {
      connection.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(databasePath, lockPath);
      throw error;
    }
    const lock = new DatabaseFileLock(connection, lockPath);
    DatabaseFileLock.held.add(lock);
    return lock;
  }

  release(): void {
    this.connection?.close();
    this.connection = null;
    DatabaseFileLock.held.delete(this);
  }

  onApplicationShutdown(): void {
    this.release();
  }
}
