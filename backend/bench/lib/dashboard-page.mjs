// For the start-up tools (profile-dashboard.mjs, trace-dashboard.mjs): the built API and PWA
// on a seeded household (20 funnels, 200 spendings), Debian's Chromium, and a page on the
// app's origin with the tokens where the PWA keeps them. `close()` stops and removes it all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startApi } from './api.mjs';
import { seed } from './seed.mjs';

export async function signedInDashboard({ name, seedPort, apiPort, staticDir = process.env.BENCH_STATIC_DIR }) {
  const dir = mkdtempSync(join(tmpdir(), `stracker-${name}-`));
  const dbPath = join(dir, `${name}.db`);
  const { accessToken } = await seed({ dbPath, port: seedPort, spendings: 200 });
  const server = await startApi({ dbPath, port: apiPort, staticDir: staticDir ?? fileURLToPath(new URL('../../../frontend/dist/frontend/browser', import.meta.url)) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  await page.goto(`${server.url}/`);
  const expires = new Date(Date.now() + 864e5).toISOString();
  await page.evaluate((value) => localStorage.setItem('stracker.tokens', value), JSON.stringify({ accessToken, refreshToken: 'unused', accessExpiresAt: expires, refreshExpiresAt: expires }));
  return {
    url: `${server.url}/`,
    browser,
    page,
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
