import { DAY } from './support/fake-clock';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';
import { FakeClock } from './support/fake-clock';

describe('budget', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: { Authorization: string };
  let food: { id: string };
  beforeEach(async () => {
    // 21 April 2026, 10:00 UTC: in a period from 1 to 30 April (30 days), 10 days are left counting today.
    t = await startTestApp({ clock: new FakeClock('2026-04-21T10:00:00Z') });
    anna = await registerUser(t, 'anna');
    auth = bearer(anna.accessToken);
    [food] = (await t.http.get('/api/funnels').set(auth)).body;
  });
  afterEach(() => t.dispose());

  const spend = (amount: number, spentAt?: string, funnelId = food.id) =>
    t.http.post('/api/spendings').set(auth).send({ funnelId, amount, ...(spentAt ? { spentAt } : {}) }).expect(201);
  const setLimit = (limit: number) =>
    t.http.put(`/api/funnels/${food.id}`).set(auth).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit }).expect(200);
  const budget = async (at?: string) => (await t.http.get('/api/budget').query(at ? { at } : {}).set(auth).expect(200)).body;
  const foodFigures = async (at?: string) => (await budget(at)).funnels.find((f: { id: string }) => f.id === food.id);

  it('follows the worked example: limit 3000, 30-day period, 10 days left, 1800 spent → allowance 300', async () => {
    await setLimit(3000);
    await spend(1800, '2026-04-05T12:00:00Z');
    const body = await budget();
    expect(body.period).toEqual({
      start: '2026-04-01T00:00:00.000Z',
      end: '2026-05-01T00:00:00.000Z',
      days: 30,
      daysLeft: 10,
      startDay: 1,
      timezone: 'UTC',
      countedFrom: '2026-04-01T00:00:00.000Z',
      countedDays: 30,
    });
    expect(body.currency).toBe('EUR');
    expect(body.funnels[0]).toEqual({
      id: food.id,
      name: 'Food',
      emoji: '🍞',
      color: '#ffa500',
      shared: false,
      rollover: false,
      limit: 3000,
      carried: 0,
      available: 3000,
      spent: 1800,
      remaining: 1200,
      fixed: 0,
      upcoming: 0,
      allowanceToday: 300,
      spentToday: 0,
      fixedCosts: [],
    });
    // Misc: 2000 untouched → 2000 − 2000 × 9 / 30 = 1400.
    expect(body.funnels[1]).toMatchObject({ name: 'Misc', limit: 2000, spent: 0, remaining: 2000, allowanceToday: 1400 });
    expect(body.totals).toEqual({ limit: 5000, carried: 0, available: 5000, spent: 1800, remaining: 3200, fixed: 0, upcoming: 0, allowanceToday: 1700 });
  });

  it("lowers today's allowance by exactly the amount spent today", async () => {
    const before = await foodFigures();
    await spend(12.34);
    const after = await foodFigures();
    expect(after.allowanceToday).toBeCloseTo(before.allowanceToday - 12.34, 10);
    expect(after.spentToday).toBe(12.34);
    expect(after.remaining).toBe(before.remaining - 12.34);
  });

  it('sums money exactly: 0.1 + 0.2 = 0.3', async () => {
    await spend(0.1);
    await spend(0.2);
    const figures = await foodFigures();
    expect(figures.spent).toBe(0.3);
    expect(figures.spentToday).toBe(0.3);
    expect(figures.remaining).toBe(1999.7);
  });

  it('applies a limit change to the current period at once and leaves the previous period as it was', async () => {
    await spend(500, '2026-03-15T12:00:00Z'); // March
    await spend(100, '2026-04-02T12:00:00Z'); // April
    const historyBefore = (await t.http.get('/api/budget/history?periods=2').set(auth).expect(200)).body;

    await setLimit(2600);
    const figures = await foodFigures();
    expect(figures).toMatchObject({ limit: 2600, spent: 100, remaining: 2500 });
    expect(figures.allowanceToday).toBe(2500 - (2600 * 9) / 30);

    const history = (await t.http.get('/api/budget/history?periods=2').set(auth).expect(200)).body;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' });
    expect(history[0].funnels.find((f: { id: string }) => f.id === food.id)).toEqual({ id: food.id, name: 'Food', color: '#ffa500', limit: 2600, carried: 0, spent: 100 });
    expect(history[1]).toEqual(historyBefore[1]); // March keeps its limit and figures
    // March: Food shows (a spending was entered for it) with the limit it had then; Misc (no spendings, made in April) does not.
    expect(history[1].funnels).toEqual([{ id: food.id, name: 'Food', color: '#ffa500', limit: 2000, carried: 0, spent: 500 }]);

    // The budget of a day in March still shows March's limit.
    const march = await foodFigures('2026-03-20T12:00:00Z');
    expect(march).toMatchObject({ limit: 2000, spent: 500 });

    // And the change carries into later periods.
    t.clock.advance(30 * DAY);
    auth = bearer((await login(t, anna)).accessToken);
    expect((await foodFigures()).limit).toBe(2600);
  });

  it('follows the household pay day and time zone', async () => {
    await t.http.patch('/api/household').set(auth).send({ periodStartDay: 15, timezone: 'Pacific/Auckland' }).expect(200);
    // 21 Apr 10:00 UTC = 21 Apr 22:00 in Auckland (+12:00): period 15 Apr – 15 May.
    const body = await budget();
    expect(body.period).toEqual({
      start: '2026-04-14T12:00:00.000Z',
      end: '2026-05-14T12:00:00.000Z',
      days: 30,
      daysLeft: 24,
      startDay: 15,
      timezone: 'Pacific/Auckland',
      countedFrom: '2026-04-14T12:00:00.000Z',
      countedDays: 30,
    });
    // A spending at 23:30 local on the 21st is today; one at 00:30 local on the 21st is today too; the 20th is not.
    await spend(1, '2026-04-21T11:30:00Z');
    await spend(2, '2026-04-20T12:30:00Z');
    await spend(4, '2026-04-20T11:30:00Z');
    expect((await foodFigures()).spentToday).toBe(3);
  });

  it('leaves funnels out of periods that ended before they were made, unless spendings were entered there', async () => {
    const fuel = await t.http.post('/api/funnels').set(auth).send({ name: 'Fuel', emoji: '⛽', color: '#000000', limit: 100 }).expect(201);
    const history = (await t.http.get('/api/budget/history').set(auth).expect(200)).body;
    expect(history).toHaveLength(6);
    expect(history[0].funnels.map((f: { name: string }) => f.name)).toEqual(['Food', 'Misc', 'Fuel']);
    expect(history[1].funnels).toEqual([]); // March: nothing existed yet
    const april = await budget('2026-04-02T00:00:00Z');
    expect(april.funnels.map((f: { id: string }) => f.id)).toContain(fuel.body.id);
    const march = await budget('2026-03-31T23:59:59Z');
    expect(march.funnels).toEqual([]);
    expect(march.totals).toEqual({ limit: 0, carried: 0, available: 0, spent: 0, remaining: 0, fixed: 0, upcoming: 0, allowanceToday: 0 });
    await spend(20, '2026-03-10T12:00:00Z', fuel.body.id); // backdated
    const marchAgain = await budget('2026-03-31T23:59:59Z');
    expect(marchAgain.funnels).toEqual([expect.objectContaining({ name: 'Fuel', limit: 100, spent: 20, remaining: 80 })]);
  });

  it('validates its query', async () => {
    for (const [path, message] of [
      ['/api/budget?at=tomorrow', /^at must be an ISO 8601 date-time/],
      ['/api/budget/history?periods=0', /^periods must be a whole number from 1 to 24/],
      ['/api/budget/history?periods=25', /^periods must be a whole number from 1 to 24/],
    ] as const) {
      const res = await t.http.get(path).set(auth).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect((await t.http.get('/api/budget/history?periods=24').set(auth).expect(200)).body).toHaveLength(24);
  });
});
