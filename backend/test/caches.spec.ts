import { BudgetService } from '../src/budget/budget.service';
import { UsersService } from '../src/users/users.service';
import { FakeClock, SECOND } from './support/fake-clock';
import { decodeJwt } from './support/jwt';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

/**
 * The answers kept in memory for speed (verified tokens, session contexts, the current
 * budget) must never show anything a fresh read would not: each case warms the cache with
 * a read first, changes something, and expects the very next read to see the change.
 */
describe('in-memory caches', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let bert: RegisteredUser;
  let a: { Authorization: string };
  let b: { Authorization: string };
  beforeEach(async () => {
    // Tuesday 21 April 2026, 10:00 UTC, in a period from 1 to 30 April: 10 days left counting today.
    t = await startTestApp({ clock: new FakeClock('2026-04-21T10:00:00Z') });
    anna = await registerUser(t, 'anna');
    bert = await registerUser(t, 'bert');
    a = bearer(anna.accessToken);
    b = bearer(bert.accessToken);
  });
  afterEach(() => t.dispose());

  const budget = async (auth: { Authorization: string }) => (await t.http.get('/api/budget').set(auth).expect(200)).body;

  it('refuses a session that was in use a moment ago once a sign-in elsewhere ends it', async () => {
    await t.http.get('/api/me').set(a).expect(200);
    await budget(a);
    await login(t, anna);
    expect((await t.http.get('/api/budget').set(a).expect(401)).body.reason).toBe('session_replaced');
    expect((await t.http.get('/api/me').set(a).expect(401)).body.reason).toBe('session_replaced');
  });

  it('refuses a session that was in use a moment ago once it logs out', async () => {
    await budget(a);
    await t.http.post('/api/auth/logout').set(a).expect(204);
    await t.http.get('/api/budget').set(a).expect(401);
  });

  it('refuses a remembered token once it expires', async () => {
    await budget(a);
    const exp = (decodeJwt(anna.accessToken).payload.exp as number) * 1000;
    t.clock.set(new Date(exp - SECOND));
    await budget(a);
    t.clock.set(new Date(exp));
    expect((await t.http.get('/api/budget').set(a).expect(401)).body.reason).toBe('invalid_token');
  });

  it('shows a spending, a limit change and a new funnel on the next read', async () => {
    const [food] = (await budget(a)).funnels;
    await t.http.post('/api/spendings').set(a).send({ funnelId: food.id, amount: 12.5 }).expect(201);
    expect((await budget(a)).funnels[0]).toMatchObject({ spent: 12.5, spentToday: 12.5 });
    await t.http.put(`/api/funnels/${food.id}`).set(a).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 3000 }).expect(200);
    expect((await budget(a)).funnels[0]).toMatchObject({ limit: 3000, spent: 12.5 });
    await t.http.post('/api/funnels').set(a).send({ name: 'Fuel', emoji: '⛽', color: '#123456', limit: 100 }).expect(201);
    expect((await budget(a)).funnels.map((f: { name: string }) => f.name)).toEqual(['Food', 'Misc', 'Fuel']);
  });

  it("shows another member's spending in a shared funnel, and a new pay day, on the next read", async () => {
    const shared = (await t.http.post('/api/funnels').set(a).send({ name: 'Home', emoji: '🏠', color: '#00aa00', limit: 600, shared: true }).expect(201)).body;
    const code = (await t.http.post('/api/household/invites').set(a).expect(201)).body.code;
    await budget(b); // bert's context and budget, still in his own household
    await t.http.post('/api/household/join').set(b).send({ code }).expect(200);
    expect((await budget(b)).funnels.map((f: { name: string }) => f.name)).toContain('Home');

    expect((await budget(a)).funnels.find((f: { id: string }) => f.id === shared.id)).toMatchObject({ spent: 0 });
    await t.http.post('/api/spendings').set(b).send({ funnelId: shared.id, amount: 40 }).expect(201);
    expect((await budget(a)).funnels.find((f: { id: string }) => f.id === shared.id)).toMatchObject({ spent: 40 });

    expect((await budget(a)).period).toMatchObject({ startDay: 1, daysLeft: 10 });
    await t.http.patch('/api/household').set(b).send({ periodStartDay: 25 }).expect(200);
    // Period 25 March – 24 April: 4 days left counting today, for both members.
    expect((await budget(a)).period).toMatchObject({ startDay: 25, daysLeft: 4 });
    expect((await budget(b)).period).toMatchObject({ startDay: 25, daysLeft: 4 });
  });

  it("keeps one family's cached answers while another family writes, and drops them on its own change", async () => {
    // Who is computed afresh: budgets by user, sign-in contexts (the user with their household) by user.
    // (With several processes, on PostgreSQL, the session row itself is read on every request anyway.)
    const budgets = jest.spyOn(t.app.get(BudgetService) as unknown as { budgetOf(user: { id: string }): unknown }, 'budgetOf');
    const contexts = jest.spyOn(t.app.get(UsersService), 'withHousehold');
    const annasReads = () => ({
      budgets: budgets.mock.calls.filter(([user]) => user.id === anna.id).length,
      contexts: contexts.mock.calls.filter(([userId]) => userId === anna.id).length,
    });
    await budget(a);
    expect(annasReads()).toEqual({ budgets: 1, contexts: 1 });

    // Bert, in a household of his own: a spending, a funnel, a limit, a pay day, a new sign-in.
    const [food] = (await budget(b)).funnels;
    await t.http.post('/api/spendings').set(b).send({ funnelId: food.id, amount: 9 }).expect(201);
    await t.http.post('/api/funnels').set(b).send({ name: 'Fuel', emoji: '⛽', color: '#123456', limit: 100 }).expect(201);
    await t.http.put(`/api/funnels/${food.id}`).set(b).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2500 }).expect(200);
    await t.http.patch('/api/household').set(b).send({ periodStartDay: 5 }).expect(200);
    await login(t, bert);
    await budget(a);
    expect(annasReads()).toEqual({ budgets: 1, contexts: 1 });

    const [annasFood] = (await budget(a)).funnels;
    await t.http.post('/api/spendings').set(a).send({ funnelId: annasFood.id, amount: 1 }).expect(201);
    expect((await budget(a)).totals.spent).toBe(1);
    expect(annasReads().budgets).toBe(2);
  });

  it("moves on at local midnight: a new day, fewer days left and a fresh today's allowance", async () => {
    const [food] = (await budget(a)).funnels;
    await t.http.post('/api/spendings').set(a).send({ funnelId: food.id, amount: 100 }).expect(201);
    const today = await budget(a);
    expect(today.period.daysLeft).toBe(10);
    expect(today.funnels[0].spentToday).toBe(100);
    // Renewing the tokens on the way is a write, which would refresh the cache anyway: read
    // twice after each renewal so the second read is the cached one.
    const renewed = async () => {
      const pair = (await t.http.post('/api/auth/refresh').send({ refreshToken: anna.refreshToken }).expect(200)).body;
      anna = { ...anna, ...pair };
      await budget(bearer(pair.accessToken));
      return budget(bearer(pair.accessToken));
    };
    t.clock.set('2026-04-21T23:59:30Z'); // 30 s before midnight: no lastSeenAt write in between
    expect((await renewed()).period.daysLeft).toBe(10);
    t.clock.set('2026-04-22T00:00:00Z');
    const tomorrow = await budget(bearer(anna.accessToken)); // same token, same session, no write since
    expect(tomorrow.period.daysLeft).toBe(9);
    expect(tomorrow.funnels[0].spentToday).toBe(0);
    t.clock.set('2026-04-28T12:00:00Z');
    expect((await renewed()).period.daysLeft).toBe(3);
    t.clock.set('2026-05-01T00:00:00Z');
    expect((await renewed()).period).toMatchObject({ start: '2026-05-01T00:00:00.000Z', daysLeft: 31 });
  });
});
