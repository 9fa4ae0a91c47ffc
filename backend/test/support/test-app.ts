import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { Client, ClientConfig, types } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { numberedPlaceholders } from '../../src/database/database.service';
import { totpCode } from '../../src/auth/totp';
import { FakeClock } from './fake-clock';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const TEST_TOTP_KEY = 'test-totp-key-that-is-long-enough-0123456789abc';

/**
 * Which engine the suite runs on: SQLite files (the default, `npm test`) or PostgreSQL
 * (`TEST_DB=postgres`, `npm run test:postgres`), where every test app gets a fresh database on
 * the server at `PG_TEST_URL` (an administrator's URL; the throwaway cluster of
 * scripts/postgres-cluster.sh by default).
 */
export const ON_POSTGRES = (process.env.TEST_DB ?? '').trim().toLowerCase() === 'postgres';
export const PG_TEST_URL = process.env.PG_TEST_URL?.trim() || 'postgres://postgres@127.0.0.1:54329/postgres';

/** A test that says something about SQLite alone (pragmas, the file, its query planner). */
export const itOnSqlite: jest.It = ON_POSTGRES ? it.skip : it;
/** A test that says something about PostgreSQL alone (the twin of a SQLite-only one). */
export const itOnPostgres: jest.It = ON_POSTGRES ? it : it.skip;
/** A describe block for SQLite alone (the database file, its lock, its backups). */
export const describeOnSqlite: jest.Describe = ON_POSTGRES ? describe.skip : describe;

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: FakeClock;
  config: AppConfig;
  /** The app's DB_URL (a file path on SQLite, a URL on PostgreSQL): pass it as `database` to restart on the same data. */
  database: string;
  /** The SQLite file (SQLite-only tests; throws on PostgreSQL). */
  dbPath: string;
  /** Stops the app; the database stays until `dispose()`. */
  close(): Promise<void>;
  /** Stops the app and deletes the database (if this app created it). */
  dispose(): Promise<void>;
  /**
   * Reads the database directly, as an operator would, with `?` placeholders. BIGINT and
   * NUMERIC come back as numbers on both engines; booleans are 0/1 on SQLite and true/false
   * on PostgreSQL (compare them through the query, e.g. `CASE WHEN shared THEN 1 ELSE 0 END`).
   */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** Changes the database behind the app's back (`?` placeholders), as an operator with a SQL shell could. */
  write(query: string, ...params: unknown[]): Promise<void>;
}

export interface TestAppOptions {
  clock?: FakeClock;
  /** The `database` of another test app: a restart on the same data (that app keeps ownership). */
  database?: string;
  /** SQLite only: a file of the test's own choosing (it deletes it). */
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  /** The engine, when a test needs one other than the suite's (a SQLite source to copy into PostgreSQL). */
  engine?: 'sqlite' | 'postgres';
}

/**
 * The real application on a fresh database (a SQLite file, or a PostgreSQL database of its
 * own with TEST_DB=postgres), with a fake clock. Pass `database` (or `dbPath` on SQLite) to
 * start a second app on the same data (a restart).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const store = await openStore(options);
  const clock = options.clock ?? new FakeClock();
  let app: NestFastifyApplication;
  let config: AppConfig;
  try {
    config = loadConfig({
      NODE_ENV: 'test',
      DB_URL: store.database,
      JWT_SECRET: TEST_JWT_SECRET,
      TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY,
      // Most tests register several independent households; registration.spec.ts tests the default (invite).
      REGISTRATION: 'open',
      ...options.env,
    });
    app = await createApp({ config, clock, logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await store.remove();
    throw error;
  }
  const close = () => app.close();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    config,
    database: store.database,
    get dbPath(): string {
      if (onPostgres(options)) throw new Error('dbPath is the SQLite file; this test runs on PostgreSQL (use itOnSqlite, or t.database)');
      return store.database;
    },
    close,
    async dispose() {
      await close();
      await store.remove();
    },
    sql: store.sql,
    write: store.write,
  };
}

interface Store {
  database: string;
  sql<T>(query: string, ...params: unknown[]): Promise<T[]>;
  write(query: string, ...params: unknown[]): Promise<void>;
  /** Closes what the store opened, and deletes the database if it made it. */
  remove(): Promise<void>;
}

function onPostgres(options: TestAppOptions): boolean {
  return (options.engine ?? (ON_POSTGRES ? 'postgres' : 'sqlite')) === 'postgres';
}

