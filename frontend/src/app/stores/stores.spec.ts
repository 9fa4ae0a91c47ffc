import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FixedCostDto, FunnelDto, HouseholdDto } from '../api/models';
import { TokenStore } from '../core/token-store';
import { AccountStore } from './account.store';
import { FixedCostsStore } from './fixed-costs.store';
import { FunnelsStore } from './funnels.store';
import { HouseholdStore } from './household.store';
import { SpendingFiles } from './spending-files.store';

const jwt = (sub: string) => `h.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.s`;
const pair = (sub: string) => ({ accessToken: jwt(sub), refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-08T00:00:00Z' });
const HOUSEHOLD: HouseholdDto = {
  id: 'h1', name: 'Home', periodStartDay: 1, timezone: 'Europe/Berlin', currency: 'EUR', countedFrom: null, members: [{ id: 'anna', username: 'anna' }],
};
const FOOD: FunnelDto = { id: 'f-food', name: 'Food', emoji: '🍞', color: '#ffa500', limit: 600, shared: true, rollover: false, ownerId: 'anna', spendingCount: 2, createdAt: '2026-04-01T00:00:00.000Z' };

const RENT: FixedCostDto = {
  id: 'fc-rent', funnelId: 'f-food', amount: 1000, note: 'Rent', every: 'month', day: 1, weekday: null, month: null,
  startsOn: '2026-04-01', endsOn: null, nextDueOn: '2026-05-01', skipped: [], createdBy: { id: 'anna', username: 'anna' },
  createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z',
};
const GYM: FixedCostDto = { ...RENT, id: 'fc-gym', note: 'Gym', amount: 30, every: 'week', day: null, weekday: 1, nextDueOn: '2026-04-27' };

describe('stores: one per concern, shared by every page', () => {
  let http: HttpTestingController;
  let tokens: TokenStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStore);
    tokens.set(pair('anna'), 'anna');
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('HouseholdStore: what one page loads or saves is what every page reads, including the time zone', async () => {
    const store = TestBed.inject(HouseholdStore);
    expect(store.household()).toBeNull();
    expect(store.timeZone()).toBeUndefined();
    const loaded = store.load();
    http.expectOne({ method: 'GET', url: '/api/household' }).flush(HOUSEHOLD);
    expect(await loaded).toEqual(HOUSEHOLD);
    expect(TestBed.inject(HouseholdStore).timeZone()).toBe('Europe/Berlin');

    const saved = store.save({ timezone: 'Asia/Kolkata' });
    const request = http.expectOne({ method: 'PATCH', url: '/api/household' });
    expect(request.request.body).toEqual({ timezone: 'Asia/Kolkata' });
    request.flush({ ...HOUSEHOLD, timezone: 'Asia/Kolkata' });
    await saved;
    expect(store.timeZone()).toBe('Asia/Kolkata');
  });

  it('HouseholdStore: joining replaces the household; an invite is made on request', async () => {
    const store = TestBed.inject(HouseholdStore);
    const joined = store.join('ABCD-EFGH');
    const request = http.expectOne({ method: 'POST', url: '/api/household/join' });
    expect(request.request.body).toEqual({ code: 'ABCD-EFGH' });
    request.flush({ ...HOUSEHOLD, id: 'h2', name: 'Parents' });
    await joined;
    expect(store.household()?.name).toBe('Parents');

    const invite = store.createInvite();
    http.expectOne({ method: 'POST', url: '/api/household/invites' }).flush({ code: 'WXYZ', expiresAt: '2026-04-23T00:00:00.000Z' });
    expect((await invite).code).toBe('WXYZ');
  });

  it("never shows one user's data to the next person who signs in on the same phone", async () => {
    const households = TestBed.inject(HouseholdStore);
    const funnels = TestBed.inject(FunnelsStore);
    const loads = Promise.all([households.load(), funnels.load()]);
    http.expectOne('/api/household').flush(HOUSEHOLD);
    http.expectOne('/api/funnels').flush([FOOD]);
    await loads;
    expect(funnels.funnels()).toEqual([FOOD]);

    tokens.clear();
    expect(households.household()).toBeNull();
    expect(funnels.funnels()).toBeNull();
    tokens.set(pair('bert'), 'bert');
    expect(households.household()).toBeNull();
    expect(funnels.funnels()).toBeNull();
    tokens.set(pair('anna'), 'anna');
    expect(funnels.funnels()).toEqual([FOOD]); // hers again, until the next load
  });

  it('FunnelsStore: creates, changes and deletes a funnel with one request each', async () => {
    const store = TestBed.inject(FunnelsStore);
    const input = { emoji: '⛽', name: 'Fuel', color: '#48d1cc', limit: 200, shared: true };
    const created = store.create(input);
    const create = http.expectOne({ method: 'POST', url: '/api/funnels' });
    expect(create.request.body).toEqual(input);
    create.flush({ ...FOOD, ...input, id: 'f-fuel' });
    expect((await created).id).toBe('f-fuel');

    const updated = store.update('f-fuel', { ...input, limit: 250 });
    const update = http.expectOne({ method: 'PUT', url: '/api/funnels/f-fuel' });
    expect(update.request.body).toEqual({ ...input, limit: 250 });
    update.flush({ ...FOOD, ...input, id: 'f-fuel', limit: 250 });
    expect((await updated).limit).toBe(250);

    const removed = store.remove('f-fuel');
    http.expectOne({ method: 'DELETE', url: '/api/funnels/f-fuel' }).flush(null);
    await removed;
  });

  it('FunnelsStore: a failed load rejects with the error and keeps the last list', async () => {
    const store = TestBed.inject(FunnelsStore);
    const first = store.load();
    http.expectOne('/api/funnels').flush([FOOD]);
    await first;
    const second = store.load();
    http.expectOne('/api/funnels').flush({ message: 'busy' }, { status: 503, statusText: 'Service Unavailable' });
    await expect(second).rejects.toMatchObject({ status: 503 });
    expect(store.funnels()).toEqual([FOOD]);
  });

  it('FixedCostsStore: loads the list once, and each change puts the answer in its place without reading the list again', async () => {
    const store = TestBed.inject(FixedCostsStore);
    expect(store.fixedCosts()).toBeNull();
    const loaded = store.load();
    http.expectOne({ method: 'GET', url: '/api/fixed-costs' }).flush([RENT]);
    await loaded;
    expect(store.fixedCosts()).toEqual([RENT]);

    const input = { funnelId: 'f-food', amount: 30, note: 'Gym', every: 'week' as const, weekday: 1, startsOn: '2026-04-21' };
    const created = store.create(input);
    const create = http.expectOne({ method: 'POST', url: '/api/fixed-costs' });
    expect(create.request.body).toEqual(input);
    create.flush(GYM);
    await created;
    expect(store.fixedCosts()!.map((c) => c.id)).toEqual(['fc-rent', 'fc-gym']);

    const updated = store.update('fc-rent', { funnelId: 'f-food', amount: 1100, every: 'month', day: 1, startsOn: '2026-04-01' });
    const update = http.expectOne({ method: 'PUT', url: '/api/fixed-costs/fc-rent' });
    expect(update.request.body).toEqual({ funnelId: 'f-food', amount: 1100, every: 'month', day: 1, startsOn: '2026-04-01' });
    update.flush({ ...RENT, amount: 1100, note: null });
    await updated;
    expect(store.fixedCosts()![0]).toMatchObject({ id: 'fc-rent', amount: 1100 });

    const skipped = store.skip('fc-rent', '2026-05-01');
    const skip = http.expectOne({ method: 'POST', url: '/api/fixed-costs/fc-rent/skips' });
    expect(skip.request.body).toEqual({ dueOn: '2026-05-01' });
    skip.flush({ ...RENT, amount: 1100, nextDueOn: '2026-06-01', skipped: ['2026-05-01'] });
    await skipped;
    expect(store.fixedCosts()![0]).toMatchObject({ nextDueOn: '2026-06-01', skipped: ['2026-05-01'] });

    const unskipped = store.unskip('fc-rent', '2026-05-01');
    http.expectOne({ method: 'DELETE', url: '/api/fixed-costs/fc-rent/skips/2026-05-01' }).flush({ ...RENT, amount: 1100 });
    await unskipped;
    expect(store.fixedCosts()![0]).toMatchObject({ nextDueOn: '2026-05-01', skipped: [] });

    const removed = store.remove('fc-gym');
    http.expectOne({ method: 'DELETE', url: '/api/fixed-costs/fc-gym' }).flush(null);
    await removed;
    expect(store.fixedCosts()!.map((c) => c.id)).toEqual(['fc-rent']);
  });

  it("FixedCostsStore: a refused change rejects with the server's words and changes nothing; the list is the signed-in user's only", async () => {
    const store = TestBed.inject(FixedCostsStore);
    const loaded = store.load();
    http.expectOne('/api/fixed-costs').flush([RENT]);
    await loaded;
    const refused = store.create({ funnelId: 'f-food', amount: 5, every: 'week', day: 3, startsOn: '2026-04-21' });
    http.expectOne('/api/fixed-costs').flush(
      { statusCode: 400, error: 'Bad Request', message: ['day is not used when every is week; leave it out'] },
      { status: 400, statusText: 'Bad Request' },
    );
    await expect(refused).rejects.toMatchObject({ status: 400 });
    expect(store.fixedCosts()).toEqual([RENT]);

    tokens.set(pair('bert'), 'bert');
    expect(store.fixedCosts()).toBeNull();
  });

  it("AccountStore: this device's session, new recovery codes and a new authenticator", async () => {
    const store = TestBed.inject(AccountStore);
    const session = store.loadSession();
    http.expectOne({ method: 'GET', url: '/api/auth/session' }).flush({ startedAt: '2026-04-01T00:00:00.000Z', lastSeenAt: '2026-04-01T00:00:00.000Z', userAgent: 'test' });
    await session;
    expect(store.session()?.startedAt).toBe('2026-04-01T00:00:00.000Z');

    const codes = store.newRecoveryCodes();
    http.expectOne({ method: 'POST', url: '/api/auth/recovery-codes' }).flush({ recoveryCodes: ['a', 'b'] });
    expect(await codes).toEqual(['a', 'b']);

    const finish = store.finishReenrolment('token-1', '123456');
    const request = http.expectOne({ method: 'POST', url: '/api/auth/totp/finish' });
    expect(request.request.body).toEqual({ enrolmentToken: 'token-1', code: '123456' });
    request.flush(null);
    await finish;
  });

  it('SpendingFiles: a dry run of the import stores nothing and says so in the request; the export is text', async () => {
    const files = TestBed.inject(SpendingFiles);
    const result = { imported: 2, skipped: 0, problems: [], unknownFunnels: [] };
    const dry = files.import({ name: 'march.csv', text: 'date,amount\n' }, { Café: 'create' }, { dryRun: true });
    const check = http.expectOne((r) => r.url === '/api/spendings/import');
    expect(check.request.headers.get('Content-Type')).toBe('text/csv');
    expect(check.request.params.get('dryRun')).toBe('true');
    expect(JSON.parse(check.request.params.get('mapping')!)).toEqual({ Café: 'create' });
    expect(check.request.body).toBe('date,amount\n');
    check.flush(result);
    await dry;

    const real = files.import({ name: 'march.csv', text: 'date,amount\n' }, {});
    expect(http.expectOne((r) => r.url === '/api/spendings/import').request.params.has('dryRun')).toBe(false);
    void real;

    // A bank statement goes as what it is (the server would recognise it anyway).
    void files.import({ name: 'Statement.QFX', text: 'OFXHEADER:100' }, {}, { dateOrder: 'dmy' });
    const ofx = http.expectOne((r) => r.url === '/api/spendings/import').request;
    expect(ofx.headers.get('Content-Type')).toBe('application/x-ofx');
    expect(ofx.params.get('dateOrder')).toBe('dmy');
    void files.import({ name: 'old.qif', text: '!Type:Bank' }, {});
    expect(http.expectOne((r) => r.url === '/api/spendings/import').request.headers.get('Content-Type')).toBe('application/qif');

    const csv = files.exportCsv();
    http.expectOne((r) => r.url === '/api/spendings/export').flush('id,amount\n');
    expect(await csv).toBe('id,amount\n');
  });
});
