import { createServer } from 'node:net';
import { loadConfig, PostgresConfig } from '../src/config/app-config';
import { checkPostgres, explain } from '../src/database/preflight';
import { TEST_VAPID } from './support/push';
import { itOnPostgres, PG_TEST_URL } from './support/test-app';

// With the VAPID pair given, reading the configuration writes nothing (a pair would be generated under cwd).
const GOOD = { JWT_SECRET: 'j'.repeat(32), TOTP_ENCRYPTION_KEY: 't'.repeat(32), ...TEST_VAPID };
const postgres = (url: string) => loadConfig({ ...GOOD, DB_URL: url }, { cwd: '/srv/app' }).database as PostgresConfig;

/** What an operator reads when DB_URL names a PostgreSQL that cannot be used: one line, no password. */
describe('PostgreSQL start-up errors', () => {
  const db = postgres('postgres://stracker:s3cret@db.example:6543/family');

  it('names the cause in one line, never the password', () => {
    const lines = [
      explain({ code: '28P01', message: 'password authentication failed for user "stracker"' }, db),
      explain({ code: '3D000', message: 'database "family" does not exist' }, db),
      explain({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, db),
      explain({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.example' }, db),
      explain({ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, db),
      explain(new Error('Connection terminated due to connection timeout'), db),
      explain(new Error('The server does not support SSL connections'), db),
    ];
    expect(lines).toEqual([
      'DB_URL postgres://stracker:***@db.example:6543/family: PostgreSQL refused the password of user "stracker"; check the password in DB_URL',
      'DB_URL postgres://stracker:***@db.example:6543/family: there is no database "family" on db.example:6543; create it (createdb family, or CREATE DATABASE family OWNER stracker)',
      'DB_URL postgres://stracker:***@db.example:6543/family: nothing answers on db.example:6543; is PostgreSQL running there, and listening on that address?',
      'DB_URL postgres://stracker:***@db.example:6543/family: the host "db.example" is unknown; check the host name in DB_URL',
      'DB_URL postgres://stracker:***@db.example:6543/family: db.example:6543 cannot be reached (ETIMEDOUT); check the host, the port and the network between them',
      'DB_URL postgres://stracker:***@db.example:6543/family: db.example:6543 did not answer in time; check the host, the port and the network between them',
      'DB_URL postgres://stracker:***@db.example:6543/family: the TLS connection failed (The server does not support SSL connections); check sslmode in DB_URL',
    ]);
    for (const line of lines) expect(line).not.toMatch(/s3cret|\n/);
  });

  it('says so for a port where nothing listens, for real', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    await expect(checkPostgres(postgres(`postgres://u:pw@127.0.0.1:${port}/x`), 2000)).rejects.toThrow(`nothing answers on 127.0.0.1:${port}`);
  });

  itOnPostgres('says so for a database that does not exist, for real', async () => {
    const missing = PG_TEST_URL.replace(/\/[^/]*$/, '/stracker_no_such_database');
    await expect(checkPostgres(postgres(missing))).rejects.toThrow('there is no database "stracker_no_such_database"');
  });
});
