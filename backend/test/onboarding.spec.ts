import { FakeClock } from './support/fake-clock';
import { bearer, currentCode, login, nextStep, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';
import { run } from '../src/bin/admin';
import { TEST_JWT_SECRET, TEST_TOTP_KEY } from './support/test-app';

/** What the first-run screens need from the API: who an invite leads to, a clean start, a first period counted from today. */
describe('onboarding', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let a: { Authorization: string };
  beforeEach(async () => {
    // Tuesday 21 April 2026, day 21 of a 30-day period (pay day the 1st), 10 days left.
    t = await startTestApp({ clock: new FakeClock('2026-04-21T10:00:00Z') });
    anna = await registerUser(t, 'anna');
    a = bearer(anna.accessToken);
  });
  afterEach(() => t.dispose());

  const invite = async () => (await t.http.post('/api/household/invites').set(a).expect(201)).body.code as string;

  it('shows what an invite leads to: the household, its members and its shared funnels; nothing for a used or unknown code', async () => {
    await t.http.patch('/api/household').set(a).send({ name: 'The Smiths' }).expect(200);
    await t.http.post('/api/funnels').set(a).send({ name: 'Groceries', emoji: '🛒', color: '#00aa00', limit: 600, shared: true }).expect(201);
    const code = await invite();
    const preview = await t.http.get(`/api/auth/invites/${code}`).expect(200);
    expect(preview.body).toEqual({
      kind: 'household',
      household: { name: 'The Smiths', members: ['anna'], sharedFunnels: ['🛒 Groceries'] },
      expiresAt: expect.any(String),
    });
    await registerUser(t, 'bert', { inviteCode: code });
    const used = await t.http.get(`/api/auth/invites/${code}`).expect(404);
    expect(used.body.message).toMatch(/unknown, already used or expired/);
    await t.http.get('/api/auth/invites/AAAA-BBBB-CCCC').expect(404);
    await t.http.get(`/api/auth/invites/${'A'.repeat(65)}`).expect(400);

    const env = { NODE_ENV: 'test', DB_URL: t.database, JWT_SECRET: TEST_JWT_SECRET, TOTP_ENCRYPTION_KEY: TEST_TOTP_KEY };
    const lines: string[] = [];
    await run(['invite'], env, { out: (l) => lines.push(l), err: () => undefined }, t.clock);
    const operatorCode = lines.join('\n').match(/Invite code: (\S+)/)![1];
    expect((await t.http.get(`/api/auth/invites/${operatorCode}`).expect(200)).body).toEqual({ kind: 'new-household', household: null, expiresAt: expect.any(String) });
  });

  it('lets a newcomer start without the personal Food and Misc funnels', async () => {
    await t.http.post('/api/funnels').set(a).send({ name: 'Groceries', emoji: '🛒', color: '#00aa00', limit: 600, shared: true }).expect(201);
    const code = await invite();
    const start = (await t.http.post('/api/auth/register/start').send({ username: 'bert', inviteCode: code }).expect(201)).body;
    const finish = await t.http
      .post('/api/auth/register/finish')
      .send({ enrolmentToken: start.enrolmentToken, code: currentCode(t, start.secret), starterFunnels: false })
      .expect(201);
    nextStep(t);
    const funnels = (await t.http.get('/api/funnels').set(bearer(finish.body.accessToken)).expect(200)).body;
    expect(funnels.map((f: { name: string }) => f.name)).toEqual(['Groceries']);
  });

  describe('a first period counted from today', () => {
    let food: string;
    beforeEach(async () => {
      food = (await t.http.get('/api/funnels').set(a)).body[0].id;
      await t.http.put(`/api/funnels/${food}`).set(a).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 3000 }).expect(200);
    });
    const budget = async () => (await t.http.get('/api/budget').set(a).expect(200)).body;

    it('in full, the days already gone are today\'s to spend; prorated, today gets an ordinary day\'s share', async () => {
      const full = await budget();
      expect(full.period).toMatchObject({ days: 30, daysLeft: 10, countedDays: 30, countedFrom: '2026-04-01T00:00:00.000Z' });
      expect(full.funnels[0]).toMatchObject({ limit: 3000, allowanceToday: 2100 }); // 3000 − 3000 × 9 / 30

      const household = await t.http.patch('/api/household').set(a).send({ prorateFirstPeriod: true }).expect(200);
      expect(household.body.countedFrom).toBe('2026-04-21T00:00:00.000Z');
      const prorated = await budget();
      expect(prorated.period).toMatchObject({ days: 30, daysLeft: 10, countedDays: 10, countedFrom: '2026-04-21T00:00:00.000Z' });
      expect(prorated.funnels[0]).toMatchObject({ limit: 1000, remaining: 1000, allowanceToday: 100 }); // 3000 × 10/30, a tenth of it today
      expect(prorated.totals).toMatchObject({ limit: 1666.67, allowanceToday: 166.67 }); // Misc: 2000 × 10/30
      // Settings still show the monthly limit; history shows the prorated one for this period.
      expect((await t.http.get(`/api/funnels/${food}`).set(a)).body.limit).toBe(3000);
      const [current] = (await t.http.get('/api/budget/history?periods=1').set(a).expect(200)).body;
      expect(current.funnels.find((f: { id: string }) => f.id === food).limit).toBe(1000);

      // Spending today lowers today's share first, as ever.
      await t.http.post('/api/spendings').set(a).send({ funnelId: food, amount: 40 }).expect(201);
      expect((await budget()).funnels[0]).toMatchObject({ remaining: 960, allowanceToday: 60 });

      // Counting in full again is the user's choice too.
      await t.http.patch('/api/household').set(a).send({ prorateFirstPeriod: false }).expect(200);
      expect((await budget()).funnels[0]).toMatchObject({ limit: 3000, allowanceToday: 2060 });
    });

    it('counts every later period in full, and cannot be chosen once the first period is over', async () => {
      await t.http.patch('/api/household').set(a).send({ prorateFirstPeriod: true }).expect(200);
      t.clock.set('2026-05-02T10:00:00Z');
      a = bearer((await login(t, anna)).accessToken);
      const may = await budget();
      expect(may.period).toMatchObject({ days: 31, countedDays: 31, countedFrom: '2026-05-01T00:00:00.000Z' });
      expect(may.funnels[0].limit).toBe(3000);
      const res = await t.http.patch('/api/household').set(a).send({ prorateFirstPeriod: true }).expect(400);
      expect(res.body.message).toEqual(["prorateFirstPeriod: the household's first period is over; every later period counts in full"]);
    });
  });
});
