import { FixedCostScheduler } from '../src/fixed-costs/fixed-cost-scheduler';
import { FixedCostsService } from '../src/fixed-costs/fixed-costs.service';
import { DAY, FakeClock } from './support/fake-clock';
import { bearer, itOnPostgres, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
interface Row {
  id: string;
  name: string;
  spent: number;
  carried: number;
  available: number;
  fixed: number;
  upcoming: number;
  allowanceToday: number;
  remaining: number;
  fixedCosts: unknown[];
}

describe('fixed costs', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: Auth;
  let food: { id: string };
  beforeEach(async () => {
    // 1 April 2026 in a household whose periods start on the 1st (UTC): day 1 of 30.
    t = await startTestApp({ clock: new FakeClock('2026-04-01T08:00:00Z') });
    anna = await registerUser(t, 'anna');
    auth = bearer(anna.accessToken);
    [food] = (await t.http.get('/api/funnels').set(auth)).body;
  });
  afterEach(() => t.dispose());

  /** Moves the clock and signs in again (access tokens last minutes). */
  const travel = async (at: string) => {
    t.clock.set(at);
    Object.assign(auth, bearer((await login(t, anna)).accessToken));
  };
  const setFood = (changes: Record<string, unknown>) =>
    t.http.put(`/api/funnels/${food.id}`).set(auth).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 2000, ...changes }).expect(200);
  const addFixed = async (body: Record<string, unknown>, as: Auth = auth) =>
    (await t.http.post('/api/fixed-costs').set(as).send({ funnelId: food.id, ...body }).expect(201)).body;
  const figures = async (as: Auth = auth, at?: string): Promise<Row> =>
    (await t.http.get('/api/budget').query(at ? { at } : {}).set(as).expect(200)).body.funnels.find((f: Row) => f.id === food.id);
  const postDue = () => t.app.get(FixedCostScheduler).postDue();
  const posted = () => t.sql<{ amount: number; spentAt: number; note: string | null; createdBy: string; fixedCostId: string }>(
    'SELECT amount_minor AS "amount", spent_at AS "spentAt", note, created_by AS "createdBy", fixed_cost_id AS "fixedCostId" FROM spendings WHERE fixed_cost_id IS NOT NULL ORDER BY spent_at',
  );

  it('follows the worked example of §4.3: limit 3000, rent 1000 due on day 20, day 1 of 30, nothing spent → 66.67', async () => {
    await setFood({ limit: 3000 });
    const rent = await addFixed({ amount: 1000, note: 'Rent', every: 'month', day: 20, startsOn: '2026-04-01' });
    expect(rent).toMatchObject({ amount: 1000, note: 'Rent', every: 'month', day: 20, weekday: null, month: null, nextDueOn: '2026-04-20', skipped: [], createdBy: { username: 'anna' } });
    const food = await figures();
    expect(food).toMatchObject({ limit: 3000, carried: 0, available: 3000, spent: 0, remaining: 3000, fixed: 1000, upcoming: 1000, allowanceToday: 66.67 });
    expect(food.fixedCosts).toEqual([{ fixedCostId: rent.id, dueOn: '2026-04-20', amount: 1000, note: 'Rent' }]);
    const budget = (await t.http.get('/api/budget').set(auth).expect(200)).body;
    expect(budget.totals).toMatchObject({ limit: 5000, fixed: 1000, upcoming: 1000, carried: 0, available: 5000 });
  });

  it('posts each due date as a spending exactly once, on the due date, and the allowance does not jump', async () => {
    await setFood({ limit: 3000 });
    const rent = await addFixed({ amount: 1000, note: 'Rent', every: 'month', day: 20, startsOn: '2026-04-01' });
    expect(await postDue()).toBe(0);
    await travel('2026-04-19T23:59:00Z');
    expect(await postDue()).toBe(0);
    const before = await figures();
    await travel('2026-04-20T00:00:30Z');
    const dayBefore = await figures(); // the 20th, not posted yet: upcoming
    expect(dayBefore).toMatchObject({ upcoming: 1000, spent: 0 });
    expect(await postDue()).toBe(1);
    expect(await postDue()).toBe(0);
    const after = await figures();
    expect(after).toMatchObject({ upcoming: 0, fixed: 1000, spent: 1000, remaining: 2000 });
    expect(after.allowanceToday).toBe(dayBefore.allowanceToday);
    expect(before.allowanceToday).toBeLessThan(after.allowanceToday); // a day's share more on the 20th
    expect(await posted()).toEqual([{ amount: 100_000, spentAt: Date.parse('2026-04-20T00:00:00Z'), note: 'Rent', createdBy: anna.id, fixedCostId: rent.id }]);
    // It is an ordinary spending: listed with its fixed cost, editable and deletable.
    const list = (await t.http.get('/api/spendings').set(auth).expect(200)).body.items;
    expect(list[0]).toMatchObject({ amount: 1000, note: 'Rent', fixedCostId: rent.id, createdBy: { username: 'anna' } });
    expect((await t.http.get(`/api/fixed-costs/${rent.id}`).set(auth).expect(200)).body.nextDueOn).toBe('2026-05-20');
  });

  it('catches up after downtime over three due dates, once each, also when started again', async () => {
    await addFixed({ amount: 9.99, note: 'Streaming', every: 'month', day: 12, startsOn: '2026-04-01' });
    await t.close(); // the server is down from 1 April …
    t.clock.set('2026-07-01T09:00:00Z'); // … until 1 July: 12 April, 12 May and 12 June passed
    const restarted = await startTestApp({ database: t.database, clock: t.clock });
    try {
      const scheduler = restarted.app.get(FixedCostScheduler);
      expect(await scheduler.postDue()).toBe(3);
      expect(await scheduler.postDue()).toBe(0);
      const rows = await t.sql<{ spentAt: number; amount: number }>('SELECT spent_at AS "spentAt", amount_minor AS "amount" FROM spendings WHERE fixed_cost_id IS NOT NULL ORDER BY spent_at');
      expect(rows.map((r) => new Date(r.spentAt).toISOString().slice(0, 10))).toEqual(['2026-04-12', '2026-05-12', '2026-06-12']);
      expect(rows.every((r) => r.amount === 999)).toBe(true);
    } finally {
      await restarted.close();
    }
  });

  it('starts posting at start-up (what main.ts does), catching up at once', async () => {
    await addFixed({ amount: 5, every: 'week', weekday: 3, startsOn: '2026-04-01' }); // Wednesdays; 1 April is one
    t.clock.set('2026-04-16T12:00:00Z');
    const scheduler = t.app.get(FixedCostScheduler);
    scheduler.start(3_600_000);
    try {
      await scheduler.postDue(); // waits for the run start() began
      expect((await posted()).map((r) => new Date(r.spentAt).toISOString().slice(0, 10))).toEqual(['2026-04-01', '2026-04-08', '2026-04-15']);
    } finally {
      scheduler.stop();
    }
  });

  it('never posts a date twice when another scheduler raced it (its view of the next due date was old)', async () => {
    const rent = await addFixed({ amount: 1000, every: 'month', day: 2, startsOn: '2026-04-01' });
    await travel('2026-04-02T06:00:00Z');
    expect(await postDue()).toBe(1);
    // A second process read the fixed cost before the first one moved it on: the claim is taken.
    await t.write('UPDATE fixed_costs SET next_due_on = ? WHERE id = ?', '2026-04-02', rent.id);
    expect(await postDue()).toBe(0);
    expect(await posted()).toHaveLength(1);
    // A posted spending deleted by hand is not posted again either.
    const [spending] = (await t.http.get('/api/spendings').set(auth).expect(200)).body.items;
    await t.http.delete(`/api/spendings/${spending.id}`).set(auth).expect(204);
    await t.write('UPDATE fixed_costs SET next_due_on = ? WHERE id = ?', '2026-04-02', rent.id);
    expect(await postDue()).toBe(0);
  });

  itOnPostgres('posts once with two API processes on one PostgreSQL racing', async () => {
    await addFixed({ amount: 50, every: 'week', weekday: 1, startsOn: '2026-04-01' }); // Mondays: 6, 13, 20 April
    await addFixed({ amount: 70, every: 'month', day: 10, startsOn: '2026-04-01' });
    await travel('2026-04-21T09:00:00Z');
    const second = await startTestApp({ database: t.database, clock: t.clock });
    try {
      const counts = await Promise.all([postDue(), second.app.get(FixedCostScheduler).postDue()]);
      expect(counts[0] + counts[1]).toBe(4);
      expect(await Promise.all([postDue(), second.app.get(FixedCostScheduler).postDue()])).toEqual([0, 0]);
      expect((await posted()).map((r) => r.amount).sort()).toEqual([5000, 5000, 5000, 7000]);
    } finally {
      await second.close();
    }
  });

  it('posts a monthly cost on the 31st on the last day of shorter months', async () => {
    await addFixed({ amount: 10, every: 'month', day: 31, startsOn: '2026-01-01' });
    await travel('2026-07-01T09:00:00Z');
    expect(await postDue()).toBe(3);
    expect((await posted()).map((r) => new Date(r.spentAt).toISOString().slice(0, 10))).toEqual(['2026-04-30', '2026-05-31', '2026-06-30']);
  });

  it('skips one due date (not posted, not set aside), and undoes a skip before the date', async () => {
    await setFood({ limit: 3000 });
    const rent = await addFixed({ amount: 1000, every: 'month', day: 20, startsOn: '2026-04-01' });
    const skipped = (await t.http.post(`/api/fixed-costs/${rent.id}/skips`).set(auth).send({ dueOn: '2026-04-20' }).expect(200)).body;
    expect(skipped).toMatchObject({ skipped: ['2026-04-20'], nextDueOn: '2026-05-20' });
    expect(await figures()).toMatchObject({ fixed: 0, upcoming: 0, allowanceToday: 100 });
    await t.http.post(`/api/fixed-costs/${rent.id}/skips`).set(auth).send({ dueOn: '2026-04-20' }).expect(409);
    const notADueDate = await t.http.post(`/api/fixed-costs/${rent.id}/skips`).set(auth).send({ dueOn: '2026-04-21' }).expect(400);
    expect(notADueDate.body.message).toEqual(['dueOn 2026-04-21 is not a date this fixed cost falls due on from 2026-04-01 on']);
    await travel('2026-04-20T10:00:00Z');
    expect(await postDue()).toBe(0);
    // May's is skipped and then wanted after all.
    await t.http.post(`/api/fixed-costs/${rent.id}/skips`).set(auth).send({ dueOn: '2026-05-20' }).expect(200);
    const back = (await t.http.delete(`/api/fixed-costs/${rent.id}/skips/2026-05-20`).set(auth).expect(200)).body;
    expect(back).toMatchObject({ skipped: ['2026-04-20'], nextDueOn: '2026-05-20' }); // today's stays listed until tomorrow
    await travel('2026-04-21T10:00:00Z');
    const passed = await t.http.delete(`/api/fixed-costs/${rent.id}/skips/2026-04-20`).set(auth).expect(400);
    expect(passed.body.message).toEqual(['dueOn 2026-04-20 has passed: it stays skipped']);
    await travel('2026-05-20T10:00:00Z');
    expect(await postDue()).toBe(1);
  });

  it('changes from today on: what was posted stays, later dates post the new amount', async () => {
    const rent = await addFixed({ amount: 1000, every: 'month', day: 5, startsOn: '2026-04-01' });
    await travel('2026-04-10T10:00:00Z');
    await postDue();
    const changed = (await t.http.put(`/api/fixed-costs/${rent.id}`).set(auth).send({ funnelId: food.id, amount: 1100, note: 'Rent', every: 'month', day: 5, startsOn: '2026-04-01' }).expect(200)).body;
    expect(changed).toMatchObject({ amount: 1100, note: 'Rent', nextDueOn: '2026-05-05' });
    await travel('2026-05-06T10:00:00Z');
    await postDue();
    expect((await posted()).map((r) => r.amount)).toEqual([100_000, 110_000]);
  });

  it('deletes a fixed cost and keeps the spendings it posted, which still count as fixed in their period', async () => {
    const rent = await addFixed({ amount: 1000, every: 'month', day: 2, startsOn: '2026-04-01' });
    await travel('2026-04-03T10:00:00Z');
    await postDue();
    const before = await figures();
    await t.http.delete(`/api/fixed-costs/${rent.id}`).set(auth).expect(204);
    await t.http.get(`/api/fixed-costs/${rent.id}`).set(auth).expect(404);
    expect(await posted()).toHaveLength(1);
    const after = await figures();
    expect(after).toMatchObject({ spent: 1000, fixed: 1000, upcoming: 0 });
    expect(after.allowanceToday).toBe(before.allowanceToday);
  });

  it('follows the funnel: seen and changed by whoever sees it; a personal funnel hides its fixed costs (404)', async () => {
    const code = (await t.http.post('/api/household/invites').set(auth).expect(201)).body.code as string;
    const bert = await registerUser(t, 'bert', { inviteCode: code });
    const b = bearer(bert.accessToken);
    const fuel = (await t.http.post('/api/funnels').set(auth).send({ name: 'Fuel', emoji: '⛽', color: '#123456', limit: 300, shared: true }).expect(201)).body;
    const insurance = (await t.http.post('/api/fixed-costs').set(b).send({ funnelId: fuel.id, amount: 40, every: 'year', month: 5, day: 1, startsOn: '2026-04-01' }).expect(201)).body;
    const personal = await addFixed({ amount: 20, every: 'month', day: 9, startsOn: '2026-04-01' });
    expect((await t.http.get('/api/fixed-costs').set(auth).expect(200)).body.map((f: { id: string }) => f.id).sort()).toEqual([insurance.id, personal.id].sort());
    expect((await t.http.get('/api/fixed-costs').set(b).expect(200)).body.map((f: { id: string }) => f.id)).toEqual([insurance.id]);
    expect((await t.http.get('/api/fixed-costs').query({ funnelId: fuel.id }).set(auth).expect(200)).body).toHaveLength(1);
    await t.http.get(`/api/fixed-costs/${personal.id}`).set(b).expect(404);
    await t.http.put(`/api/fixed-costs/${personal.id}`).set(b).send({ funnelId: fuel.id, amount: 1, every: 'month', day: 1, startsOn: '2026-04-01' }).expect(404);
    await t.http.delete(`/api/fixed-costs/${personal.id}`).set(b).expect(404);
    await t.http.post(`/api/fixed-costs/${personal.id}/skips`).set(b).send({ dueOn: '2026-04-09' }).expect(404);
    await t.http.post('/api/fixed-costs').set(b).send({ funnelId: food.id, amount: 1, every: 'month', day: 1, startsOn: '2026-04-01' }).expect(404);
    await t.http.get('/api/fixed-costs').query({ funnelId: food.id }).set(b).expect(404);
    // Anna may change Bert's fixed cost of the shared funnel; it posts as Bert's.
    await t.http.put(`/api/fixed-costs/${insurance.id}`).set(auth).send({ funnelId: fuel.id, amount: 45, every: 'year', month: 5, day: 1, startsOn: '2026-04-01' }).expect(200);
    await travel('2026-05-01T10:00:00Z');
    await postDue();
    expect((await posted()).find((r) => r.fixedCostId === insurance.id)).toMatchObject({ amount: 4500, createdBy: bert.id });
  });

  it('tells which fixed costs of a household will be posted on a date (for the reminder the day before)', async () => {
    const rent = await addFixed({ amount: 1000, note: 'Rent', every: 'month', day: 2, startsOn: '2026-04-01' });
    const gym = await addFixed({ amount: 30, every: 'month', day: 2, startsOn: '2026-04-01' });
    await addFixed({ amount: 5, every: 'month', day: 3, startsOn: '2026-04-01' });
    await t.http.post(`/api/fixed-costs/${gym.id}/skips`).set(auth).send({ dueOn: '2026-04-02' }).expect(200);
    const service = t.app.get(FixedCostsService);
    const householdId = (await t.sql<{ id: string }>('SELECT household_id AS "id" FROM users WHERE id = ?', anna.id))[0].id;
    expect(await service.dueOn(householdId, '2026-04-02')).toEqual([
      { fixedCostId: rent.id, funnelId: food.id, funnelName: 'Food', amount: 1000, note: 'Rent', funnel: { householdId, shared: false, ownerId: anna.id } },
    ]);
    await travel('2026-04-02T08:00:00Z');
    await postDue();
    expect(await service.dueOn(householdId, '2026-04-02')).toEqual([]); // posted
    expect(await service.dueOn('00000000-0000-4000-8000-000000000000', '2026-04-03')).toEqual([]);
  });

  it('validates every field, names it, and stores nothing', async () => {
    const bad = async (body: Record<string, unknown>, message: string) => {
      const res = await t.http.post('/api/fixed-costs').set(auth).send({ funnelId: food.id, amount: 10, every: 'month', day: 1, startsOn: '2026-04-01', ...body }).expect(400);
      expect(res.body.message).toContain(message);
    };
    await bad({ amount: 0 }, 'amount must be more than 0');
    await bad({ amount: 1.234 }, 'amount must have at most 2 decimal places');
    await bad({ every: 'day' }, 'every must be one of month, week, year');
    await bad({ day: 32 }, 'day must be a whole number from 1 to 31');
    await bad({ day: undefined }, 'day is required when every is month');
    await bad({ every: 'week', day: undefined }, 'weekday is required when every is week');
    await bad({ every: 'week', weekday: 3 }, 'day is not used when every is week; leave it out');
    await bad({ weekday: 8, every: 'week', day: undefined }, 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)');
    await bad({ every: 'year' }, 'month is required when every is year');
    await bad({ startsOn: '2026-02-30' }, 'startsOn must be a date like 2026-03-01 that exists, between 2000 and 2099');
    await bad({ endsOn: '2026-03-01' }, 'endsOn must not be before startsOn');
    await bad({ note: 'x'.repeat(141) }, 'note must be at most 140 characters');
    await bad({ funnelId: 'nope' }, 'funnelId must be a UUID');
    await bad({ day: null }, 'day must not be null; leave it out instead');
    const missing = await t.http.post('/api/fixed-costs').set(auth).send({ funnelId: '00000000-0000-4000-8000-000000000000', amount: 1, every: 'month', day: 1, startsOn: '2026-04-01' }).expect(404);
    expect(missing.body.message).toBe('Funnel not found');
    await t.http.get('/api/fixed-costs/nope').set(auth).expect(400);
    await t.http.delete('/api/fixed-costs/00000000-0000-4000-8000-000000000000/skips/2026-13-01').set(auth).expect(400);
    await t.http.get('/api/fixed-costs').expect(401);
    expect(await t.sql('SELECT id FROM fixed_costs')).toEqual([]);
  });

  it('keeps at most 50 fixed costs in a funnel', async () => {
    for (let i = 0; i < 50; i++) await addFixed({ amount: 1, every: 'month', day: 1 + (i % 28), startsOn: '2026-04-01' });
    const full = await t.http.post('/api/fixed-costs').set(auth).send({ funnelId: food.id, amount: 1, every: 'month', day: 1, startsOn: '2026-04-01' }).expect(409);
    expect(full.body.message).toBe('"Food" has 50 fixed costs, the most a funnel can have; delete one first');
    expect((await figures()).fixed).toBe(50);
  });

  it('leaves out due dates before the day it was added: they are not posted nor set aside', async () => {
    await travel('2026-04-15T10:00:00Z');
    const rent = await addFixed({ amount: 1000, every: 'month', day: 1, startsOn: '2026-01-01' });
    expect(rent.nextDueOn).toBe('2026-05-01');
    expect(await figures()).toMatchObject({ fixed: 0, upcoming: 0 });
    expect(await postDue()).toBe(0);
  });

  it('deletes its fixed costs with a funnel, and keeps counting a weekly cost within the period only', async () => {
    // Mondays from 1 April: 6, 13, 20, 27 April are in April's period; 4 May is not.
    await addFixed({ amount: 25, every: 'week', weekday: 1, startsOn: '2026-04-01' });
    expect(await figures()).toMatchObject({ fixed: 100, upcoming: 100 });
    expect((await figures(auth, '2026-05-02T10:00:00Z')).upcoming).toBe(100); // May: 4, 11, 18, 25
    await t.http.delete(`/api/funnels/${food.id}`).set(auth).expect(204);
    expect(await t.sql('SELECT id FROM fixed_costs')).toEqual([]);
  });
});

