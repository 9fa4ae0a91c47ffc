import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseFileLock, DatabaseInUseError } from './database-lock';

/** A problem an operator can act on; the admin tool prints its message and nothing else. */
export class OperatorError extends Error {}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Every table a STracker database has; a file without them is not one. */
const REQUIRED_TABLES = ['migrations', 'households', 'users', 'funnels', 'spendings'];

/**
 * Writes a consistent copy of the live database to `target` (which must not exist yet) while
 * the API keeps running: `VACUUM INTO` reads one snapshot (WAL readers never block the writer,
 * and unlike the online backup API it never starts over when a write lands), then the copy is
 * checked with `integrity_check`. The copy is readable by its owner only.
 */
export function backupDatabase(databasePath: string, target: string): { bytes: number } {
  if (!existsSync(databasePath)) throw new OperatorError(`There is no database at ${databasePath} (has the API ever started?)`);
  if (existsSync(target)) throw new OperatorError(`${target} already exists; choose a new file name`);
  const source = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    source.prepare('VACUUM INTO ?').run(target);
  } finally {
    source.close();
  }
  try {
    assertStrackerDatabase(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
  return { bytes: statSync(target).size };
}

/**
 * Replaces the database with the copy in `source`, which is checked first (a STracker
 * database, `integrity_check` ok). Refused while an API process uses the database (it holds
 * its lock, see DatabaseFileLock). The new file takes the place of the old one in one rename,
 * owned like the old one (so the API's user can still write it), and the old write-ahead log
 * goes with the old file.
 */
export function restoreDatabase(source: string, databasePath: string): { bytes: number } {
  assertStrackerDatabase(source);
  let lock: DatabaseFileLock;
  try {
    lock = DatabaseFileLock.acquire(databasePath);
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      throw new OperatorError(`The API is running on ${databasePath}: stop it first (docker compose stop backend), then restore.`);
    }
    throw error;
  }
  const staging = join(dirname(databasePath), `.${basename(databasePath)}.restore-${randomBytes(4).toString('hex')}`);
  try {
    // A copy through SQLite itself, so what lands is exactly a checked database and nothing else.
    const from = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
    try {
      from.prepare('VACUUM INTO ?').run(staging);
    } finally {
      from.close();
    }
    const fd = openSync(staging, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (existsSync(databasePath)) {
      const { uid, gid } = statSync(databasePath);
      if (process.getuid?.() === 0) chownSync(staging, uid, gid);
    }
    for (const leftover of [`${databasePath}-wal`, `${databasePath}-shm`]) rmSync(leftover, { force: true });
    renameSync(staging, databasePath);
    return { bytes: statSync(databasePath).size };
  } finally {
    rmSync(staging, { force: true });
    lock.release();
  }
}

/** Throws an OperatorError unless `path` is an intact STracker database. */
export function assertStrackerDatabase(path: string): void {
  if (!existsSync(path)) throw new OperatorError(`${path} does not exist`);
  if (!statSync(path).isFile()) throw new OperatorError(`${path} is not a file`);
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw new OperatorError(`${path} is not a SQLite database`);
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = check.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new OperatorError(`${path} is damaged (integrity_check: ${problems.slice(0, 3).join('; ')})`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0) throw new OperatorError(`${path} is not a STracker database (no ${missing.join(', ')} table)`);
  } catch (error) {
    if (error instanceof OperatorError) throw error;
    throw new OperatorError(`${path} cannot be read as a database (${(error as Error).message})`);
  } finally {
    db.close();
  }
}
