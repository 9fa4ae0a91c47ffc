import { randomUUID } from 'node:crypto';
import { MINUTE } from './support/fake-clock';
import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

describe('spendings', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: { Authorization: string };
  let food: string;
  let misc: string;
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
    auth = bearer(anna.accessToken);
    [food, misc] = (await t.http.get('/api/funnels').set(auth)).body.map((f: { id: string }) => f.id);
  });
  afterEach(() => t.dispose());

  const count = async () => (await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM spendings'))[0].n;

  it('records a spending with its author, now as default time, and stores cents', async () => {
    const res = await t.http.post('/api/spendings').set(auth).send({ funnelId: food, amount: 12.5, note: ' Bakery ' }).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      funnelId: food,
      amount: 12.5,
      spentAt: t.clock.now().toISOString(),
      note: 'Bakery',
      createdBy: { id: expect.any(String), username: 'anna' },
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
      fixedCostId: null,
    });
    expect(await t.sql('SELECT amount_minor FROM spendings')).toEqual([{ amount_minor: 1250 }]);
  });

  it('is idempotent with a client-chosen id: the same user gets the stored spending back (200), never a duplicate', async () => {
    const id = randomUUID();
    const first = await t.http.post('/api/spendings').set(auth).send({ id, funnelId: food, amount: 3 }).expect(201);
    const again = await t.http.post('/api/spendings').set(auth).send({ id, funnelId: food, amount: 3 }).expect(200);
    expect(again.body).toEqual(first.body);
    const parallel = await Promise.all([1, 2, 3].map(() => t.http.post('/api/spendings').set(auth).send({ id: randomUUID(), funnelId: food, amount: 1 })));
    expect(parallel.map((r) => r.status)).toEqual([201, 201, 201]);
    const same = randomUUID();
    const racing = await Promise.all([1, 2, 3].map(() => t.http.post('/api/spendings').set(auth).send({ id: same, funnelId: food, amount: 1 })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await count()).toBe(5);

    const bert = await registerUser(t, 'bert');
    const bertFood = (await t.http.get('/api/funnels').set(bearer(bert.accessToken))).body[0].id;
    const stolen = await t.http.post('/api/spendings').set(bearer(bert.accessToken)).send({ id, funnelId: bertFood, amount: 3 }).expect(409);
    expect(stolen.body.message).toBe('id is already used by another spending; choose a new UUID');
    expect(await count()).toBe(5);
  });

  it('stores a burst of parallel spendings together, answering each on its own (one bad one spoils nothing)', async () => {
    const resent = randomUUID();
    const bodies = [
      ...Array.from({ length: 12 }, (_, i) => ({ funnelId: i % 2 ? food : misc, amount: i + 1 })),
      { funnelId: randomUUID(), amount: 5 }, // a funnel nobody has
      { id: resent, funnelId: food, amount: 7 },
      { id: resent, funnelId: food, amount: 7 }, // the same entry sent twice at once (offline queue)
    ];
    const answers = await Promise.all(bodies.map((body) => t.http.post('/api/spendings').set(auth).send(body)));
    expect(answers.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(answers[12].status).toBe(404);
    expect(answers.slice(13).map((r) => r.status).sort()).toEqual([200, 201]);
    expect(answers[13].body).toEqual(answers[14].body);
    expect(await count()).toBe(13);
    expect((await t.sql<{ s: number }>('SELECT SUM(amount_minor) AS s FROM spendings'))[0].s).toBe((78 + 7) * 100);
    const listed = (await t.http.get('/api/spendings?limit=100').set(auth).expect(200)).body.items;
    expect(new Set(listed.map((s: { id: string }) => s.id))).toEqual(new Set([...answers.slice(0, 12), answers[13]].map((r) => r.body.id)));
  });

  it('lists newest first, a page at a time, with filters by time and funnel', async () => {
    const base = t.clock.now().getTime();
    for (let i = 0; i < 7; i++) {
      await t.http
        .post('/api/spendings')
        .set(auth)
        .send({ funnelId: i % 2 ? misc : food, amount: i + 1, spentAt: new Date(base - i * MINUTE).toISOString() })
        .expect(201);
    }
    const first = await t.http.get('/api/spendings?limit=3').set(auth).expect(200);
    expect(first.body.items.map((s: { amount: number }) => s.amount)).toEqual([1, 2, 3]);
    const second = await t.http.get(`/api/spendings?limit=3&cursor=${first.body.nextCursor}`).set(auth).expect(200);
    expect(second.body.items.map((s: { amount: number }) => s.amount)).toEqual([4, 5, 6]);
    const third = await t.http.get(`/api/spendings?limit=3&cursor=${second.body.nextCursor}`).set(auth).expect(200);
    expect(third.body).toEqual({ items: [expect.objectContaining({ amount: 7 })], nextCursor: null });

    const byFunnel = await t.http.get(`/api/spendings?funnelId=${misc}`).set(auth).expect(200);
    expect(byFunnel.body.items.map((s: { amount: number }) => s.amount)).toEqual([2, 4, 6]);
    const from = new Date(base - 2 * MINUTE).toISOString();
    const to = new Date(base).toISOString();
    const range = await t.http.get('/api/spendings').query({ from, to }).set(auth).expect(200);
    expect(range.body.items.map((s: { amount: number }) => s.amount)).toEqual([2, 3]); // from inclusive, to exclusive
  });

  it('refuses bad list queries', async () => {
    for (const [query, message] of [
      ['limit=0', /^limit must be a whole number from 1 to 200/],
      ['limit=201', /^limit must be a whole number from 1 to 200/],
      ['limit=abc', /^limit must be a whole number from 1 to 200/],
      ['from=yesterday', /^from must be an ISO 8601 date-time/],
      ['funnelId=42', /^funnelId must be a UUID/],
      ['cursor=garbage', /^cursor is not valid/],
      ['from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z', /^from must not be after to/],
      ['sort=asc', /^sort is not a known field/],
    ] as const) {
      const res = await t.http.get(`/api/spendings?${query}`).set(auth).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
  });

  it('edits and deletes', async () => {
    const created = await t.http.post('/api/spendings').set(auth).send({ funnelId: food, amount: 5, note: 'x' }).expect(201);
    t.clock.advance(MINUTE);
    const spentAt = '2026-03-09T08:00:00.000Z';
    const updated = await t.http.put(`/api/spendings/${created.body.id}`).set(auth).send({ funnelId: misc, amount: 7.25, spentAt }).expect(200);
    expect(updated.body).toMatchObject({ funnelId: misc, amount: 7.25, spentAt, note: null, updatedAt: t.clock.now().toISOString() });
    expect(updated.body.createdAt).toBe(created.body.createdAt);
    await t.http.delete(`/api/spendings/${created.body.id}`).set(auth).expect(204);
    await t.http.delete(`/api/spendings/${created.body.id}`).set(auth).expect(404);
    expect(await count()).toBe(0);
  });

  it('refuses bad amounts and fields with 400 naming the field, and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ funnelId: food, amount: 0 }, /^amount must be more than 0/],
      [{ funnelId: food, amount: -1 }, /^amount must be more than 0/],
      [{ funnelId: food, amount: 1.005 }, /^amount must have at most 2 decimal places/],
      [{ funnelId: food, amount: '12' }, /^amount must be a number \(like 12.5\), not a string/],
      [{ funnelId: food, amount: 1e12 }, /^amount must be at most 1000000000/],
      [{ funnelId: food, amount: null }, /^amount must be a number/],
      [{ funnelId: food }, /^amount must be a number/],
      [{ funnelId: 'food', amount: 1 }, /^funnelId must be a UUID/],
      [{ funnelId: food, amount: 1, note: 'n'.repeat(141) }, /^note must be at most 140 characters/],
      [{ funnelId: food, amount: 1, spentAt: '2026-03-10' }, /^spentAt must be an ISO 8601 date-time with a time zone/],
      [{ funnelId: food, amount: 1, spentAt: 'soon' }, /^spentAt must be an ISO 8601/],
      [{ funnelId: food, amount: 1, id: 'abc' }, /^id must be a UUID/],
      [{ funnelId: food, amount: 1, createdBy: 'x' }, /^createdBy is not a known field/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.post('/api/spendings').set(auth).send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    // NaN and Infinity cannot be written in JSON; they arrive as null or as strings and are refused above.
    expect(await count()).toBe(0);
    const created = await t.http.post('/api/spendings').set(auth).send({ funnelId: food, amount: 1 }).expect(201);
    const put = await t.http.put(`/api/spendings/${created.body.id}`).set(auth).send({ funnelId: food, amount: 0 }).expect(400);
    expect(put.body.message).toEqual(expect.arrayContaining([/^amount must be more than 0/, /^spentAt must be/].map((r) => expect.stringMatching(r))));
    await t.http.put('/api/spendings/nope').set(auth).send({ funnelId: food, amount: 1, spentAt: '2026-03-10T10:00:00Z' }).expect(400);
    expect(await t.sql('SELECT amount_minor FROM spendings')).toEqual([{ amount_minor: 100 }]);
  });

  it('exports CSV with RFC 4180 quoting and neutralised formulas', async () => {
    await t.http.post('/api/spendings').set(auth).send({ funnelId: food, amount: 12.5, note: 'Bread, "fresh"', spentAt: '2026-03-09T23:30:00Z' }).expect(201);
    await t.http.post('/api/spendings').set(auth).send({ funnelId: misc, amount: 3, note: '=HYPERLINK("http://evil")', spentAt: '2026-03-10T08:00:00Z' }).expect(201);
    await t.http.post('/api/spendings').set(auth).send({ funnelId: misc, amount: 4, note: 'line\nbreak', spentAt: '2026-03-10T09:00:00Z' }).expect(201);
    const res = await t.http.get('/api/spendings/export').set(auth).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.csv"$/);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('date,amount,funnel,note,author,spentAt,id');
    expect(lines[1]).toMatch(/^2026-03-09,12\.50,Food,"Bread, ""fresh""",anna,2026-03-09T23:30:00\.000Z,[0-9a-f-]{36}$/);
    expect(lines[2]).toMatch(/^2026-03-10,3\.00,Misc,"'=HYPERLINK\(""http:\/\/evil""\)",anna,/);
    expect(res.text).toContain('"line\nbreak"');

    const ranged = await t.http.get('/api/spendings/export?from=2026-03-10T00:00:00Z').set(auth).expect(200);
    expect(ranged.text.trim().split('\r\n')).toHaveLength(3);
  });

  it('exports a long history page by page: every spending once, in order, ties included', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => `2026-03-0${1 + (i % 3)},${(i % 90) + 1}.25,Food,row ${i}`);
    await t.http.post('/api/spendings/import').set(auth).set('Content-Type', 'text/csv').send(['date,amount,funnel,note', ...rows].join('\r\n')).expect(201);
    const lines = (await t.http.get('/api/spendings/export').set(auth).expect(200)).text.trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(4500);
    const keys = lines.map((line) => line.split(',').slice(-2).join('|')); // spentAt|id
    expect(new Set(keys).size).toBe(4500);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(lines.map((line) => line.split(',')[3]))).toEqual(new Set(rows.map((r) => r.split(',')[3])));
  });

  it('pages through spendings of several funnels newest first, ties included, each exactly once', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `2026-03-0${1 + (i % 3)},${i + 1},${i % 2 ? 'Food' : 'Misc'},row ${i}`);
    await t.http.post('/api/spendings/import').set(auth).set('Content-Type', 'text/csv').send(['date,amount,funnel,note', ...rows].join('\r\n')).expect(201);
    const seen: Array<{ id: string; spentAt: string }> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string; spentAt: string }>; nextCursor: string | null } } = await t.http
        .get('/api/spendings')
        .query({ limit: 7, ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(60);
    const exported = (await t.http.get('/api/spendings/export').set(auth).expect(200)).text.trim().split('\r\n').slice(1).map((line) => line.split(',').pop());
    expect(seen.map((s) => s.id)).toEqual(exported.reverse());
  });
});
