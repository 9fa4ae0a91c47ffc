import { expect, test } from '@playwright/test';

/**
 * The operator's nginx.conf, for real (Debian's nginx runs the repository's file): what the
 * static checks in static.spec.ts promise, seen from a client.
 */
test.describe('limits through nginx', () => {
  test('every location refuses a body over 16 KiB, whatever its type; only the import takes up to 4 MiB', async ({ request }) => {
    const justOver = Buffer.alloc(16 * 1024 + 1, 'a');
    for (const path of ['/api/auth/login', '/api/auth/register/start', '/api/funnels', '/api/spendings', '/api/household/join', '/']) {
      for (const type of ['application/json', 'text/csv', 'text/plain', 'application/octet-stream']) {
        const res = await request.post(path, { data: justOver, headers: { 'content-type': type }, maxRedirects: 0 });
        expect({ path, type, status: res.status() }).toEqual({ path, type, status: 413 });
      }
    }
    // The import location lets a file through to the API, which answers it (no token: 401, in its own error shape)…
    const file = await request.post('/api/spendings/import', { data: Buffer.alloc(1024 * 1024, 'a'), headers: { 'content-type': 'text/csv' } });
    expect(file.status()).toBe(401);
    expect(await file.json()).toMatchObject({ statusCode: 401, reason: 'missing_token' });
    // …but nothing over 4 MiB.
    const tooBig = await request.post('/api/spendings/import', { data: Buffer.alloc(4 * 1024 * 1024 + 1, 'a'), headers: { 'content-type': 'text/csv' } });
    expect(tooBig.status()).toBe(413);
  });

  test('the import is rate-limited per client: a burst passes, a flood gets 429', async ({ request }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await request.post('/api/spendings/import', { data: 'date,amount,funnel\n2026-04-01,1,Food\n', headers: { 'content-type': 'text/csv' } });
      statuses.push(res.status());
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(20);
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);
    // The health check is not held back by it.
    expect((await request.get('/api/health')).status()).toBe(200);
  });
});
