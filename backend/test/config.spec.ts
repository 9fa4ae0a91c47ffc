import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEVELOPMENT_VAPID_SUBJECT, generateVapidKeys, loadConfig, vapidKeyProblem } from '../src/config/app-config';
import { TEST_VAPID } from './support/push';

const VAPID = TEST_VAPID;
const GOOD = { JWT_SECRET: 'j'.repeat(32), TOTP_ENCRYPTION_KEY: 't'.repeat(32), ...VAPID };

function problems(env: NodeJS.ProcessEnv, cwd = '/srv/app'): string[] {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stracker-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start in production without proper secrets, one clear line per problem', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is required in production (at least 32 characters); make one with: openssl rand -base64 48',
      'TOTP_ENCRYPTION_KEY is required in production (at least 32 characters); make one with: openssl rand -base64 48',
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production; make a pair with: npx web-push generate-vapid-keys',
      'VAPID_SUBJECT is required in production: a mailto: address or https: URL where push services can reach the operator, such as mailto:admin@example.home',
    ]);
    expect(problems({ NODE_ENV: 'production', ...VAPID, JWT_SECRET: 'short', TOTP_ENCRYPTION_KEY: GOOD.TOTP_ENCRYPTION_KEY })).toEqual([
      'JWT_SECRET must be at least 32 characters (got 5); make one with: openssl rand -base64 48',
    ]);
    expect(problems({ NODE_ENV: 'production', ...VAPID, JWT_SECRET: 'same'.repeat(8), TOTP_ENCRYPTION_KEY: 'same'.repeat(8) })).toEqual([
      'TOTP_ENCRYPTION_KEY must differ from JWT_SECRET (one leaked secret must not expose the other)',
    ]);
    expect(problems({ NODE_ENV: 'production', ...GOOD })).toEqual([]);
  });

  it('in development, generates the secrets once and keeps them in the data folder', () => {
    const warnings: string[] = [];
    const env = { DB_URL: join(dir, 'data', 'stracker.db') };
    const first = loadConfig(env, { warn: (w) => warnings.push(w) });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.totpEncryptionKey).not.toBe(first.jwtSecret);
    expect(warnings[0]).toMatch(/^JWT_SECRET is not set: generated a development secret/);
    const file = join(dir, 'data', '.jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig(env, { warn: (w) => warnings.push(w) });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.totpEncryptionKey).toBe(first.totpEncryptionKey);
  });

  it('generates VAPID pairs that are whole: a 65-byte point and a 32-byte scalar, also when the scalar starts with a zero byte', () => {
    // About one scalar in 250 has a leading zero byte; 2000 pairs meet several.
    for (let i = 0; i < 2000; i++) {
      const { publicKey, privateKey } = generateVapidKeys();
      expect(vapidKeyProblem(publicKey, privateKey)).toBeNull();
    }
  });

  it('needs the VAPID key pair and subject in production, each problem in one line', () => {
    const secrets = { NODE_ENV: 'production', JWT_SECRET: GOOD.JWT_SECRET, TOTP_ENCRYPTION_KEY: GOOD.TOTP_ENCRYPTION_KEY };
    const other = generateVapidKeys();
    expect(problems({ ...secrets, ...VAPID, VAPID_PRIVATE_KEY: '' })).toEqual([
      'VAPID_PRIVATE_KEY is required with VAPID_PUBLIC_KEY; make a pair with: npx web-push generate-vapid-keys',
    ]);
    expect(problems({ ...secrets, ...VAPID, VAPID_PUBLIC_KEY: ' ' })).toEqual([
      'VAPID_PUBLIC_KEY is required with VAPID_PRIVATE_KEY; make a pair with: npx web-push generate-vapid-keys',
    ]);
    expect(problems({ ...secrets, ...VAPID, VAPID_SUBJECT: undefined })).toEqual([
      'VAPID_SUBJECT is required in production: a mailto: address or https: URL where push services can reach the operator, such as mailto:admin@example.home',
    ]);
    expect(problems({ ...secrets, ...VAPID, VAPID_PRIVATE_KEY: other.privateKey })).toEqual([
      'VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY: set both from the same generated pair',
    ]);
    expect(problems({ ...secrets, ...VAPID, VAPID_PUBLIC_KEY: 'not-a-key' })[0]).toMatch(/^VAPID_PUBLIC_KEY must be an uncompressed P-256 public key in base64url/);
    expect(problems({ ...secrets, ...VAPID, VAPID_PRIVATE_KEY: 'AAAA' })[0]).toMatch(/^VAPID_PRIVATE_KEY must be a P-256 private key in base64url/);
    expect(problems({ ...secrets, ...VAPID, VAPID_SUBJECT: 'admin@example.home' })[0]).toMatch(/^VAPID_SUBJECT must be a mailto: address or an https: URL/);
    expect(problems({ ...secrets, ...VAPID, VAPID_SUBJECT: 'http://example.home' })[0]).toMatch(/^VAPID_SUBJECT must be/);
    expect(problems({ ...secrets, ...VAPID, PUSH_ALLOW_PRIVATE_ENDPOINTS: 'yes' })).toEqual(['PUSH_ALLOW_PRIVATE_ENDPOINTS must be true or false (got "yes")']);
    expect(loadConfig({ ...secrets, ...VAPID, VAPID_SUBJECT: 'https://stracker.example.home' }).push).toEqual({
      vapidPublicKey: VAPID.VAPID_PUBLIC_KEY,
      vapidPrivateKey: VAPID.VAPID_PRIVATE_KEY,
      vapidSubject: 'https://stracker.example.home',
      allowPrivateEndpoints: false,
    });
    const warnings: string[] = [];
    expect(loadConfig({ ...secrets, ...VAPID, PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' }, { warn: (w) => warnings.push(w) }).push.allowPrivateEndpoints).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^PUSH_ALLOW_PRIVATE_ENDPOINTS=true: .*tests and private networks only/)]);
  });

  it('in development, generates a VAPID key pair once and keeps it beside the database', () => {
    const warnings: string[] = [];
    const env = { DB_URL: join(dir, 'data', 'stracker.db'), JWT_SECRET: GOOD.JWT_SECRET, TOTP_ENCRYPTION_KEY: GOOD.TOTP_ENCRYPTION_KEY };
    const first = loadConfig(env, { warn: (w) => warnings.push(w) }).push;
    expect(Buffer.from(first.vapidPublicKey, 'base64url')).toHaveLength(65);
    expect(first.vapidSubject).toBe(DEVELOPMENT_VAPID_SUBJECT);
    expect(warnings).toEqual([expect.stringMatching(/^VAPID_PUBLIC_KEY is not set: generated a development VAPID key pair in .*\.vapid-keys\.json/)]);
    const file = join(dir, 'data', '.vapid-keys.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ publicKey: first.vapidPublicKey, privateKey: first.vapidPrivateKey });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig(env).push).toEqual(first);
  });

  it('reads DB_URL as a path or a sqlite: URL in the style of the original app', () => {
    const db = (DB_URL?: string) => (loadConfig({ ...GOOD, DB_URL }, { cwd: '/srv/app' }).database as { path: string }).path;
    expect(db(undefined)).toBe('/srv/app/data/stracker.db');
    expect(db('./data/x.db')).toBe('/srv/app/data/x.db');
    expect(db('/var/lib/stracker/x.db')).toBe('/var/lib/stracker/x.db');
    expect(db('sqlite:///./data/db.sqlite')).toBe('/srv/app/data/db.sqlite');
    expect(db('sqlite:///data/db.sqlite')).toBe('/srv/app/data/db.sqlite');
    expect(db('sqlite:////data/db.sqlite')).toBe('/data/db.sqlite');
    expect(problems({ ...GOOD, DB_URL: 'sqlite://host/db' })[0]).toMatch(/^DB_URL "sqlite:\/\/host\/db" names a host/);
    expect(problems({ ...GOOD, DB_URL: 'mysql://db/x' })[0]).toMatch(/^DB_URL "mysql:\/\/db\/x" is not a SQLite path/);
    expect(problems({ ...GOOD, DB_URL: ':memory:' })[0]).toMatch(/^DB_URL must name a database file/);
  });

  it('reads a PostgreSQL DB_URL: TLS from sslmode, the pool size, the password hidden in messages', () => {
    const pg = (DB_URL: string, extra: NodeJS.ProcessEnv = {}) => loadConfig({ ...GOOD, DB_URL, ...extra }, { cwd: '/srv/app' }).database;
    expect(pg('postgres://stracker:s3cret@db:5432/stracker')).toEqual({
      type: 'postgres',
      url: 'postgres://stracker:s3cret@db:5432/stracker',
      display: 'postgres://stracker:***@db:5432/stracker',
      ssl: false,
      poolSize: 10,
    });
    expect(pg('postgresql://u:p@db/stracker?sslmode=require&application_name=x', { DB_POOL_SIZE: '4' })).toMatchObject({
      url: 'postgresql://u:p@db/stracker?application_name=x',
      ssl: { rejectUnauthorized: false },
      poolSize: 4,
    });
    expect(pg('postgres://u:p@db/stracker?sslmode=verify-full')).toMatchObject({ ssl: { rejectUnauthorized: true } });
    expect(problems({ ...GOOD, DB_URL: 'postgres://u:pw@db:5432/' })).toEqual(['DB_URL postgres://u:***@db:5432/ names no database; put its name after the host: postgres://…@host:5432/stracker']);
    expect(problems({ ...GOOD, DB_URL: 'postgres://u@db/x?sslmode=sometimes' })[0]).toMatch(/^DB_URL: sslmode must be one of disable, prefer, require/);
    expect(problems({ ...GOOD, DB_URL: 'postgres://u@db/x', DB_POOL_SIZE: '0' })).toEqual(['DB_POOL_SIZE must be a whole number from 2 to 100 (got "0")']);
    expect(problems({ ...GOOD, DB_URL: './data/x.db', DB_POOL_SIZE: '5' })).toEqual(['DB_POOL_SIZE is for PostgreSQL; a SQLite database has one connection']);
  });

  it('validates PORT, NODE_ENV and TRUST_PROXY', () => {
    expect(loadConfig({ ...GOOD }, { cwd: dir }).port).toBe(3000);
    expect(problems({ ...GOOD, PORT: 'eighty' })).toEqual(['PORT must be a whole number from 0 to 65535 (got "eighty")']);
    expect(problems({ ...GOOD, PORT: '70000' })).toHaveLength(1);
    expect(problems({ ...GOOD, NODE_ENV: 'prod' })).toEqual(['NODE_ENV must be production, development or test (got "prod")']);
    const trust = (TRUST_PROXY?: string) => loadConfig({ ...GOOD, TRUST_PROXY }, { cwd: dir }).trustProxy;
    expect(trust(undefined)).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('172.16.0.0/12, 127.0.0.1')).toEqual(['172.16.0.0/12', '127.0.0.1']);
    expect(problems({ ...GOOD, TRUST_PROXY: 'everyone' })[0]).toMatch(/^TRUST_PROXY must be/);
  });
});
