import { MINUTE } from './support/fake-clock';
import { bearer, currentCode, nextStep, registerUser, startTestApp, TestApp } from './support/test-app';

/** Who may create an account is the operator's choice (REGISTRATION); the default is `invite`. */
describe('registration policy', () => {
  let t: TestApp;
  afterEach(() => t.dispose());

  const start = (body: object) => t.http.post('/api/auth/register/start').send(body);
  const finish = (offer: { enrolmentToken: string; secret: string }) =>
    t.http.post('/api/auth/register/finish').send({ enrolmentToken: offer.enrolmentToken, code: currentCode(t, offer.secret) });
  const info = async () => (await t.http.get('/api/auth/registration').expect(200)).body;

  describe('invite (the default)', () => {
    beforeEach(async () => (t = await startTestApp({ env: { REGISTRATION: undefined } })));

    it('lets the first account in freely, then needs an invite code for every later one', async () => {
      expect(await info()).toEqual({ mode: 'invite', inviteRequired: false });
      const anna = await registerUser(t, 'anna');
      expect(await info()).toEqual({ mode: 'invite', inviteRequired: true });

      const refused = await start({ username: 'mallory' }).expect(403);
      expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(/^Registration on this server needs an invite code/) });
      await start({ username: 'anna' }).expect(403); // no "taken" answer without an invite
      await start({ username: 'mallory', inviteCode: 'AAAA-BBBB-CCCC' }).expect(404);
      expect(await t.sql('SELECT * FROM enrolments')).toEqual([]);

      const code = (await t.http.post('/api/household/invites').set(bearer(anna.accessToken)).expect(201)).body.code;
      const bert = await registerUser(t, 'bert', { inviteCode: code });
      const me = await t.http.get('/api/me').set(bearer(bert.accessToken)).expect(200);
      expect(me.body.household.name).toBe("anna's household");
    });

    it('lets only one of two people racing for the free first account finish', async () => {
      const first = (await start({ username: 'anna' }).expect(201)).body;
      const second = (await start({ username: 'bert' }).expect(201)).body;
      await finish(first).expect(201);
      nextStep(t);
      const late = await finish(second).expect(403);
      expect(late.body.message).toMatch(/needs an invite code/);
      expect(await t.sql('SELECT username FROM users')).toEqual([{ username: 'anna' }]);
    });
  });

  it('open: anyone may register', async () => {
    t = await startTestApp({ env: { REGISTRATION: 'open' } });
    await registerUser(t, 'anna');
    await registerUser(t, 'bert');
    expect(await info()).toEqual({ mode: 'open', inviteRequired: false });
  });

  it('closed: no new accounts at all, not even with an invite or on an empty server', async () => {
    t = await startTestApp({ env: { REGISTRATION: 'closed' } });
    expect(await info()).toEqual({ mode: 'closed', inviteRequired: false });
    const res = await start({ username: 'anna' }).expect(403);
    expect(res.body.message).toMatch(/^Registration on this server is closed/);
    await start({ username: 'anna', inviteCode: 'AAAA-BBBB-CCCC' }).expect(403);
    expect(await t.sql('SELECT * FROM users')).toEqual([]);
  });

  it('throttles register/start per client IP, whatever the answer, so usernames cannot be tested freely', async () => {
    t = await startTestApp({ env: { REGISTRATION: 'open' } });
    // A family signing up together from one router, all in the same minute: finished registrations do not count.
    const now = t.clock.now().getTime();
    for (let i = 0; i < 12; i++) await finish((await start({ username: `member${i}` }).expect(201)).body).expect(201);
    expect(t.clock.now().getTime()).toBe(now);
    const taken = await start({ username: 'member0' }).expect(409);
    expect(taken.body.message).toMatch(/taken/);
    for (let i = 1; i < 10; i++) await start({ username: `user${i}` }).expect(201);
    const throttled = await start({ username: 'user10' }).expect(429);
    expect(throttled.body.message).toBe('Too many new registrations from this network. Try again in 1 minute.');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(MINUTE);
    await start({ username: 'user10' }).expect(201);

    // 60 an hour: past the minute limit each time, the hour limit still holds.
    for (let i = 11; i < 60; i++) {
      if (i % 10 === 0) t.clock.advance(MINUTE);
      await start({ username: `user${i}` }).expect(201);
    }
    t.clock.advance(MINUTE);
    await start({ username: 'user60' }).expect(429);
    t.clock.advance(60 * MINUTE);
    await start({ username: 'user60' }).expect(201);
  });

  it('refuses a REGISTRATION value it does not know, at start-up', async () => {
    await expect(startTestApp({ env: { REGISTRATION: 'sometimes' } })).rejects.toThrow('REGISTRATION must be invite, open or closed (got "sometimes")');
    t = await startTestApp();
  });
});
