import { Agent, request as httpRequest } from 'node:http';
import { FakeClock } from './support/fake-clock';
import { address, partialRequest, slowUpload } from './support/raw-http';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

const MiB = 1024 * 1024;

describe('hardening', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let a: { Authorization: string };
  let food: string;
  beforeEach(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-04-21T10:00:00Z') });
    anna = await registerUser(t, 'anna', { timezone: 'Europe/Berlin' });
    a = bearer(anna.accessToken);
    food = (await t.http.get('/api/funnels').set(a)).body[0].id;
  });
  afterEach(() => t.dispose());

  describe('request bodies are never read before they are wanted', () => {
    it('answers an import without a token with 401 before its body has arrived', async () => {
      const res = await partialRequest(t, {
        method: 'POST',
        path: '/api/spendings/import',
        headers: { 'content-type': 'text/csv' },
        declaredLength: 4 * MiB,
        sent: Buffer.alloc(1024, 'é'),
      });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 401, reason: 'missing_token' });
    });

    it('drains a whole import refused unread instead of cutting the connection (behind nginx a cut is a 502)', async () => {
      // As nginx talks to the backend: HTTP/1.1 with keep-alive, the whole body sent.
      const { host, port } = await address(t);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const sockets = new Set<unknown>();
      try {
        for (let i = 0; i < 3; i++) {
          const answer = await new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
            const req = httpRequest({ host, port, agent, method: 'POST', path: '/api/spendings/import', headers: { 'content-type': 'text/csv', 'content-length': MiB } }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
            });
            req.on('socket', (socket) => sockets.add(socket));
            req.on('error', reject);
            req.end(Buffer.alloc(MiB, 'a'));
          });
          expect(answer).toMatchObject({ status: 401, connection: 'keep-alive' });
          expect(JSON.parse(answer.body)).toMatchObject({ reason: 'missing_token' });
        }
        expect(sockets.size).toBe(1); // one connection, kept for the next request
      } finally {
        agent.destroy();
      }
    });

    it('answers a CSV, text or binary body on any other route at once: 413 when announced too big, 415 otherwise', async () => {
      for (const type of ['text/csv', 'text/plain', 'application/octet-stream']) {
        for (const path of ['/api/auth/login', '/api/auth/register/start', '/api/funnels']) {
          const big = await partialRequest(t, { method: 'POST', path, headers: { 'content-type': type }, declaredLength: MiB, sent: Buffer.alloc(1024, 'a') });
          expect({ path, type, status: big.status, connection: big.headers.connection }).toEqual({ path, type, status: 413, connection: 'close' });
          const small = await partialRequest(t, { method: 'POST', path, headers: { 'content-type': type }, declaredLength: 8 * 1024, sent: Buffer.alloc(1024, 'a') });
          expect({ path, type, status: small.status }).toEqual({ path, type, status: 415 });
        }
      }
    });

    it('counts a JSON body sent without a length (chunked) and stops at 16 KiB', async () => {
      const { host, port } = await address(t);
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host, port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
        req.on('response', (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write(`{"username":"${'a'.repeat(10_000)}`);
        req.write(`${'a'.repeat(10_000)}","code":"123456"}`);
        req.end();
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).message).toBe('The request body is larger than 16 KiB.');
    });
  });

  describe('CSV import', () => {
    const csv = (rows: string[]) => ['date,amount,funnel,note', ...rows].join('\r\n');
    const post = (body: string | Buffer, query = '', auth = a) => t.http.post(`/api/spendings/import${query}`).set(auth).set('Content-Type', 'text/csv').send(body);

    it('treats funnel names like constructor or __proto__ as plain names, never as object members', async () => {
      const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
      const file = csv(names.map((name, i) => `2026-04-0${i + 1},${i + 1},${name},`));
      const dry = await post(file, '?dryRun=true').expect(200);
      expect(dry.body).toMatchObject({ imported: 0, skipped: 5 });
      expect(dry.body.unknownFunnels).toEqual(names.map((name) => ({ name, rows: 1 })));
      const unmapped = await post(file).expect(201);
      expect(unmapped.body).toMatchObject({ imported: 0, skipped: 5 });

      // Written out: in an object literal, __proto__ would set the prototype instead of a key.
      const mapping = `{"constructor":"create","toString":"${food}","__proto__":"create","hasOwnProperty":"skip"}`;
      const planned = await post(file, `?dryRun=true&mapping=${encodeURIComponent(mapping)}`).expect(200);
      expect(planned.body).toMatchObject({ imported: 3, skipped: 2 });
      const done = await post(file, `?mapping=${encodeURIComponent(mapping)}`).expect(201);
      expect(done.body).toMatchObject({ imported: 3, skipped: 2, createdFunnels: ['constructor', '__proto__'] });
      expect(await t.sql('SELECT f.name, s.amount_minor FROM spendings s JOIN funnels f ON f.id = s.funnel_id ORDER BY s.amount_minor')).toEqual([
        { name: 'constructor', amount_minor: 100 },
        { name: 'Food', amount_minor: 200 },
        { name: '__proto__', amount_minor: 300 },
      ]);
      // Now that a funnel is called "constructor", the name finds it.
      const again = await post(csv(['2026-04-09,9,CONSTRUCTOR,'])).expect(201);
      expect(again.body).toMatchObject({ imported: 1, skipped: 0 });
    });

    it('refuses a file that is not UTF-8 text, storing nothing', async () => {
      const latin1 = Buffer.from('date,amount,funnel,note\r\n2026-04-01,1,Food,Caf\xe9\r\n', 'latin1');
      const res = await post(latin1).expect(400);
      expect(res.body.message).toMatch(/UTF-8/);
      expect(await t.sql('SELECT * FROM spendings')).toEqual([]);
    });

    it('runs one import per user (429) and a few on the server (503), reading no file while refusing', async () => {
      const big = Buffer.from(csv(Array.from({ length: 2000 }, (_, i) => `2026-04-01,${(i % 90) + 1},Food,row ${i}`)));
      const headers = (user: { accessToken: string }) => ({ ...bearer(user.accessToken), 'content-type': 'text/csv' });
      const first = await slowUpload(t, { path: '/api/spendings/import', headers: headers(anna), body: big, firstBytes: 1000 });

      const second = await post(big).expect(429);
      expect(second.body.message).toMatch(/previous import is still running/);
      expect(second.headers['retry-after']).toBe('5');

      const bert = await registerUser(t, 'bert');
      const carl = await registerUser(t, 'carl');
      const bertUpload = await slowUpload(t, { path: '/api/spendings/import', headers: headers(bert), body: big, firstBytes: 1000 });
      const busy = await post(big, '', bearer(carl.accessToken)).expect(503);
      expect(busy.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/busy with other imports/) });
      expect(busy.headers['retry-after']).toBe('30');

      expect((await first.finish()).status).toBe(201);
      expect((await bertUpload.finish()).status).toBe(201);
      expect((await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM spendings'))[0].n).toBe(4000);
      // Room again for everyone.
      await post(big, '?dryRun=true', bearer(carl.accessToken)).expect(200);
      await post(big, '?dryRun=true').expect(200);
    });

    it('gives the place back when an upload breaks off', async () => {
      const { host, port } = await address(t);
      const req = httpRequest({ host, port, method: 'POST', path: '/api/spendings/import', headers: { ...a, 'content-type': 'text/csv', 'content-length': '100000' } });
      req.on('error', () => undefined);
      req.write('date,amount,funnel,note\r\n');
      await new Promise((r) => setTimeout(r, 100));
      req.destroy();
      await new Promise((r) => setTimeout(r, 100));
      await post(csv(['2026-04-01,1,Food,'])).expect(201);
    });
  });

  describe('values that do not exist are refused', () => {
    it('refuses impossible dates and times in spentAt and at (400 naming the field), accepts real ones', async () => {
      const spending = (await t.http.post('/api/spendings').set(a).send({ funnelId: food, amount: 1 }).expect(201)).body;
      const before = await t.sql('SELECT * FROM spendings');
      for (const spentAt of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-13-01T10:00:00Z', '2026-00-10T10:00:00Z', '2026-03-10T24:00:00Z', '2026-03-10T23:60:00Z', '2026-03-10T23:59:60Z', '2026-03-10T10:00:00+25:00']) {
        const post = await t.http.post('/api/spendings').set(a).send({ funnelId: food, amount: 1, spentAt }).expect(400);
        expect(post.body.message).toEqual([expect.stringMatching(/^spentAt must be an ISO 8601 date-time with a time zone, on a day that exists/)]);
        await t.http.put(`/api/spendings/${spending.id}`).set(a).send({ funnelId: food, amount: 1, spentAt }).expect(400);
        await t.http.get(`/api/budget?at=${encodeURIComponent(spentAt)}`).set(a).expect(400);
      }
      expect(await t.sql('SELECT * FROM spendings')).toEqual(before);
      const leap = await t.http.post('/api/spendings').set(a).send({ funnelId: food, amount: 1, spentAt: '2028-02-29T23:59:59.999+01:00' }).expect(201);
      expect(leap.body.spentAt).toBe('2028-02-29T22:59:59.999Z');
    });

    it('stores currencies in upper case and time zones in their canonical spelling', async () => {
      const res = await t.http.patch('/api/household').set(a).send({ currency: 'eur', timezone: 'europe/berlin' }).expect(200);
      expect(res.body).toMatchObject({ currency: 'EUR', timezone: 'Europe/Berlin' });
      expect(await t.sql('SELECT currency, timezone FROM households')).toEqual([{ currency: 'EUR', timezone: 'Europe/Berlin' }]);
      await t.http.patch('/api/household').set(a).send({ currency: 'euro' }).expect(400);
    });

    it('refuses null for every household setting, naming it, and keeps the settings', async () => {
      const before = await t.sql('SELECT * FROM households');
      for (const field of ['name', 'periodStartDay', 'timezone', 'currency']) {
        const res = await t.http.patch('/api/household').set(a).send({ [field]: null }).expect(400);
        expect(res.body.message).toContain(`${field} must not be null; leave it out instead`);
      }
      expect(await t.sql('SELECT * FROM households')).toEqual(before);
    });
  });

  it('answers with tokens, secrets and recovery codes only with Cache-Control: no-store', async () => {
    const noStore = (res: { headers: Record<string, string> }) => expect(res.headers['cache-control']).toBe('no-store');
    noStore(await t.http.post('/api/auth/register/start').send({ username: 'bert' }).expect(201));
    const tokens = await login(t, anna);
    const auth = bearer(tokens.accessToken);
    noStore(await t.http.post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(200));
    noStore(await t.http.post('/api/auth/recovery-codes').set(auth).expect(201));
    noStore(await t.http.post('/api/auth/totp/start').set(auth).expect(201));
    noStore(await t.http.get('/api/budget').set(auth).expect(200));
    noStore(await t.http.post('/api/auth/login').send({ username: 'anna', code: '000000' }).expect(401));
  });
});
