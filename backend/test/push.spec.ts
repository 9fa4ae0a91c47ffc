import { PushNotifier } from '../src/push/push-notifier.service';
import { PushScheduler } from '../src/push/push-scheduler';
import { PushRepository } from '../src/push/push.repository';
import { FakeClock, HOUR, MINUTE } from './support/fake-clock';
import { browserKeys, BrowserKeys, decryptPush, TestPushService, verifyVapid } from './support/push';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
interface Prefs {
  nearLimit: boolean;
  memberSpent: boolean;
  fixedCostDue: boolean;
  dailyReminder: string | null;
}
interface Device {
  endpoint: string;
  keys: BrowserKeys;
}
interface Shown {
  title: string;
  body: string;
  icon: string;
  tag: string;
  data: { kind: string; url: string; onActionClick: { default: { operation: string; url: string } } };
}

const NONE: Prefs = { nearLimit: false, memberSpent: false, fixedCostDue: false, dailyReminder: null };

/**
 * Web Push end to end: the real application sends through web-push to a push service of the
 * test's own (HTTPS on 127.0.0.1, allowed with PUSH_ALLOW_PRIVATE_ENDPOINTS=true), which
 * decrypts what arrives with the subscribing "browser's" keys and checks the VAPID signature.
 */
describe('push notifications', () => {
  let service: TestPushService;
  let t: TestApp;
  let anna: RegisteredUser;
  let bert: RegisteredUser;
  let a: Auth;
  let b: Auth;
  let home: string;

  beforeAll(async () => (service = await TestPushService.start()));
  afterAll(() => service.stop());

  /** Anna and Bert in one household, with a shared funnel "Home" (limit 100). */
  async function family(clock?: FakeClock, timezone?: string): Promise<void> {
    t = await startTestApp({ clock, env: { PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' } });
    anna = await registerUser(t, 'anna', timezone ? { timezone } : {});
    a = bearer(anna.accessToken);
    const code = (await t.http.post('/api/household/invites').set(a).expect(201)).body.code as string;
    bert = await registerUser(t, 'bert', { inviteCode: code });
    b = bearer(bert.accessToken);
    home = (await t.http.post('/api/funnels').set(a).send({ name: 'Home', emoji: '🏠', color: '#336699', limit: 100, shared: true }).expect(201)).body.id;
  }
  afterEach(() => t?.dispose());

  const settled = () => t.app.get(PushNotifier).settled();
  const tick = () => t.app.get(PushScheduler).tick();

  async function subscribe(auth: Auth, prefs: Partial<Prefs>, device: Device = { endpoint: service.endpoint(), keys: browserKeys() }): Promise<Device> {
    await t.http
      .put('/api/push/subscription')
      .set(auth)
      .send({ endpoint: device.endpoint, keys: { p256dh: device.keys.p256dh, auth: device.keys.auth }, prefs: { ...NONE, ...prefs } })
      .expect(200);
    return device;
  }

  /** What the device showed: every push that reached its endpoint, decrypted with its keys. */
  const shown = (device: Device): Shown[] => service.to(device.endpoint).map((push) => (JSON.parse(decryptPush(push.body, device.keys)) as { notification: Shown }).notification);
  const titles = (device: Device) => shown(device).map((n) => n.title);

  async function spend(auth: Auth, funnelId: string, amount: number, spentAt?: string): Promise<void> {
    await t.http.post('/api/spendings').set(auth).send({ funnelId, amount, ...(spentAt ? { spentAt } : {}) }).expect(201);
    await settled();
  }

  /** New tokens for the same session (after the test clock moved past the access token's life). */
  async function refresh(user: RegisteredUser): Promise<Auth> {
    const pair = (await t.http.post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200)).body;
    user.refreshToken = pair.refreshToken;
    user.accessToken = pair.accessToken;
    return bearer(pair.accessToken);
  }

  it('sends an encrypted, VAPID-signed test notification that the device decrypts with its own keys and ngsw shows', async () => {
    await family();
    const key = (await t.http.get('/api/push/key').set(a).expect(200)).body;
    expect(Object.keys(key)).toEqual(['publicKey']);
    expect(Buffer.from(key.publicKey, 'base64url')).toHaveLength(65);

    const device = await subscribe(a, { nearLimit: true, dailyReminder: '20:30' });
    const stored = await t.http.get('/api/push/subscription').set(a).expect(200);
    expect(stored.body).toEqual({
      endpoint: device.endpoint,
      prefs: { nearLimit: true, memberSpent: false, fixedCostDue: false, dailyReminder: '20:30' },
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
    });

    await t.http.post('/api/push/test').set(a).expect(204);
    const [push] = service.to(device.endpoint);
    expect(push.headers).toMatchObject({ 'content-encoding': 'aes128gcm', 'content-type': 'application/octet-stream', ttl: '300', urgency: 'high' });

    // RFC 8292: signed with the key the browser subscribed with, for this push service, for a while.
    const { publicKey, claims } = verifyVapid(push.headers.authorization as string);
    expect(publicKey).toBe(key.publicKey);
    expect(claims.aud).toBe(service.origin);
    expect(claims.sub).toBe(t.config.push.vapidSubject);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * HOUR);

    // RFC 8291: only the subscribing browser can read it; this is what ngsw shows and opens on a tap.
    expect(JSON.parse(decryptPush(push.body, device.keys))).toEqual({
      notification: {
        title: 'STracker notifications work',
        body: 'This device will show the notifications you chose.',
        icon: '/icons/icon-192.png',
        tag: 'test',
        data: { kind: 'test', url: '/settings', onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/settings' } } },
      },
    });
    expect(() => decryptPush(push.body, browserKeys())).toThrow();
    expect(push.body.includes(Buffer.from('STracker'))).toBe(false);
  });

  it('stores one subscription per session: PUT replaces it, DELETE removes it, the test needs one', async () => {
    await family();
    await t.http.get('/api/push/subscription').set(a).expect(404);
    await t.http.post('/api/push/test').set(a).expect(404);
    const first = await subscribe(a, { memberSpent: true });
    t.clock.advance(MINUTE);
    const second = await subscribe(a, { nearLimit: true });
    const body = (await t.http.get('/api/push/subscription').set(a).expect(200)).body;
    expect(body).toMatchObject({ endpoint: second.endpoint, prefs: { ...NONE, nearLimit: true } });
    expect(new Date(body.updatedAt).getTime() - new Date(body.createdAt).getTime()).toBe(MINUTE);
    expect(await t.sql('SELECT endpoint FROM push_subscriptions')).toEqual([{ endpoint: second.endpoint }]);
    expect(first.endpoint).not.toBe(second.endpoint);

    await t.http.delete('/api/push/subscription').set(a).expect(204);
    await t.http.get('/api/push/subscription').set(a).expect(404);
    await t.http.delete('/api/push/subscription').set(a).expect(204);
    expect(await t.sql('SELECT * FROM push_subscriptions')).toEqual([]);
  });

  it('deletes a subscription its push service answers 410 or 404 for', async () => {
    await family();
    const annas = await subscribe(a, {});
    service.answer.set(new URL(annas.endpoint).pathname, 410);
    const gone = await t.http.post('/api/push/test').set(a).expect(404);
    expect(gone.body.message).toMatch(/no longer knows this device's subscription/);
    await t.http.get('/api/push/subscription').set(a).expect(404);

    // Found out by a notification in the background, with 404.
    const berts = await subscribe(b, { memberSpent: true });
    service.answer.set(new URL(berts.endpoint).pathname, 404);
    await spend(a, home, 5);
    expect(service.to(berts.endpoint)).toHaveLength(1);
    await t.http.get('/api/push/subscription').set(b).expect(404);
    expect(await t.sql('SELECT * FROM push_subscriptions')).toEqual([]);

    // Any other failure keeps the subscription, and the spending that set it off stands.
    const again = await subscribe(b, { memberSpent: true });
    service.answer.set(new URL(again.endpoint).pathname, 500);
    await spend(a, home, 6);
    await t.http.get('/api/push/subscription').set(b).expect(200);
    await t.http.post('/api/push/test').set(b).expect(502);
  });

  it('nearLimit: 80 % and 100 % of what a funnel has, once each per period, to everyone who sees it', async () => {
    // 31 March, 20:00 UTC: the period (from the 1st) ends in four hours.
    await family(new FakeClock('2026-03-31T20:00:00Z'));
    const annas = await subscribe(a, { nearLimit: true });
    const berts = await subscribe(b, { nearLimit: true });

    await spend(b, home, 50);
    expect(titles(annas)).toEqual([]);
    await spend(a, home, 30); // 80 of 100
    expect(shown(annas)).toEqual([
      {
        title: '🏠 Home is at 80 %',
        body: '€80.00 spent of €100.00 this period; €20.00 left.',
        icon: '/icons/icon-192.png',
        tag: `near-limit:${home}`,
        data: { kind: 'nearLimit', url: '/', onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: '/' } } },
      },
    ]);
    expect(titles(berts)).toEqual(['🏠 Home is at 80 %']);
    await spend(b, home, 5);
    await spend(b, home, 15); // 100 of 100
    await spend(a, home, 10);
    expect(titles(annas)).toEqual(['🏠 Home is at 80 %', '🏠 Home is over its budget']);
    expect(shown(berts).map((n) => n.body)).toEqual(['€80.00 spent of €100.00 this period; €20.00 left.', '€100.00 spent of €100.00 this period.']);

    // A personal funnel: its owner alone hears of it; a spending that jumps past both thresholds says the higher one.
    const annasFood = (await t.http.get('/api/funnels').set(a).expect(200)).body.find((f: { name: string }) => f.name === 'Food').id;
    await spend(a, annasFood, 2500);
    expect(titles(annas)).toEqual(['🏠 Home is at 80 %', '🏠 Home is over its budget', '🍞 Food is over its budget']);
    expect(titles(berts)).toHaveLength(2);
    await spend(a, annasFood, 1);
    expect(titles(annas)).toHaveLength(3);

    // The next period starts afresh (and a spending entered for the last one changes nothing now).
    t.clock.set('2026-04-01T08:00:00Z');
    a = await refresh(anna);
    b = await refresh(bert);
    await spend(a, home, 40, '2026-03-31T12:00:00Z');
    await spend(a, home, 85);
    expect(titles(annas)).toEqual(['🏠 Home is at 80 %', '🏠 Home is over its budget', '🍞 Food is over its budget', '🏠 Home is at 80 %']);
    expect(titles(berts)).toEqual(['🏠 Home is at 80 %', '🏠 Home is over its budget', '🏠 Home is at 80 %']);
    // Kept in the database, so a restart (or a second process) does not say it again.
    expect((await t.sql<{ n: number }>("SELECT COUNT(*) AS n FROM push_sent WHERE kind = 'nearLimit'"))[0].n).toBe(8);
  });

  it('nearLimit goes only to subscriptions that ask for it', async () => {
    await family();
    const annas = await subscribe(a, { memberSpent: true, dailyReminder: '08:00' });
    await spend(a, home, 100);
    expect(shown(annas)).toEqual([]);
  });

  it('memberSpent: another member\'s entry in a shared funnel, never to its author, never from a personal funnel', async () => {
    await family();
    const annas = await subscribe(a, { memberSpent: true });
    const berts = await subscribe(b, { memberSpent: true });
    await spend(b, home, 12.5);
    expect(shown(annas)).toEqual([
      expect.objectContaining({ title: 'bert spent €12.50', body: 'From 🏠 Home.', data: expect.objectContaining({ kind: 'memberSpent', url: '/' }) }),
    ]);
    expect(shown(berts)).toEqual([]);

    const bertsFood = (await t.http.get('/api/funnels').set(b).expect(200)).body.find((f: { name: string }) => f.name === 'Food').id;
    await spend(b, bertsFood, 20);
    expect(shown(annas)).toHaveLength(1);

    await subscribe(a, { memberSpent: false }, annas);
    await spend(b, home, 3);
    expect(shown(annas)).toHaveLength(1);
  });

  it('speaks the language each user chose (PATCH /api/me), with money and dates in it; English for one who chose none', async () => {
    await family();
    const annas = await subscribe(a, { memberSpent: true });
    const berts = await subscribe(b, { memberSpent: true });
    expect((await t.http.patch('/api/me').set(b).send({ locale: 'de' }).expect(200)).body.locale).toBe('de');
    await spend(a, home, 1234.5);
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' '); // Intl's no-break spaces
    expect(shown(berts).map((n) => [plain(n.title), n.body])).toEqual([['anna hat 1.234,50 € ausgegeben', 'Aus 🏠 Home.']]);
    await t.http.patch('/api/me').set(b).send({ locale: 'he' }).expect(200);
    await t.http.patch('/api/me').set(a).send({ locale: 'ru' }).expect(200);
    await spend(b, home, 7);
    expect(shown(annas).map((n) => plain(n.title))).toEqual(['bert: расход 7,00 €']);
    await t.http.post('/api/push/test').set(b).expect(204);
    expect(shown(berts)[1]).toMatchObject({ title: 'ההתראות של STracker פועלות' });
  });

  it('dailyReminder: at the user\'s time in the household time zone, only on days they entered nothing, once a day', async () => {
    // 10 March, 19:00 in Berlin (18:00 UTC).
    await family(new FakeClock('2026-03-10T18:00:00Z'), 'Europe/Berlin');
    const annas = await subscribe(a, { dailyReminder: '20:00' });
    const berts = await subscribe(b, { dailyReminder: null });
    await tick();
    expect(shown(annas)).toEqual([]);

    t.clock.set('2026-03-10T19:00:30Z'); // 20:00 in Berlin
    await tick();
    await tick();
    expect(shown(annas)).toEqual([
      expect.objectContaining({ title: 'Anything spent today?', tag: 'daily-reminder', data: expect.objectContaining({ kind: 'dailyReminder', url: '/' }) }),
    ]);
    t.clock.set('2026-03-10T19:40:00Z');
    await tick();
    expect(shown(annas)).toHaveLength(1);

    // 11 March: Anna records something in the morning, so no reminder that evening.
    t.clock.set('2026-03-11T09:00:00Z');
    a = await refresh(anna);
    await spend(a, home, 4);
    t.clock.set('2026-03-11T19:10:00Z');
    await tick();
    expect(shown(annas)).toHaveLength(1);

    // 12 March: only Bert spent (Anna's day is still empty): reminded at 20:30, within the hour.
    t.clock.set('2026-03-12T09:00:00Z');
    b = await refresh(bert);
    await spend(b, home, 4);
    t.clock.set('2026-03-12T19:30:00Z');
    await tick();
    expect(shown(annas)).toHaveLength(2);

    // 13 March, 21:05: the hour after 20:00 has passed (the server was down): no late reminder.
    t.clock.set('2026-03-13T20:05:00Z');
    await tick();
    expect(shown(annas)).toHaveLength(2);
    expect(shown(berts)).toEqual([]);
  });

  it('fixedCostDue: the day before a fixed cost is posted, from 09:00, once, to those who see its funnel', async () => {
    await family(); // 10 March, 09:00 UTC
    const annas = await subscribe(a, { fixedCostDue: true });
    const berts = await subscribe(b, { fixedCostDue: true });
    const annasFood = (await t.http.get('/api/funnels').set(a).expect(200)).body.find((f: { name: string }) => f.name === 'Food').id;
    const cost = (body: object) => t.http.post('/api/fixed-costs').set(a).send({ every: 'month', day: 12, startsOn: '2026-03-01', ...body }).expect(201);
    const rent = (await cost({ funnelId: home, amount: 50, note: 'Rent' })).body.id;
    await cost({ funnelId: annasFood, amount: 20 });
    await tick(); // due on the 12th: not tomorrow yet
    expect(shown(annas)).toEqual([]);

    t.clock.set('2026-03-11T08:59:00Z');
    await tick();
    expect(shown(annas)).toEqual([]);
    t.clock.set('2026-03-11T09:00:00Z');
    await tick();
    await tick();
    expect(shown(berts)).toEqual([
      expect.objectContaining({
        title: 'Rent tomorrow',
        body: '€50.00 from Home will be recorded on Thursday, March 12.',
        tag: `fixed-cost:${rent}:2026-03-12`,
        data: expect.objectContaining({ kind: 'fixedCostDue', url: '/settings' }),
      }),
    ]);
    expect(titles(annas).sort()).toEqual(['Food tomorrow', 'Rent tomorrow']);
    t.clock.set('2026-03-11T22:00:00Z');
    await tick();
    expect(shown(annas)).toHaveLength(2);
  });

  it('reads who to tell once per household, until a subscription, a session or a language of it changes; other households change nothing', async () => {
    await family();
    const reads = jest.spyOn(t.app.get(PushRepository), 'liveInHousehold');
    const annas = await subscribe(a, { memberSpent: true });
    await spend(b, home, 1);
    await spend(b, home, 2);
    await spend(a, home, 3);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(titles(annas)).toEqual(['bert spent €1.00', 'bert spent €2.00']);

    // Another family subscribing and spending reads its own, and leaves this one's kept.
    const carl = await registerUser(t, 'carl');
    const c = bearer(carl.accessToken);
    await subscribe(c, { memberSpent: true, nearLimit: true });
    const carlsFood = (await t.http.get('/api/funnels').set(c).expect(200)).body[0].id;
    await spend(c, carlsFood, 5);
    reads.mockClear();
    await spend(b, home, 4);
    expect(reads).not.toHaveBeenCalled();

    await t.http.patch('/api/me').set(a).send({ locale: 'de' }).expect(200);
    await spend(b, home, 5);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(titles(annas).at(-1)?.replace(/[\u00a0\u202f]/g, ' ')).toBe('bert hat 5,00 € ausgegeben');

    const berts = await subscribe(b, { memberSpent: true });
    await spend(a, home, 6);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(titles(berts)).toEqual(['anna spent €6.00']);
  });

  it('a subscription dies with its session: signing in elsewhere or logging out stops it', async () => {
    await family();
    const annas = await subscribe(a, { memberSpent: true });
    const fresh = await login(t, anna); // the phone's session is replaced
    const a2 = bearer(fresh.accessToken);
    await spend(b, home, 7);
    expect(shown(annas)).toEqual([]);
    await t.http.get('/api/push/subscription').set(a2).expect(404);
    await tick();
    expect(await t.sql('SELECT * FROM push_subscriptions')).toEqual([]);

    // The same device subscribing for the new session takes its endpoint over.
    await subscribe(a2, { memberSpent: true }, annas);
    await spend(b, home, 8);
    expect(titles(annas)).toEqual(['bert spent €8.00']);

    // Bert signs in on Anna's phone (still signed in as Anna): the phone is Bert's now, Anna's figures stop going there.
    const bertOnPhone = await login(t, bert);
    b = bearer(bertOnPhone.accessToken);
    await subscribe(b, { memberSpent: true }, annas);
    expect(await t.sql('SELECT user_id FROM push_subscriptions')).toEqual([{ user_id: bert.id }]);

    await t.http.post('/api/auth/logout').set(b).expect(204);
    await spend(a2, home, 9);
    expect(titles(annas)).toEqual(['bert spent €8.00']);
    await tick();
    expect(await t.sql('SELECT * FROM push_subscriptions')).toEqual([]);
  });

  it('refuses malformed subscriptions with a 400 naming the field, and stores nothing', async () => {
    await family();
    const keys = browserKeys();
    const good = { endpoint: service.endpoint(), keys: { p256dh: keys.p256dh, auth: keys.auth }, prefs: NONE };
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /^endpoint must be the https: URL the browser gave/],
      [{ ...good, keys: undefined }, /^keys must be an object \{ p256dh, auth \}$/],
      [{ ...good, keys: null }, /^keys must be an object/],
      [{ ...good, keys: 'k' }, /^keys must be an object/],
      [{ ...good, prefs: undefined }, /^prefs must be an object/],
      [{ ...good, endpoint: 42 }, /^endpoint must be the https: URL/],
      [{ ...good, endpoint: `https://127.0.0.1/${'x'.repeat(2048)}` }, /^endpoint must be at most 2048 characters$/],
      [{ ...good, endpoint: 'not a url' }, /^endpoint must be an absolute https: URL/],
      [{ ...good, keys: { ...good.keys, p256dh: 'abc' } }, /^keys\.p256dh must be the browser's P-256 public key/],
      [{ ...good, keys: { ...good.keys, p256dh: notOnCurve } }, /^keys\.p256dh must be the browser's P-256 public key/],
      [{ ...good, keys: { ...good.keys, p256dh: 'A'.repeat(5000) } }, /^keys\.p256dh must be/],
      [{ ...good, keys: { ...good.keys, auth: Buffer.alloc(8).toString('base64url') } }, /^keys\.auth must be the browser's authentication secret: 16 bytes/],
      [{ ...good, keys: { ...good.keys, auth: null } }, /^keys\.auth must be/],
      [{ ...good, keys: { ...good.keys, extra: 1 } }, /^keys\.extra is not a known field$/],
      [{ ...good, prefs: { ...NONE, nearLimit: 'yes' } }, /^prefs\.nearLimit must be true or false$/],
      [{ ...good, prefs: { ...NONE, memberSpent: null } }, /^prefs\.memberSpent must be true or false$/],
      [{ ...good, prefs: { ...NONE, dailyReminder: '25:00' } }, /^prefs\.dailyReminder must be a time of day as HH:MM/],
      [{ ...good, prefs: { ...NONE, dailyReminder: '8:00' } }, /^prefs\.dailyReminder must be a time of day as HH:MM/],
      [{ ...good, prefs: { nearLimit: true, memberSpent: true, fixedCostDue: true } }, /^prefs\.dailyReminder must be a time of day/],
      [{ ...good, prefs: { ...NONE, sound: true } }, /^prefs\.sound is not a known field$/],
      [{ ...good, topic: 'x' }, /^topic is not a known field$/],
      [{ ...good, endpoint: 'http://127.0.0.1/push/x' }, /^endpoint must be an https: URL \(got http:\)$/],
    ];
    for (const [body, message] of cases) {
      const res = await t.http.put('/api/push/subscription').set(a).send(body);
      expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    }
    expect(await t.sql('SELECT * FROM push_subscriptions')).toEqual([]);
    // Browsers' padded base64 is fine too.
    await t.http.put('/api/push/subscription').set(a).send({ ...good, keys: { p256dh: `${keys.p256dh}=`, auth: `${keys.auth}==` } }).expect(200);
  });

  it('needs a signed-in device for every route', async () => {
    await family();
    await t.http.get('/api/push/key').expect(401);
    await t.http.get('/api/push/subscription').expect(401);
    await t.http.put('/api/push/subscription').send({}).expect(401);
    await t.http.delete('/api/push/subscription').expect(401);
    await t.http.post('/api/push/test').expect(401);
  });
});
