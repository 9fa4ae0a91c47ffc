import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';
import { FakeClock } from './support/fake-clock';

describe('CSV import (STracker\'s own formats)', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: { Authorization: string };
  beforeEach(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-04-21T10:00:00Z') });
    anna = await registerUser(t, 'anna', { timezone: 'Europe/Berlin' });
    auth = bearer(anna.accessToken);
  });
  afterEach(() => t.dispose());

  const count = async () => (await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM spendings'))[0].n;
  const post = (csv: string, query = '') =>
    t.http.post(`/api/spendings/import${query}`).set(auth).set('Content-Type', 'text/csv').send(csv);

  it('imports the simple date,amount,funnel,note form, any case of funnel names, at midday local time', async () => {
    const res = await post('date,amount,funnel,note\r\n2026-04-01,12.50,food,Bakery\r\n2026-04-02,"3,20",Misc,\r\n').expect(201);
    expect(res.body).toMatchObject({ dryRun: false, imported: 2, skipped: 0, problems: [], summary: '2 imported.' });
    expect(await t.sql('SELECT amount_minor, spent_at, note FROM spendings ORDER BY spent_at')).toEqual([
      { amount_minor: 1250, spent_at: Date.parse('2026-04-01T10:00:00Z'), note: 'Bakery' }, // 12:00 in Berlin (CEST)
      { amount_minor: 320, spent_at: Date.parse('2026-04-02T10:00:00Z'), note: null },
    ]);
  });

  it('round-trips its own export: importing it again doubles nothing', async () => {
    const [food] = (await t.http.get('/api/funnels').set(auth)).body;
    await t.http.post('/api/spendings').set(auth).send({ funnelId: food.id, amount: 5, note: '=SUM(A1)', spentAt: '2026-04-20T08:00:00Z' }).expect(201);
    const csv = (await t.http.get('/api/spendings/export').set(auth).expect(200)).text;
    const again = await post(csv).expect(201);
    expect(again.body).toMatchObject({ imported: 0, skipped: 1, problems: [{ line: 2, message: 'already imported (same id)' }] });
    expect(await count()).toBe(1);

    // Into another account the same file brings the rows over, formula text restored as written.
    const bert = await registerUser(t, 'bert');
    const withoutIds = csv.replace(/,[0-9a-f-]{36}\r\n/g, ',\r\n');
    const res = await t.http.post('/api/spendings/import').set(bearer(bert.accessToken)).set('Content-Type', 'text/csv').send(withoutIds).expect(201);
    expect(res.body.imported).toBe(1);
    expect(await t.sql("SELECT note FROM spendings WHERE note LIKE '%SUM%' ORDER BY created_at")).toEqual([{ note: '=SUM(A1)' }, { note: '=SUM(A1)' }]);
  });

  it('skips bad rows with the line and the reason, and stores the good ones', async () => {
    const csv = [
      'date,amount,funnel,note',
      '2026-04-01,10,Food,ok',
      '2026-04-01,0,Food,zero',
      '2026-04-01,-1,Food,negative',
      '2026-04-01,1.005,Food,three decimals',
      '2026-13-01,1,Food,bad month',
      'yesterday,1,Food,words',
      '2026-04-01,1,,no funnel',
      `2026-04-01,1,Food,${'n'.repeat(141)}`,
      '2026-04-01,2,Food,ok too',
    ].join('\n');
    const res = await post(csv).expect(201);
    expect(res.body.imported).toBe(2);
    expect(res.body.skipped).toBe(7);
    expect(res.body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(res.body.problems[0].message).toMatch(/^amount "0" must be more than 0/);
    expect(res.body.problems[3].message).toMatch(/^date "2026-13-01" must be a date/);
    expect(res.body.problems[5].message).toBe('funnel is empty');
    expect(res.body.problems[6].message).toBe('note must be at most 140 characters');
    expect(res.body.summary).toMatch(/^2 imported, 7 skipped because: /);
    expect(await count()).toBe(2);
  });

  it('reports unknown funnels in a dry run, then maps them: to a funnel, to a new one, or skipped', async () => {
    const [food] = (await t.http.get('/api/funnels').set(auth)).body;
    const csv = 'date,amount,funnel\n2026-04-01,1,Groceries\n2026-04-02,2,Groceries\n2026-04-03,3,Petrol\n2026-04-04,4,Gifts\n';
    const dry = await post(csv, '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, imported: 0, skipped: 4 });
    expect(dry.body.unknownFunnels).toEqual([
      { name: 'Groceries', rows: 2 },
      { name: 'Petrol', rows: 1 },
      { name: 'Gifts', rows: 1 },
    ]);
    expect(await count()).toBe(0);

    const mapping = encodeURIComponent(JSON.stringify({ Groceries: food.id, Petrol: 'create', Gifts: 'skip' }));
    const preview = await post(csv, `?dryRun=true&mapping=${mapping}`).expect(200);
    expect(preview.body).toMatchObject({ imported: 3, skipped: 1, createdFunnels: [] });
    expect(await count()).toBe(0);

    const res = await post(csv, `?mapping=${mapping}`).expect(201);
    expect(res.body).toMatchObject({ imported: 3, skipped: 1, createdFunnels: ['Petrol'], problems: [{ line: 5, message: 'funnel "Gifts" is skipped' }] });
    const funnels = (await t.http.get('/api/funnels').set(auth)).body;
    expect(funnels.map((f: { name: string }) => f.name)).toEqual(['Food', 'Misc', 'Petrol']);
    expect(funnels.find((f: { name: string }) => f.name === 'Food').spendingCount).toBe(2);

    const bad = await post(csv, `?mapping=${encodeURIComponent(JSON.stringify({ Petrol: '7d3f0c2e-1b4a-4c5d-8e9f-0a1b2c3d4e5f' }))}`).expect(400);
    expect(bad.body.message).toBe('mapping for "Petrol" must be one of your funnel ids, "create" or "skip"');
    await post(csv, '?mapping=notjson').expect(400);
  });

  it('refuses a broken file whole: nothing is half-imported', async () => {
    const broken = 'date,amount,funnel,note\n2026-04-01,1,Food,fine\n2026-04-02,2,Food,"never closed\n2026-04-03,3,Food,x\n';
    const res = await post(broken).expect(400);
    expect(res.body.message).toMatch(/^The file is not valid CSV \(line 3: a quoted field is never closed\); nothing was imported$/);
    await post('amount,funnel\n1,Food\n').expect(400);
    await post('').expect(400);
    const json = await t.http.post('/api/spendings/import').set(auth).send({ csv: 'date,amount,funnel' }).expect(415);
    expect(json.body.message).toMatch(/^Send the file itself with Content-Type: text\/csv\b.*application\/x-ofx.*application\/qif/);
    expect(await count()).toBe(0);
  });

  it('imports 10,000 rows in one go (larger than the 16 KiB limit of other requests)', async () => {
    const lines = ['date,amount,funnel,note'];
    for (let i = 0; i < 10_000; i++) lines.push(`2026-0${1 + (i % 4)}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 500) + 0.25},${i % 2 ? 'Food' : 'Misc'},row ${i}`);
    const csv = lines.join('\r\n');
    expect(csv.length).toBeGreaterThan(16 * 1024);
    const res = await post(csv).expect(201);
    expect(res.body).toMatchObject({ imported: 10_000, skipped: 0 });
    expect(await count()).toBe(10_000);
    const sum = (await t.sql<{ s: number }>('SELECT SUM(amount_minor) AS s FROM spendings'))[0].s;
    let expected = 0;
    for (let i = 0; i < 10_000; i++) expected += ((i % 500) * 100 + 25);
    expect(sum).toBe(expected);
  });
});
