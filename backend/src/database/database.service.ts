import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The way to change the database.
 *
 * TypeORM's SQLite drivers share ONE connection and ONE query runner between every
 * request, so two overlapping `dataSource.transaction()` calls silently nest, and a
 * statement from another request can land inside (and be rolled back with) someone
 * else's transaction. This service serialises access: a transaction holds an exclusive
 * turn on the connection from BEGIN to COMMIT, and statements issued outside it wait for
 * their turn. Starting a transaction any other way (e.g. `repository.save()` without
 * `{ transaction: false }`) is refused, so the mistake shows up in the first test run.
 */
@Injectable()
export class Database implements OnModuleInit {
  private readonly logger = new Logger(Database.name);
  private readonly owner = new AsyncLocalStorage<symbol>();
  private tail: Promise<unknown> = Promise.resolve();
  private writes = 0;

  constructor(readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (this.dataSource.options.type === 'better-sqlite3') this.guardSharedConnection(this.dataSource.createQueryRunner());
    const applied = await this.exclusive(() =>
      this.owner.run(Symbol('migrations'), () => this.dataSource.runMigrations({ transaction: 'all' })),
    );
    for (const migration of applied) this.logger.log(`Applied migration ${migration.name}`);
  }

  /**
   * A number that grows after every write this process makes (a committed or rolled-back
   * transaction, or any statement that is not a SELECT). A value read before reading the
   * database and still current afterwards proves nothing was written in between, so
   * in-memory caches of derived data key on it instead of tracking every kind of change.
   * (The SQLite file has one writer: this process.)
   */
  get writeVersion(): number {
    return this.writes;
  }

  /** Runs `work` as one transaction: all of it is stored, or none of it. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.owner.getStore()) return this.dataSource.transaction(work);
    return this.exclusive(() => this.owner.run(Symbol('transaction'), () => this.dataSource.transaction(work))).finally(() => this.writes++);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(work);
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private guardSharedConnection(runner: QueryRunner): void {
    const query = runner.query.bind(runner) as QueryRunner['query'];
    const startTransaction = runner.startTransaction.bind(runner);
    const counted = (...args: Parameters<QueryRunner['query']>) => {
      const done = query(...args);
      return isRead(args[0]) ? done : done.finally(() => this.writes++);
    };
    runner.query = ((...args: Parameters<QueryRunner['query']>) =>
      this.owner.getStore() ? counted(...args) : this.exclusive(() => counted(...args))) as QueryRunner['query'];
    runner.startTransaction = (...args: Parameters<QueryRunner['startTransaction']>) => {
      if (!this.owner.getStore()) {
        return Promise.reject(new Error('Start transactions through Database.transaction(): the SQLite connection is shared'));
      }
      return startTransaction(...args);
    };
  }
}

/** Statements that cannot change data (anything else counts as a write). */
function isRead(sql: string): boolean {
  return /^\s*SELECT\b/i.test(sql);
}
