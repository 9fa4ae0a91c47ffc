import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Angular's hashed file names (main-UGSZ65EZ.js, chunk-7EAFWCVT.js …) never change content. */
const HASHED = /-[A-Z0-9]{8}\.(js|css|woff2?)$/;

/**
 * Serves the built PWA: hashed assets cached for a year, everything else (index.html,
 * ngsw.json, the manifest, the service worker) revalidated on every load so a deploy is
 * picked up at once. Returns index.html for the SPA fallback.
 */
export async function serveSpa(app: NestFastifyApplication, dir: string): Promise<string> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (res, path) => {
      res.header('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return readFileSync(join(dir, 'index.html'), 'utf8');
}
