// npm run bench: six figures, each a ratio or a size measured in this one run on this machine
// (absolute times on shared machines are noise). Writes bench/results.md.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initialFiles } from '../../scripts/bundle-size.mjs';
import { abuse } from './lib/abuse.mjs';
import { api, startApi } from './lib/api.mjs';
import { familiesBench, familiesRow } from './lib/families.mjs';
import { importMemory, importMemoryRow } from './lib/import-memory.mjs';
import { audit } from './lib/lighthouse.mjs';
import { LOAD, measure } from './lib/load.mjs';
import { CURRENT_PERIOD_SPENDINGS, seed } from './lib/seed.mjs';
import { settle } from './lib/settle.mjs';
import { startPostgres } from './lib/postgres.mjs';
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

/** PASS or MISS; a figure only reported (no target of its own) says so. */
const verdict = (pass) => (pass === null ? '—' : pass ? 'PASS' : 'MISS');

/** Figure 7 as a table row, and whether it passes. */
function abuseRow(a) {
  const statuses = Object.entries(a.phases)
    .map(([name, p]) => `${name}: ${Object.entries(p.result.result).map(([k, v]) => (typeof v === 'object' ? `${k.split(';')[0]} ${JSON.stringify(v)}` : `${k}×${v}`)).join(', ')} (peak ${p.peakMb.toFixed(0)} MB)`)
    .join('; ');
  const pass = a.alive && a.healthFailures === 0 && a.peakMb < 200;
  return [
    '7. Memory under abuse: peak RSS',
    `${a.peakMb.toFixed(0)} MB`,
    '< 200 MB, up, healthy',
    pass,
    `${a.alive ? 'stayed up' : 'DIED'}; /api/health ${a.healthChecks - a.healthFailures}/${a.healthChecks} answered (slowest ${a.slowestHealthMs.toFixed(0)} ms); idle ${a.idleMb.toFixed(0)} MB; ${statuses}`,
  ];
}

/**
 * Figures 1b, 3b and 8b: the budget read, the spending write and the families' figure on
 * PostgreSQL (15, fsync on), on the same data as SQLite's (copied with migrate-to-postgres),
 * against the same bare node:http reference, in the same run.
 */
async function postgresFigures({ sqlitePath, token, funnelId, bodyFile }) {
  log('PostgreSQL: a throwaway cluster, the 100k database copied into it…');
  const pg = startPostgres();
  try {
    const url = pg.copyOf(sqlitePath, 'bench_mid');
    const server = await startApi({ dbPath: url, port: 3992 });
    const ref = await reference(bodyFile);
    const headers = { authorization: `Bearer ${token}` };
    const at = encodeURIComponent(new Date().toISOString());
    log('PostgreSQL: GET /api/budget and POST /api/spendings against the reference server…');
    const [get, refGet, computed] = await measure(
      { url: `${server.url}/api/budget`, headers },
      { url: `${ref.url}/api/budget` },
      { url: `${server.url}/api/budget?at=${at}`, headers },
    );
    const [post, refPost] = await measure(
      { url: `${server.url}/api/spendings`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ funnelId, amount: 1.5 }) },
      { url: `${ref.url}/api/spendings`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"funnelId":"x","amount":1.5}' },
    );
    ref.stop();
    await server.stop();
    log('PostgreSQL: reads while other families write…');
    const families = await familiesBench({ dbPath: pg.database('bench_families'), port: 3993 });
    return { version: pg.version(), get, refGet, computed, post, refPost, families };
  } finally {
    pg.stop();
  }
}

function postgresRows(p, sqlite) {
  const getRatio = p.get.requestsPerSecond / p.refGet.requestsPerSecond;
  const postRatio = p.post.requestsPerSecond / p.refPost.requestsPerSecond;
  return [
    [
      '1b. GET /api/budget req/s at 100k on PostgreSQL ÷ bare node:http',
      getRatio.toFixed(2),
      'reported beside 1.',
      null,
      `PostgreSQL ${p.version}: ${p.get.requestsPerSecond.toFixed(0)} vs ${p.refGet.requestsPerSecond.toFixed(0)} req/s; computed every time (?at=): ${p.computed.requestsPerSecond.toFixed(0)} req/s${sqlite ? ` (SQLite in this run: ${sqlite.get.toFixed(0)} and ${sqlite.computed.toFixed(0)} req/s)` : ''}`,
    ],
    [
      '3b. POST /api/spendings req/s on PostgreSQL ÷ bare node:http',
      postRatio.toFixed(2),
      'reported beside 3.',
      null,
      `${p.post.requestsPerSecond.toFixed(0)} vs ${p.refPost.requestsPerSecond.toFixed(0)} req/s (fsync on, group commit)${sqlite ? `; SQLite in this run: ${sqlite.post.toFixed(0)} req/s` : ''}`,
    ],
    familiesRow(p.families, '8b.', ' on PostgreSQL', false),
  ];
}

