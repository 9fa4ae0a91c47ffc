import { bearer, currentCode, login, nextStep, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

describe('recovery codes and replacing the authenticator', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  beforeEach(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
  });
  afterEach(() => t.dispose());

  it('signs in with a recovery code once (any case, with or without dashes) and asks for re-enrolment', async () => {
    const [code] = anna.recoveryCodes;
    const res = await t.http.post('/api/auth/login').send({ username: 'anna', code: code.toLowerCase().replace(/-/g, '') }).expect(200);
    expect(res.body.mustReenrol).toBe(true);
    await t.http.get('/api/me').set(bearer(res.body.accessToken)).expect(200);
    await t.http.post('/api/auth/login').send({ username: 'anna', code }).expect(401); // single use
    // A normal login does not say mustReenrol.
    const normal = await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(200);
    expect(normal.body.mustReenrol).toBeUndefined();
  });

  it('re-enrols the authenticator: after proving the new one, only its codes work', async () => {
    const session = await t.http.post('/api/auth/login').send({ username: 'anna', code: anna.recoveryCodes[0] }).expect(200);
    const auth = bearer(session.body.accessToken);
    const start = await t.http.post('/api/auth/totp/start').set(auth).expect(201);
    expect(start.body.secret).not.toBe(anna.secret);
    expect(start.body.otpauthUrl).toContain('STracker:anna');

    // Until it is proven, the old authenticator still works… (not tested via login here: that would end this session)
    const wrong = currentCode(t, anna.secret) === '000000' ? '111111' : '000000';
    await t.http.post('/api/auth/totp/finish').set(auth).send({ enrolmentToken: start.body.enrolmentToken, code: wrong }).expect(400);
    await t.http.post('/api/auth/totp/finish').set(auth).send({ enrolmentToken: start.body.enrolmentToken, code: currentCode(t, start.body.secret) }).expect(204);
    nextStep(t);

    await t.http.post('/api/auth/login').send({ username: 'anna', code: currentCode(t, anna.secret) }).expect(401);
    await login(t, { username: 'anna', secret: start.body.secret });
  });

  it('does not let one user finish another user\'s enrolment', async () => {
    const bert = await registerUser(t, 'bert');
    const start = await t.http.post('/api/auth/totp/start').set(bearer(anna.accessToken)).expect(201);
    await t.http
      .post('/api/auth/totp/finish')
      .set(bearer(bert.accessToken))
      .send({ enrolmentToken: start.body.enrolmentToken, code: currentCode(t, start.body.secret) })
      .expect(400);
    const [row] = await t.sql<{ totp_secret_sealed: string }>("SELECT totp_secret_sealed FROM users WHERE username_key = 'bert'");
    nextStep(t);
    await login(t, bert); // bert's own authenticator still works
    expect(await t.sql("SELECT totp_secret_sealed FROM users WHERE username_key = 'bert'")).toEqual([row]);
  });

  it('regenerates recovery codes: the new batch works, the old batch dies', async () => {
    const res = await t.http.post('/api/auth/recovery-codes').set(bearer(anna.accessToken)).expect(201);
    expect(res.body.recoveryCodes).toHaveLength(10);
    await t.http.post('/api/auth/login').send({ username: 'anna', code: anna.recoveryCodes[1] }).expect(401);
    const ok = await t.http.post('/api/auth/login').send({ username: 'anna', code: res.body.recoveryCodes[0] }).expect(200);
    expect(ok.body.mustReenrol).toBe(true);
    expect(await t.sql('SELECT COUNT(*) AS n FROM recovery_codes')).toEqual([{ n: 10 }]);
  });
});
