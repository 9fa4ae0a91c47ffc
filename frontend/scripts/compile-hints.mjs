// After `ng build`: marks the scripts that the dashboard's start runs, and runs nearly all of,
// with V8's explicit compile hint `//# allFunctionsCalledOnLoad` (Chrome and Edge 136+; other
// browsers read a comment). V8 then compiles their functions while the file streams in, on a
// background thread, instead of one by one on the main thread the first time each is called:
// measured in a trace of the signed-in dashboard (backend/bench/trace-dashboard.mjs), the task
// that starts Angular went from 48–83 ms to 24–35 ms of main-thread time.
//
// Marked: main.js, everything it imports statically (the files index.html preloads), and the
// dashboard's lazy chunk with its static imports. Not marked: the other pages' chunks and
// Chart.js, which load later, if at all. The service worker's manifest (ngsw.json) checks every
// file by its SHA-1, so the hashes of the changed files are updated there too.
//
// node scripts/compile-hints.mjs [dist dir]   (idempotent: a marked file is left as it is)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HINT = '//# allFunctionsCalledOnLoad\n';
const dir = process.argv[2] ?? new URL('../dist/frontend/browser/', import.meta.url).pathname;

function fail(message) {
  console.error(`compile-hints: ${message}`);
  process.exit(1);
}

const read = (file) => readFileSync(join(dir, file), 'utf8');
const html = read('index.html');
const main = html.match(/<script src="\/?(main(?:-[A-Z0-9]+)?\.js)" type="module">/)?.[1];
if (!main) fail('no main-*.js module script in index.html');
// The '' route: loadComponent: () => import('./chunk-X.js').then((m) => m.DashboardPage).
const dashboard = read(main).match(/import\(["`]\.\/(chunk-[\w-]+\.js)["`]\)\.then\(\s*\(?(\w+)\)?\s*=>\s*\2\.DashboardPage\s*\)/)?.[1];
if (!dashboard) fail(`no lazy import of DashboardPage in ${main} (was the route renamed?)`);

/** The file and every chunk it imports statically, transitively. */
function withStaticImports(start) {
  const seen = new Set();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = read(file);
    for (const m of code.matchAll(/(?:from|import)\s*["`]\.\/(chunk-[\w-]+\.js)["`]/g)) queue.push(m[1]);
  }
  return seen;
}

const files = new Set([...withStaticImports(main), ...withStaticImports(dashboard)]);
const manifestPath = join(dir, 'ngsw.json');
let manifest = null;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
} catch {
  // No service worker in this build (development): nothing to keep in step.
}

let marked = 0;
for (const file of files) {
  const code = read(file);
  if (code.startsWith(HINT)) continue;
  const hinted = HINT + code;
  writeFileSync(join(dir, file), hinted);
  marked++;
  if (manifest) {
    const key = `/${file}`;
    if (!(key in manifest.hashTable)) fail(`${file} is not in ngsw.json's hash table`);
    manifest.hashTable[key] = createHash('sha1').update(hinted).digest('hex');
  }
}
if (manifest) {
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  // Every file the service worker will fetch must match its hash, or it refuses to cache the app.
  for (const [key, hash] of Object.entries(manifest.hashTable)) {
    if (createHash('sha1').update(readFileSync(join(dir, key))).digest('hex') !== hash) fail(`${key} does not match its hash in ngsw.json`);
  }
}
console.log(`compile-hints: ${marked} of ${files.size} start-up scripts marked (${[...files].join(', ')})`);