/** Figure 6: Lighthouse (mobile) on the signed-in dashboard of a household of 20 funnels. */
async function lighthouse() {
  log('Lighthouse…');
  const lhDb = join(dir, 'lighthouse.db');
  const lhSeed = await seed({ dbPath: lhDb, port: 3982, spendings: 200 });
  // BENCH_STATIC_DIR: audit another build of the PWA (an older commit's, to compare) against this API.
  const staticDir = process.env.BENCH_STATIC_DIR ?? fileURLToPath(new URL('../../frontend/dist/frontend/browser', import.meta.url));
  const lhServer = await startApi({ dbPath: lhDb, port: 3983, staticDir });
  const refreshExpiresAt = new Date(Date.now() + 7 * 864e5).toISOString();
  try {
    // Seven runs: the score varies by ±2 and the blocking time by ±40 % from run to run here.
    return await audit(
      {
        url: `${lhServer.url}/`,
        tokens: { accessToken: lhSeed.accessToken, refreshToken: 'unused', accessExpiresAt: refreshExpiresAt, refreshExpiresAt },
      },
      7,
    );
  } finally {
    await lhServer.stop();
  }
}

function pwaRow(kb) {
  return ['5. PWA initial JS+CSS (gzip)', `${kb.toFixed(1)} KB`, '≤ 95 KB', kb <= 95, ''];
}

function lighthouseRow(lh) {
  return [
    '6. Lighthouse mobile: performance / accessibility / best practices; total blocking time',
    `${lh.performance} / ${lh.accessibility} / ${lh.bestPractices}; ${lh.medianTotalBlockingTimeMs} ms`,
    '≥ 97 / 100 / 100; ≤ 150 ms',
    lh.performance >= 97 && lh.accessibility === 100 && lh.bestPractices === 100 && lh.medianTotalBlockingTimeMs <= 150,
    [
      `medians of ${lh.performanceRuns.length} runs (performance ${lh.performanceRuns.join(', ')}; total blocking time ${lh.totalBlockingTimeRuns.join(', ')} ms)`,
      `the run with the median score: ${Object.entries(lh.metrics).map(([id, value]) => `${id} ${value}`).join(', ')}`,
      lh.failing.length ? `failing: ${lh.failing.join(', ')}` : '',
    ].filter(Boolean).join('; '),
  ];
}

