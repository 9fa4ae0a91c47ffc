import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

/**
 * Every route of the OpenAPI document gets the hostile variants of its input: malformed,
 * oversized, wrong content type, `null` for each field, prototype keys in the body and in the
 * query. Each must be a 4xx in the error shape that names the field or the reason, and nothing
 * may be stored. Routes are read from the live document, so a new route is covered at once
 * (and a new route with a JSON body fails here until it has a valid example below).
 */

type Operation = {
  method: string;
  path: string;
  secured: boolean;
  jsonBody: { properties: string[] } | null;
  /** The file route's main media type (text/csv), and every one it takes (OFX and QIF too). */
  fileBody: string | null;
  fileTypes: string[];
  queryNames: string[];
};

type Fixtures = { funnelId: string; spendingId: string; fixedCostId: string; enrolmentToken: string };

/** A valid body for every route that takes JSON, as the PWA would send it. */
const VALID_BODIES: Record<string, (f: Fixtures) => Record<string, unknown>> = {
  'POST /api/auth/register/start': () => ({ username: 'newcomer', inviteCode: 'K7M2-QX9P-4HTR' }),
  'POST /api/auth/register/finish': (f) => ({ enrolmentToken: f.enrolmentToken, code: '123456', timezone: 'Europe/Berlin', currency: 'EUR' }),
  'POST /api/auth/login': () => ({ username: 'anna', code: '123456' }),
  'POST /api/auth/refresh': () => ({ refreshToken: 'not-a-real-token' }),
  'POST /api/auth/totp/finish': (f) => ({ enrolmentToken: f.enrolmentToken, code: '123456' }),
  'POST /api/auth/reset/start': () => ({ resetToken: 'a-reset-token-from-the-operators-link' }),
  'POST /api/auth/reset/finish': (f) => ({ enrolmentToken: f.enrolmentToken, code: '123456' }),
  'PATCH /api/household': () => ({ name: 'Smiths', periodStartDay: 15, timezone: 'Europe/Berlin', currency: 'EUR' }),
  'POST /api/household/join': () => ({ code: 'K7M2-QX9P-4HTR' }),
  'POST /api/funnels': () => ({ name: 'Fuel', emoji: '⛽', color: '#ff0000', limit: 100, shared: true }),
  'PUT /api/funnels/{id}': () => ({ name: 'Fuel', emoji: '⛽', color: '#ff0000', limit: 100, shared: true }),
  'POST /api/spendings': (f) => ({ funnelId: f.funnelId, amount: 12.5, spentAt: '2026-03-10T12:30:00Z', note: 'Bakery', id: '0b6f7c1e-5d2a-4c3b-9e8f-1a2b3c4d5e6f' }),
  'PUT /api/spendings/{id}': (f) => ({ funnelId: f.funnelId, amount: 12.5, spentAt: '2026-03-10T12:30:00Z', note: 'Bakery' }),
  'POST /api/fixed-costs': (f) => ({ funnelId: f.funnelId, amount: 1000, note: 'Rent', every: 'month', day: 1, startsOn: '2026-04-01', endsOn: '2027-03-31' }),
  'PUT /api/fixed-costs/{id}': (f) => ({ funnelId: f.funnelId, amount: 1000, note: 'Rent', every: 'month', day: 1, startsOn: '2026-04-01', endsOn: '2027-03-31' }),
  'POST /api/fixed-costs/{id}/skips': () => ({ dueOn: '2026-05-01' }),
  'PATCH /api/me': () => ({ locale: 'de' }),
  'PUT /api/push/subscription': () => ({
    endpoint: 'https://93.184.216.34/push/dXk4',
    keys: { p256dh: 'BN2fYGN0dJ2JfoWbsN3epKB9T8nho204mmG7kI_BgnB1oZqVueu9IS_YAoVt9RSmkcS-xM4aXBzUm2Sc_KU4Ks0', auth: 'tBHItJI5svbpez7KI4CCXg' },
    prefs: { nearLimit: true, memberSpent: true, fixedCostDue: false, dailyReminder: '20:30' },
  }),
};

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const WRONG_TYPES = ['text/plain', 'text/csv', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'];

describe('hostile input, on every route', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let operations: Operation[];
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    anna = await registerUser(t, 'anna');
    const auth = bearer(anna.accessToken);
    const funnelId = (await t.http.get('/api/funnels').set(auth)).body[0].id;
    const spendingId = (await t.http.post('/api/spendings').set(auth).send({ funnelId, amount: 5 }).expect(201)).body.id;
    const fixedCostId = (await t.http.post('/api/fixed-costs').set(auth).send({ funnelId, amount: 9.99, every: 'week', weekday: 5, startsOn: '2026-03-01' }).expect(201)).body.id;
    const enrolmentToken = (await t.http.post('/api/auth/totp/start').set(auth).expect(201)).body.enrolmentToken;
    fixtures = { funnelId, spendingId, fixedCostId, enrolmentToken };

    // The committed document (the build's Swagger plugin describes every DTO field; CI keeps it current).
    const doc = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8'));
    const schema = (ref: string) => doc.components.schemas[ref.split('/').pop()!];
    operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          secured: Boolean(op.security),
          jsonBody: json ? { properties: Object.keys(schema(json.$ref).properties ?? {}) } : null,
          fileBody: content['text/csv'] ? 'text/csv' : (Object.keys(content).find((type) => type !== 'application/json') ?? null),
          fileTypes: Object.keys(content).filter((type) => type !== 'application/json'),
          queryNames: (op.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
        };
      }),
    );
  });
  afterAll(() => t.dispose());

  const url = (op: Operation) =>
    op.path
      .replace('{id}', op.path.startsWith('/api/funnels') ? fixtures.funnelId : op.path.startsWith('/api/fixed-costs') ? fixtures.fixedCostId : fixtures.spendingId)
      .replace('{dueOn}', '2026-03-13');
  const call = (op: Operation) => {
    const req = t.http[op.method.toLowerCase() as 'post'](url(op));
    return op.secured ? req.set(bearer(anna.accessToken)) : req;
  };
  /** Everything a refused request must not have changed. */
  const state = () =>
    Promise.all(['households', 'household_invites', 'operator_invites', 'authenticator_resets', 'users', 'funnels', 'funnel_limits', 'spendings', 'fixed_costs', 'fixed_cost_occurrences', 'enrolments', 'recovery_codes', 'registration_attempts', 'push_subscriptions'].map((table) =>
      t.sql(`SELECT * FROM ${table} ORDER BY 1`),
    ));
  const expectRefusal = (res: { status: number; body: unknown }, status: number, message?: RegExp) => {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: { statusCode: status, error: expect.any(String), message: message ? expect.arrayContaining([expect.stringMatching(message)]) : expect.anything() },
    });
  };
  const messages = (body: { message: string | string[] }) => [body.message].flat();

  it('covers every route: each JSON body has a valid example here', () => {
    const missing = operations.filter((op) => op.jsonBody && !VALID_BODIES[`${op.method} ${op.path}`]).map((op) => `${op.method} ${op.path}`);
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThan(25);
  });

  it('refuses a field set to null with a 400 that names it, storing nothing', async () => {
    const before = await state();
    let checked = 0;
    for (const op of operations.filter((o) => o.jsonBody)) {
      const valid = VALID_BODIES[`${op.method} ${op.path}`](fixtures);
      for (const field of op.jsonBody!.properties) {
        checked++;
        const res = await call(op).send({ ...valid, [field]: null });
        expect({ route: `${op.method} ${op.path}`, field, status: res.status }).toEqual({ route: `${op.method} ${op.path}`, field, status: 400 });
        expect(messages(res.body)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${field}\\b`))]));
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(await state()).toEqual(before);
  });

  it('refuses prototype keys in a body, at any depth, and bodies that are not objects', async () => {
    const before = await state();
    for (const op of operations.filter((o) => o.jsonBody)) {
      const valid = JSON.stringify(VALID_BODIES[`${op.method} ${op.path}`](fixtures)).slice(1, -1);
      for (const key of PROTOTYPE_KEYS) {
        for (const raw of [`{${valid},"${key}":"x"}`, `{${valid},"${key}":{"polluted":true}}`, `{${valid},"extra":{"${key}":{"prototype":{"polluted":true}}}}`]) {
          const res = await call(op).set('Content-Type', 'application/json').send(raw);
          expectRefusal(res, 400);
          expect(messages(res.body).join(' ')).toMatch(new RegExp(`${key}|extra`));
        }
      }
      for (const raw of ['null', '[]', '"text"', '42', 'true']) {
        expectRefusal(await call(op).set('Content-Type', 'application/json').send(raw), 400, /JSON object/);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await state()).toEqual(before);
  });

  it('refuses prototype keys and unknown keys in every query string, naming them', async () => {
    const withQuery = operations.filter((o) => o.queryNames.length > 0);
    expect(withQuery.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      ['GET /api/budget', 'GET /api/budget/history', 'GET /api/events', 'GET /api/fixed-costs', 'GET /api/spendings', 'GET /api/spendings/export', 'POST /api/spendings/import'].sort(),
    );
    const before = await state();
    for (const op of withQuery) {
      for (const key of [...PROTOTYPE_KEYS, 'extra']) {
        const req = call(op).query(`${key}=x`);
        const res = op.fileBody ? await req.set('Content-Type', op.fileBody).send('date,amount,funnel\n2026-03-01,1,Food\n') : await req;
        expectRefusal(res, 400, new RegExp(`^${key} is not a known field`));
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses malformed JSON with a 400 and any other content type with a 415, before the body is used', async () => {
    const before = await state();
    for (const op of operations.filter((o) => o.method !== 'GET' && o.method !== 'DELETE')) {
      const route = `${op.method} ${op.path}`;
      if (!op.fileBody) {
        const res = await call(op).set('Content-Type', 'application/json').send('{"name": ');
        expect({ route, status: res.status, message: res.body.message }).toEqual({ route, status: 400, message: 'The request body is not valid JSON.' });
      }
      for (const type of [...WRONG_TYPES, ...(op.fileBody ? ['application/json'] : [])].filter((type) => !op.fileTypes.includes(type))) {
        const res = await call(op).set('Content-Type', type).send(type === 'application/json' ? '{}' : 'a=1');
        expect({ route, type, status: res.status }).toEqual({ route, type, status: 415 });
        expect(res.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: expect.stringMatching(op.fileBody ? /text\/csv/ : /JSON/) });
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a body over 16 KiB with 413 on every route, whatever its content type (the import: over 4 MiB)', async () => {
    const before = await state();
    for (const op of operations) {
      const limit = op.fileBody ? 4 * 1024 * 1024 : 16 * 1024;
      for (const type of op.fileBody ? ['application/json', ...op.fileTypes] : ['application/json', ...WRONG_TYPES]) {
        const res = await call(op).set('Content-Type', type).send(Buffer.alloc(limit + 1, 'a'));
        expect({ route: `${op.method} ${op.path}`, type, status: res.status }).toEqual({ route: `${op.method} ${op.path}`, type, status: 413 });
        expect(res.body.message).toMatch(op.fileBody ? /4 MiB/ : /16 KiB/);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('never answers a hostile request with a 5xx or a stack trace', async () => {
    for (const op of operations.filter((o) => o.jsonBody)) {
      for (const raw of ['{"a":1e999999}', '{"a":"\\ud800"}', `{${'"a":1,'.repeat(2000)}"b":2}`, '\u0000', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}']) {
        const res = await call(op).set('Content-Type', 'application/json').send(raw);
        expect({ route: `${op.method} ${op.path}`, status: res.status < 500 }).toEqual({ route: `${op.method} ${op.path}`, status: true });
        expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }
    }
  });
});
