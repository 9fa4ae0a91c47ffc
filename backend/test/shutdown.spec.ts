import { address } from './support/raw-http';
import { openStream } from './support/event-stream';
import { bearer, registerUser, startTestApp, TestApp } from './support/test-app';

/**
 * An operator's restart (docker compose stops the API with SIGTERM, which closes the app) must
 * not cost a family a spending: what was being answered is written and answered, and no write
 * fails because the database went first.
 */
describe('closing the app while spendings are being recorded', () => {
  let t: TestApp;
  afterEach(async () => t?.dispose().catch(() => undefined));
  jest.setTimeout(15_000);

  it('answers every spending it took with 201 and stores exactly those; the rest are refused before any work, never a 500', async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const anna = await registerUser(t, 'anna');
    const funnelId = (await t.http.get('/api/funnels').set(bearer(anna.accessToken)).expect(200)).body[0].id as string;
    const { host, port } = await address(t);
    // An open event stream too: it must not hold the closing server open.
    const stream = await openStream(t, '/api/events', bearer(anna.accessToken));
    const post = (i: number) =>
      fetch(`http://${host}:${port}/api/spendings`, {
        method: 'POST',
        headers: { ...bearer(anna.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({ funnelId, amount: (100 + i) / 100 }),
      }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        (error: Error & { cause?: { code?: string } }) => ({ status: 0, body: error.cause?.code ?? error.message }),
      );
    const inFlight = Array.from({ length: 40 }, (_, i) => post(i));
    // The first answer: the others are on their way through the app (or queued for the disk).
    await Promise.race(inFlight);
    await t.close();
    const answers = await Promise.all(inFlight);
    stream.close();

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(1);
    // 201 (written), 503 (arrived while closing) or no connection: nothing else, no 500.
    expect(answers.filter((a) => ![201, 503, 0].includes(a.status))).toEqual([]);
    const stored = await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM spendings WHERE funnel_id = ?', funnelId);
    expect(Number(stored[0].n)).toBe(statuses.filter((s) => s === 201).length);
  });
});