if (process.env.BENCH_ONLY === 'pwa') {
  // Only figures 5 and 6 (two minutes): printed, results.md left as it is.
  try {
    for (const [name, value, target, pass, note] of [pwaRow(initialFiles().reduce((sum, f) => sum + f.gzipBytes, 0) / 1024), lighthouseRow(await lighthouse())]) {
      console.log(`${name}: ${value} (target ${target}) ${pass ? 'PASS' : 'MISS'}${note ? `\n  ${note}` : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'families') {
  // Only figure 8 (two minutes): printed, results.md left as it is.
  try {
    const [name, value, target, pass, note] = familiesRow(await familiesBench({ dbPath: join(dir, 'families.db'), port: 3985 }));
    console.log(`${name}: ${value} (target ${target}) ${verdict(pass)}\n  ${note}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'postgres') {
  // Only figures 1b, 3b and 8b (five minutes): printed, results.md left as it is.
  try {
    const n = Number(process.env.BENCH_PG_SIZE ?? 100000);
    log(`seeding ${n} spendings…`);
    const dbPath = join(dir, 'pg-source.db');
    const seeded = await seed({ dbPath, port: 3980, spendings: n });
    const server = await startApi({ dbPath, port: 3981 });
    const bodyFile = join(dir, 'budget.json');
    writeFileSync(bodyFile, JSON.stringify(await api(server.url, '/api/budget', { token: seeded.accessToken })));
    await server.stop();
    const p = await postgresFigures({ sqlitePath: dbPath, token: seeded.accessToken, funnelId: seeded.funnelId, bodyFile });
    for (const [name, value, target, pass, note] of postgresRows(p, null)) console.log(`${name}: ${value} (target ${target}) ${verdict(pass)}\n  ${note}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'imports') {
  // Only figure 9 (a minute): printed, results.md left as it is.
  try {
    const [name, value, target, pass, note] = importMemoryRow(await importMemory({ dbPath: join(dir, 'imports.db'), port: 3986 }));
    console.log(`${name}: ${value} (target ${target}) ${verdict(pass)}\n  ${note.split('; ').join('\n  ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'abuse') {
  // Only figure 7 (a minute): printed, results.md left as it is.
  try {
    const a = await abuse({ dbPath: join(dir, 'abuse.db'), port: 3984 });
    const [name, value, target, pass, note] = abuseRow(a);
    console.log(`${name}: ${value} (target ${target}) ${pass ? 'PASS' : 'MISS'}\n${note}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

try {
  const mid = sizes[Math.min(1, sizes.length - 1)];
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const seeded = {};
  for (const n of sizes) {
    const dbPath = join(dir, `bench-${n}.db`);
    log(`seeding ${n} spendings…`);
    seeded[n] = { dbPath, ...(await seed({ dbPath, port: 3980, spendings: n })) };
  }
  const coldStarts = [];
  const headersOf = (n) => ({ authorization: `Bearer ${seeded[n].accessToken}` });
  // An explicit instant bypasses the cache of the current budget: this read always computes.
  const at = encodeURIComponent(new Date().toISOString());

  // Figure 2: the smallest and the largest history served side by side, their rounds in turn.
  log(`GET /api/budget at ${small} and ${large} spendings…`);
  const smallServer = await startApi({ dbPath: seeded[small].dbPath, port: 3981 });
  const largeServer = large === small ? smallServer : await startApi({ dbPath: seeded[large].dbPath, port: 3982 });
  coldStarts.push(smallServer.coldStartMs, largeServer.coldStartMs);
  const [smallComputed, largeComputed, smallCached, largeCached] = await measure(
    { url: `${smallServer.url}/api/budget?at=${at}`, headers: headersOf(small) },
    { url: `${largeServer.url}/api/budget?at=${at}`, headers: headersOf(large) },
    { url: `${smallServer.url}/api/budget`, headers: headersOf(small) },
    { url: `${largeServer.url}/api/budget`, headers: headersOf(large) },
  );
  await smallServer.stop();
  if (largeServer !== smallServer) await largeServer.stop();

  // Figures 1, 3 and 4 at the middle size, against the bare reference server.
  const server = await startApi({ dbPath: seeded[mid].dbPath, port: 3981 });
  coldStarts.push(server.coldStartMs);
  const headers = headersOf(mid);
  const bodyFile = join(dir, 'budget.json');
  writeFileSync(bodyFile, JSON.stringify(await api(server.url, '/api/budget', { token: seeded[mid].accessToken })));
  const ref = await reference(bodyFile);
  log(`GET /api/budget at ${mid} against the reference server…`);
  const [get, refGet, computed] = await measure(
    { url: `${server.url}/api/budget`, headers },
    { url: `${ref.url}/api/budget` },
    { url: `${server.url}/api/budget?at=${at}`, headers },
  );
  log('POST /api/spendings against the reference server…');
  const [post, refPost] = await measure(
    { url: `${server.url}/api/spendings`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ funnelId: seeded[mid].funnelId, amount: 1.5 }) },
    { url: `${ref.url}/api/spendings`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"funnelId":"x","amount":1.5}' },
  );
  ref.stop();
  const rssMb = server.rssMb();
  await server.stop();
  const sqliteInserts = durableInsertsPerSecond({ dbPath: seeded[mid].dbPath, funnelId: seeded[mid].funnelId });
  figures.postgres = await postgresFigures({ sqlitePath: seeded[mid].dbPath, token: seeded[mid].accessToken, funnelId: seeded[mid].funnelId, bodyFile });

  figures.getRatio = get.requestsPerSecond / refGet.requestsPerSecond;
  figures.p99Ratio = largeComputed.p99Ms / smallComputed.p99Ms;
  figures.postRatio = post.requestsPerSecond / refPost.requestsPerSecond;
  figures.coldStartMs = Math.max(...coldStarts);
  figures.rssMb = rssMb;
  figures.pwaKb = initialFiles().reduce((sum, f) => sum + f.gzipBytes, 0) / 1024;

  // The seeded databases (a million rows) are done with: removed, their pages flushed and the
  // CPUs idle again before the browser is measured.
  for (const n of sizes) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${seeded[n].dbPath}${suffix}`, { force: true });
  log(`machine ${(100 * (await settle())).toFixed(0)} % idle before Lighthouse`);
  figures.lighthouse = await lighthouse();

  // Both halves of figure 8 are measured here in turn; a machine still flushing or busy from the
  // phases before would count against whichever half it overlaps.
  log(`reads while other families write… (machine ${(100 * (await settle())).toFixed(0)} % idle)`);
  figures.families = await familiesBench({ dbPath: join(dir, 'families.db'), port: 3985 });

  log('memory under abuse…');
  figures.abuse = await abuse({ dbPath: join(dir, 'abuse.db'), port: 3984 });

  log('memory of the largest import of each format…');
  figures.imports = await importMemory({ dbPath: join(dir, 'imports.db'), port: 3986 });

  const rows = [
    ['1. GET /api/budget req/s at 100k ÷ bare node:http', figures.getRatio.toFixed(2), '≥ 0.5', figures.getRatio >= 0.5, `${get.requestsPerSecond.toFixed(0)} vs ${refGet.requestsPerSecond.toFixed(0)} req/s; computed every time (?at=): ${computed.requestsPerSecond.toFixed(0)} req/s`],
    ['2. GET /api/budget p99 at 1M ÷ p99 at 1k', figures.p99Ratio.toFixed(2), '≤ 1.25', figures.p99Ratio <= 1.25, `computed every time (?at=): ${largeComputed.p99Ms} ms vs ${smallComputed.p99Ms} ms, both served side by side; current budget (cached): ${largeCached.p99Ms} ms vs ${smallCached.p99Ms} ms`],
    ['3. POST /api/spendings req/s ÷ bare node:http', figures.postRatio.toFixed(2), '≥ 0.3', figures.postRatio >= 0.3, `${post.requestsPerSecond.toFixed(0)} vs ${refPost.requestsPerSecond.toFixed(0)} req/s (WAL, synchronous=FULL, group commit); SQLite alone, same insert in groups of 16 without HTTP: ${sqliteInserts.toFixed(0)} rows/s (${(sqliteInserts / refPost.requestsPerSecond).toFixed(2)} of the reference)`],
    ['4a. cold start to healthy', `${figures.coldStartMs.toFixed(0)} ms`, '≤ 1500 ms', figures.coldStartMs <= 1500, 'largest database, migrations included'],
    ['4b. RSS after the load', `${figures.rssMb.toFixed(0)} MB`, '≤ 150 MB', figures.rssMb <= 150, ''],
    pwaRow(figures.pwaKb),
    lighthouseRow(figures.lighthouse),
    abuseRow(figures.abuse),
    familiesRow(figures.families),
    importMemoryRow(figures.imports),
    ...postgresRows(figures.postgres, { get: get.requestsPerSecond, computed: computed.requestsPerSecond, post: post.requestsPerSecond }),
  ];
  const table = [
    '| figure | measured | target | | notes |',
    '|---|---|---|---|---|',
    ...rows.map(([name, value, target, pass, note]) => `| ${name} | ${value} | ${target} | ${verdict(pass)} | ${note} |`),
  ].join('\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const report = `# STracker benchmarks\n\nRun ${new Date().toISOString()} on ${machine}.\nLoad: autocannon, ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up, median of ${LOAD.rounds} rounds of ${LOAD.roundSeconds} s; compared targets take their rounds in turn. Sizes: ${sizes.join(', ')} spendings in a household of 20 funnels (${CURRENT_PERIOD_SPENDINGS} in the current period, the rest in the two years before).\n\n${table}\n`;
  writeFileSync(fileURLToPath(new URL('./results.md', import.meta.url)), report);
  console.log(`\n${table}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
