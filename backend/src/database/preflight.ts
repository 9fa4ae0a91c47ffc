import type { ClientConfig } from 'pg';
import type { PostgresConfig } from '../config/app-config';

/** The database named in DB_URL cannot be used; the message says why in one line. */
export class DatabaseUnavailableError extends Error {}

/**
 * Connects to the PostgreSQL server of DB_URL once, before the application starts, so that a
 * wrong password, a host that does not answer or a database that does not exist is said in
 * one line (the application's own start would print a stack trace). SQLite needs no such check.
 */
export async function checkPostgres(database: PostgresConfig, timeoutMs = 10_000): Promise<void> {
  // Loaded only when DB_URL is PostgreSQL: a SQLite server never loads the pg package.
  const { Client } = await import('pg');
  const config: ClientConfig = { connectionString: database.url, ssl: database.ssl, connectionTimeoutMillis: timeoutMs };
  const client = new Client(config);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnavailableError(explain(error, database));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What went wrong, for the operator: the password never shown. */
export function explain(error: unknown, database: PostgresConfig): string {
  const url = new URL(database.url);
  const where = `${url.hostname}:${url.port || 5432}`;
  const name = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username) || 'the default user';
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const prefix = `DB_URL ${database.display}:`;
  switch (code) {
    case '28P01':
      return `${prefix} PostgreSQL refused the password of user "${user}"; check the password in DB_URL`;
    case '28000':
      return `${prefix} PostgreSQL does not let user "${user}" connect (${message}); check the user and pg_hba.conf`;
    case '3D000':
      return `${prefix} there is no database "${name}" on ${where}; create it (createdb ${name}, or CREATE DATABASE ${name} OWNER ${user})`;
    case 'ECONNREFUSED':
      return `${prefix} nothing answers on ${where}; is PostgreSQL running there, and listening on that address?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${prefix} the host "${url.hostname}" is unknown; check the host name in DB_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${prefix} ${where} cannot be reached (${code}); check the host, the port and the network between them`;
    default:
      if (/timeout/i.test(message ?? '')) return `${prefix} ${where} did not answer in time; check the host, the port and the network between them`;
      if (/SSL|TLS|certificate/i.test(message ?? '')) return `${prefix} the TLS connection failed (${message}); check sslmode in DB_URL`;
      return `${prefix} cannot connect (${message ?? String(error)})`;
  }
}