function openStore(options: TestAppOptions): Promise<Store> | Store {
  return onPostgres(options) ? openPostgresStore(options) : openSqliteStore(options);
}

function openSqliteStore(options: TestAppOptions): Store {
  const given = options.database ?? options.dbPath;
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'stracker-test-'));
  const dbPath = given ?? join(dir!, 'test.db');
  return {
    database: dbPath,
    async sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(query).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async write(query: string, ...params: unknown[]): Promise<void> {
      const db = new Database(dbPath, { fileMustExist: true });
      try {
        db.prepare(query).run(...params);
      } finally {
        db.close();
      }
    },
    async remove() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** BIGINT (int8) and NUMERIC (a SUM of BIGINT) as numbers, so expectations read the same as on SQLite; for this client only. */
const NUMERIC_OIDS = new Set([20, 1700]);
const testClientTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    NUMERIC_OIDS.has(oid) ? (value: string) => Number(value) : types.getTypeParser(oid, format ?? 'text'),
} as ClientConfig['types'];

async function openPostgresStore(options: TestAppOptions): Promise<Store> {
  if (options.dbPath) throw new Error('dbPath names a SQLite file; this test runs on PostgreSQL (use itOnSqlite, or `database`)');
  let database = options.database;
  let created: string | null = null;
  if (!database) {
    created = `stracker_t_${randomBytes(8).toString('hex')}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${created}`));
    const url = new URL(PG_TEST_URL);
    url.pathname = `/${created}`;
    database = url.href;
  }
  let reader: Promise<Client> | null = null;
  const connect = async () => {
    const client = new Client({ connectionString: database, types: testClientTypes, application_name: 'stracker-test-sql' });
    await client.connect();
    return client;
  };
  // One query at a time on the one connection (pg deprecates queueing them on a client).
  let tail: Promise<unknown> = Promise.resolve();
  const run = (query: string, params: unknown[]) => {
    const result = tail.then(async () => {
      reader ??= connect();
      return (await reader).query(numbered(query), params);
    });
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    database,
    async sql<T>(query: string, ...params: unknown[]): Promise<T[]> {
      return (await run(query, params)).rows as T[];
    },
    async write(query: string, ...params: unknown[]): Promise<void> {
      await run(query, params);
    },
    async remove() {
      const open = reader;
      reader = null;
      if (open) await (await open).end().catch(() => undefined);
      if (created) await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: PG_TEST_URL, application_name: 'stracker-test-admin' });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2 …` (a `?` in quoted text stays), as the app's own queries are turned. */
function numbered(query: string): string {
  return numberedPlaceholders(query, (i) => `$${i + 1}`);
}

export interface RegisteredUser {
  /** The user's id (the access token's subject). */
  id: string;
  username: string;
  secret: string;
  accessToken: string;
  refreshToken: string;
  recoveryCodes: string[];
}

/** The code the user's authenticator shows now (by the test clock). */
export function currentCode(t: TestApp, secret: string, offsetMs = 0): string {
  return totpCode(secret, new Date(t.clock.now().getTime() + offsetMs));
}

/** Registers through the API as the PWA would, and moves the clock to the next TOTP step. */
export async function registerUser(t: TestApp, username: string, extra: { inviteCode?: string; timezone?: string; currency?: string } = {}): Promise<RegisteredUser> {
  const start = await t.http
    .post('/api/auth/register/start')
    .send({ username, ...(extra.inviteCode ? { inviteCode: extra.inviteCode } : {}) })
    .expect(201);
  const { enrolmentToken, secret } = start.body;
  const finish = await t.http
    .post('/api/auth/register/finish')
    .send({
      enrolmentToken,
      code: currentCode(t, secret),
      ...(extra.timezone ? { timezone: extra.timezone } : {}),
      ...(extra.currency ? { currency: extra.currency } : {}),
    })
    .expect(201);
  nextStep(t);
  const id = JSON.parse(Buffer.from(finish.body.accessToken.split('.')[1], 'base64url').toString()).sub as string;
  return { id, username, secret, ...finish.body };
}

/** Moves the test clock to the start of the next 30 s TOTP step (plus a little), so a fresh code exists. */
export function nextStep(t: TestApp): void {
  const now = t.clock.now().getTime();
  t.clock.set(new Date((Math.floor(now / 30_000) + 1) * 30_000 + 5_000));
}

export async function login(t: TestApp, user: { username: string; secret: string }): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.http.post('/api/auth/login').send({ username: user.username, code: currentCode(t, user.secret) }).expect(200);
  nextStep(t);
  return res.body;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
