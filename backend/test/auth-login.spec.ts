import { DAY, MINUTE, SECOND } from './support/fake-clock';
import { bearer, currentCode, login, nextStep, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

const WRONG = { statusCode: 401, error: 'Unauthorized', message: 'Unknown username or wrong code.', reason: 'invalid_credentials' };

/** A 6-digit code that is certainly not the current one (nor a neighbour). */
function wrongCode(t: TestApp, secret: string): string {
  const valid = new Set([-30, 0, 30].map((offset) => currentCode(t, secret, offset * SECOND)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

describe('login with a TOTP code', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
  });
  afterEach(() => t.dispose());

  it('signs in with the current code, any case of the username', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: ' ANNA ', code: currentCode(t, anna.secret) }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessExpiresAt: expect.any(String),
      refreshExpiresAt: expect.any(String),
    });
    await t.http.get('/api/me').set(bearer(res.body.accessToken)).expect(200);
  });

  it('refuses the same code twice (replay), even in the same 30 s', async () => {
    const code = currentCode(t, anna.secret);
    await t.http.post('/api/auth/login').send({ username: 'anna', code }).expect(200);
    const replay = await t.http.post('/api/auth/login').send({ username: 'anna', code }).expect(401);
    expect(replay.body).toEqual(WRONG);
  });

  it('refuses a code from the registration step (it was used to prove the authenticator)', async () => {
    const t2 = await startTestApp();
    try {
      const start = await t2.http.post('/api/auth/register/start').send({ username: 'bert' }).expect(201);
      const code = currentCode(t2, start.body.secret);
      await t2.http.post('/api/auth/register/finish').send({ enrolmentToken: start.body.enrolmentToken, code }).expect(201);
      await t2.http.post('/api/auth/login').send({ username: 'bert', code }).expect(401);
    } finally {
      await t2.dispose();
    }
  });

  it('accepts codes from one step either side (±30 s) and refuses two steps away (±60 s)', async () => {
    nextStep(t); // the step before must not be the registration's (already used) step
    await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret, -30 * SECOND) }).expect(200);
    nextStep(t);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret, 30 * SECOND) }).expect(200);
    t.clock.advance(5 * MINUTE);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret, -60 * SECOND) }).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret, 60 * SECOND) }).expect(401);
  });

  it('answers an unknown username exactly like a wrong code', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody', code: '123456' }).expect(401);
    const wrong = await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401);
    expect(unknown.body).toEqual(WRONG);
    expect(wrong.body).toEqual(WRONG);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
  });

  it('backs off after 5 consecutive wrong codes: 1, 2, 4 … minutes, 429 with Retry-After even for a correct code', async () => {
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401);
      t.clock.advance(10 * SECOND);
    }
    // 40 s have passed since the 5th failure would be 50 s; the wait is 1 minute from it.
    const throttled = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    expect(throttled.headers['retry-after']).toBe('50');
    expect(throttled.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many wrong codes. Try again in 1 minute.' });

    t.clock.advance(50 * SECOND);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401); // 6th
    const second = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    expect(second.headers['retry-after']).toBe('120');
    t.clock.advance(2 * MINUTE);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401); // 7th
    const third = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    expect(third.headers['retry-after']).toBe('240');

    // A correct code after the wait signs in and ends the run of failures.
    t.clock.advance(4 * MINUTE);
    await login(t, anna);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401);
    await login(t, anna);
  });

  it('caps the back-off at 60 minutes', async () => {
    for (let i = 0; i < 12; i++) {
      const res = await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) });
      expect([401, 429]).toContain(res.status);
      t.clock.advance(61 * MINUTE);
      if (i === 11) {
        t.clock.advance(-61 * MINUTE);
        const last = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
        expect(Number(last.headers['retry-after'])).toBe(60 * 60);
      }
    }
  });

  it('allows at most 20 wrong codes per username in 24 hours', async () => {
    for (let i = 0; i < 20; i++) {
      await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401);
      if (i < 19) await login(t, anna); // a success resets the consecutive count, not the daily one
      t.clock.advance(MINUTE);
    }
    const res = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(DAY / 1000 - 60 * 60);
    expect(retryAfter).toBeLessThanOrEqual(DAY / 1000);
    t.clock.advance(retryAfter * SECOND);
    await login(t, anna);
  });

  it('allows at most 10 wrong codes per minute from one client across usernames, unknown ones too', async () => {
    for (let i = 0; i < 10; i++) {
      await t.http.post('/api/auth/login').send({ username: `ghost${i}`, code: '000000' }).expect(401);
    }
    const res = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    expect(res.headers['retry-after']).toBe('60');
    t.clock.advance(MINUTE);
    await login(t, anna);
  });

  it('keeps counting across a restart (the counts live in the database)', async () => {
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/auth/login').send({ username: 'anna', code: wrongCode(t, anna.secret) }).expect(401);
    }
    await t.close();
    const restarted = await startTestApp({ database: t.database, clock: t.clock });
    try {
      await restarted.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(429);
    } finally {
      await restarted.close();
    }
  });

  it('validates the body and names the field', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ username: 'anna' }, /^code must be/],
      [{ code: '123456' }, /^username must/],
      [{ username: 'anna', code: 123456 }, /^code must be a string/],
      [{ username: 'anna', code: '12345a' }, /^code must be the 6 digits/],
      [{ username: 'anna', code: '123456', remember: true }, /^remember is not a known field$/],
      [{ username: ['anna'], code: '123456' }, /^username must be a string/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.post('/api/auth/login').send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect(await t.sql('SELECT * FROM auth_failures')).toHaveLength(0);
  });
});
