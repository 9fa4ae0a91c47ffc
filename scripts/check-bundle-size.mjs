// Fails when the PWA's initial JavaScript and CSS (what index.html loads before the first
// screen) exceed the budget in gzip transfer size. Run after a production build.
import { initialFiles } from './bundle-size.mjs';

const BUDGET_BYTES = 95 * 1024; // issue #13: the first screen stays small on a phone on a slow network
const files = initialFiles();
let total = 0;
for (const { file, gzipBytes } of files) {
  total += gzipBytes;
  console.log(`${file.padEnd(28)} ${(gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`initial total                ${(total / 1024).toFixed(1).padStart(7)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error('The initial bundle is over budget: lazy-load what the first screen does not need.');
  process.exit(1);
}
