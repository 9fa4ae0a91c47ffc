/**
 * stracker-admin: what the person who runs the server can do that a family cannot do in the app.
 * In the image: `docker compose exec backend stracker-admin …`; in the repository:
 * `npm run admin -- …`. It reads the same environment as the API (DB_URL, the secrets …).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HttpException, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AuthService } from '../auth/auth.service';
import { SessionsService } from '../auth/sessions.service';
import { Clock } from '../common/clock';
import { messageOf } from '../common/http-exception.filter';
import { AppConfig, ConfigError, loadConfig, parseDbUrl } from '../config/app-config';
import { checkPostgres, DatabaseUnavailableError } from '../database/preflight';
import { copySqliteToPostgres } from '../database/sqlite-to-postgres';
import { backupDatabase, OperatorError, restoreDatabase } from '../database/sqlite-file';
import { HouseholdsService } from '../households/households.service';
import { DEFAULT_LOCALE } from '../rules/locale';
import { UsersService } from '../users/users.service';

const USAGE = `Usage: stracker-admin COMMAND

  users                     every account: username, household, last seen
  invite                    an invite code for a new household (REGISTRATION=invite), valid 7 days
  reset-authenticator USER  signs USER out everywhere, stops their authenticator and recovery
                            codes, and prints a single-use link (24 h) to enrol a new one
  backup FILE               a consistent copy of the database while the API runs, checked with
                            integrity_check (FILE - writes it to standard output)
  restore FILE              replaces the database with a backup; refused while the API runs
                            (FILE - reads it from standard input)
  migrate-to-postgres --from FILE --to URL
                            copies a SQLite database (FILE) into an empty PostgreSQL database
                            (URL, postgres://user:password@host:5432/db): the schema, then every
                            row in one transaction, checked by row counts and money sums

Links use PUBLIC_URL (such as https://stracker.example.home) when it is set.`;

type Output = { out: (line: string) => void; err: (line: string) => void };

export async function run(args: string[], env: NodeJS.ProcessEnv, io: Output, clock?: Clock): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'migrate-to-postgres') return migrateToPostgres(rest, io);
  const arity: Record<string, number> = { users: 0, invite: 0, 'reset-authenticator': 1, backup: 1, restore: 1 };
  if (!(command in arity) || rest.length !== arity[command]) {
    io.err(command in arity ? `${command} takes ${arity[command] === 0 ? 'no arguments' : 'one argument'}\n\n${USAGE}` : `Unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  // Anything said along the way goes to standard error, so `backup -` keeps standard output clean.
  const warnings: string[] = [];
  let config: AppConfig;
  try {
    config = loadConfig(env, { warn: (message) => warnings.push(message) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  try {
    switch (command) {
      case 'backup':
        await backup(config, rest[0], io);
        return 0;
      case 'restore':
        await restore(config, rest[0], io);
        return 0;
      default:
        await withApp(config, clock, (app) => manage(app, config, command, rest, io));
        return 0;
    }
  } catch (error) {
    if (error instanceof OperatorError || error instanceof DatabaseUnavailableError) {
      io.err(error.message);
      return 1;
    }
    // A file the tool may not read or write (a backup copied in as root with mode 0600 …):
    // what and why, not a stack trace.
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOSPC' || code === 'EROFS') {
      const path = (error as NodeJS.ErrnoException).path;
      const why = code === 'EACCES' || code === 'EPERM' ? `not allowed for this user (uid ${process.getuid?.() ?? '?'}); check the file's owner and mode` : (error as Error).message;
      io.err(path ? `${path}: ${why}` : why);
      return 1;
    }
    if (error instanceof HttpException) {
      io.err([messageOf(error, DEFAULT_LOCALE)].flat().join('\n'));
      return 1;
    }
    throw error;
  }
}

async function manage(app: INestApplicationContext, config: AppConfig, command: string, rest: string[], io: Output): Promise<void> {
  if (command === 'users') {
    const users = await app.get(UsersService, { strict: false }).listAll();
    const lastSeen = await app.get(SessionsService, { strict: false }).lastSeenByUser();
    const rows = users.map(({ user: u, household }) => [u.username, household.name, lastSeen.has(u.id) ? minute(lastSeen.get(u.id)!) : 'never']);
    io.out(table(['USERNAME', 'HOUSEHOLD', 'LAST SEEN (UTC)'], rows));
    io.err(`${users.length} ${users.length === 1 ? 'account' : 'accounts'}`);
  } else if (command === 'invite') {
    const invite = await app.get(HouseholdsService, { strict: false }).createOperatorInvite();
    io.out(`Invite code: ${invite.code}`);
    io.out(`Link:        ${link(config, `/register?invite=${encodeURIComponent(invite.code)}`)}`);
    io.out(`Single use, for one new household; valid until ${minute(invite.expiresAt)} UTC.`);
  } else if (command === 'reset-authenticator') {
    const reset = await app.get(AuthService, { strict: false }).resetAuthenticator(rest[0]);
    io.out(`${reset.username} is signed out everywhere; their old authenticator and recovery codes no longer work.`);
    io.out(`Give them this link (single use, valid until ${minute(reset.expiresAt)} UTC) to set up a new authenticator:`);
    io.out(link(config, `/reset?token=${reset.token}`));
  }
  if (!config.publicUrl && command !== 'users') io.err('(Set PUBLIC_URL to print whole links; until then put your server\'s address in front.)');
}

/**
 * `migrate-to-postgres --from FILE --to URL` (or the two without their flags, in that order). It
 * needs no other setting: the copy keeps the sealed TOTP secrets as they are, so the API on
 * PostgreSQL must get the same TOTP_ENCRYPTION_KEY (and JWT_SECRET) as before.
 */
