import { defineConfig } from '@playwright/test';
import { STACK } from './support/stack';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // One stack, one database: journeys run one after another (the machine has 2 cores).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalSetup: './support/global-setup.ts',
  // The limits run last: they exhaust nginx's per-client rate limits, which the journeys share.
  projects: [
    { name: 'journeys', testIgnore: /limits\.spec\.ts$/ },
    { name: 'limits', testMatch: /limits\.spec\.ts$/, dependencies: ['journeys'] },
  ],
  use: {
    baseURL: STACK.httpsUrl,
    ignoreHTTPSErrors: true,
    viewport: { width: 390, height: 844 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // The stack's certificate is self-signed: ignoreHTTPSErrors covers page loads, but Chromium
    // refuses service-worker scripts with certificate errors unless told to ignore them too.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--ignore-certificate-errors'],
    },
  },
});
