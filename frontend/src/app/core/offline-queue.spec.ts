import 'fake-indexeddb/auto';
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { IdbQueueStore, OfflineQueue, QUEUE_LAST_USER, QUEUE_NOW, QUEUE_SENDER, QUEUE_STORE, QUEUE_USER, QueuedChange, QueuedCreate, QueuedDelete, QueuedUpdate, backoffMs } from './offline-queue';
import { subjectOf } from './token-store';

const offline = () => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
const refused = (status: number, message: string) => new HttpErrorResponse({ status, error: { statusCode: status, message } });

describe('OfflineQueue', () => {
  let now: number;
  let sent: string[];
  let failWith: ((c: QueuedChange) => unknown) | null;
  let queue: OfflineQueue;
  let store: IdbQueueStore;
  let user: string | null;
  let lastUser: string | null;

  const spending = (id: string, amount = 5) => ({ id, funnelId: 'f1', amount, spentAt: '2026-04-21T10:00:00.000Z' });

  beforeEach(async () => {
    now = Date.UTC(2026, 3, 21, 10);
    sent = [];
    failWith = null;
    user = 'anna';
    lastUser = 'anna';
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    // A fresh IndexedDB database per test.
    store = new IdbQueueStore(`queue-test-${Math.random()}`);
    TestBed.configureTestingModule({
      providers: [
        { provide: QUEUE_STORE, useValue: store },
        { provide: QUEUE_NOW, useValue: () => now },
        { provide: QUEUE_USER, useValue: () => user },
        { provide: QUEUE_LAST_USER, useValue: () => (lastUser ? { id: lastUser, name: lastUser } : null) },
        {
          provide: QUEUE_SENDER,
          useValue: {
            create: async (c: QueuedCreate) => {
              const error = failWith?.(c);
              if (error) throw error;
              sent.push(`create ${c.id}`);
            },
            remove: async (c: QueuedDelete) => {
              const error = failWith?.(c);
              if (error) throw error;
              sent.push(`delete ${c.id}`);
            },
            update: async (c: QueuedUpdate) => {
              const error = failWith?.(c);
              if (error) throw error;
              sent.push(`update ${c.id} ${c.amount}`);
            },
          },
        },
      ],
    });
    queue = TestBed.inject(OfflineQueue);
  });

  it('keeps spendings on the device (IndexedDB) until they are sent, then sends each once, in order', async () => {
    failWith = () => offline();
    await queue.enqueueCreate(spending('a'));
    now += 1;
    await queue.enqueueCreate(spending('b'));
    await queue.flush();
    expect(sent).toEqual([]);
    expect(queue.waiting()).toBe(2);
    expect((await store.all()).map((c) => c.id).sort()).toEqual(['a', 'b']); // survives a reload of the app

    failWith = null;
    now += backoffMs(1);
    await queue.flush();
    await queue.flush(); // nothing left: nothing sent twice
    expect(sent).toEqual(['create a', 'create b']);
    expect(queue.items()).toEqual([]);
    expect(queue.synced()).toBe(1);
  });

  it('backs off after network failures: 2 s, 4 s, 8 s … at most 5 minutes', async () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20)).toBe(300_000);
    failWith = () => offline();
    await queue.enqueueCreate(spending('a'));
    await queue.flush();
    await queue.flush(); // too early to try again
    expect(queue.items()[0]).toMatchObject({ attempts: 1, nextAttemptAt: now + 2000 });
    now += 2000;
    await queue.flush();
    expect(queue.items()[0]).toMatchObject({ attempts: 2, nextAttemptAt: now + 4000 });
  });

  it('is duplicate-safe: two flushes at once send a change once', async () => {
    await queue.enqueueCreate(spending('a'));
    await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
    expect(sent).toEqual(['create a']);
  });

  it('keeps a refused spending with the reason, sends the rest, and lets the user fix, retry or discard it', async () => {
    failWith = (c) => (c.id === 'bad' ? refused(404, 'Funnel not found') : null);
    await queue.enqueueCreate(spending('bad'));
    now += 1;
    await queue.enqueueCreate(spending('good'));
    await queue.flush();
    expect(sent).toEqual(['create good']);
    expect(queue.refused()).toEqual([expect.objectContaining({ id: 'bad', refusal: 'Funnel not found' })]);
    expect(queue.waiting()).toBe(0);

    await queue.flush();
    expect(sent).toEqual(['create good']); // a refusal is not retried on its own

    failWith = null;
    await queue.update('bad', { funnelId: 'f2' });
    await queue.flush();
    expect(sent).toEqual(['create good', 'create bad']);
    expect(queue.items()).toEqual([]);

    failWith = () => refused(400, 'amount must be more than 0');
    await queue.enqueueCreate(spending('zero', 0));
    await queue.flush();
    await queue.discard('zero');
    expect(queue.items()).toEqual([]);
  });

  it('queues deletes made offline, and a pending spending deleted before sending is simply dropped', async () => {
    failWith = () => offline();
    await queue.enqueueCreate(spending('pending'));
    await queue.enqueueDelete(spending('synced'));
    await queue.discard('pending');
    failWith = null;
    now += 10_000;
    await queue.flush();
    expect(sent).toEqual(['delete synced']);
  });

  it("sends only the signed-in user's spendings (a shared phone)", async () => {
    failWith = () => offline();
    await queue.enqueueCreate(spending('annas'));
    user = 'bert';
    await queue.reload();
    expect(queue.items()).toEqual([]);
    failWith = null;
    now += 10_000;
    await queue.flush();
    expect(sent).toEqual([]);
    user = 'anna';
    lastUser = 'anna';
    await queue.flush();
    expect(sent).toEqual(['create annas']);
  });

  it('reads the user from the access token', () => {
    const payload = btoa(JSON.stringify({ sub: 'user-1', typ: 'access' })).replace(/=+$/, '');
    expect(subjectOf(`h.${payload}.s`)).toBe('user-1');
    expect(subjectOf('garbage')).toBeNull();
    expect(subjectOf(undefined)).toBeNull();
  });

  it('stops at a 401 and keeps everything for after the next sign-in', async () => {
    failWith = () => new HttpErrorResponse({ status: 401 });
    await queue.enqueueCreate(spending('a'));
    await queue.flush();
    expect(queue.items()).toEqual([expect.objectContaining({ id: 'a', attempts: 0 })]);
    expect(queue.items()[0].refusal).toBeUndefined();
  });

  it('keeps what is typed while signed out for the user who signed in here last, and sends it only once they are back', async () => {
    user = null; // signed out (another device signed in), anna was here last
    await queue.enqueueCreate(spending('typed-signed-out'));
    expect(queue.items()).toEqual([expect.objectContaining({ id: 'typed-signed-out', ownerId: 'anna' })]); // shown while signed out
    await queue.flush();
    expect(sent).toEqual([]);

    user = 'bert'; // someone else signs in on this phone: not theirs to send
    lastUser = 'bert';
    await queue.reload();
    await queue.flush();
    expect(queue.items()).toEqual([]);
    expect(sent).toEqual([]);

    user = 'anna';
    lastUser = 'anna';
    await queue.flush();
    await queue.flush();
    expect(sent).toEqual(['create typed-signed-out']);
  });

  it('gives a change the owner it was started for (a 401 signs the device out before the answer arrives)', async () => {
    user = null;
    lastUser = null;
    await expect(queue.enqueueCreate(spending('nobody'))).rejects.toThrow('Sign in to record spendings');
    await queue.enqueueCreate(spending('annas'), 'anna');
    expect((await store.all())[0]).toMatchObject({ id: 'annas', ownerId: 'anna' });
  });

  it('queues edits: a second edit replaces the first but keeps what the server has; a delete replaces a waiting edit', async () => {
    failWith = () => offline();
    const previous = { funnelId: 'f1', amount: 5, spentAt: '2026-04-20T10:00:00.000Z' };
    await queue.enqueueUpdate({ ...spending('s1', 6), previous });
    now += 1;
    await queue.enqueueUpdate({ ...spending('s1', 7), previous: { funnelId: 'f1', amount: 6, spentAt: '2026-04-21T10:00:00.000Z' } });
    expect(queue.items()).toEqual([expect.objectContaining({ kind: 'update', amount: 7, previous })]);
    await queue.update('s1', { amount: 8 }); // changed again before it went
    failWith = null;
    now += 10_000;
    await queue.flush();
    expect(sent).toEqual(['update s1 8']);

    failWith = () => offline();
    await queue.enqueueUpdate({ ...spending('s2', 9), previous });
    await queue.enqueueDelete({ ...previous, id: 's2' });
    expect(queue.items()).toEqual([expect.objectContaining({ id: 's2', kind: 'delete' })]);
  });
});