async function migrateToPostgres(args: string[], io: Output): Promise<number> {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--from' || args[i] === '--to') flags.set(args[i], args[++i] ?? '');
    else positional.push(args[i]);
  }
  const from = flags.get('--from') ?? positional.shift();
  const to = flags.get('--to') ?? positional.shift();
  if (!from || !to || positional.length > 0) {
    io.err(`migrate-to-postgres takes --from FILE --to URL\n\n${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  const target = /^postgres(ql)?:\/\//i.test(to) ? parseDbUrl(to, process.cwd(), problems) : null;
  if (!target || target.type !== 'postgres') {
    io.err(problems[0]?.replace(/^DB_URL/, '--to') ?? `--to must be a PostgreSQL URL such as postgres://user:password@host:5432/stracker (got "${to}")`);
    return 2;
  }
  const started = Date.now();
  try {
    const report = await copySqliteToPostgres(resolve(from), target, (line) => io.err(line));
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(`Copied ${rows} rows of ${report.tables.length} tables from ${from} into ${target.display} in ${Date.now() - started} ms.`);
    io.out(`Checked: every table's row count, and the sums ${report.sums.map((s) => `${s.column} ${s.sum}`).join(', ')}.`);
    io.out('Start the API with DB_URL set to that URL and the same TOTP_ENCRYPTION_KEY and JWT_SECRET as before.');
    return 0;
  } catch (error) {
    if (error instanceof OperatorError || error instanceof DatabaseUnavailableError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

/** The SQLite file; backup and restore of a PostgreSQL database are PostgreSQL's own tools' work. */
function sqlitePath(config: AppConfig, command: string): string {
  if (config.database.type === 'sqlite') return config.database.path;
  throw new OperatorError(
    `${command} copies a SQLite file; DB_URL is PostgreSQL (${config.database.display}): use pg_dump and pg_restore (see the README, "PostgreSQL")`,
  );
}

async function backup(config: AppConfig, file: string, io: Output): Promise<void> {
  const path = sqlitePath(config, 'backup');
  const started = Date.now();
  if (file !== '-') {
    const { bytes } = backupDatabase(path, file);
    chmodSync(file, 0o600);
    io.err(`Backed up ${path} to ${file} (${megabytes(bytes)}, integrity ok) in ${Date.now() - started} ms`);
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.backup-${randomBytes(4).toString('hex')}`);
  try {
    const { bytes } = backupDatabase(path, temporary);
    await pipeline(createReadStream(temporary), process.stdout, { end: false });
    io.err(`Backed up ${path} (${megabytes(bytes)}, integrity ok) in ${Date.now() - started} ms`);
  } finally {
    rmSync(temporary, { force: true });
  }
}

async function restore(config: AppConfig, file: string, io: Output): Promise<void> {
  const path = sqlitePath(config, 'restore');
  let source = file;
  if (file === '-') {
    source = join(dirname(path), `.${basename(path)}.upload-${randomBytes(4).toString('hex')}`);
    mkdirSync(dirname(path), { recursive: true }); // a new, empty data folder is fine
    await pipeline(process.stdin, createWriteStream(source, { mode: 0o600 }));
  }
  try {
    const { bytes } = restoreDatabase(source, path);
    io.err(`Restored ${file === '-' ? 'the backup' : file} into ${path} (${megabytes(bytes)}, integrity ok). Start the API again.`);
  } finally {
    if (file === '-' && existsSync(source)) rmSync(source, { force: true });
  }
}

/** The application's services without its HTTP side, and without its process lock: the API may be running. */
async function withApp<T>(config: AppConfig, clock: Clock | undefined, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const { database } = config;
  if (database.type === 'sqlite' && !existsSync(database.path)) throw new OperatorError(`There is no database at ${database.path} (has the API ever started?)`);
  if (database.type === 'postgres') await checkPostgres(database);
  const app = await NestFactory.createApplicationContext(AppModule.register(config, clock), { logger: false, abortOnError: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function link(config: AppConfig, path: string): string {
  return `${config.publicUrl ?? ''}${path}`;
}

function minute(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

if (require.main === module) {
  run(process.argv.slice(2), process.env, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
