import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

describe('funnels', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: { Authorization: string };
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
    auth = bearer(anna.accessToken);
  });
  afterEach(() => t.dispose());

  const count = async (table: string) => (await t.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n;

  it('gives every new user two personal funnels: Food 🍞 orange and Misc 🛍️ mediumturquoise, 2000 each', async () => {
    const res = await t.http.get('/api/funnels').set(auth).expect(200);
    expect(res.body).toEqual([
      { id: expect.any(String), name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2000, rollover: false, shared: false, ownerId: expect.any(String), createdAt: expect.any(String), spendingCount: 0 },
      { id: expect.any(String), name: 'Misc', emoji: '🛍️', color: '#48d1cc', limit: 2000, rollover: false, shared: false, ownerId: expect.any(String), createdAt: expect.any(String), spendingCount: 0 },
    ]);
  });

  it('creates, reads, updates and deletes a funnel; new funnels go last', async () => {
    const created = await t.http
      .post('/api/funnels')
      .set(auth)
      .send({ name: '  Fuel ', emoji: '⛽', color: '#FF0000', limit: 150.5, shared: true })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Fuel', emoji: '⛽', color: '#ff0000', limit: 150.5, shared: true, spendingCount: 0 });
    const list = await t.http.get('/api/funnels').set(auth).expect(200);
    expect(list.body.map((f: { name: string }) => f.name)).toEqual(['Food', 'Misc', 'Fuel']);

    await t.http.get(`/api/funnels/${created.body.id}`).set(auth).expect(200);
    const updated = await t.http
      .put(`/api/funnels/${created.body.id}`)
      .set(auth)
      .send({ name: 'Car', emoji: '🚗', color: '#00ff00', limit: 0 })
      .expect(200);
    expect(updated.body).toMatchObject({ id: created.body.id, name: 'Car', emoji: '🚗', color: '#00ff00', limit: 0, shared: true });

    await t.http.post('/api/spendings').set(auth).send({ funnelId: created.body.id, amount: 10 }).expect(201);
    await t.http.post('/api/spendings').set(auth).send({ funnelId: created.body.id, amount: 20 }).expect(201);
    const withCount = await t.http.get(`/api/funnels/${created.body.id}`).set(auth).expect(200);
    expect(withCount.body.spendingCount).toBe(2); // what the UI announces before deleting

    await t.http.delete(`/api/funnels/${created.body.id}`).set(auth).expect(204);
    await t.http.get(`/api/funnels/${created.body.id}`).set(auth).expect(404);
    expect(await count('spendings')).toBe(0);
    expect(await t.sql('SELECT * FROM funnel_limits WHERE funnel_id = ?', created.body.id)).toEqual([]);
  });

  it('accepts one multi-codepoint emoji (family, flag, keycap, skin tone)', async () => {
    for (const emoji of ['👨‍👩‍👧‍👦', '🇩🇪', '1️⃣', '👍🏽', '🛍️']) {
      await t.http.post('/api/funnels').set(auth).send({ name: 'X', emoji, color: '#123456', limit: 1 }).expect(201);
    }
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const good = { name: 'Fuel', emoji: '⛽', color: '#ff0000', limit: 100 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...good, name: '' }, /^name must be 1 to 40 characters/],
      [{ ...good, name: '   ' }, /^name must be 1 to 40 characters/],
      [{ ...good, name: 'x'.repeat(41) }, /^name must be 1 to 40 characters/],
      [{ ...good, emoji: '' }, /^emoji must be exactly one emoji/],
      [{ ...good, emoji: 'ab' }, /^emoji must be exactly one emoji/],
      [{ ...good, emoji: 'a' }, /^emoji must be exactly one emoji/],
      [{ ...good, emoji: '👍👍' }, /^emoji must be exactly one emoji/],
      [{ ...good, color: 'red' }, /^color must be a colour like #ffa500/],
      [{ ...good, color: '#fff' }, /^color must be a colour like #ffa500/],
      [{ ...good, limit: -5 }, /^limit must be zero or more/],
      [{ ...good, limit: 1.005 }, /^limit must have at most 2 decimal places/],
      [{ ...good, limit: '100' }, /^limit must be a number/],
      [{ ...good, limit: 1e12 }, /^limit must be at most 1000000000/],
      [{ ...good, shared: 'yes' }, /^shared must be true or false/],
      [{ ...good, owner: 'someone' }, /^owner is not a known field/],
      [{ name: 'Fuel' }, /^emoji must be exactly one emoji/],
    ];
    const before = await count('funnels');
    for (const [body, message] of cases) {
      const res = await t.http.post('/api/funnels').set(auth).send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    const [food] = (await t.http.get('/api/funnels').set(auth)).body;
    for (const [body, message] of cases) {
      const res = await t.http.put(`/api/funnels/${food.id}`).set(auth).send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect(await count('funnels')).toBe(before);
    expect((await t.http.get(`/api/funnels/${food.id}`).set(auth)).body).toEqual(food);
  });

  it('refuses an id that is not a UUID with 400, and an unknown one with 404', async () => {
    const bad = await t.http.get('/api/funnels/not-a-uuid').set(auth).expect(400);
    expect(bad.body.message).toEqual(['id must be a UUID']);
    await t.http.put('/api/funnels/123').set(auth).send({ name: 'X', emoji: '⛽', color: '#ff0000', limit: 1 }).expect(400);
    await t.http.delete('/api/funnels/123').set(auth).expect(400);
    const missing = await t.http.get('/api/funnels/5b1c3f0e-8a4e-4d7e-9a51-2c6b7d8e9f01').set(auth).expect(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Funnel not found' });
  });
});
