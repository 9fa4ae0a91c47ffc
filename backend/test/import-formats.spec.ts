import { readFileSync } from 'node:fs';
import { HttpException } from '@nestjs/common';
import { join } from 'node:path';
import { parseLocaleAmount } from '../src/spendings/import/formats/amounts';
import { DateOrderEvidence } from '../src/spendings/import/formats/dates';
import { FakeClock } from './support/fake-clock';
import { bearer, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

/** Sample files written from each app's documented export layout (see test/fixtures/import). */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/import', name));

interface Problem {
  line: number;
  code: string;
  reason: string;
  message: string;
}

describe('Import from other apps and banks', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let auth: { Authorization: string };
  let funnels: Record<string, string>;
  beforeEach(async () => {
    t = await startTestApp({ clock: new FakeClock('2024-03-01T10:00:00Z') });
    anna = await registerUser(t, 'anna', { timezone: 'Europe/Berlin', currency: 'EUR' });
    auth = bearer(anna.accessToken);
    funnels = Object.fromEntries((await t.http.get('/api/funnels').set(auth)).body.map((f: { name: string; id: string }) => [f.name, f.id]));
  });
  afterEach(() => t.dispose());

  const post = (body: Buffer | string, { type = 'text/csv', query = {} as Record<string, string>, as = auth } = {}) =>
    t.http
      .post('/api/spendings/import')
      .query(query)
      .set(as)
      .set('Content-Type', type)
      .send(body);
  const mapping = (m: Record<string, string>) => ({ mapping: JSON.stringify(m) });
  const stored = () =>
    t.sql<{ funnel: string; amount_minor: number; spent_at: number; note: string | null }>(
      'SELECT f.name AS funnel, s.amount_minor, s.spent_at, s.note FROM spendings s INNER JOIN funnels f ON f.id = s.funnel_id ORDER BY s.spent_at, s.amount_minor',
    );
  const codes = (problems: Problem[]) => problems.map((p) => [p.line, p.code]);

  it('recognises every format by its header or structure, and the dry run names it', async () => {
    const cases: Array<[string, string, string?]> = [
      ['ynab-register-us.csv', 'ynab'],
      ['ynab-register-de.csv', 'ynab'],
      ['actual-export.csv', 'actual'],
      ['actual-export-groups.csv', 'actual'],
      ['cashew-export.csv', 'cashew'],
      ['firefly-export.csv', 'firefly'],
      ['bank-statement-v1.ofx', 'ofx', 'application/x-ofx'],
      ['card-statement-v2.ofx', 'ofx', 'text/csv'], // by structure, whatever the Content-Type says
      ['quicken-us.qif', 'qif', 'application/qif'],
      ['bank-no-header.qif', 'qif', 'application/qif'], // no !Type line: by Content-Type
    ];
    for (const [file, format, type] of cases) {
      const res = await post(fixture(file), { type, query: { dryRun: 'true' } });
      expect({ file, status: res.status, format: res.body.format, dryRun: res.body.dryRun }).toEqual({ file, status: 200, format, dryRun: true });
    }
    const simple = await post('date,amount,funnel,note\n2024-01-02,3,Food,\n', { query: { dryRun: 'true' } }).expect(200);
    expect(simple.body.format).toBe('simple');
    await t.http.post('/api/spendings').set(auth).send({ funnelId: funnels.Food, amount: 2 }).expect(201);
    const own = (await t.http.get('/api/spendings/export').set(auth).expect(200)).text;
    expect((await post(own, { query: { dryRun: 'true' } }).expect(200)).body).toMatchObject({ format: 'stracker', imported: 0, skipped: 1 });
    expect(await stored()).toHaveLength(1);
  });

  it('YNAB: outflows in dollars become spendings, split parts one by one; income and transfers are reported', async () => {
    const file = fixture('ynab-register-us.csv');
    const dry = await post(file, { query: { dryRun: 'true' } }).expect(200);
    expect(dry.body).toMatchObject({ format: 'ynab', dateOrder: 'mdy', imported: 0, skipped: 7 });
    expect(dry.body.unknownFunnels).toEqual([
      { name: 'Groceries', rows: 2 },
      { name: 'Household', rows: 1 },
      { name: 'Car Repair', rows: 1 },
    ]);

    const res = await post(file, { query: mapping({ Groceries: funnels.Food, Household: 'create', 'Car Repair': 'create' }) }).expect(201);
    expect(res.body).toMatchObject({ format: 'ynab', imported: 4, skipped: 3, createdFunnels: ['Household', 'Car Repair'] });
    expect(codes(res.body.problems)).toEqual([
      [3, 'income'],
      [4, 'transfer'],
      [8, 'income'],
    ]);
    expect(res.body.problems[1]).toEqual({ line: 4, code: 'transfer', reason: 'a transfer between accounts, not a spending', message: 'a transfer between accounts, not a spending' });
    expect(res.body.skippedByReason).toEqual([
      { code: 'income', reason: 'money coming in (income)', rows: 2 },
      { code: 'transfer', reason: 'transfers between accounts', rows: 1 },
    ]);
    expect(res.body.summary).toBe('4 imported, 3 skipped because: 2 × money coming in (income); 1 × transfers between accounts.');
    const noon = (day: string) => Date.parse(`2024-01-${day}T11:00:00Z`); // midday in Berlin (CET)
    expect(await stored()).toEqual([
      { funnel: 'Food', amount_minor: 8412, spent_at: noon('15'), note: "Trader Joe's – Weekly shop" },
      { funnel: 'Household', amount_minor: 3050, spent_at: noon('20'), note: 'Costco – Paper towels' },
      { funnel: 'Food', amount_minor: 12000, spent_at: noon('20'), note: 'Costco – Food for the week' },
      { funnel: 'Car Repair', amount_minor: 150000, spent_at: noon('22'), note: 'Honda Dealer – New brakes' },
    ]);
  });

  it('YNAB: euro amounts written the German way, dates day first (decided by a day above 12)', async () => {
    const res = await post(fixture('ynab-register-de.csv'), { query: mapping({ Lebensmittel: funnels.Food, Werkstatt: funnels.Misc }) }).expect(201);
    expect(res.body).toMatchObject({ format: 'ynab', dateOrder: 'dmy', imported: 2, skipped: 1 });
    expect(codes(res.body.problems)).toEqual([[4, 'income']]);
    expect(await stored()).toEqual([
      { funnel: 'Food', amount_minor: 5430, spent_at: Date.parse('2024-01-02T11:00:00Z'), note: 'Edeka – Wocheneinkauf' },
      { funnel: 'Misc', amount_minor: 123456, spent_at: Date.parse('2024-01-15T11:00:00Z'), note: 'Autohaus Schmidt – Inspektion' },
    ]);
  });

  it('YNAB: a file whose dates could be month or day first is refused with a clear message, and imported once told which', async () => {
    const file = fixture('ynab-register-ambiguous.csv');
    const refused = await post(file, { query: mapping({ Mat: funnels.Food }) }).expect(400);
    expect(refused.body.message).toBe(
      'The dates can be read as month/day or as day/month (for example "03/04/2024"): no day in the file is above 12. Say which with dateOrder=mdy or dateOrder=dmy; nothing was imported',
    );
    expect(refused.body.reason).toBe('dates_ambiguous');
    expect(await stored()).toEqual([]);

    const res = await post(file, { query: { ...mapping({ Mat: funnels.Food }), dateOrder: 'dmy' } }).expect(201);
    expect(res.body).toMatchObject({ dateOrder: 'dmy', imported: 3, skipped: 0 });
    expect((await stored()).map((s) => [new Date(s.spent_at).toISOString().slice(0, 10), s.amount_minor])).toEqual([
      ['2024-04-03', 3000],
      ['2024-04-05', 124990],
      ['2024-06-06', 19900],
    ]);
    await post(file, { query: { dateOrder: 'ymd' } }).expect(400);
  });

  it('YNAB: a file mixing month-first and day-first dates is refused whole', async () => {
    const csv = readFileSync(join(__dirname, 'fixtures/import/ynab-register-us.csv'), 'utf8').replace('"01/23/2024"', '"23/01/2024"');
    const res = await post(csv).expect(400);
    expect(res.body.message).toBe('The dates mix month/day ("01/15/2024") and day/month ("23/01/2024"); nothing was imported');
  });

  it('Actual Budget: split parents skipped, their parts imported; income reported; the formula guard taken off', async () => {
    const res = await post(fixture('actual-export.csv'), { query: mapping({ Household: 'create' }) }).expect(201);
    expect(res.body).toMatchObject({ format: 'actual', imported: 5, skipped: 2 });
    expect(codes(res.body.problems)).toEqual([
      [3, 'income'],
      [4, 'splitParent'],
    ]);
    expect(res.body.problems[1].reason).toBe('the total of a split transaction: its parts are imported instead');
    expect(await stored()).toEqual([
      { funnel: 'Food', amount_minor: 450, spent_at: Date.parse('2024-01-15T11:00:00Z'), note: 'Bakery Müller – Fresh bread' },
      { funnel: 'Household', amount_minor: 2500, spent_at: Date.parse('2024-01-18T11:00:00Z'), note: 'Supermarket – Detergent' },
      { funnel: 'Food', amount_minor: 6030, spent_at: Date.parse('2024-01-18T11:00:00Z'), note: 'Supermarket – Groceries' },
      { funnel: 'Misc', amount_minor: 1000, spent_at: Date.parse('2024-01-20T11:00:00Z'), note: '=Formula Shop – =SUM(A1:A3) is what the receipt said' },
      { funnel: 'Misc', amount_minor: 399, spent_at: Date.parse('2024-01-21T11:00:00Z'), note: 'Corner Store – -20% off' },
    ]);

    // Newer exports have Category_Group after Notes: the same columns are found by name.
    const groups = await post(fixture('actual-export-groups.csv'), { query: mapping({ Medicine: funnels.Misc }) }).expect(201);
    expect(groups.body).toMatchObject({ format: 'actual', imported: 1, skipped: 1 });
    expect((await t.sql("SELECT note FROM spendings WHERE note LIKE 'Pharmacy%'"))).toEqual([{ note: 'Pharmacy – @home test kit' }]);
  });

  it('Cashew: a row in another currency is reported, never converted; new funnels take the emoji and colour of the file', async () => {
    const res = await post(fixture('cashew-export.csv'), { query: mapping({ Dining: 'create', Shopping: 'create', Travel: 'create' }) }).expect(201);
    expect(res.body).toMatchObject({ format: 'cashew', imported: 3, skipped: 2, createdFunnels: ['Dining', 'Shopping'] });
    expect(res.body.problems).toEqual([
      { line: 3, code: 'income', reason: 'money coming in (income), not a spending', message: 'money coming in (income), not a spending' },
      {
        line: 5,
        code: 'otherCurrency',
        reason: "amount in USD, not in the household's EUR; not converted",
        message: "amount in USD, not in the household's EUR; not converted",
      },
    ]);
    const created = (await t.http.get('/api/funnels').set(auth)).body.filter((f: { name: string }) => f.name === 'Dining' || f.name === 'Shopping');
    expect(created.map((f: { name: string; emoji: string; color: string }) => [f.name, f.emoji, f.color])).toEqual([
      ['Dining', '🥐', '#4caf50'],
      ['Shopping', '👟', '#e91e63'],
    ]);
    expect(await stored()).toEqual([
      { funnel: 'Dining', amount_minor: 1250, spent_at: Date.parse('2024-01-15T07:30:00Z'), note: 'Bakery – Croissants for Sunday' }, // 08:30 in Berlin
      { funnel: 'Shopping', amount_minor: 4599, spent_at: Date.parse('2024-01-16T16:45:00Z'), note: 'Shoes' },
      { funnel: 'Dining', amount_minor: 720, spent_at: Date.parse('2024-01-18T09:05:00Z'), note: 'Coffee' },
    ]);
  });

  it('Firefly III: only withdrawals, split journals one by one; importing the export again adds nothing', async () => {
    const file = fixture('firefly-export.csv');
    const query = mapping({ Groceries: funnels.Food, Household: funnels.Misc });
    const res = await post(file, { query }).expect(201);
    expect(res.body).toMatchObject({ format: 'firefly', imported: 4, skipped: 4 });
    expect(codes(res.body.problems)).toEqual([
      [3, 'income'],
      [4, 'transfer'],
      [7, 'notWithdrawal'],
      [8, 'otherCurrency'],
    ]);
    expect(res.body.problems[2].reason).toBe('a "Opening balance" transaction, not a withdrawal');
    expect(await stored()).toEqual([
      { funnel: 'Food', amount_minor: 2345, spent_at: Date.parse('2024-01-15T11:00:00Z'), note: 'Groceries at Rewe – Milk, bread' },
      { funnel: 'Misc', amount_minor: 1200, spent_at: Date.parse('2024-01-22T11:00:00Z'), note: 'Cleaning things' },
      { funnel: 'Food', amount_minor: 3000, spent_at: Date.parse('2024-01-22T11:00:00Z'), note: 'Food part' },
      { funnel: 'Food', amount_minor: 420, spent_at: Date.parse('2024-01-26T13:30:00Z'), note: 'Coffee to go' }, // a time of its own: that instant
    ]);

    const again = await post(file, { query }).expect(201);
    expect(again.body).toMatchObject({ imported: 0, skipped: 8 });
    expect(again.body.skippedByReason[0]).toEqual({ code: 'alreadyImported', reason: 'already imported', rows: 4 });
    expect(again.body.problems.find((p: Problem) => p.line === 2).reason).toBe('already imported (same journal_id)');
    expect(await stored()).toHaveLength(4);
  });

  describe('OFX', () => {
    let bob: RegisteredUser;
    beforeEach(async () => {
      bob = await registerUser(t, 'bob', { timezone: 'America/New_York', currency: 'USD' });
    });

    it('a statement (SGML, Windows-1252) imported twice adds nothing the second time (FITID); income and foreign amounts reported', async () => {
      const as = bearer(bob.accessToken);
      const file = fixture('bank-statement-v1.ofx');
      const dry = await post(file, { type: 'application/x-ofx', query: { dryRun: 'true' }, as }).expect(200);
      expect(dry.body).toMatchObject({ format: 'ofx', imported: 0, skipped: 5, unknownFunnels: [{ name: '(no category)', rows: 3 }] });

      const query = mapping({ '(no category)': 'create' });
      const res = await post(file, { type: 'application/x-ofx', query, as }).expect(201);
      expect(res.body).toMatchObject({ format: 'ofx', imported: 3, skipped: 2, createdFunnels: ['(no category)'] });
      expect(codes(res.body.problems)).toEqual([
        [51, 'income'],
        [75, 'otherCurrency'],
      ]);
      expect(res.body.problems[1].reason).toBe("amount in EUR, not in the household's USD; not converted");
      expect(await stored()).toEqual([
        { funnel: '(no category)', amount_minor: 4217, spent_at: Date.parse('2024-01-15T17:00:00Z'), note: 'WHOLE FOODS MARKET #123 – POS PURCHASE' },
        { funnel: '(no category)', amount_minor: 120000, spent_at: Date.parse('2024-01-18T17:00:00Z'), note: 'RENT JANUARY' },
        { funnel: '(no category)', amount_minor: 850, spent_at: Date.parse('2024-01-20T17:00:00Z'), note: 'CAFÉ DE PARIS – Card 1234 & contactless' },
      ]);
      expect(await t.sql('SELECT external_id FROM spendings ORDER BY spent_at')).toEqual([
        { external_id: 'ofx:000123456789:202401150001' },
        { external_id: 'ofx:000123456789:202401180001' },
        { external_id: 'ofx:000123456789:202401200001' },
      ]);

      // The database keeps a FITID once per funnel, whatever reaches it.
      const [first] = await t.sql<Record<string, unknown>>('SELECT * FROM spendings ORDER BY spent_at LIMIT 1');
      const refusal = await t
        .write(
          'INSERT INTO spendings (id, funnel_id, amount_minor, spent_at, note, created_by, created_at, updated_at, external_id) VALUES (?, ?, 1, 1, NULL, ?, 1, 1, ?)',
          '7d3f0c2e-1b4a-4c5d-8e9f-0a1b2c3d4e5f', first.funnel_id, first.created_by, first.external_id,
        )
        .then(() => 'stored', (error: { message?: string }) => String(error?.message ?? error));
      expect(refusal).toMatch(/unique|duplicate/i);

      const again = await post(file, { type: 'application/x-ofx', query, as }).expect(201);
      expect(again.body).toMatchObject({ imported: 0, skipped: 5, createdFunnels: [] });
      expect(again.body.problems.filter((p: Problem) => p.code === 'alreadyImported').map((p: Problem) => p.reason)).toEqual([
        'already imported (same FITID)',
        'already imported (same FITID)',
        'already imported (same FITID)',
      ]);
      expect(again.body.summary).toBe('0 imported, 5 skipped because: 3 × already imported; 1 × money coming in (income); 1 × amounts in another currency than the household\'s.');
      expect(await stored()).toHaveLength(3);
    });

    it('XML (2.x): a card statement sent as text/csv is recognised by its structure; entities decoded, the payee aggregate read', async () => {
      const res = await post(fixture('card-statement-v2.ofx'), { query: mapping({ '(no category)': funnels.Food }) }).expect(201);
      expect(res.body).toMatchObject({ format: 'ofx', imported: 2, skipped: 1 });
      expect(codes(res.body.problems)).toEqual([[29, 'income']]);
      expect(await stored()).toEqual([
        { funnel: 'Food', amount_minor: 1999, spent_at: Date.parse('2024-02-03T11:00:00Z'), note: 'Buchhandlung M&M – Bücher' },
        { funnel: 'Food', amount_minor: 6400, spent_at: Date.parse('2024-02-14T11:00:00Z'), note: 'Blumen Rosa' },
      ]);
    });

    it('a file sent as OFX that is none is refused', async () => {
      const res = await post('date,amount,funnel\n2024-01-02,3,Food\n', { type: 'application/x-ofx' }).expect(400);
      expect(res.body.message).toBe('The file was sent as OFX but has no <OFX> statement in it; nothing was imported');
    });
  });

  it('QIF: categories map to funnels, split parts imported one by one, transfers and income reported, lists passed over', async () => {
    const res = await post(fixture('quicken-us.qif'), {
      type: 'application/qif',
      query: mapping({ 'Food:Groceries': funnels.Food, Household: funnels.Misc, Electronics: 'create', Entertainment: funnels.Misc }),
    }).expect(201);
    expect(res.body).toMatchObject({ format: 'qif', dateOrder: 'mdy', imported: 5, skipped: 3 });
    expect(codes(res.body.problems)).toEqual([
      [21, 'income'],
      [26, 'transfer'],
      [55, 'notTransaction'],
    ]);
    expect(res.body.problems[2].reason).toBe('a "!Type:Invst" record, not a payment from an account');
    expect(await stored()).toEqual([
      { funnel: 'Food', amount_minor: 4567, spent_at: Date.parse('2024-01-15T11:00:00Z'), note: 'Safeway – Weekly groceries' },
      { funnel: 'Misc', amount_minor: 5000, spent_at: Date.parse('2024-01-20T11:00:00Z'), note: 'Costco – Big shop' },
      { funnel: 'Food', amount_minor: 10000, spent_at: Date.parse('2024-01-20T11:00:00Z'), note: 'Costco – Food part' },
      { funnel: 'Electronics', amount_minor: 123456, spent_at: Date.parse('2024-01-25T11:00:00Z'), note: 'Best Buy' },
      { funnel: 'Misc', amount_minor: 1999, spent_at: Date.parse('2024-01-28T11:00:00Z'), note: 'Netflix' },
    ]);
  });

  it('QIF without its !Type line is read as QIF when sent as one (Windows-1252, day-first dates, German amounts)', async () => {
    const file = fixture('bank-no-header.qif');
    const res = await post(file, { type: 'application/qif', query: mapping({ Wohnen: funnels.Misc, Lebensmittel: funnels.Food }) }).expect(201);
    expect(res.body).toMatchObject({ format: 'qif', dateOrder: 'dmy', imported: 2, skipped: 0 });
    expect(await stored()).toEqual([
      { funnel: 'Misc', amount_minor: 123456, spent_at: Date.parse('2024-01-15T11:00:00Z'), note: 'Möbelhaus – Sofa' },
      { funnel: 'Food', amount_minor: 890, spent_at: Date.parse('2024-02-02T11:00:00Z'), note: 'Bäckerei' },
    ]);
    // As CSV the same bytes are neither UTF-8 nor a known header.
    await post(file, { type: 'text/csv' }).expect(400);
    const asCsv = await post(file.toString('latin1').replace(/[öä]/g, 'o'), { type: 'text/csv' }).expect(400);
    expect(asCsv.body.message).toMatch(/^The first line must name the columns/);
  });

  it('refuses broken and hostile files of every kind with a 4xx, storing nothing; a well-formed file of bad rows reports them', async () => {
    const binary = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256));
    const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('');
    const ynabHeader = '"Account","Flag","Date","Payee","Category Group/Category","Category Group","Category","Memo","Outflow","Inflow","Cleared"';
    const files: Array<[string, Buffer | string, number]> = [
      ['text/csv', binary, 400],
      ['application/x-ofx', binary, 400],
      ['application/qif', binary, 400],
      ['application/qif', Buffer.from(binary.filter((b) => b !== 0)), 400], // no NUL, still no QIF
      ['application/x-ofx', `OFXHEADER:100\n<OFX>${'<STMTTRN>'.repeat(30_000)}`, 400], // more than 20 000 rows
      ['application/qif', `!Type:Bank\n${rows(20_001, (i) => `D1/${(i % 28) + 1}/2024\nT-1.00\n^\n`)}`, 400],
      ['text/csv', `date,amount,funnel\n${rows(20_001, () => '2024-01-02,1,Food\n')}`, 400],
      ['text/csv', 'date,amount,funnel\n2024-01-02,"1,Food\n', 400],
      ['text/csv', '\ufeff', 400],
      ['text/csv', `${ynabHeader}\n`, 400],
      ['application/x-ofx', '<OFX></OFX>', 400],
      ['application/qif', '!Type:Bank\n', 400],
      ['text/csv', `${ynabHeader}\n"a","","01/13/2024","p","","","","","$1${'0'.repeat(50)}","",""\n`, 201],
      ['application/x-ofx', `<OFX><STMTTRN><TRNAMT>${'9'.repeat(100_000)}<DTPOSTED>2024</STMTTRN></OFX>`, 201],
      ['application/qif', '!Type:Bank\nD\nT\n^\n^\n^\n', 201],
    ];
    for (const [type, body, status] of files) {
      const res = await post(body, { type });
      const start = String(body).slice(0, 30);
      expect({ type, start, status: res.status }).toEqual({ type, start, status });
      if (status === 201) expect(res.body).toMatchObject({ imported: 0, skipped: 1 });
      else expect(typeof res.body.message).toBe('string');
    }
    expect(await stored()).toEqual([]);
  });

  it('writes the reasons, the summary and a refusal in the language the request asks for, with the same codes', async () => {
    const german = await post(fixture('cashew-export.csv'), { query: { dryRun: 'true' } }).set('Accept-Language', 'de-DE,de;q=0.9').expect(200);
    expect(german.body.problems.map((p: Problem) => [p.code, p.reason])).toEqual([
      ['funnelUnknown', 'Topf „Dining“ ist unbekannt; ordne ihn einem deiner Töpfe zu, leg ihn an oder überspring ihn'],
      ['income', 'eingehendes Geld (Einnahme), keine Ausgabe'],
      ['funnelUnknown', 'Topf „Shopping“ ist unbekannt; ordne ihn einem deiner Töpfe zu, leg ihn an oder überspring ihn'],
      ['otherCurrency', 'Betrag in USD, nicht in der Währung des Haushalts (EUR); nicht umgerechnet'],
      ['funnelUnknown', 'Topf „Dining“ ist unbekannt; ordne ihn einem deiner Töpfe zu, leg ihn an oder überspring ihn'],
    ]);
    expect(german.body.summary).toBe(
      '0 würden importiert, 5 übersprungen, weil: 3 × Topf unbekannt (zuordnen, anlegen oder überspringen); 1 × eingehendes Geld (Einnahmen); 1 × Beträge in einer anderen Währung als der des Haushalts.',
    );
    const russian = await post('date,amount,funnel,note\n2024-01-02,0,Food,\n', { query: { dryRun: 'true' } }).set('Accept-Language', 'ru').expect(200);
    expect(russian.body.problems).toEqual([{ line: 2, code: 'amountInvalid', reason: 'amount "0": больше 0', message: 'amount "0": больше 0' }]);
    const hebrew = await post(fixture('ynab-register-ambiguous.csv')).set('Accept-Language', 'he').expect(400);
    expect(hebrew.body.message).toBe(
      'אפשר לקרוא את התאריכים כחודש/יום או כיום/חודש (למשל "\u206803/04/2024\u2069"): אף יום בקובץ אינו גדול מ־12. ציינו את הסדר עם dateOrder=mdy או dateOrder=dmy; דבר לא יובא',
    );
  });

  describe('pure pieces', () => {
    it('reads amounts the way apps and banks write them', () => {
      const cases: Array<[string, number | undefined]> = [
        ['$1,500.00', 1500], ['kr 30,00', 30], ['1.234,56 €', 1234.56], ['-12.50', -12.5], ['−5', -5], ['(12.50)', -12.5], ['12.50-', -12.5],
        ['1 234,56', 1234.56], ["1'234.56", 1234.56], ['-$1,500.00', -1500], ['$-1,500.00', -1500], ['kr. 30,00', 30], ['¥1,500', 1500],
        ['1,5', 1.5], ['0,500', 0.5], ['1.234.567,89', 1234567.89], ['12 345 678,90 ₽', 12345678.9], ['₪ 45.90', 45.9],
        ['1.2.3,4', undefined], ['12abc34', undefined], ['', undefined], ['abc', undefined], ['.50', undefined], ['--5', undefined], ['1.234,56.7', undefined],
      ];
      expect(cases.map(([text]) => [text, parseLocaleAmount(text)])).toEqual(cases);
    });

    it('decides month or day first from the whole file', () => {
      const decide = (dates: string[], requested?: 'mdy' | 'dmy') => {
        const evidence = new DateOrderEvidence();
        dates.forEach((d) => evidence.see(d));
        try {
          return evidence.decide(requested);
        } catch (error) {
          // The refusal's text (a server text, written in English outside a request).
          const response = (error as HttpException).getResponse() as { message?: unknown };
          return String(response.message ?? response).slice(0, 20);
        }
      };
      expect(decide(['01/02/2024', '01/13/2024'])).toBe('mdy');
      expect(decide(['01/02/2024', '13.01.2024'])).toBe('dmy');
      expect(decide(["1/15'24", ' 2/ 3\'24'])).toBe('mdy');
      expect(decide(['01/02/2024'])).toBe('The dates can be rea');
      expect(decide(['01/02/2024'], 'dmy')).toBe('dmy');
      expect(decide(['13/01/2024', '01/13/2024'])).toBe('The dates mix month/');
      expect(decide(['2024-01-02', '2024/01/02'])).toBeUndefined();
      expect(decide(['05/05/2024'])).toBe('mdy');
    });
  });
});
