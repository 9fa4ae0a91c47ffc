import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Change, ChangeFeed } from './change-feed';
import { ChangeRelay } from './change-relay';
import { SqliteWriter } from './sqlite-writer';

/** How long closing waits for queued writes to commit (each group is one fsync, a few ms). */
const SHUTDOWN_DRAIN_MS = 5000;

/**
 * The way to change the database, on SQLite or PostgreSQL.
 *
 * TypeORM's SQLite drivers share ONE connection and ONE query runner between every
 * request, so two overlapping `dataSource.transaction()` calls silently nest, and a
 * statement from another request can land inside (and be rolled back with) someone
 * else's transaction. On SQLite this service serialises access: a transaction holds an
 * exclusive turn on the connection from BEGIN to COMMIT, and statements issued outside it
 * wait for their turn. Starting a transaction any other way (e.g. `repository.save()` without
 * `{ transaction: false }`) is refused, so the mistake shows up in the first test run. On
 * PostgreSQL each transaction has a pooled connection of its own and they run side by side.
 *
 * Every write announces what it changed (`announce`); inside a transaction the announcement
 * waits until the transaction has committed, and is dropped if it rolls back. On PostgreSQL it
 * also goes to the other API processes (ChangeRelay): inside a transaction as a NOTIFY that
 * PostgreSQL delivers only with the commit.
 */
