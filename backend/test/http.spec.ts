import { Database } from '../src/database/database.service';
import { bearer, itOnPostgres, itOnSqlite, registerUser, startTestApp, TestApp } from './support/test-app';

describe('HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.dispose());

  it('answers health while the database answers', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  itOnSqlite('answers health with 503 while the database cannot be written (a read-only file, a full disk), and 200 again after', async () => {
    const db = t.app.get(Database);
    await db.dataSource.query('PRAGMA query_only = ON'); // what SQLite says of a file it may not write
    try {
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The database cannot be written' });
    } finally {
      await db.dataSource.query('PRAGMA query_only = OFF');
    }
    await t.http.get('/api/health').expect(200);
  });

  itOnPostgres('answers health with 503 while the database takes no writes (a read-only standby), and 200 again after', async () => {
    const database = new URL(t.database).pathname.slice(1);
    // The setting holds for new connections: end the app's pooled ones (not the one that hears
    // other processes' changes) and wait until they are gone, so the next request opens fresh ones.
    const reconnect = async () => {
      const theirs = "FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stracker'";
      await t.sql(`SELECT pg_terminate_backend(pid) ${theirs}`);
      for (let i = 0; i < 100 && (await t.sql<{ n: number }>(`SELECT COUNT(*) AS n ${theirs}`))[0].n > 0; i++) await new Promise((r) => setTimeout(r, 20));
    };
    await t.write(`ALTER DATABASE ${database} SET default_transaction_read_only = on`);
    try {
      await reconnect();
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The database cannot be written' });
    } finally {
      await t.write(`ALTER DATABASE ${database} RESET default_transaction_read_only`);
      await reconnect();
    }
    await t.http.get('/api/health').expect(200);
    await t.http.get('/api/health').expect(200);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses a body over 16 KiB with 413 and stores nothing', async () => {
    const res = await t.http
      .post('/api/auth/register/start')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'anna', inviteCode: 'x'.repeat(17 * 1024) }))
      .expect(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.any(String) });
    expect(await t.sql('SELECT * FROM enrolments')).toHaveLength(0);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": ').expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/JSON/) });
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.http.get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('serves Swagger UI and the OpenAPI document, with bearer security on protected routes only', async () => {
    const ui = await t.http.get('/api/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    expect(ui.text).toContain('swagger-ui');
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operation = (path: string, method: string) => doc.body.paths[path][method];
    expect(operation('/api/me', 'get').security).toEqual([{ bearer: [] }]);
    expect(operation('/api/auth/session', 'get').security).toEqual([{ bearer: [] }]);
    expect(operation('/api/auth/login', 'post').security).toBeUndefined();
    expect(operation('/api/health', 'get').security).toBeUndefined();
  });

  it('never leaks a stack trace: an internal failure is a plain 500', async () => {
    const user = await registerUser(t, 'victim');
    // Break the stored secret the way a wrong TOTP_ENCRYPTION_KEY would.
    await t.write("UPDATE users SET totp_secret_sealed = 'v1.garbage' WHERE username_key = 'victim'");
    const res = await t.http.post('/api/auth/login').send({ username: 'victim', code: '123456' }).expect(500);
    expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side. Please try again.' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|Error:/);
    await t.http.get('/api/me').set(bearer(user.accessToken)).expect(200);
  });
});
