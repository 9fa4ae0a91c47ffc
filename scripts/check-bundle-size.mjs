// Fails when the PWA's initial JavaScript and CSS (what index.html loads before the first
// screen) exceed the budget in gzip transfer size. Run after a production build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dir = new URL('../frontend/dist/frontend/browser/', import.meta.url).pathname;
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  total += size;
  console.log(`${file.padEnd(28)} ${(size / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`initial total                ${(total / 1024).toFixed(1).padStart(7)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error('The initial bundle is over budget: lazy-load what the first screen does not need.');
  process.exit(1);
}
