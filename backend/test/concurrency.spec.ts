import { bearer, currentCode, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

/**
 * What must work once, asked for several times at the same moment, on either engine (SQLite
 * serialises writers; PostgreSQL runs transactions side by side on pooled connections): each is
 * one conditional UPDATE, so exactly one request wins. Across two API processes:
 * two-processes.spec.ts.
 */
describe('at the same moment', () => {
  let t: TestApp;
  let anna: RegisteredUser;

  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
  });
  afterEach(() => t.dispose());

  it('a TOTP code signs in once (replay refused)', async () => {
    const code = currentCode(t, anna.secret);
    const answers = await Promise.all([1, 2, 3, 4].map(() => t.http.post('/api/auth/login').send({ username: 'anna', code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('a recovery code signs in once', async () => {
    const code = anna.recoveryCodes[0];
    const answers = await Promise.all([1, 2, 3].map(() => t.http.post('/api/auth/login').send({ username: 'anna', code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('an invite lets one person in', async () => {
    const code = (await t.http.post('/api/household/invites').set(bearer(anna.accessToken)).expect(201)).body.code as string;
    const others = [await registerUser(t, 'bert'), await registerUser(t, 'carla'), await registerUser(t, 'dora')];
    const answers = await Promise.all(others.map((o) => t.http.post('/api/household/join').set(bearer(o.accessToken)).send({ code })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404]);
    const members = (await t.http.get('/api/household').set(bearer(anna.accessToken)).expect(200)).body.members as unknown[];
    expect(members).toHaveLength(2);
  });

  it('spendings sent together are all stored, each once, even when resent', async () => {
    const funnelId = (await t.http.get('/api/funnels').set(bearer(anna.accessToken)).expect(200)).body[0].id as string;
    const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const send = (id: string) => t.http.post('/api/spendings').set(bearer(anna.accessToken)).send({ id, funnelId, amount: 1 });
    const answers = await Promise.all([...ids, ...ids].map(send));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
    const [{ n, total }] = await t.sql<{ n: number; total: number }>('SELECT COUNT(*) AS n, SUM(amount_minor) AS total FROM spendings WHERE funnel_id = ?', funnelId);
    expect({ n, total }).toEqual({ n: 20, total: 2000 });
  });
});
