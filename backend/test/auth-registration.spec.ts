import { readFileSync } from 'node:fs';
import { HOUR, MINUTE } from './support/fake-clock';
import { bearer, currentCode, itOnPostgres, itOnSqlite, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

describe('registration with an authenticator app', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.dispose());

  it('hands out a server-made secret and otpauth URI, then creates the account once a current code proves it', async () => {
    const start = await t.http.post('/api/auth/register/start').send({ username: 'Anna' }).expect(201);
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 160 bits, base32
    expect(start.body.otpauthUrl).toBe(`otpauth://totp/STracker:Anna?secret=${start.body.secret}&issuer=STracker`);
    expect(await t.sql('SELECT * FROM users')).toHaveLength(0); // nothing exists before the code is proven

    const finish = await t.http
      .post('/api/auth/register/finish')
      .send({ enrolmentToken: start.body.enrolmentToken, code: currentCode(t, start.body.secret), timezone: 'Europe/Berlin', currency: 'CHF' })
      .expect(201);
    expect(finish.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessExpiresAt: new Date(t.clock.now().getTime() + 30 * MINUTE).toISOString(),
      refreshExpiresAt: new Date(t.clock.now().getTime() + 7 * 24 * HOUR).toISOString(),
      recoveryCodes: expect.any(Array),
    });
    expect(finish.body.recoveryCodes).toHaveLength(10);
    expect(new Set(finish.body.recoveryCodes).size).toBe(10);
    for (const code of finish.body.recoveryCodes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const me = await t.http.get('/api/me').set(bearer(finish.body.accessToken)).expect(200);
    expect(me.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: 'Anna',
      household: { id: expect.any(String), name: "Anna's household", periodStartDay: 1, timezone: 'Europe/Berlin', currency: 'CHF' },
      locale: null,
    });
  });

  it('defaults a new household to UTC and EUR when the browser sends nothing', async () => {
    const user = await registerUser(t, 'bert');
    const me = await t.http.get('/api/me').set(bearer(user.accessToken)).expect(200);
    expect(me.body.household).toMatchObject({ timezone: 'UTC', currency: 'EUR', periodStartDay: 1 });
  });

  it('refuses a taken username, whatever its case, at start and at finish', async () => {
    await registerUser(t, 'anna');
    const taken = await t.http.post('/api/auth/register/start').send({ username: 'ANNA' }).expect(409);
    expect(taken.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'username is already taken; choose another' });

    // Two people start with the same free name; the second to finish loses.
    const first = await t.http.post('/api/auth/register/start').send({ username: 'carla' }).expect(201);
    const second = await t.http.post('/api/auth/register/start').send({ username: 'Carla' }).expect(201);
    await t.http.post('/api/auth/register/finish').send({ enrolmentToken: first.body.enrolmentToken, code: currentCode(t, first.body.secret) }).expect(201);
    await t.http.post('/api/auth/register/finish').send({ enrolmentToken: second.body.enrolmentToken, code: currentCode(t, second.body.secret) }).expect(409);
    expect(await t.sql("SELECT username FROM users WHERE username_key = 'carla'")).toEqual([{ username: 'carla' }]);
  });

  it('refuses a wrong code with 400 and creates nothing; five wrong codes end the enrolment', async () => {
    const start = await t.http.post('/api/auth/register/start').send({ username: 'dora' }).expect(201);
    const wrong = String((Number(currentCode(t, start.body.secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await t.http.post('/api/auth/register/finish').send({ enrolmentToken: start.body.enrolmentToken, code: wrong }).expect(400);
    expect(res.body.message).toMatch(/^code does not match/);
    expect(await t.sql('SELECT * FROM users')).toHaveLength(0);

    for (let i = 0; i < 4; i++) {
      await t.http.post('/api/auth/register/finish').send({ enrolmentToken: start.body.enrolmentToken, code: wrong }).expect(400);
    }
    const after = await t.http
      .post('/api/auth/register/finish')
      .send({ enrolmentToken: start.body.enrolmentToken, code: currentCode(t, start.body.secret) })
      .expect(400);
    expect(after.body.message).toBe('enrolmentToken is unknown or expired; start again');
    expect(await t.sql('SELECT * FROM users')).toHaveLength(0);
  });

  it('refuses an enrolment older than 15 minutes', async () => {
    const start = await t.http.post('/api/auth/register/start').send({ username: 'emil' }).expect(201);
    t.clock.advance(15 * MINUTE + 1);
    const res = await t.http
      .post('/api/auth/register/finish')
      .send({ enrolmentToken: start.body.enrolmentToken, code: currentCode(t, start.body.secret) })
      .expect(400);
    expect(res.body.message).toBe('enrolmentToken is unknown or expired; start again');
  });

  it('answers 404 for an unknown invite code', async () => {
    const res = await t.http.post('/api/auth/register/start').send({ username: 'fritz', inviteCode: 'NOPE-NOPE' }).expect(404);
    expect(res.body.message).toMatch(/^inviteCode is unknown/);
  });

  const expectNoPlainSecrets = (stored: string, user: RegisteredUser) => {
    expect(stored).toContain('gina'); // the search itself works
    expect(stored).not.toContain(user.secret);
    for (const code of user.recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
  };

  itOnSqlite('never stores the TOTP secret or the recovery codes in plain text (the database file)', async () => {
    const user = await registerUser(t, 'gina');
    await t.close(); // flush the WAL into the main file too
    const bytes = Buffer.concat(
      [t.dbPath, `${t.dbPath}-wal`].flatMap((file) => {
        try {
          return [readFileSync(file)];
        } catch {
          return [];
        }
      }),
    ).toString('latin1');
    expectNoPlainSecrets(bytes, user);
  });

  itOnPostgres('never stores the TOTP secret or the recovery codes in plain text (every table\'s data)', async () => {
    const user = await registerUser(t, 'gina');
    await t.close();
    // The server's files are not ours to read; every row of every table, as text, is what a dump or a stolen disk would hold.
    const tables = await t.sql<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['users', 'recovery_codes', 'enrolments']));
    const rows = await Promise.all(tables.map(({ name }) => t.sql<{ row: string }>(`SELECT r::text AS row FROM ${name} r`)));
    expectNoPlainSecrets(rows.flat().map((r) => r.row).join('\n'), user);
  });

  it('validates the fields and names them', async () => {
    const cases: Array<[object, RegExp]> = [
      [{}, /^username must be/],
      [{ username: 'ab' }, /^username must be 3 to 32/],
      [{ username: 'a b c' }, /^username must be 3 to 32/],
      [{ username: 42 }, /^username must be a string/],
      [{ username: 'anna', secret: 'JBSWY3DPEHPK3PXP' }, /^secret is not a known field$/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.post('/api/auth/register/start').send(body).expect(400);
      expect(res.body.statusCode).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    const start = await t.http.post('/api/auth/register/start').send({ username: 'hans' }).expect(201);
    const finishCases: Array<[object, RegExp]> = [
      [{ enrolmentToken: start.body.enrolmentToken, code: 123456 }, /^code must be the 6 digits/],
      [{ enrolmentToken: start.body.enrolmentToken, code: '12345' }, /^code must be the 6 digits/],
      [{ code: '123456' }, /^enrolmentToken must/],
      [{ enrolmentToken: start.body.enrolmentToken, code: '123456', timezone: 'Mars/Base' }, /^timezone must be an IANA time zone/],
      [{ enrolmentToken: start.body.enrolmentToken, code: '123456', currency: 'EURO' }, /^currency must be an ISO 4217 code/],
    ];
    for (const [body, message] of finishCases) {
      const res = await t.http.post('/api/auth/register/finish').send(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect(await t.sql('SELECT * FROM users')).toHaveLength(0);
  });
});
