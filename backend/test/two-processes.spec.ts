import { ChangeRelay } from '../src/database/change-relay';
import { OpenStream, openStream } from './support/event-stream';
import { bearer, currentCode, login, ON_POSTGRES, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

/**
 * Two API processes on one PostgreSQL database (each application has its own pool, change feed,
 * relay, caches and Passport, as separate processes would; they share the test clock). What one
 * process commits must be exact on the other at once (sessions) or within 2 s (figures and live
 * streams, through LISTEN/NOTIFY). SQLite allows one process per file (database-lock.spec.ts).
 */
(ON_POSTGRES ? describe : describe.skip)('two API processes on one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let anna: RegisteredUser;
  const streams: OpenStream[] = [];

  beforeEach(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database, clock: a.clock });
    await b.app.listen(0, '127.0.0.1');
    anna = await registerUser(a, 'anna');
  });
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    await b.close();
    await a.dispose();
  });

  it('one active device: a sign-in through B signs the old device out on A at its very next request', async () => {
    // The old device's context is cached on both processes first.
    await a.http.get('/api/budget').set(bearer(anna.accessToken)).expect(200);
    await b.http.get('/api/budget').set(bearer(anna.accessToken)).expect(200);
    // B's word of the sign-in is still on its way to A (held back here): A must not need it.
    const held: unknown[] = [];
    const relayOfA = a.app.get(ChangeRelay) as unknown as { receive: (payload: unknown) => void };
    const deliver = relayOfA.receive.bind(relayOfA);
    const hold = jest.spyOn(relayOfA, 'receive').mockImplementation((payload) => void held.push(payload));
    const fresh = await login(b, anna);
    for (const t of [a, b]) {
      const res = await t.http.get('/api/budget').set(bearer(anna.accessToken)).expect(401);
      expect(res.body.reason).toBe('session_replaced');
    }
    hold.mockRestore();
    held.forEach(deliver);
    await a.http.get('/api/budget').set(bearer(fresh.accessToken)).expect(200);
  });

  it("a spending through A is in B's budget and B's open event stream within 2 s", async () => {
    const invite = (await a.http.post('/api/household/invites').set(bearer(anna.accessToken)).expect(201)).body.code as string;
    const bert = await registerUser(b, 'bert', { inviteCode: invite });
    const fuel = (await a.http.post('/api/funnels').set(bearer(anna.accessToken)).send({ name: 'Fuel', emoji: '⛽', color: '#123456', limit: 100, shared: true }).expect(201)).body.id as string;
    const spentOnB = async () => (await b.http.get('/api/budget').set(bearer(bert.accessToken)).expect(200)).body.funnels.find((f: { id: string }) => f.id === fuel)?.spent;
    await expect(eventually(spentOnB, (spent) => spent === 0)).resolves.toBe(0); // B has it cached now
    const berts = await openStream(b, '/api/events', bearer(bert.accessToken));
    streams.push(berts);
    expect(berts.status).toBe(200);

    const started = Date.now();
    await a.http.post('/api/spendings').set(bearer(anna.accessToken)).send({ funnelId: fuel, amount: 7.5 }).expect(201);
    expect(await berts.next('budget', 2000)).toEqual({});
    await expect(eventually(spentOnB, (spent) => spent === 7.5)).resolves.toBe(7.5);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a refresh token sent to both processes at once: exactly one wins, the other is told it lost the race', async () => {
    const [onA, onB] = await Promise.all([
      a.http.post('/api/auth/refresh').send({ refreshToken: anna.refreshToken }),
      b.http.post('/api/auth/refresh').send({ refreshToken: anna.refreshToken }),
    ]);
    const statuses = [onA.status, onB.status].sort();
    expect(statuses).toEqual([200, 401]);
    const loser = onA.status === 401 ? onA : onB;
    expect(loser.body.reason).toBe('refresh_race');
    const winner = onA.status === 200 ? onA : onB;
    // The session lives on with the winner's tokens, on both processes.
    await a.http.get('/api/budget').set(bearer(winner.body.accessToken)).expect(200);
    await b.http.get('/api/budget').set(bearer(winner.body.accessToken)).expect(200);
  });

  it('a TOTP code used through A does not sign in again through B (one conditional UPDATE on the shared row)', async () => {
    const code = currentCode(a, anna.secret);
    const [onA, onB] = await Promise.all([
      a.http.post('/api/auth/login').send({ username: 'anna', code }),
      b.http.post('/api/auth/login').send({ username: 'anna', code }),
    ]);
    expect([onA.status, onB.status].sort()).toEqual([200, 401]);
  });
});

/** Asks `read` until `done` says yes (every 20 ms, at most 2 s); resolves with the last answer. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
