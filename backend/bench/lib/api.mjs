// Starts the built API as a child process, the way production runs it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { generateSync } = createRequire(import.meta.url)('otplib');
/** BENCH_MAIN: run another build of the API (a copy of dist/ kept inside backend/, to compare). */
export const MAIN = process.env.BENCH_MAIN ?? join(here, '../../dist/main.js');
/** The node flags of `npm run start:prod` (the V8 heap limits production runs with). */
export const NODE_FLAGS = JSON.parse(readFileSync(join(here, '../../package.json'), 'utf8'))
  .scripts['start:prod'].split(' ')
  .filter((word) => word.startsWith('--'));

export const SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-bench-jwt-secret',
  TOTP_ENCRYPTION_KEY: 'bench-totp-key-bench-totp-key-bench-totp-key-01',
  // A VAPID pair for the bench only (production mode requires one; nothing is ever pushed).
  VAPID_PUBLIC_KEY: 'BLjuee3m6uS31q7so7F81UtKdXj6b5lH4S6kk_lDoprs9HPQW8ZKxXP21DqLaJknoYi8U6CI9A9TvwipR1QlVhI',
  VAPID_PRIVATE_KEY: 'o3lq-tfuX1VzMKAcfGTMiZfX9lv2Y-w_xoC5KqLQ2EM',
  VAPID_SUBJECT: 'mailto:bench@stracker.example',
};

// Whatever happens to the run, no API process outlives it.
const running = new Set();
process.on('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

/** Starts the API on `port`; resolves once /api/health answers, with the time that took. */
export async function startApi({ dbPath, port, staticDir = 'none', env = {}, main = MAIN }) {
  const started = process.hrtime.bigint();
  const proc = spawn(process.execPath, [...NODE_FLAGS, main], {
    env: { ...process.env, ...SECRETS, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DB_URL: dbPath, STATIC_DIR: staticDir, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the API exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    proc,
    url,
    coldStartMs,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]) / 1024,
    stop: () => new Promise((resolve) => {
      proc.once('exit', resolve);
      proc.kill('SIGTERM');
    }),
  };
}

export async function api(url, path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/**
 * A new account through the API, as the PWA makes one (the authenticator's current code worked
 * out here); its token pair. `settings` go with the last step (timezone, currency …).
 */
export async function registerAccount(url, username, { inviteCode, ...settings } = {}) {
  const offer = await api(url, '/api/auth/register/start', { method: 'POST', body: { username, ...(inviteCode ? { inviteCode } : {}) } });
  return api(url, '/api/auth/register/finish', { method: 'POST', body: { enrolmentToken: offer.enrolmentToken, code: generateSync({ secret: offer.secret }), ...settings } });
}
