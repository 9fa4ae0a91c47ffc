import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseInUseError } from '../src/database/database-lock';
import { TEST_VAPID } from './support/push';
import { describeOnSqlite, itOnPostgres, startTestApp, TEST_JWT_SECRET, TEST_TOTP_KEY, TestApp } from './support/test-app';

const backend = join(__dirname, '..');

/** Node with TypeScript sources, as a second process on this machine. */
function nodeTs(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...args], {
    cwd: backend,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** One API process per SQLite file: a second one refuses to start instead of serving stale caches. */
describeOnSqlite('one process per database file', () => {
  let dir: string;
  let dbPath: string;
  const apps: TestApp[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stracker-lock-'));
    dbPath = join(dir, 'stracker.db');
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second application on the same file, and lets one start once the first has stopped', async () => {
    const first = await startTestApp({ dbPath });
    apps.push(first);
    await expect(startTestApp({ dbPath })).rejects.toThrow(DatabaseInUseError);
    await expect(startTestApp({ dbPath })).rejects.toThrow(
      `Another STracker process is already using the database ${dbPath} (it holds ${dbPath}.lock). Run one API process per SQLite file`,
    );
    await first.http.get('/api/health').expect(200); // the first one is unharmed
    await apps.pop()!.close();
    apps.push(await startTestApp({ dbPath }));
  });

  it('refuses to start while another process holds the file, and starts once that process was killed (kill -9 leaves nothing stale)', async () => {
    const holder = nodeTs(['-e', `globalThis.lock = require('./src/database/database-lock').DatabaseFileLock.acquire(${JSON.stringify(dbPath)}); console.log('locked'); setInterval(() => {}, 1000);`]);
    const exited = output(holder);
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (c: Buffer) => c.toString().includes('locked') && resolve());
        holder.once('exit', () => reject(new Error('the holder exited early')));
      });
      await expect(startTestApp({ dbPath })).rejects.toThrow(DatabaseInUseError);
    } finally {
      holder.kill('SIGKILL');
    }
    await exited;
    apps.push(await startTestApp({ dbPath }));
  });

  it('tells the operator plainly, without a stack trace, and exits with 1', async () => {
    apps.push(await startTestApp({ dbPath }));
    const second = nodeTs(['src/main.ts'], {
      NODE_ENV: 'production',
      DB_URL: dbPath,
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: 'none',
      JWT_SECRET: TEST_JWT_SECRET,
      TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY,
      ...TEST_VAPID,
    });
    const { code, stderr } = await output(second);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Another STracker process is already using the database ${dbPath} (it holds ${dbPath}.lock). ` +
        'Run one API process per SQLite file: stop the other one first. (Several API processes need PostgreSQL.)',
    );
  }, 60_000);
});

describe('several processes on one PostgreSQL database', () => {
  itOnPostgres('starts a second application on the same database while the first runs (no file lock)', async () => {
    const first = await startTestApp();
    try {
      const second = await startTestApp({ database: first.database });
      try {
        await first.http.get('/api/health').expect(200);
        await second.http.get('/api/health').expect(200);
      } finally {
        await second.close();
      }
    } finally {
      await first.dispose();
    }
  });
});
