import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { totpCode } from '../../src/auth/totp';
import { FakeClock } from './fake-clock';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const TEST_TOTP_KEY = 'test-totp-key-that-is-long-enough-0123456789abc';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: FakeClock;
  config: AppConfig;
  dbPath: string;
  /** Stops the app; the database file stays until `dispose()`. */
  close(): Promise<void>;
  /** Stops the app and deletes the database. */
  dispose(): Promise<void>;
  /** Reads the database directly (read-only), as an operator would. */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[];
}

/**
 * The real application on a fresh SQLite file, with a fake clock. Pass `dbPath` to
 * start a second app on the same database (a restart).
 */
export async function startTestApp(options: { clock?: FakeClock; dbPath?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const dir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'stracker-test-'));
  const dbPath = options.dbPath ?? join(dir!, 'test.db');
  const clock = options.clock ?? new FakeClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    DB_URL: dbPath,
    JWT_SECRET: TEST_JWT_SECRET,
    TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY,
    // Most tests register several independent households; registration.spec.ts tests the default (invite).
    REGISTRATION: 'open',
    ...options.env,
  });
  const app = await createApp({ config, clock, logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const close = () => app.close();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    config,
    dbPath,
    close,
    async dispose() {
      await close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    sql<T>(query: string, ...params: unknown[]): T[] {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(query).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
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
