// Lighthouse (mobile) on the signed-in dashboard served by the production build, in
// Debian's Chromium: Playwright starts it and puts the tokens where the PWA keeps them,
// then Lighthouse audits the page over the same DevTools port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

/** One Lighthouse run. */
async function auditOnce({ url, tokens, chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', port = 9333 }) {
  // A persistent context is the browser's default one, which Lighthouse's new tab shares.
  const profile = mkdtempSync(join(tmpdir(), 'stracker-lighthouse-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--remote-debugging-port=${port}`],
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate((value) => localStorage.setItem('stracker.tokens', value), JSON.stringify(tokens));
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      disableStorageReset: true,
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      ...(process.env.BENCH_LIGHTHOUSE_PROFILE ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
      formFactor: 'mobile',
    });
    // BENCH_LIGHTHOUSE_DIR=dir keeps each run's full report (long tasks, bootup time …) to look into.
    if (process.env.BENCH_LIGHTHOUSE_DIR) {
      const stamp = Date.now();
      writeFileSync(join(process.env.BENCH_LIGHTHOUSE_DIR, `lighthouse-${stamp}.json`), JSON.stringify(result.lhr));
      // The trace the figures were simulated from: `node bench/lighthouse-tasks.mjs FILE` lists its tasks.
      if (result.artifacts?.Trace) writeFileSync(join(process.env.BENCH_LIGHTHOUSE_DIR, `trace-${stamp}.json`), JSON.stringify(result.artifacts.Trace));
    }
    const categories = result.lhr.categories;
    return {
      runtimeError: result.lhr.runtimeError?.code,
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      bestPractices: Math.round(categories['best-practices'].score * 100),
      metrics: Object.fromEntries(
        ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((id) => [
          id,
          result.lhr.audits[id]?.displayValue ?? '?',
        ]),
      ),
      totalBlockingTimeMs: Math.round(result.lhr.audits['total-blocking-time']?.numericValue ?? Infinity),
      failing: Object.values(result.lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Lighthouse's figures vary from run to run (its own docs advise several runs and the median),
 * so this audits `runs` times and reports the run with the median performance score, and the
 * median total blocking time over all runs (the run with the median score need not have it:
 * here one run's blocking time varies by ±40 %).
 */
export async function audit(options, runs = 3) {
  const results = [];
  for (let i = 0, failed = 0; i < runs; i++) {
    const result = await auditOnce(options);
    // A run whose trace Lighthouse could not read (NO_NAVSTART and the like, now and then) has no
    // figures at all: it is run again, up to twice, rather than counted as a score of 0.
    if (result.runtimeError && failed++ < 2) {
      console.error(`lighthouse: ${result.runtimeError}; running it again`);
      i--;
      continue;
    }
    results.push(result);
  }
  const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  results.sort((a, b) => a.performance - b.performance);
  return {
    ...results[Math.floor(runs / 2)],
    performanceRuns: results.map((r) => r.performance),
    totalBlockingTimeRuns: results.map((r) => r.totalBlockingTimeMs).sort((a, b) => a - b),
    medianTotalBlockingTimeMs: middle(results.map((r) => r.totalBlockingTimeMs)),
  };
}
