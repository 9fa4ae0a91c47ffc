// The main thread's CPU time while the signed-in dashboard starts, for several builds of the PWA,
// their loads in turn against one seeded API (20 funnels, 200 spendings), in Debian's Chromium
// without Lighthouse: for each traced load, the CPU time of the task that starts the app (the one
// that evaluates main.js), of every task of 3 ms or more in the first 2.5 s, and the tasks of
// 8 ms or more. CPU time, not wall time: Lighthouse's blocking time counts wall time, which on
// a busy machine grows with what else runs; the CPU time of the same build varies far less.
//   node bench/compare-cpu.mjs dirA dirB   (RUNS=4; copies of frontend/dist/frontend/browser
//   made with `npm run build`, which adds the compile hints; KEEP=dir keeps the traces,
//   PROFILE=1 adds V8's sampling profiler to them)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startApi } from './lib/api.mjs';
import { seed } from './lib/seed.mjs';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'v8'];
const dirs = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 4);
const work = mkdtempSync(join(tmpdir(), 'stracker-cpu-'));
const dbPath = join(work, 'cpu.db');
const { accessToken } = await seed({ dbPath, port: 3991, spendings: 200 });
const results = new Map(dirs.map((dir) => [dir, []]));

/** One traced load of the dashboard, as the second visit (the first stores the tokens). */
async function load(dir, round) {
  const server = await startApi({ dbPath, port: 3992, staticDir: dir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    await page.goto(`${server.url}/`);
    const expires = new Date(Date.now() + 864e5).toISOString();
    await page.evaluate((value) => localStorage.setItem('stracker.tokens', value), JSON.stringify({ accessToken, refreshToken: 'unused', accessExpiresAt: expires, refreshExpiresAt: expires }));
    await page.waitForTimeout(1500);
    await page.goto('about:blank');
    await browser.startTracing(page, { categories: [...CATEGORIES, ...(process.env.PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : [])] });
    await page.goto(`${server.url}/`);
    // A plain wait: Playwright's own waiting evaluates script in the page.
    await page.waitForTimeout(3000);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (process.env.KEEP) writeFileSync(join(process.env.KEEP, `${basename(dir)}-${round}.json`), JSON.stringify(trace));
    return trace.traceEvents;
  } finally {
    await browser.close();
    await server.stop();
  }
}

function measure(events) {
  const nav = events.find((e) => e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''));
  if (!nav) return null; // now and then a trace misses it
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X');
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ts > nav.ts && e.ts < nav.ts + 2.5e6);
  const startUp = tasks.find((task) => main.some((e) => e.name === 'v8.evaluateModule' && e.ts >= task.ts && e.ts < task.ts + task.dur));
  return {
    startUp: (startUp?.tdur ?? 0) / 1000,
    total: tasks.filter((task) => task.tdur > 3000).reduce((sum, task) => sum + task.tdur, 0) / 1000,
    long: tasks.filter((task) => task.tdur > 8000).map((task) => `${((task.ts - nav.ts) / 1000).toFixed(0)}:${(task.tdur / 1000).toFixed(1)}`).join(' '),
  };
}

try {
  for (let round = 0; round < runs; round++) {
    for (const dir of dirs) {
      const m = measure(await load(dir, round));
      if (!m) continue;
      results.get(dir).push(m);
      console.log(`${basename(dir)}: start-up task ${m.startUp.toFixed(1)} ms CPU, tasks ≥ 3 ms ${m.total.toFixed(0)} ms | tasks ≥ 8 ms (at:CPU) ${m.long}`);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [dir, list] of results) {
    console.log(`${dir}: median start-up task ${median(list.map((m) => m.startUp)).toFixed(1)} ms CPU, tasks ≥ 3 ms ${median(list.map((m) => m.total)).toFixed(0)} ms (${list.length} loads)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
