import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** One SQLite file (the default), or a PostgreSQL server. */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

export interface SqliteConfig {
  readonly type: 'sqlite';
  readonly path: string;
}

export interface PostgresConfig {
  readonly type: 'postgres';
  /** The connection URL without `sslmode` (which is read into `ssl`). */
  readonly url: string;
  /** The URL with its password hidden, for messages. */
  readonly display: string;
  /** false: plain; otherwise TLS, with the server's certificate checked or not (`sslmode`). */
  readonly ssl: false | { readonly rejectUnauthorized: boolean };
  /** Connections per API process (DB_POOL_SIZE). */
  readonly poolSize: number;
}

/** Typed, validated configuration. Built once at start-up from the environment. */
export interface AppConfig {
  readonly nodeEnv: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly jwtSecret: string;
  readonly totpEncryptionKey: string;
  /** Passed to Fastify's `trustProxy`: false, true, a hop count or a list of addresses/CIDRs. */
  readonly trustProxy: boolean | number | string[];
  /** The built PWA, served at `/` with SPA fallback; null serves the API only. */
  readonly staticDir: string | null;
  /** Who may create an account: see `RegistrationMode`. */
  readonly registration: RegistrationMode;
  /** Where people open the app (`https://stracker.example.home`), for links the admin tool prints; null when unknown. */
  readonly publicUrl: string | null;
}

/**
 * `invite`: the first account on an empty server registers freely, every later one needs an
 * invite code; `open`: anyone who reaches the server; `closed`: no new accounts at all.
 */
export type RegistrationMode = 'invite' | 'open' | 'closed';
export const REGISTRATION_MODES: readonly RegistrationMode[] = ['invite', 'open', 'closed'];

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Thrown when the environment is wrong; each line names one variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const MIN_SECRET_LENGTH = 32;
const DEFAULT_DB_PATH = './data/stracker.db';

export interface LoadConfigOptions {
  /** Base folder for relative paths (the process working directory by default). */
  readonly cwd?: string;
  /** Receives warnings such as "generated a development secret". */
  readonly warn?: (message: string) => void;
  /** Where the built PWA is when STATIC_DIR is not set. */
  readonly defaultStaticDir?: string;
}

/**
 * Reads and validates the environment. Collects every problem before failing so an
 * operator fixes them all in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const warn = options.warn ?? (() => undefined);
  const problems: string[] = [];

  const nodeEnv = parseNodeEnv(env.NODE_ENV, problems);
  const port = parsePort(env.PORT, problems);
  const host = env.HOST?.trim() || '0.0.0.0';
  const database = parseDbUrl(env.DB_URL, cwd, problems, env.DB_POOL_SIZE);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const staticDir = parseStaticDir(env.STATIC_DIR, cwd, options.defaultStaticDir, problems);
  const registration = parseRegistration(env.REGISTRATION, problems);
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, problems);

  // Where development secrets are kept when none are set: beside the SQLite file, or ./data.
  const dataDir = database?.type === 'sqlite' ? dirname(database.path) : resolve(cwd, 'data');
  const jwtSecret = parseSecret('JWT_SECRET', env.JWT_SECRET, nodeEnv, dataDir, problems, warn);
  const totpEncryptionKey = parseSecret('TOTP_ENCRYPTION_KEY', env.TOTP_ENCRYPTION_KEY, nodeEnv, dataDir, problems, warn);
  if (jwtSecret && totpEncryptionKey && jwtSecret === totpEncryptionKey) {
    problems.push('TOTP_ENCRYPTION_KEY must differ from JWT_SECRET (one leaked secret must not expose the other)');
  }

  if (problems.length > 0 || !database || !jwtSecret || !totpEncryptionKey) throw new ConfigError(problems);
  return { nodeEnv, host, port, database, jwtSecret, totpEncryptionKey, trustProxy, staticDir, registration, publicUrl };
}

function parseNodeEnv(value: string | undefined, problems: string[]): AppConfig['nodeEnv'] {
  const v = (value ?? 'development').trim();
  if (v === 'production' || v === 'development' || v === 'test') return v;
  problems.push(`NODE_ENV must be production, development or test (got "${v}")`);
  return 'development';
}

function parseRegistration(value: string | undefined, problems: string[]): RegistrationMode {
  const v = (value ?? '').trim().toLowerCase() || 'invite';
  if ((REGISTRATION_MODES as readonly string[]).includes(v)) return v as RegistrationMode;
  problems.push(`REGISTRATION must be invite, open or closed (got "${value}")`);
  return 'invite';
}

function parsePublicUrl(value: string | undefined, problems: string[]): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  try {
    const url = new URL(v);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash) return url.href.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`PUBLIC_URL must be the address people open the app at, such as https://stracker.example.home (got "${v}")`);
  return null;
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${value}")`);
    return 3000;
  }
  return port;
}

/**
 * Accepts a plain path (`./data/stracker.db`), a `sqlite:` URL in the style of the original
 * (SQLAlchemy) app — `sqlite:///relative.db`, `sqlite:////absolute.db` — or `sqlite:relative.db`;
 * or a PostgreSQL URL, `postgres://user:password@host:5432/database?sslmode=require`.
 */
