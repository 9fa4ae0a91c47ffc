import { createECDH, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
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
  /** Web Push: the server's VAPID identity and which push endpoints it may send to. */
  readonly push: PushConfig;
}

export interface PushConfig {
  /** VAPID public key (RFC 8292): an uncompressed P-256 point, base64url (65 bytes). Browsers subscribe with it. */
  readonly vapidPublicKey: string;
  /** Its private key, base64url (32 bytes). */
  readonly vapidPrivateKey: string;
  /** Who runs the server, for push services that need to reach them: a mailto: or https: URL. */
  readonly vapidSubject: string;
  /**
   * PUSH_ALLOW_PRIVATE_ENDPOINTS: push endpoints on loopback, private and link-local addresses
   * are accepted (tests, and a push service inside a private network). Off by default: the
   * endpoint is a URL the server POSTs to, so it must otherwise be on a public address.
   */
  readonly allowPrivateEndpoints: boolean;
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

  const push = parsePush(env, nodeEnv, dataDir, problems, warn);

  if (problems.length > 0 || !database || !jwtSecret || !totpEncryptionKey || !push) throw new ConfigError(problems);
  return { nodeEnv, host, port, database, jwtSecret, totpEncryptionKey, trustProxy, staticDir, registration, publicUrl, push };
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

const VAPID_HOW_TO = 'make a pair with: npx web-push generate-vapid-keys';
/** The subject used in development when VAPID_SUBJECT is not set. */
export const DEVELOPMENT_VAPID_SUBJECT = 'mailto:stracker@localhost';

/**
 * Web Push configuration. Production demands the VAPID key pair and subject (the keys must stay
 * the same for the life of the server: every browser subscription is bound to the public key).
 * In development and tests a missing pair is generated once and kept in the data folder, beside
 * the SQLite file (or ./data on PostgreSQL, like the development secrets), so subscriptions
 * survive a restart.
 */
function parsePush(
  env: NodeJS.ProcessEnv,
  nodeEnv: AppConfig['nodeEnv'],
  dataDir: string,
  problems: string[],
  warn: (message: string) => void,
): PushConfig | null {
  const before = problems.length;
  const publicKey = env.VAPID_PUBLIC_KEY?.trim() ?? '';
  const privateKey = env.VAPID_PRIVATE_KEY?.trim() ?? '';
  const subjectText = env.VAPID_SUBJECT?.trim() ?? '';
  const allowPrivateEndpoints = parseFlag('PUSH_ALLOW_PRIVATE_ENDPOINTS', env.PUSH_ALLOW_PRIVATE_ENDPOINTS, problems);

  let keys: { publicKey: string; privateKey: string } | null = null;
  if (publicKey || privateKey) {
    if (!publicKey) problems.push(`VAPID_PUBLIC_KEY is required with VAPID_PRIVATE_KEY; ${VAPID_HOW_TO}`);
    else if (!privateKey) problems.push(`VAPID_PRIVATE_KEY is required with VAPID_PUBLIC_KEY; ${VAPID_HOW_TO}`);
    else {
      const problem = vapidKeyProblem(publicKey, privateKey);
      if (problem) problems.push(problem);
      else keys = { publicKey, privateKey };
    }
  } else if (nodeEnv === 'production') {
    problems.push(`VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are required in production; ${VAPID_HOW_TO}`);
  } else {
    keys = developmentVapidKeys(dataDir, warn);
  }
  let subject = subjectText;
  if (subjectText) {
    if (!isVapidSubject(subjectText)) {
      problems.push(`VAPID_SUBJECT must be a mailto: address or an https: URL where push services can reach the operator, such as mailto:admin@example.home (got "${subjectText}")`);
    }
  } else if (nodeEnv === 'production') {
    problems.push('VAPID_SUBJECT is required in production: a mailto: address or https: URL where push services can reach the operator, such as mailto:admin@example.home');
  } else {
    subject = DEVELOPMENT_VAPID_SUBJECT;
  }

  if (allowPrivateEndpoints && nodeEnv === 'production') {
    warn('PUSH_ALLOW_PRIVATE_ENDPOINTS=true: push endpoints on private and loopback addresses are accepted (meant for tests and private networks only).');
  }
  if (problems.length > before || !keys) return null;
  return { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, vapidSubject: subject, allowPrivateEndpoints };
}

function parseFlag(name: string, value: string | undefined, problems: string[]): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  problems.push(`${name} must be true or false (got "${value}")`);
  return false;
}

function isVapidSubject(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname));
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Why the pair is unusable (not base64url, wrong length, not a P-256 point, not a pair), or null. */
export function vapidKeyProblem(publicKey: string, privateKey: string): string | null {
  const base64url = /^[A-Za-z0-9_-]+$/;
  const pub = base64url.test(publicKey) ? Buffer.from(publicKey, 'base64url') : null;
  if (!pub || pub.length !== 65 || pub[0] !== 4) {
    return `VAPID_PUBLIC_KEY must be an uncompressed P-256 public key in base64url (65 bytes, 87 characters); ${VAPID_HOW_TO}`;
  }
  const priv = base64url.test(privateKey) ? Buffer.from(privateKey, 'base64url') : null;
  if (!priv || priv.length !== 32) return `VAPID_PRIVATE_KEY must be a P-256 private key in base64url (32 bytes, 43 characters); ${VAPID_HOW_TO}`;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    if (!ecdh.getPublicKey().equals(pub)) return 'VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY: set both from the same generated pair';
  } catch {
    return `VAPID_PRIVATE_KEY is not a valid P-256 private key; ${VAPID_HOW_TO}`;
  }
  return null;
}

/**
 * A new VAPID key pair as web-push writes it: the raw public point and the private scalar (32
 * bytes), base64url. Made with ECDH, not generateKeyPairSync and a JWK export: in Node 20 a
 * garbage collection during that export can deadlock the process on the key's own lock (a test
 * run hung on it, in KeyGenJob's destructor under ExportJWK).
 */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // The scalar comes without its leading zero bytes (about one key in 250 has one).
  const scalar = ecdh.getPrivateKey();
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]).toString('base64url') };
}

/**
 * The development key pair kept in `<data folder>/.vapid-keys.json`, made on first use. It is
 * written under a temporary name and linked into place, so two processes starting at once
 * (test workers on one PostgreSQL) end up with the same pair, never with half a file.
 */
function developmentVapidKeys(dataDir: string, warn: (message: string) => void): { publicKey: string; privateKey: string } {
  const file = join(dataDir, '.vapid-keys.json');
  const stored = readVapidFile(file);
  if (stored) return stored;
  mkdirSync(dataDir, { recursive: true });
  const generated = generateVapidKeys();
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(temporary, `${JSON.stringify(generated)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
    warn(`VAPID_PUBLIC_KEY is not set: generated a development VAPID key pair in ${file}. Set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT in production.`);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = readVapidFile(file);
    if (!theirs) throw new ConfigError([`${file} does not hold a VAPID key pair; delete it to have a new pair generated`]);
    return theirs;
  } finally {
    unlinkSync(temporary);
  }
}

function readVapidFile(file: string): { publicKey: string; privateKey: string } | null {
  if (!existsSync(file)) return null;
  try {
    const { publicKey, privateKey } = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof publicKey === 'string' && typeof privateKey === 'string' && !vapidKeyProblem(publicKey, privateKey)) return { publicKey, privateKey };
  } catch {
    // reported by the caller
  }
  return null;
}