describe('rollover', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: Auth;
  let food: { id: string };
  beforeEach(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-01-10T08:00:00Z') });
    anna = await registerUser(t, 'anna');
    auth = bearer(anna.accessToken);
    [food] = (await t.http.get('/api/funnels').set(auth)).body;
  });
  afterEach(() => t.dispose());

  const travel = async (at: string) => {
    t.clock.set(at);
    Object.assign(auth, bearer((await login(t, anna)).accessToken));
  };
  const setFood = (changes: Record<string, unknown>) =>
    t.http.put(`/api/funnels/${food.id}`).set(auth).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 1000, ...changes }).expect(200);
  const spend = (amount: number, spentAt: string) => t.http.post('/api/spendings').set(auth).send({ funnelId: food.id, amount, spentAt }).expect(201);
  const foodAt = async (at?: string) => (await t.http.get('/api/budget').query(at ? { at } : {}).set(auth).expect(200)).body.funnels.find((f: Row) => f.id === food.id);
  const history = async () =>
    (await t.http.get('/api/budget/history').query({ periods: 4 }).set(auth).expect(200)).body.map((p: { start: string; funnels: Row[] }) => ({
      month: p.start.slice(0, 7),
      ...(({ carried, spent }) => ({ carried, spent }))(p.funnels.find((f) => f.id === food.id)!),
    }));

  it('chains what is left over three periods, an overspend carried as a negative amount', async () => {
    expect((await setFood({ rollover: true })).body).toMatchObject({ rollover: true, limit: 1000 });
    await spend(800, '2026-01-15T12:00:00Z'); // January leaves 200
    await travel('2026-02-10T08:00:00Z');
    expect(await foodAt()).toMatchObject({ rollover: true, carried: 200, available: 1200 });
    await spend(1500, '2026-02-15T12:00:00Z'); // February: 1200 − 1500 = −300
    await travel('2026-03-10T08:00:00Z');
    expect(await foodAt()).toMatchObject({ carried: -300, available: 700 });
    await spend(100, '2026-03-15T12:00:00Z'); // March: 700 − 100 = 600
    await travel('2026-04-01T08:00:00Z');
    const april = await foodAt();
    expect(april).toMatchObject({ carried: 600, available: 1600, remaining: 1600 });
    expect(april.allowanceToday).toBeCloseTo(1600 / 30, 2); // day 1 of 30: an even share of what it has
    expect(await history()).toEqual([
      { month: '2026-04', carried: 600, spent: 0 },
      { month: '2026-03', carried: -300, spent: 100 },
      { month: '2026-02', carried: 200, spent: 1500 },
      { month: '2026-01', carried: 0, spent: 800 }, // the funnel's first period: nothing came in
    ]);
    // A spending entered late for January changes what every later period carried.
    await spend(50, '2026-01-20T12:00:00Z');
    expect((await foodAt()).carried).toBe(550);
  });

  it('turning it on or off never rewrites the past', async () => {
    await setFood({}); // a limit of 1000, no rollover
    await spend(800, '2026-01-15T12:00:00Z');
    await travel('2026-02-10T08:00:00Z');
    await spend(900, '2026-02-15T12:00:00Z');
    await travel('2026-03-10T08:00:00Z');
    await setFood({ rollover: true }); // from March on: March starts with February's 100
    expect(await foodAt()).toMatchObject({ carried: 100 });
    expect((await foodAt('2026-02-20T10:00:00Z')).carried).toBe(0);
    await travel('2026-04-10T08:00:00Z');
    expect((await foodAt()).carried).toBe(1100); // March: 1100 available, nothing spent
    await setFood({ rollover: false }); // from April on: nothing comes in
    expect((await foodAt()).carried).toBe(0);
    expect(await history()).toEqual([
      { month: '2026-04', carried: 0, spent: 0 },
      { month: '2026-03', carried: 100, spent: 0 },
      { month: '2026-02', carried: 0, spent: 900 },
      { month: '2026-01', carried: 0, spent: 800 },
    ]);
    const funnel = (await t.http.get(`/api/funnels/${food.id}`).set(auth).expect(200)).body;
    expect(funnel.rollover).toBe(false);
    await t.http.put(`/api/funnels/${food.id}`).set(auth).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 1000, rollover: 'yes' }).expect(400);
  });

  it('is off for new funnels unless asked for, and carries nothing into a funnel made this period', async () => {
    const created = (await t.http.post('/api/funnels').set(auth).send({ name: 'Gifts', emoji: '🎁', color: '#ff0000', limit: 100, rollover: true }).expect(201)).body;
    expect(created.rollover).toBe(true);
    await t.http.post('/api/spendings').set(auth).send({ funnelId: created.id, amount: 30, spentAt: '2025-12-20T12:00:00Z' }).expect(201); // backdated
    const gifts = (await t.http.get('/api/budget').set(auth).expect(200)).body.funnels.find((f: Row) => f.id === created.id);
    expect(gifts).toMatchObject({ carried: 0, available: 100 });
    await travel('2026-02-10T08:00:00Z');
    const february = (await t.http.get('/api/budget').set(auth).expect(200)).body.funnels.find((f: Row) => f.id === created.id);
    expect(february).toMatchObject({ carried: 100, available: 200 });
    expect((await foodAt()).rollover).toBe(false);
  });

  it('counts a posted fixed cost as spent in the period it carries from', async () => {
    await setFood({ rollover: true });
    await t.http.post('/api/fixed-costs').set(auth).send({ funnelId: food.id, amount: 300, every: 'month', day: 20, startsOn: '2026-01-01' }).expect(201);
    await travel(new Date(t.clock.now().getTime() + 10 * DAY).toISOString()); // 20 January (the cost was added on the 10th)
    await t.app.get(FixedCostScheduler).postDue();
    await travel('2026-02-01T08:00:00Z');
    await t.app.get(FixedCostScheduler).postDue();
    expect(await foodAt()).toMatchObject({ carried: 700, available: 1700, fixed: 300, upcoming: 300 });
  });
});
