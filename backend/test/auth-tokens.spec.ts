import { DAY, MINUTE, SECOND } from './support/fake-clock';
import { decodeJwt, forgeJwt } from './support/jwt';
import { bearer, currentCode, login, registerUser, RegisteredUser, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

describe('tokens and sessions', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
  });
  afterEach(() => t.dispose());

  const refresh = (token: string) => t.http.post('/api/auth/refresh').send({ refreshToken: token });

  it('issues an HS256 access token with sub, sid, jti, iat, exp and a type claim, valid 30 minutes', async () => {
    const { header, payload } = decodeJwt(anna.accessToken);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: expect.any(String),
      sid: expect.any(String),
      jti: expect.any(String),
      typ: 'access',
      iat: expect.any(Number),
      exp: (payload.iat as number) + 30 * 60,
    });
    expect(decodeJwt(anna.refreshToken).payload).toMatchObject({ typ: 'refresh', exp: (payload.iat as number) + 7 * 24 * 3600 });
  });

  it('rotates the refresh token: a new pair, and the old refresh token is retired', async () => {
    const first = await refresh(anna.refreshToken).expect(200);
    expect(first.body.refreshToken).not.toBe(anna.refreshToken);
    await t.http.get('/api/me').set(bearer(first.body.accessToken)).expect(200);
    const second = await refresh(first.body.refreshToken).expect(200);
    await t.http.get('/api/me').set(bearer(second.body.accessToken)).expect(200);
  });

  it('treats a reuse of the just-retired refresh token within 20 s as a race: 401, session kept', async () => {
    const rotated = await refresh(anna.refreshToken).expect(200);
    t.clock.advance(19 * SECOND);
    const race = await refresh(anna.refreshToken).expect(401);
    expect(race.body.reason).toBe('refresh_race');
    await t.http.get('/api/me').set(bearer(rotated.body.accessToken)).expect(200);
    await refresh(rotated.body.refreshToken).expect(200);
  });

  it('treats a later reuse of a rotated refresh token as theft: 401 and the whole session ends', async () => {
    const rotated = await refresh(anna.refreshToken).expect(200);
    t.clock.advance(21 * SECOND);
    const reuse = await refresh(anna.refreshToken).expect(401);
    expect(reuse.body.reason).toBe('refresh_reused');
    const me = await t.http.get('/api/me').set(bearer(rotated.body.accessToken)).expect(401);
    expect(me.body.reason).toBe('session_ended');
    await refresh(rotated.body.refreshToken).expect(401);
  });

  it('lets exactly one of two parallel refreshes with the same token succeed', async () => {
    const results = await Promise.all([refresh(anna.refreshToken), refresh(anna.refreshToken), refresh(anna.refreshToken)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
    const winner = results.find((r) => r.status === 200)!;
    await t.http.get('/api/me').set(bearer(winner.body.accessToken)).expect(200); // the losers did not end the session
  });

  it('keeps one active device: a login elsewhere ends the previous session at once', async () => {
    const deviceB = await login(t, anna);
    const me = await t.http.get('/api/me').set(bearer(anna.accessToken)).expect(401);
    expect(me.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'You signed in on another device, so this device was signed out.',
      reason: 'session_replaced',
    });
    const oldRefresh = await refresh(anna.refreshToken).expect(401);
    expect(oldRefresh.body.reason).toBe('session_replaced');
    // … and device A's attempt harmed nothing on device B.
    await t.http.get('/api/me').set(bearer(deviceB.accessToken)).expect(200);
    await refresh(deviceB.refreshToken).expect(200);
  });

  it('never accepts a refresh token as bearer, nor an access token at /refresh', async () => {
    const asBearer = await t.http.get('/api/me').set(bearer(anna.refreshToken)).expect(401);
    expect(asBearer.body.reason).toBe('invalid_token');
    const asRefresh = await refresh(anna.accessToken).expect(401);
    expect(asRefresh.body.reason).toBe('invalid_token');
  });

  it('refuses forged and expired tokens', async () => {
    const { payload } = decodeJwt(anna.accessToken);
    const forged = [
      forgeJwt({ alg: 'none', typ: 'JWT' }, payload, null),
      forgeJwt({ alg: 'HS256', typ: 'JWT' }, payload, 'another-key-another-key-another-key-1234'),
      forgeJwt({ alg: 'HS512', typ: 'JWT' }, payload, TEST_JWT_SECRET),
      // tampered payload, original signature
      `${anna.accessToken.split('.')[0]}.${Buffer.from(JSON.stringify({ ...payload, sub: 'someone-else' })).toString('base64url')}.${anna.accessToken.split('.')[2]}`,
      'not-a-jwt',
    ];
    for (const token of forged) {
      const res = await t.http.get('/api/me').set(bearer(token)).expect(401);
      expect(res.body.reason).toBe('invalid_token');
    }
    // Sanity: the same payload signed with the real key is accepted, so the refusals above are about the forgery.
    await t.http.get('/api/me').set(bearer(forgeJwt({ alg: 'HS256', typ: 'JWT' }, payload, TEST_JWT_SECRET))).expect(200);

    t.clock.advance(30 * MINUTE + SECOND);
    const expired = await t.http.get('/api/me').set(bearer(anna.accessToken)).expect(401);
    expect(expired.body.reason).toBe('invalid_token');
    const renewed = await refresh(anna.refreshToken).expect(200); // the refresh token lives on
    await t.http.get('/api/me').set(bearer(renewed.body.accessToken)).expect(200);
  });

  it('ends after 7 idle days: the refresh token expires', async () => {
    t.clock.advance(7 * DAY + SECOND);
    await refresh(anna.refreshToken).expect(401);
    await login(t, anna);
  });

  it('needs a token on every protected route', async () => {
    const res = await t.http.get('/api/me').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Sign in first: this request needs an access token (Authorization: Bearer …).',
      reason: 'missing_token',
    });
    await t.http.get('/api/me').set('Authorization', `Basic ${anna.accessToken}`).expect(401);
    for (const [method, path] of [
      ['post', '/api/auth/logout'],
      ['post', '/api/auth/totp/start'],
      ['post', '/api/auth/totp/finish'],
      ['post', '/api/auth/recovery-codes'],
      ['get', '/api/auth/session'],
    ] as const) {
      await t.http[method](path).expect(401);
    }
  });

  it('logs out: both tokens stop working', async () => {
    await t.http.post('/api/auth/logout').set(bearer(anna.accessToken)).expect(204);
    await t.http.get('/api/me').set(bearer(anna.accessToken)).expect(401);
    await refresh(anna.refreshToken).expect(401);
  });

  it('describes the active session', async () => {
    const start = t.clock.now();
    const deviceB = await t.http
      .post('/api/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (Android 15; Mobile)')
      .send({ username: 'anna', code: currentCode(t, anna.secret) })
      .expect(200);
    t.clock.advance(5 * MINUTE);
    const res = await t.http.get('/api/auth/session').set(bearer(deviceB.body.accessToken)).expect(200);
    expect(res.body).toEqual({
      startedAt: start.toISOString(),
      lastSeenAt: t.clock.now().toISOString(),
      userAgent: 'Mozilla/5.0 (Android 15; Mobile)',
    });
  });

  it('validates the refresh body', async () => {
    const res = await t.http.post('/api/auth/refresh').send({ refreshToken: 42 }).expect(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^refreshToken must be a string/)]));
  });
});