export function parseDbUrl(value: string | undefined, cwd: string, problems: string[], poolSize?: string): AppConfig['database'] | null {
  const raw = (value ?? '').trim() || DEFAULT_DB_PATH;
  if (/^postgres(ql)?:\/\//i.test(raw)) return parsePostgresUrl(raw, poolSize, problems);
  if (poolSize?.trim()) problems.push('DB_POOL_SIZE is for PostgreSQL; a SQLite database has one connection');
  let path = raw;
  const sqlite = /^sqlite(3)?:/i.exec(raw);
  if (sqlite) {
    const rest = raw.slice(sqlite[0].length);
    if (rest.startsWith('////')) path = rest.slice(3);
    else if (rest.startsWith('///')) path = rest.slice(3);
    else if (rest.startsWith('//')) {
      problems.push(`DB_URL "${raw}" names a host; a SQLite URL has the form sqlite:///relative/path.db or sqlite:////absolute/path.db`);
      return null;
    } else path = rest;
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    problems.push(`DB_URL "${raw}" is not a SQLite path or sqlite: URL`);
    return null;
  }
  if (path === '' || path === ':memory:') {
    problems.push('DB_URL must name a database file (an in-memory database would lose every spending on restart)');
    return null;
  }
  return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

const SSL_MODES: Record<string, PostgresConfig['ssl']> = {
  disable: false,
  // libpq's meaning: encrypted, the certificate not checked ("prefer" would fall back to plain).
  prefer: { rejectUnauthorized: false },
  require: { rejectUnauthorized: false },
  'verify-ca': { rejectUnauthorized: true },
  'verify-full': { rejectUnauthorized: true },
};

function parsePostgresUrl(raw: string, poolSizeValue: string | undefined, problems: string[]): PostgresConfig | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('DB_URL is not a valid PostgreSQL URL; the form is postgres://user:password@host:5432/database');
    return null;
  }
  const display = (() => {
    const shown = new URL(url.href);
    if (shown.password) shown.password = '***';
    return shown.href;
  })();
  const before = problems.length;
  if (!url.hostname) problems.push(`DB_URL ${display} names no host; the form is postgres://user:password@host:5432/database`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) problems.push(`DB_URL ${display} names no database; put its name after the host: postgres://…@host:5432/stracker`);
  const sslmode = (url.searchParams.get('sslmode') ?? 'disable').toLowerCase();
  const ssl = SSL_MODES[sslmode];
  if (ssl === undefined) problems.push(`DB_URL: sslmode must be one of ${Object.keys(SSL_MODES).join(', ')} (got "${sslmode}")`);
  url.searchParams.delete('sslmode');
  const poolText = poolSizeValue?.trim() || '10';
  const poolSize = Number(poolText);
  if (!/^\d+$/.test(poolText) || poolSize < 2 || poolSize > 100) problems.push(`DB_POOL_SIZE must be a whole number from 2 to 100 (got "${poolText}")`);
  if (problems.length > before) return null;
  return { type: 'postgres', url: url.href, display, ssl: ssl ?? false, poolSize };
}

/** `none` turns the PWA off; an explicit folder must contain index.html; the default is used only if built. */
function parseStaticDir(value: string | undefined, cwd: string, fallback: string | undefined, problems: string[]): string | null {
  const v = value?.trim();
  if (v === 'none') return null;
  if (v) {
    const dir = resolve(cwd, v);
    if (!existsSync(join(dir, 'index.html'))) {
      problems.push(`STATIC_DIR "${v}" has no index.html; build the PWA (npm run build) or set STATIC_DIR=none`);
      return null;
    }
    return dir;
  }
  return fallback && existsSync(join(fallback, 'index.html')) ? fallback : null;
}

function parseTrustProxy(value: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const address = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
  const bad = list.filter((entry) => !address.test(entry) && entry !== 'loopback' && entry !== 'linklocal' && entry !== 'uniquelocal');
  if (bad.length > 0) {
    problems.push(`TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs (bad: ${bad.join(', ')})`);
    return false;
  }
  return list;
}

/**
 * Production demands a real secret. In development a missing secret is generated once and
 * kept in the data folder, so tokens survive a restart.
 */
function parseSecret(
  name: string,
  value: string | undefined,
  nodeEnv: AppConfig['nodeEnv'],
  dataDir: string,
  problems: string[],
  warn: (message: string) => void,
): string | null {
  const v = value?.trim();
  if (v) {
    if (v.length < MIN_SECRET_LENGTH) {
      problems.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters (got ${v.length}); make one with: openssl rand -base64 48`);
      return null;
    }
    return v;
  }
  if (nodeEnv === 'production') {
    problems.push(`${name} is required in production (at least ${MIN_SECRET_LENGTH} characters); make one with: openssl rand -base64 48`);
    return null;
  }
  const file = join(dataDir, `.${name.toLowerCase().replace(/_/g, '-')}`);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) {
      warn(`${name} is not set: using the development secret kept in ${file}. Set ${name} in production.`);
      return stored;
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  warn(`${name} is not set: generated a development secret in ${file}. Set ${name} in production.`);
  return generated;
}
