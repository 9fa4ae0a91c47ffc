// What the PWA's index.html loads before the first screen, in gzip bytes per file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const PWA_DIR = new URL('../frontend/dist/frontend/browser/', import.meta.url).pathname;

export function initialFiles(dir = PWA_DIR) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]).map((file) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length,
  }));
}
