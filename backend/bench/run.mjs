// npm run bench: six figures, each a ratio or a size measured in this one run on this machine
// (absolute times on shared machines are noise). Writes bench/results.md.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initialFiles } from '../../scripts/bundle-size.mjs';
import { api, startApi } from './lib/api.mjs';
import { audit } from './lib/lighthouse.mjs';
import { LOAD, measure } from './lib/load.mjs';
import { CURRENT_PERIOD_SPENDINGS, seed } from './lib/seed.mjs';
import { durableInsertsPerSecond } from './lib/sqlite-ceiling.mjs';

const sizes = (process.env.BENCH_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'stracker-bench-'));
const figures = {};
const log = (...args) => console.log('bench:', ...args);

async function reference(bodyFile) {
  const child = fork(fileURLToPath(new URL('./reference-server.mjs', import.meta.url)), ['3990', bodyFile], { stdio: 'ignore' });
  process.once('exit', () => child.kill());
  await new Promise((resolve) => child.once('message', resolve));
  return { url: 'http://127.0.0.1:3990', stop: () => child.kill() };
}

try {
  const perSize = {};
  const mid = sizes[Math.min(1, sizes.length - 1)];
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const compared = {};
  for (const n of sizes) {
    const dbPath = join(dir, `bench-${n}.db`);
    log(`seeding ${n} spendings…`);
    const seeded = await seed({ dbPath, port: 3980, spendings: n });
    const server = await startApi({ dbPath, port: 3981 });
    const headers = { authorization: `Bearer ${seeded.accessToken}` };
    // The computing read: an explicit instant bypasses the cache of the current budget, so
    // figure 2 measures the queries against the history, not a remembered answer.
    const at = new Date().toISOString();
    log(`GET /api/budget at ${n}…`);
    const [get, computed] = await measure({ url: `${server.url}/api/budget`, headers }, { url: `${server.url}/api/budget?at=${encodeURIComponent(at)}`, headers });
    perSize[n] = { get, computed, coldStartMs: server.coldStartMs };
    if (n === mid) {
      const bodyFile = join(dir, 'budget.json');
      writeFileSync(bodyFile, JSON.stringify(await api(server.url, '/api/budget', { token: seeded.accessToken })));
      const ref = await reference(bodyFile);
      log('GET /api/budget against the reference server…');
      [compared.get, compared.refGet] = await measure({ url: `${server.url}/api/budget`, headers }, { url: `${ref.url}/api/budget` });
      log('POST /api/spendings against the reference server…');
      [compared.post, compared.refPost] = await measure(
        { url: `${server.url}/api/spendings`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ funnelId: seeded.funnelId, amount: 1.5 }) },
        { url: `${ref.url}/api/spendings`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"funnelId":"x","amount":1.5}' },
      );
      ref.stop();
      perSize[n].rssMb = server.rssMb();
    }
    await server.stop();
    if (n === mid) compared.sqliteInserts = durableInsertsPerSecond({ dbPath, funnelId: seeded.funnelId });
  }

  figures.getRatio = compared.get.requestsPerSecond / compared.refGet.requestsPerSecond;
  figures.p99Ratio = perSize[large].computed.p99Ms / perSize[small].computed.p99Ms;
  figures.postRatio = compared.post.requestsPerSecond / compared.refPost.requestsPerSecond;
  figures.coldStartMs = Math.max(...sizes.map((n) => perSize[n].coldStartMs));
  figures.rssMb = perSize[mid].rssMb;
  figures.pwaKb = initialFiles().reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;

  log('Lighthouse…');
  const lhDb = join(dir, 'lighthouse.db');
  const lhSeed = await seed({ dbPath: lhDb, port: 3982, spendings: 200 });
  const lhServer = await startApi({ dbPath: lhDb, port: 3983, staticDir: fileURLToPath(new URL('../../frontend/dist/frontend/browser', import.meta.url)) });
  const refreshExpiresAt = new Date(Date.now() + 7 * 864e5).toISOString();
  figures.lighthouse = await audit({
    url: `${lhServer.url}/`,
    tokens: { accessToken: lhSeed.accessToken, refreshToken: 'unused', accessExpiresAt: refreshExpiresAt, refreshExpiresAt },
  });
  await lhServer.stop();

  const rows = [
    ['1. GET /api/budget req/s at 100k ÷ bare node:http', figures.getRatio.toFixed(2), '≥ 0.5', figures.getRatio >= 0.5, `${compared.get.requestsPerSecond.toFixed(0)} vs ${compared.refGet.requestsPerSecond.toFixed(0)} req/s; computed every time (?at=): ${perSize[mid].computed.requestsPerSecond.toFixed(0)} req/s`],
    ['2. GET /api/budget p99 at 1M ÷ p99 at 1k', figures.p99Ratio.toFixed(2), '≤ 1.25', figures.p99Ratio <= 1.25, `computed every time (?at=): ${perSize[large].computed.p99Ms} ms vs ${perSize[small].computed.p99Ms} ms; current budget (cached): ${perSize[large].get.p99Ms} ms vs ${perSize[small].get.p99Ms} ms`],
    ['3. POST /api/spendings req/s ÷ bare node:http', figures.postRatio.toFixed(2), '≥ 0.3', figures.postRatio >= 0.3, `${compared.post.requestsPerSecond.toFixed(0)} vs ${compared.refPost.requestsPerSecond.toFixed(0)} req/s (WAL, synchronous=FULL, group commit); SQLite alone, same insert in groups of 16 without HTTP: ${compared.sqliteInserts.toFixed(0)} rows/s (${(compared.sqliteInserts / compared.refPost.requestsPerSecond).toFixed(2)} of the reference)`],
    ['4a. cold start to healthy', `${figures.coldStartMs.toFixed(0)} ms`, '≤ 1500 ms', figures.coldStartMs <= 1500, 'largest database, migrations included'],
    ['4b. RSS after the load', `${figures.rssMb.toFixed(0)} MB`, '≤ 150 MB', figures.rssMb <= 150, ''],
    ['5. PWA initial JS+CSS (gzip)', `${figures.pwaKb.toFixed(1)} KB`, '≤ 120 KB', figures.pwaKb <= 120, ''],
    [
      '6. Lighthouse mobile: performance / accessibility / best practices',
      `${figures.lighthouse.performance} / ${figures.lighthouse.accessibility} / ${figures.lighthouse.bestPractices}`,
      '≥ 95 / 100 / 100',
      figures.lighthouse.performance >= 95 && figures.lighthouse.accessibility === 100 && figures.lighthouse.bestPractices === 100,
      [
        `median of ${figures.lighthouse.performanceRuns.length} runs (performance ${figures.lighthouse.performanceRuns.join(', ')})`,
        Object.entries(figures.lighthouse.metrics).map(([id, value]) => `${id} ${value}`).join(', '),
        figures.lighthouse.failing.length ? `failing: ${figures.lighthouse.failing.join(', ')}` : '',
      ].filter(Boolean).join('; '),
    ],
  ];
  const table = [
    '| figure | measured | target | | notes |',
    '|---|---|---|---|---|',
    ...rows.map(([name, value, target, pass, note]) => `| ${name} | ${value} | ${target} | ${pass ? 'PASS' : 'MISS'} | ${note} |`),
  ].join('\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const report = `# STracker benchmarks\n\nRun ${new Date().toISOString()} on ${machine}.\nLoad: autocannon, ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up, median of ${LOAD.rounds} rounds of ${LOAD.roundSeconds} s; compared targets take their rounds in turn. Sizes: ${sizes.join(', ')} spendings in a household of 20 funnels (${CURRENT_PERIOD_SPENDINGS} in the current period, the rest in the two years before).\n\n${table}\n`;
  writeFileSync(fileURLToPath(new URL('./results.md', import.meta.url)), report);
  console.log(`\n${table}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
