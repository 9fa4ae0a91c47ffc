import { HOUR } from './support/fake-clock';
import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
const RANDOM_ID = '7d3f0c2e-1b4a-4c5d-8e9f-0a1b2c3d4e5f';

describe('households and sharing', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let bert: RegisteredUser;
  let a: Auth;
  let b: Auth;
  let annaFood: string;
  let annaShared: string;
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
    bert = await registerUser(t, 'bert');
    a = bearer(anna.accessToken);
    b = bearer(bert.accessToken);
    annaFood = (await t.http.get('/api/funnels').set(a)).body[0].id;
    annaShared = (await t.http.post('/api/funnels').set(a).send({ name: 'Groceries', emoji: '🛒', color: '#00aa00', limit: 600, shared: true }).expect(201)).body.id;
  });
  afterEach(() => t.dispose());

  const rows = () => t.sql('SELECT * FROM spendings ORDER BY id');
  const funnelRows = () => t.sql('SELECT * FROM funnels ORDER BY id');
  const invite = async (auth: Auth) => (await t.http.post('/api/household/invites').set(auth).expect(201)).body.code as string;
  const names = async (auth: Auth) => (await t.http.get('/api/funnels').set(auth).expect(200)).body.map((f: { name: string }) => f.name);

  it('hides what another household owns behind 404s that look exactly like a random id', async () => {
    const spending = (await t.http.post('/api/spendings').set(a).send({ funnelId: annaFood, amount: 5 }).expect(201)).body;
    const beforeSpendings = await rows();
    const beforeFunnels = await funnelRows();
    const body = { name: 'Mine', emoji: '😈', color: '#000000', limit: 1 };

    for (const id of [annaFood, annaShared, RANDOM_ID]) {
      const get = await t.http.get(`/api/funnels/${id}`).set(b).expect(404);
      expect(get.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Funnel not found' });
      await t.http.put(`/api/funnels/${id}`).set(b).send(body).expect(404);
      await t.http.delete(`/api/funnels/${id}`).set(b).expect(404);
      const post = await t.http.post('/api/spendings').set(b).send({ funnelId: id, amount: 1 }).expect(404);
      expect(post.body).toEqual(get.body);
      await t.http.get(`/api/spendings?funnelId=${id}`).set(b).expect(404);
    }
    for (const id of [spending.id, RANDOM_ID]) {
      const put = await t.http.put(`/api/spendings/${id}`).set(b).send({ funnelId: annaFood, amount: 1, spentAt: '2026-03-10T10:00:00Z' }).expect(404);
      expect(put.body.message).toMatch(/not found/);
      const del = await t.http.delete(`/api/spendings/${id}`).set(b).expect(404);
      expect(del.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Spending not found' });
    }
    expect((await t.http.get('/api/spendings').set(b).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/spendings/export').set(b).expect(200)).text).not.toContain(spending.id);
    expect((await t.http.get('/api/budget').set(b).expect(200)).body.funnels.map((f: { id: string }) => f.id)).not.toContain(annaFood);
    expect(await rows()).toEqual(beforeSpendings);
    expect(await funnelRows()).toEqual(beforeFunnels);
  });

  it('lets a member spend from shared funnels after joining, but never see personal ones; lists show who', async () => {
    const code = await invite(a);
    const joined = await t.http.post('/api/household/join').set(b).send({ code }).expect(200);
    expect(joined.body.members.map((m: { username: string }) => m.username)).toEqual(['anna', 'bert']);

    expect(await names(b)).toEqual(['Food', 'Misc', 'Groceries']); // bert's own two + anna's shared one
    await t.http.get(`/api/funnels/${annaFood}`).set(b).expect(404);

    await t.http.post('/api/spendings').set(a).send({ funnelId: annaShared, amount: 10, note: 'milk' }).expect(201);
    await t.http.post('/api/spendings').set(b).send({ funnelId: annaShared, amount: 20, note: 'bread' }).expect(201);
    for (const auth of [a, b]) {
      const list = await t.http.get(`/api/spendings?funnelId=${annaShared}`).set(auth).expect(200);
      expect(list.body.items.map((s: { createdBy: { username: string }; amount: number }) => [s.createdBy.username, s.amount]).sort()).toEqual([
        ['anna', 10],
        ['bert', 20],
      ]);
      const budget = await t.http.get('/api/budget').set(auth).expect(200);
      expect(budget.body.funnels.find((f: { id: string }) => f.id === annaShared)).toMatchObject({ shared: true, spent: 30 });
    }
    // bert may edit the shared funnel and anna's spending in it.
    await t.http.put(`/api/funnels/${annaShared}`).set(b).send({ name: 'Food shop', emoji: '🛒', color: '#00aa00', limit: 700 }).expect(200);
    expect((await t.http.get(`/api/funnels/${annaShared}`).set(a).expect(200)).body).toMatchObject({ name: 'Food shop', limit: 700, shared: true });
  });

  it('uses an invite once, and not after 48 hours', async () => {
    const carla = await registerUser(t, 'carla');
    const code = await invite(a);
    await t.http.post('/api/household/join').set(b).send({ code: code.toLowerCase() }).expect(200);
    const used = await t.http.post('/api/household/join').set(bearer(carla.accessToken)).send({ code }).expect(404);
    expect(used.body.message).toBe('code is unknown, already used or expired; ask for a new invite link');

    const late = await invite(a);
    t.clock.advance(48 * HOUR + 1);
    await t.http.post('/api/household/join').set(bearer((await t.http.post('/api/auth/refresh').send({ refreshToken: carla.refreshToken })).body.accessToken)).send({ code: late }).expect(404);
  });

  it('registers straight into a household with an invite code', async () => {
    const code = await invite(a);
    const dora = await registerUser(t, 'dora', { inviteCode: code });
    const household = await t.http.get('/api/household').set(bearer(dora.accessToken)).expect(200);
    expect(household.body.members.map((m: { username: string }) => m.username)).toEqual(['anna', 'dora']);
    expect(await names(bearer(dora.accessToken))).toEqual(['Groceries', 'Food', 'Misc']);
    await t.http.post('/api/auth/register/start').send({ username: 'emil', inviteCode: code }).expect(404); // used
  });

  it('keeps every spending when members leave and join; the last one out takes the shared funnels along', async () => {
    await t.http.post('/api/household/join').set(b).send({ code: await invite(a) }).expect(200);
    const bertFood = (await t.http.get('/api/funnels').set(b)).body[0].id;
    await t.http.post('/api/spendings').set(b).send({ funnelId: bertFood, amount: 1 }).expect(201);
    await t.http.post('/api/spendings').set(b).send({ funnelId: annaShared, amount: 2 }).expect(201);
    await t.http.post('/api/spendings').set(a).send({ funnelId: annaShared, amount: 3 }).expect(201);
    await t.http.post('/api/spendings').set(a).send({ funnelId: annaFood, amount: 4 }).expect(201);
    const before = await rows();

    // bert leaves: his personal funnel and spending go with him; the shared funnel stays with anna, his spending in it too.
    const left = await t.http.post('/api/household/leave').set(b).expect(200);
    expect(left.body.members).toEqual([{ id: expect.any(String), username: 'bert' }]);
    expect(await names(b)).toEqual(['Food', 'Misc']);
    expect((await t.http.get('/api/spendings').set(b)).body.items.map((s: { amount: number }) => s.amount)).toEqual([1]);
    const shared = (await t.http.get(`/api/spendings?funnelId=${annaShared}`).set(a)).body.items;
    // (same spentAt: the order between them is by id, so compare sorted)
    expect(shared.map((s: { amount: number; createdBy: { username: string } }) => [s.amount, s.createdBy.username]).sort()).toEqual([
      [2, 'bert'],
      [3, 'anna'],
    ]);
    expect(await rows()).toEqual(before);

    // anna, now alone, leaves too: her household empties, and its shared funnel becomes hers, personal.
    const oldHousehold = (await t.http.get('/api/household').set(a)).body.id;
    const alone = await t.http.post('/api/household/leave').set(a).expect(200);
    expect(alone.body.id).not.toBe(oldHousehold);
    const funnels = (await t.http.get('/api/funnels').set(a)).body;
    expect(funnels.find((f: { id: string }) => f.id === annaShared)).toMatchObject({ shared: false, ownerId: expect.any(String) });
    expect((await t.http.get('/api/spendings').set(a)).body.items).toHaveLength(3);
    expect(await t.sql('SELECT id FROM households WHERE id = ?', oldHousehold)).toEqual([]);
    expect(await rows()).toEqual(before);
  });

  it('refuses to join the household one is already in', async () => {
    const res = await t.http.post('/api/household/join').set(a).send({ code: await invite(a) }).expect(409);
    expect(res.body.message).toBe('You are already a member of this household');
  });

  describe('a shared funnel belongs to its owner', () => {
    const edit = { name: 'Food shop', emoji: '🛒', color: '#00aa00', limit: 650 };
    beforeEach(async () => {
      await t.http.post('/api/household/join').set(b).send({ code: await invite(a) }).expect(200);
      await t.http.post('/api/spendings').set(a).send({ funnelId: annaShared, amount: 3 }).expect(201);
      await t.http.post('/api/spendings').set(b).send({ funnelId: annaShared, amount: 4 }).expect(201);
    });

    it('every member may spend from it and edit it, but only the owner may delete it or make it personal (403 naming the owner)', async () => {
      const before = { funnels: await funnelRows(), spendings: await rows() };
      const del = await t.http.delete(`/api/funnels/${annaShared}`).set(b).expect(403);
      expect(del.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('only anna can delete it') });
      const unshare = await t.http.put(`/api/funnels/${annaShared}`).set(b).send({ ...edit, shared: false }).expect(403);
      expect(unshare.body.message).toEqual(expect.stringContaining('only anna can make it personal'));
      expect({ funnels: await funnelRows(), spendings: await rows() }).toEqual(before);

      // Editing what the family sees is fine for any member; the owner stays anna.
      const edited = await t.http.put(`/api/funnels/${annaShared}`).set(b).send({ ...edit, shared: true }).expect(200);
      expect(edited.body).toMatchObject({ name: 'Food shop', limit: 650, shared: true, ownerId: anna.id });
      await t.http.put(`/api/funnels/${annaShared}`).set(b).send(edit).expect(200); // shared left out: unchanged

      // The owner may do both; un-sharing keeps it hers (and only hers to see).
      await t.http.put(`/api/funnels/${annaShared}`).set(a).send({ ...edit, shared: false }).expect(200);
      expect(await names(a)).toContain('Food shop');
      expect(await names(b)).not.toContain('Food shop');
      await t.http.delete(`/api/funnels/${annaShared}`).set(a).expect(204);
      expect(await t.sql('SELECT * FROM spendings WHERE funnel_id = ?', annaShared)).toEqual([]);
    });

    it('passes to the longest-standing member who stays when the owner leaves, so someone can still delete it', async () => {
      await t.http.post('/api/household/leave').set(a).expect(200);
      const funnel = (await t.http.get(`/api/funnels/${annaShared}`).set(b).expect(200)).body;
      expect(funnel).toMatchObject({ shared: true, ownerId: bert.id });
      await t.http.delete(`/api/funnels/${annaShared}`).set(b).expect(204);
    });
  });

  it('changes the household settings, validating each field', async () => {
    const res = await t.http.patch('/api/household').set(a).send({ name: ' Smiths ', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'GBP' }).expect(200);
    expect(res.body).toMatchObject({ name: 'Smiths', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'GBP' });
    const me = await t.http.get('/api/me').set(a).expect(200);
    expect(me.body.household).toEqual({ id: res.body.id, name: 'Smiths', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'GBP' });

    for (const [body, message] of [
      [{ periodStartDay: 0 }, /^periodStartDay must be a whole number from 1 to 28/],
      [{ periodStartDay: 29 }, /^periodStartDay must be a whole number from 1 to 28/],
      [{ periodStartDay: 1.5 }, /^periodStartDay must be a whole number from 1 to 28/],
      [{ timezone: 'Mars/Base' }, /^timezone must be an IANA time zone/],
      [{ currency: 'XYZW' }, /^currency must be an ISO 4217 code/],
      [{ name: '' }, /^name must be 1 to 60 characters/],
      [{ owner: 'x' }, /^owner is not a known field/],
    ] as const) {
      const bad = await t.http.patch('/api/household').set(a).send(body).expect(400);
      expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect((await t.http.get('/api/household').set(a)).body).toMatchObject({ name: 'Smiths', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'GBP' });
  });
});
