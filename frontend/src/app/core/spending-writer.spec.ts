import 'fake-indexeddb/auto';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { IdbQueueStore, OfflineQueue, QUEUE_STORE } from './offline-queue';
import { SpendingWriter } from './spending-writer';
import { TokenStore } from './token-store';

const jwt = (sub: string) => `h.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.s`;
const pair = (sub: string) => ({ accessToken: jwt(sub), refreshToken: 'r', accessExpiresAt: '2099-01-01T00:00:00Z', refreshExpiresAt: '2099-01-08T00:00:00Z' });
const SPENDING = { id: 's1', funnelId: 'f-food', amount: 12.5, spentAt: '2026-04-21T10:00:00.000Z' };
const AS_STORED = { ...SPENDING, note: null, fixedCostId: null, createdBy: { id: 'anna', username: 'anna' }, createdAt: SPENDING.spentAt, updatedAt: SPENDING.spentAt };
const settle = async () => {
  for (let i = 0; i < 8; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('SpendingWriter: one way to record, edit and delete a spending, sent now or kept on the device', () => {
  let http: HttpTestingController;
  let writer: SpendingWriter;
  let queue: OfflineQueue;
  let tokens: TokenStore;
  let shown: string[];
  const track = { show: () => shown.push('show'), takeBack: () => shown.push('take back') };

  beforeEach(() => {
    localStorage.clear();
    shown = [];
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: QUEUE_STORE, useValue: new IdbQueueStore(`writer-test-${Math.random()}`) }],
    });
    http = TestBed.inject(HttpTestingController);
    tokens = TestBed.inject(TokenStore);
    tokens.set(pair('anna'), 'anna');
    writer = TestBed.inject(SpendingWriter);
    queue = TestBed.inject(OfflineQueue);
  });
  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('sends a new spending with the id chosen here, shows it early, and keeps nothing on the device', async () => {
    const result = writer.create(SPENDING, 'anna', track);
    expect(shown).toEqual(['show']);
    const request = http.expectOne('/api/spendings');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual(SPENDING);
    request.flush(AS_STORED);
    expect(await result).toEqual({ outcome: 'sent', created: AS_STORED });
    expect(queue.items()).toEqual([]);
  });

  it('keeps a new spending on the device when the server fails or cannot be reached, taking back what was shown', async () => {
    const result = writer.create(SPENDING, 'anna', track);
    http.expectOne('/api/spendings').flush({ message: 'busy' }, { status: 503, statusText: 'Service Unavailable' });
    expect(await result).toEqual({ outcome: 'server' });
    expect(shown).toEqual(['show', 'take back']);
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', kind: 'create', ownerId: 'anna', amount: 12.5 })]);

    const offline = writer.create({ ...SPENDING, id: 's2' }, 'anna');
    http.expectOne('/api/spendings').error(new ProgressEvent('error'), { status: 0 });
    expect(await offline).toEqual({ outcome: 'offline' });
    expect(queue.items().map((c) => c.id)).toEqual(['s1', 's2']);
  });

  it('rejects a refused spending with the reason and keeps nothing', async () => {
    const result = writer.create(SPENDING, 'anna', track);
    http.expectOne('/api/spendings').flush({ statusCode: 404, message: 'Funnel not found' }, { status: 404, statusText: 'Not Found' });
    await expect(result).rejects.toMatchObject({ status: 404 });
    expect(shown).toEqual(['show', 'take back']);
    expect(queue.items()).toEqual([]);
  });

  it('keeps a spending typed while signed out for the user who typed it, without a request', async () => {
    tokens.clear();
    const result = await writer.create(SPENDING, 'anna', track);
    expect(result).toEqual({ outcome: 'signed-out' });
    expect(shown).toEqual([]);
    http.expectNone('/api/spendings');
    await queue.reload();
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', ownerId: 'anna' })]);
  });

  it('keeps a spending refused with 401 (signed out elsewhere) for its owner', async () => {
    const result = writer.create(SPENDING, 'anna');
    http.expectOne('/api/spendings').flush({ statusCode: 401, reason: 'session_replaced' }, { status: 401, statusText: 'Unauthorized' });
    expect(await result).toEqual({ outcome: 'signed-out' });
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', ownerId: 'anna' })]);
  });

  it('sends an edit, or keeps it with the figures the server has when it cannot be sent now', async () => {
    const changes = { funnelId: 'f-fuel', amount: 20, spentAt: SPENDING.spentAt, note: 'diesel' };
    const sent = writer.update(SPENDING, changes, 'anna');
    const request = http.expectOne('/api/spendings/s1');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual(changes);
    request.flush({ ...AS_STORED, ...changes });
    expect((await sent).outcome).toBe('sent');

    const kept = writer.update(SPENDING, changes, 'anna');
    http.expectOne('/api/spendings/s1').error(new ProgressEvent('error'), { status: 0 });
    expect(await kept).toEqual({ outcome: 'offline' });
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', kind: 'update', amount: 20, previous: { funnelId: 'f-food', amount: 12.5, spentAt: SPENDING.spentAt } })]);
  });

  it('changes a spending still waiting on the device instead of asking the server', async () => {
    tokens.clear();
    await writer.create(SPENDING, 'anna');
    const result = await writer.update({ ...SPENDING, pendingKind: 'create' }, { funnelId: 'f-food', amount: 3, spentAt: SPENDING.spentAt }, 'anna');
    expect(result).toEqual({ outcome: 'signed-out' });
    await queue.reload();
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', kind: 'create', amount: 3 })]);
    http.expectNone('/api/spendings/s1');
  });

  it('deletes on the server; a spending gone already (deleted on another device) counts as deleted', async () => {
    const sent = writer.remove(SPENDING, 'anna', track);
    expect(shown).toEqual(['show']);
    const request = http.expectOne('/api/spendings/s1');
    expect(request.request.method).toBe('DELETE');
    request.flush(null);
    expect(await sent).toBe('sent');

    const gone = writer.remove(SPENDING, 'anna');
    http.expectOne('/api/spendings/s1').flush({ statusCode: 404, message: 'Spending not found' }, { status: 404, statusText: 'Not Found' });
    expect(await gone).toBe('sent');
    expect(queue.items()).toEqual([]);
  });

  it('keeps a delete the server cannot take now, and rejects one it refuses', async () => {
    const kept = writer.remove(SPENDING, 'anna', track);
    http.expectOne('/api/spendings/s1').flush({ message: 'busy' }, { status: 502, statusText: 'Bad Gateway' });
    expect(await kept).toBe('server');
    expect(shown).toEqual(['show', 'take back']);
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', kind: 'delete', ownerId: 'anna' })]);

    const refused = writer.remove({ ...SPENDING, id: 's9' }, 'anna');
    http.expectOne('/api/spendings/s9').flush({ statusCode: 403, message: 'Not yours' }, { status: 403, statusText: 'Forbidden' });
    await expect(refused).rejects.toMatchObject({ status: 403 });
  });

  it('drops a spending that never reached the server, and turns a waiting edit into a waiting delete', async () => {
    tokens.clear();
    await writer.create(SPENDING, 'anna');
    expect(await writer.remove({ ...SPENDING, pendingKind: 'create' }, 'anna', track)).toBe('dropped');
    expect(queue.items()).toEqual([]);

    tokens.set(pair('anna'), 'anna');
    const edit = writer.update(SPENDING, { funnelId: 'f-food', amount: 99, spentAt: SPENDING.spentAt }, 'anna');
    http.expectOne('/api/spendings/s1').error(new ProgressEvent('error'), { status: 0 });
    await edit;
    const outcome = await writer.remove({ ...SPENDING, amount: 99, pendingKind: 'update' }, 'anna', track);
    expect(outcome).toBe('server');
    expect(shown).toEqual([]);
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's1', kind: 'delete', amount: 12.5 })]);
    await settle();
  });

  it('is also the path of the offline queue: a queued spending goes out through the same request', async () => {
    tokens.clear();
    await writer.create({ ...SPENDING, note: 'bread' }, 'anna');
    tokens.set(pair('anna'), 'anna');
    const flushed = queue.flush();
    await settle();
    const request = http.expectOne('/api/spendings');
    expect(request.request.body).toEqual({ ...SPENDING, note: 'bread' });
    request.flush(AS_STORED);
    await flushed;
    expect(queue.items()).toEqual([]);
    expect(queue.synced()).toBe(1);
  });
});