@Injectable()
export class Database implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(Database.name);
  private readonly owner = new AsyncLocalStorage<Turn>();
  private tail: Promise<unknown> = Promise.resolve();
  private queued: QueuedStatement[] = [];
  private readonly nativeSql = new Map<string, string>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private flushing = false;
  /** SQLite: the group commit's own thread and connection (see SqliteWriter). */
  private writer: SqliteWriter | null = null;
  /** Transactions running now (more than one at a time on PostgreSQL). */
  private activeTurns = 0;
  /** Which engine: SQLite (one shared connection) or PostgreSQL (a pool, and other processes). */
  readonly engine: 'sqlite' | 'postgres';

  constructor(
    readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
    private readonly relay: ChangeRelay,
  ) {
    this.engine = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'postgres';
  }

  /**
   * Whether other API processes may write to the same database (PostgreSQL): then what this
   * process caches can only learn of their writes through the relay, a moment after the commit,
   * and checks that must be exact at once (is this session still the active one?) ask the database.
   */
  get shared(): boolean {
    return this.engine === 'postgres';
  }

  async onModuleInit(): Promise<void> {
    if (this.dataSource.options.type === 'better-sqlite3') this.guardSharedConnection(this.dataSource.createQueryRunner());
    const applied = await this.exclusive(() => this.owned({ changes: [], committed: [], manager: null }, () => this.dataSource.runMigrations({ transaction: 'all' })));
    for (const migration of applied) this.logger.log(`Applied migration ${migration.name}`);
    // After the migrations: the writer's connection finds the schema complete.
    if (this.engine === 'sqlite') this.writer = new SqliteWriter(this.dataSource.options.database as string);
  }

  /**
   * Last, once the HTTP server has closed (Nest runs this after it, unlike onModuleDestroy):
   * a request that was being answered when the server was told to stop, a spending among
   * them, is still written and answered, and writes already queued reach the disk before the
   * writer thread goes.
   */
  async onApplicationShutdown(): Promise<void> {
    for (let waited = 0; (this.flushing || this.queued.length > 0) && waited < SHUTDOWN_DRAIN_MS; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.writer?.close();
    this.writer = null;
  }

  /**
   * Tells the change feed (caches, live event streams) what a write changed: at once when it
   * is already committed, or when the surrounding transaction commits (never, if it rolls back).
   */
  announce(change: Change): void {
    const turn = this.owner.getStore();
    if (turn) {
      turn.changes.push(change);
      return;
    }
    this.feed.publish(change);
    this.relay.send([change]);
  }

  /**
   * Runs `work` as one transaction: all of it is stored, or none of it. Every repository call
   * inside it goes through the transaction (`manager`) without being handed it; a transaction
   * started inside another is part of the outer one.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const current = this.owner.getStore();
    if (current?.manager) return work();
    if (current) return this.dataSource.transaction(() => work());
    const turn: Turn = { changes: [], committed: [], manager: null };
    const run = () =>
      this.owned(turn, () =>
        this.dataSource.transaction(async (manager) => {
          turn.manager = manager;
          const result = await work();
          // Other processes hear of it with the commit, and not at all after a rollback.
          await this.relay.sendWithin(manager, turn.changes);
          return result;
        }),
      );
    const result = await (this.engine === 'sqlite' ? this.exclusive(run) : run());
    for (const change of turn.changes) this.feed.publish(change);
    for (const then of turn.committed) then();
    return result;
  }

  /**
   * Runs `then` once what was written so far is committed: when the surrounding transaction
   * commits (never, if it rolls back), or at once outside one. For work that must not see, or
   * tell of, data that may still be undone (notifications).
   */
  afterCommit(then: () => void): void {
    const turn = this.owner.getStore();
    if (turn) turn.committed.push(then);
    else then();
  }

  /** The entity manager of the transaction this runs in, or the data source's own outside one: for repositories. */
  get manager(): EntityManager {
    return this.owner.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * A data-changing statement written with `?` placeholders, in the current transaction if
   * there is one; resolves with the number of rows it changed.
   */
  async execute(sql: string, parameters: unknown[]): Promise<number> {
    const manager = this.owner.getStore()?.manager;
    if (!manager?.queryRunner) return this.transaction(() => this.execute(sql, parameters));
    return ((await manager.queryRunner.query(this.placeholders(sql), parameters, true)) as { affected?: number }).affected ?? 0;
  }

  /**
   * Runs one data-changing statement (written with `?` placeholders) and resolves with the
   * number of rows it changed. Statements that arrive while the previous group is being
   * written share one transaction, and so one durable commit, the costly part with
   * synchronous=FULL. Every promise settles after the commit, so no answer is sent for data
   * that is not on disk yet. If anything in a group fails, the group is undone and each
   * statement runs again in its own transaction, so one bad statement never spoils another.
   */
  groupCommit(sql: string, parameters: unknown[]): Promise<number> {
    // Inside a turn, the group would wait for that turn and that turn for the group.
    if (this.owner.getStore()) return Promise.reject(new Error('groupCommit() cannot run inside Database.transaction()'));
    return new Promise<number>((resolve, reject) => {
      this.queued.push({ sql: this.placeholders(sql), parameters, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Resolves when the database takes writes right now, and rejects when it does not (a file the
   * process may not write, a full disk, a lock that is never released): for the health check.
   * On SQLite a write that changes nothing is started and rolled back, in a turn of its own.
   */
  async probeWrite(): Promise<void> {
    const sqlite = this.sqlite();
    if (!sqlite) {
      // A write in a transaction that is rolled back: a read-only server (a standby) says no.
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query('DELETE FROM migrations WHERE false');
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
      return;
    }
    await this.exclusive(async () => {
      this.prepared(sqlite, 'BEGIN IMMEDIATE').run();
      try {
        // A write statement, so a read-only file is found out, yet nothing is written.
        this.prepared(sqlite, 'DELETE FROM migrations WHERE 0').run();
      } finally {
        this.prepared(sqlite, 'ROLLBACK').run();
      }
    });
  }

  /**
   * A read written with `?` placeholders, for hot paths where building the SQL with a query
   * builder on every call costs more than running it (the statement is prepared once).
   */
  query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    const manager = this.owner.getStore()?.manager;
    if (manager) return manager.query(this.placeholders(sql), parameters);
    // On PostgreSQL straight through the pool (connection, query and release in one call):
    // TypeORM would make, connect and release a query runner around every read.
    const pool = this.pool();
    if (pool) return pool.query(this.placeholders(sql), parameters).then((result) => result.rows as T[]);
    return this.dataSource.query(this.placeholders(sql), parameters);
  }

  /**
   * Inserts many rows into `table` inside the caller's transaction, a few hundred per
   * statement. Each row is made only when its statement is built (`rows` holds functions), so
   * a large import never holds all its rows twice. Values are stored as given (epoch ms for
   * instants, minor units for money), as the columns keep them.
   */
  async insertMany(table: string, columns: readonly string[], rows: ReadonlyArray<() => unknown[]>): Promise<void> {
    const manager = this.owner.getStore()?.manager;
    if (!manager) throw new Error('insertMany() runs inside Database.transaction()');
    const perStatement = Math.max(1, Math.floor(INSERT_PARAMETERS / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
      await manager.query(this.placeholders(sql), chunk.flatMap((row) => row()));
    }
  }

  /**
   * A statement written with `?` placeholders, in the driver's own (`?` for SQLite, `$1`, `$2`… for
   * PostgreSQL). A `?` inside a quoted string or name is text, not a placeholder.
   */
  private placeholders(sql: string): string {
    let native = this.nativeSql.get(sql);
    if (native === undefined) {
      native = this.engine === 'sqlite' ? sql : numberedPlaceholders(sql, (i) => this.dataSource.driver.createParameter(`p${i}`, i));
      this.nativeSql.set(sql, native);
    }
    return native;
  }

  private async flush(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const group = this.queued;
        this.queued = [];
        try {
          if (this.writer && this.sqlite()) await this.writeThroughWriter(this.writer, group);
          else await this.writeGroup(group);
        } catch (error) {
          // Not expected (each statement settles on its own), but no caller may wait forever.
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * SQLite: the group goes to the writer thread, so the commit's wait for the disk never holds
   * up the main thread. Each statement's promise settles with its own outcome.
   */
  private async writeThroughWriter(writer: SqliteWriter, group: QueuedStatement[]): Promise<void> {
    const outcomes = await writer.write(group);
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.error) item.reject(Object.assign(new Error(outcome.error.message), { code: outcome.error.code }));
      else item.resolve(outcome?.changes ?? 0);
    });
  }

  /** The same through TypeORM, for drivers that are not synchronous. */
  private async writeGroup(group: QueuedStatement[]): Promise<void> {
    const run = (manager: EntityManager, item: QueuedStatement) =>
      manager.queryRunner!.query(item.sql, item.parameters, true).then((result: { affected?: number }) => result.affected ?? 0);
    try {
      const changed = await this.transaction(async () => {
        const manager = this.manager;
        const counts: number[] = [];
        for (const item of group) counts.push(await run(manager, item));
        return counts;
      });
      group.forEach((item, i) => item.resolve(changed[i]));
    } catch {
      for (const item of group) await this.transaction(() => run(this.manager, item)).then(item.resolve, item.reject);
    }
  }

  /** TypeORM's pool of PostgreSQL connections, if that is the driver. */
  private pool(): Pool | null {
    return this.engine === 'postgres' ? ((this.dataSource.driver as unknown as { master: Pool }).master ?? null) : null;
  }

  /** The better-sqlite3 connection TypeORM uses, if that is the driver. */
  private sqlite(): BetterSqlite3.Database | null {
    return this.dataSource.options.type === 'better-sqlite3' ? (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection : null;
  }

  private prepared(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` as the owner of the connection. The AsyncLocalStorage that marks the owner
   * is switched off again afterwards: while it is on, Node tracks every promise of every
   * request (a fifth of the time of a cached read), and it is only needed during a turn.
   */
  private async owned<T>(turn: Turn, work: () => Promise<T>): Promise<T> {
    this.activeTurns++;
    try {
      return await this.owner.run(turn, work);
    } finally {
      // Only when no other transaction still needs it (PostgreSQL runs several at a time).
      if (--this.activeTurns === 0) this.owner.disable();
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(work);
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private guardSharedConnection(runner: QueryRunner): void {
    const query = runner.query.bind(runner) as QueryRunner['query'];
    const startTransaction = runner.startTransaction.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) => {
      // The writer thread commits on a connection of its own: a transaction here takes the write
      // lock at BEGIN, not at its first write (a deferred one that read first could no longer
      // write once the writer had committed in between: SQLITE_BUSY_SNAPSHOT).
      if (args[0] === 'BEGIN TRANSACTION') args[0] = 'BEGIN IMMEDIATE TRANSACTION';
      return this.owner.getStore() ? query(...args) : this.exclusive(() => query(...args));
    }) as QueryRunner['query'];
    runner.startTransaction = (...args: Parameters<QueryRunner['startTransaction']>) => {
      if (!this.owner.getStore()) {
        return Promise.reject(new Error('Start transactions through Database.transaction(): the SQLite connection is shared'));
      }
      return startTransaction(...args);
    };
  }
}

/** `sql` with each `?` outside quotes ('…', "…") replaced by `placeholder(index)`, counting from 0. */
export function numberedPlaceholders(sql: string, placeholder: (index: number) => string): string {
  let out = '';
  let index = 0;
  let quote: string | null = null;
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else if (char === '?') {
      out += placeholder(index++);
    } else {
      out += char;
    }
  }
  return out;
}

/** Parameters per multi-row INSERT: well below every driver's limit (SQLite 32 766, PostgreSQL 65 535). */
const INSERT_PARAMETERS = 800;

interface QueuedStatement {
  sql: string;
  parameters: unknown[];
  resolve: (changed: number) => void;
  reject: (error: unknown) => void;
}

/** A turn on the connection, and the changes its transaction will announce once committed. */
interface Turn {
  readonly changes: Change[];
  /** Called once the transaction committed (see `afterCommit`). */
  readonly committed: Array<() => void>;
  /** The transaction's entity manager, once it has begun (null during migrations). */
  manager: EntityManager | null;
}
