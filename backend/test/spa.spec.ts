import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

describe('serving the PWA', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stracker-pwa-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>STracker</title><app-root></app-root>');
    writeFileSync(join(dir, 'main-ABCD1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'ngsw.json'), '{}');
    t = await startTestApp({ env: { STATIC_DIR: dir } });
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and client-side routes with index.html, never cached stale', async () => {
    for (const path of ['/', '/settings', '/register?invite=ABCD']) {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<app-root>');
      expect(res.headers['content-security-policy']).toContain("base-uri 'none'");
    }
  });

  it('caches hashed assets for a year and revalidates the service-worker manifest', async () => {
    const js = await t.http.get('/main-ABCD1234.js').expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const ngsw = await t.http.get('/ngsw.json').expect(200);
    expect(ngsw.headers['cache-control']).toBe('no-cache');
  });

  it('keeps API 404s as JSON and missing files as 404s', async () => {
    const api = await t.http.get('/api/nothing').expect(404);
    expect(api.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
    await t.http.get('/missing-ABCD1234.js').expect(404);
    await t.http.post('/settings').expect(404);
  });
});
