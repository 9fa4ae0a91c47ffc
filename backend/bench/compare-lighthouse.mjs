// Lighthouse (mobile) on the signed-in dashboard for several builds of the PWA, their runs in
// turn against one seeded API, with each run's long tasks and main-thread breakdown:
//   node bench/compare-lighthouse.mjs /tmp/build-a /tmp/build-b   (RUNS=5; copies of frontend/dist/frontend/browser)
// The blocking time varies by ±40 % from run to run here: compare medians of several runs, on an idle machine.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from './lib/lighthouse.mjs';
import { startApi } from './lib/api.mjs';
import { seed } from './lib/seed.mjs';
const dir = mkdtempSync(join(tmpdir(), 'ab-'));
const db = join(dir, 'lh.db');
const s = await seed({ dbPath: db, port: 3982, spendings: 200 });
const exp = new Date(Date.now() + 7 * 864e5).toISOString();
const runs = Number(process.env.RUNS ?? 5);
const dirs = process.argv.slice(2);
const res = Object.fromEntries(dirs.map(d => [d, []]));
for (let round = 0; round < runs; round++) for (const d of dirs) {
  const srv = await startApi({ dbPath: db, port: 3983, staticDir: d });
  const out = join(dir, 'lh'); rmSync(out, { recursive: true, force: true }); mkdirSync(out);
  process.env.BENCH_LIGHTHOUSE_DIR = out;
  try {
    const r = await audit({ url: `${srv.url}/`, tokens: { accessToken: s.accessToken, refreshToken: 'unused', accessExpiresAt: exp, refreshExpiresAt: exp } }, 1);
    const lhr = JSON.parse(readFileSync(join(out, readdirSync(out).find((f) => f.startsWith('lighthouse-'))), 'utf8'));
    if (process.env.KEEP_TRACES) for (const f of readdirSync(out)) if (f.startsWith('trace-')) copyFileSync(join(out, f), join(process.env.KEEP_TRACES, `${d.split('/').pop()}-${round}-tbt${r.totalBlockingTimeMs}.json`));
    const lt = (lhr.audits['long-tasks']?.details?.items ?? []).map(i => `${Math.round(i.startTime)}+${Math.round(i.duration)}@${String(i.url).split("/").pop()}`).join(' ');
    const mw = (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map(i => `${i.group}:${Math.round(i.duration)}`).join(' ');
    res[d].push(r.totalBlockingTimeMs);
    const m=(id)=>Math.round(lhr.audits[id]?.numericValue??-1); console.log('fcp',m('first-contentful-paint'),'lcp',m('largest-contentful-paint'),'tti',m('interactive'),'si',m('speed-index')); console.log(d.split('/').pop(), 'perf', r.performance, 'tbt', r.totalBlockingTimeMs, '| long', lt, '|', mw);
  } finally { await srv.stop(); }
}
for (const [d, v] of Object.entries(res)) { v.sort((a,b)=>a-b); console.log(d, v.join(','), 'median', v[Math.floor(v.length/2)]); }
rmSync(dir, { recursive: true, force: true });
