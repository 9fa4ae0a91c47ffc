// A PostgreSQL server for the benchmark: a throwaway cluster (scripts/postgres-cluster.sh) with
// fsync on, so a committed spending is as durable as SQLite's synchronous=FULL makes it, and
// the comparison is fair. Databases are made per figure; the cluster goes with the run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLUSTER = fileURLToPath(new URL('../../../scripts/postgres-cluster.sh', import.meta.url));
const ADMIN = fileURLToPath(new URL('../../dist/bin/admin.js', import.meta.url));

export function startPostgres(port = 54339) {
  const dir = mkdtempSync(join(tmpdir(), 'stracker-bench-pg-'));
  execFileSync('chmod', ['755', dir]);
  const url = execFileSync('bash', [CLUSTER, 'start', dir, String(port)], { env: { ...process.env, PG_FSYNC: 'on' }, encoding: 'utf8' }).trim();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync('bash', [CLUSTER, 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return {
    /** A new, empty database; its URL. */
    database(name) {
      execFileSync('psql', [url, '-qc', `CREATE DATABASE ${name}`]);
      return url.replace(/\/[^/]*$/, `/${name}`);
    },
    /** A SQLite database of the benchmark copied into a new PostgreSQL database with the admin tool; its URL. */
    copyOf(sqlitePath, name) {
      const target = this.database(name);
      execFileSync(process.execPath, [ADMIN, 'migrate-to-postgres', '--from', sqlitePath, '--to', target], { stdio: ['ignore', 'ignore', 'ignore'] });
      return target;
    },
    version: () => execFileSync('psql', [url, '-Atc', 'SHOW server_version'], { encoding: 'utf8' }).trim(),
    stop,
  };
}
