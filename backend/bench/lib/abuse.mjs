// Memory under abuse (issue #11): the built API with its production heap limits, attacked the
// way it once fell over: strangers sending 4 MiB bodies of every content type in parallel, and
// signed-in users sending maximum-size imports in parallel. The server must stay up, answer
// /api/health throughout, and stay under 200 MB RSS; the peak is reported.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { api, registerAccount, startApi } from './api.mjs';

const client = fileURLToPath(new URL('./abuse-client.mjs', import.meta.url));

function attack(url, plan) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [client, url, JSON.stringify(plan)], { maxBuffer: 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout.trim().split('\n').pop())),
    );
  });
}

/** Peak RSS and the health check, every 20 ms and every 100 ms, while `work` runs. */
async function watch(server, work) {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))[1]) / 1024;
  let peakMb = rss();
  const sampler = setInterval(() => {
    if (server.proc.exitCode === null) peakMb = Math.max(peakMb, rss());
  }, 20);
  const health = { checks: 0, failures: 0, slowestMs: 0 };
  let watching = true;
  const checker = (async () => {
    while (watching) {
      const started = performance.now();
      try {
        const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.status !== 200) health.failures++;
      } catch {
        health.failures++;
      }
      health.checks++;
      health.slowestMs = Math.max(health.slowestMs, performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const result = await work();
    return { result, peakMb, health, alive: server.proc.exitCode === null };
  } finally {
    watching = false;
    clearInterval(sampler);
    await checker;
  }
}

async function register(url, username, inviteCode) {
  return (await registerAccount(url, username, { inviteCode })).accessToken;
}

export async function abuse({ dbPath, port }) {
  const server = await startApi({ dbPath, port });
  try {
    const idleMb = server.rssMb();
    // The first account is free (REGISTRATION=invite, the default); the others join with invites.
    const owner = await register(server.url, 'owner');
    const members = [];
    for (let i = 0; i < 3; i++) {
      const { code } = await api(server.url, '/api/household/invites', { method: 'POST', token: owner });
      members.push(await register(server.url, `member${i}`, code));
    }
    const phases = {
      strangers: await watch(server, () => attack(server.url, { phase: 'strangers' })),
      oneUserImports: await watch(server, () => attack(server.url, { phase: 'imports', tokens: [owner], perUser: 16, dryRun: false })),
      oneUserDryRuns: await watch(server, () => attack(server.url, { phase: 'imports', tokens: [owner], perUser: 16, dryRun: true })),
      fourUsersImports: await watch(server, () => attack(server.url, { phase: 'imports', tokens: [owner, ...members], perUser: 4, dryRun: false })),
    };
    const values = Object.values(phases);
    return {
      idleMb,
      peakMb: Math.max(...values.map((p) => p.peakMb)),
      alive: values.every((p) => p.alive) && server.proc.exitCode === null,
      healthChecks: values.reduce((n, p) => n + p.health.checks, 0),
      healthFailures: values.reduce((n, p) => n + p.health.failures, 0),
      slowestHealthMs: Math.max(...values.map((p) => p.health.slowestMs)),
      phases,
    };
  } finally {
    if (server.proc.exitCode === null) await server.stop();
  }
}
