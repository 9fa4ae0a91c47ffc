import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK } from './stack';

/**
 * Starts the real stack: the built backend on a fresh SQLite file, and Debian's nginx with
 * the repository's nginx.conf. Only what differs on a test machine is substituted: the
 * upstream address, the ports, the certificate and PWA paths, and where nginx may write.
 */
export function renderNginxConf(source: string): string {
  const replacements: Array<[RegExp, string]> = [
    // First, before any substituted path could itself contain /tmp/nginx.
    [/\/tmp\/nginx/g, `${STACK.dir}/nginx`],
    [/set \$backend http:\/\/backend:3000;/, `set $backend http://127.0.0.1:${STACK.backendPort};`],
    [/listen 8080;/, `listen ${STACK.httpPort};`],
    [/listen \[::\]:8080;/, `listen [::1]:${STACK.httpPort};`],
    [/listen 8443 ssl http2;/, `listen ${STACK.httpsPort} ssl http2;`],
    [/listen \[::\]:8443 ssl http2;/, `listen [::1]:${STACK.httpsPort} ssl http2;`],
    [/\/etc\/nginx\/certs\//g, `${STACK.dir}/certs/`],
    [/root \/usr\/share\/nginx\/html;/, `root ${STACK.pwaDir};`],
  ];
  let conf = source;
  for (const [pattern, value] of replacements) {
    if (!pattern.test(conf)) throw new Error(`nginx.conf no longer contains ${pattern}: update e2e/support/global-setup.ts`);
    conf = conf.replace(pattern, value);
  }
  // Started as root (as CI is), nginx's workers would drop to "nobody", who cannot enter a
  // checkout in a private temporary folder; in the container nginx never runs as root.
  if (process.getuid?.() === 0) conf = `user root;\n${conf}`;
  return conf;
}

/** The backend's environment (also what the operator's tool needs to reach the same database). */
export const BACKEND_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(STACK.backendPort),
  DB_URL: join(STACK.dir, 'e2e.db'),
  STATIC_DIR: 'none',
  JWT_SECRET: 'e2e-jwt-secret-e2e-jwt-secret-e2e-jwt-secret',
  TOTP_ENCRYPTION_KEY: 'e2e-totp-key-e2e-totp-key-e2e-totp-key-0001',
  // Production requires a VAPID pair (Web Push); this one is for the browser tests only.
  VAPID_PUBLIC_KEY: 'BGfNhMmwkYuj94GYQSfqKD1lTgm7-lTnkT6ydCKlIgtGfU-xY7nwB109BSQTC0mExj1G_ZmaAjCsKQSK2nIQgDA',
  VAPID_PRIVATE_KEY: 'XofqGD-1kbpIv14g2pK_fLBMGflMVcFQ6FObDSMRLg4',
  VAPID_SUBJECT: 'mailto:e2e@stracker.example',
  // The browser tests' own push service (push-service.ts) listens on 127.0.0.1 with the stack's
  // self-signed certificate: the API may post there (tests only) and trusts that certificate.
  PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true',
  NODE_EXTRA_CA_CERTS: join(STACK.dir, 'certs/fullchain.pem'),
  TRUST_PROXY: '1',
  // The journeys register many independent households; the default (invite) is tested by the API tests.
  REGISTRATION: 'open',
};

async function waitFor(url: string, what: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see ${STACK.dir}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within 30 s; see ${STACK.dir}`);
}

async function assertFree(url: string): Promise<void> {
  try {
    await fetch(url);
  } catch {
    return; // nothing answers: free
  }
  throw new Error(`Something already answers ${url}; stop it (an old test run?) or choose other E2E_* ports`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  await assertFree(`http://127.0.0.1:${STACK.backendPort}/api/health`);
  await assertFree(`${STACK.httpsUrl}/`);
  const log = (name: string) => openSync(join(STACK.dir, name), 'a');
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
  };
  // Whatever happens to this process, the stack goes with it.
  process.once('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));
  try {
    return await startStack(log, children, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startStack(log: (name: string) => number, children: ChildProcess[], stop: () => Promise<void>): Promise<() => Promise<void>> {
  const backend = spawn(process.execPath, [join(STACK.root, 'backend/dist/main.js')], {
    env: { ...process.env, ...BACKEND_ENV },
    stdio: ['ignore', log('backend.log'), log('backend.log')],
  });
  children.push(backend);
  await waitFor(`http://127.0.0.1:${STACK.backendPort}/api/health`, 'The backend', backend);

  const confPath = join(STACK.dir, 'nginx.conf');
  writeFileSync(confPath, renderNginxConf(readFileSync(join(STACK.root, 'nginx.conf'), 'utf8')));
  execFileSync('nginx', ['-t', '-q', '-p', STACK.dir, '-c', confPath], { stdio: 'inherit' });
  const nginx = spawn('nginx', ['-p', STACK.dir, '-c', confPath, '-g', 'daemon off;'], {
    stdio: ['ignore', log('nginx.log'), log('nginx.log')],
  });
  children.push(nginx);
  await waitFor(`${STACK.httpsUrl}/api/health`, 'nginx', nginx);
  return stop;
}
