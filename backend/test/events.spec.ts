import { openStream, OpenStream } from './support/event-stream';
import { SECOND } from './support/fake-clock';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TestApp } from './support/test-app';

describe('live events (GET /api/events)', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  let bert: RegisteredUser;
  let otto: RegisteredUser;
  const streams: OpenStream[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const stream = await openStream(t, path, headers);
    streams.push(stream);
    return stream;
  };

  beforeEach(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    anna = await registerUser(t, 'anna');
    const code = (await t.http.post('/api/household/invites').set(bearer(anna.accessToken)).expect(201)).body.code;
    bert = await registerUser(t, 'bert', { inviteCode: code });
    otto = await registerUser(t, 'otto'); // another family
  });
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    await t.dispose();
  });

  const spend = (user: RegisteredUser, funnelId: string, amount = 5) =>
    t.http.post('/api/spendings').set(bearer(user.accessToken)).send({ funnelId, amount }).expect(201);
  const newFunnel = async (user: RegisteredUser, shared: boolean) =>
    (await t.http.post('/api/funnels').set(bearer(user.accessToken)).send({ name: shared ? 'Fuel' : 'Mine', emoji: '⛽', color: '#123456', limit: 100, shared }).expect(201)).body.id as string;

  it("brings a member's spending in a shared funnel to the other member's open stream", async () => {
    const fuel = await newFunnel(bert, true);
    const annas = await open('/api/events', bearer(anna.accessToken));
    expect(annas.status).toBe(200);
    expect(annas.contentType).toMatch(/^text\/event-stream/);
    await spend(bert, fuel);
    expect(await annas.next('budget')).toEqual({});
    expect((await t.http.get('/api/budget').set(bearer(anna.accessToken)).expect(200)).body.funnels.find((f: { id: string }) => f.id === fuel).spent).toBe(5);
  });

  it("tells only those who see the figure: not about a member's personal funnel, nor another family's spending", async () => {
    const bertsOwn = await newFunnel(bert, false);
    const ottos = (await t.http.get('/api/funnels').set(bearer(otto.accessToken)).expect(200)).body[0].id as string;
    const shared = await newFunnel(anna, true);
    const annas = await open('/api/events', bearer(anna.accessToken));
    const berts = await open('/api/events', bearer(bert.accessToken));
    await spend(bert, bertsOwn);
    await berts.next('budget');
    await spend(otto, ottos);
    await spend(anna, shared); // the one anna hears about
    await annas.next('budget');
    await berts.next('budget');
    expect(annas.events).toEqual([{ event: 'budget', data: {} }]);
  });

  it('announces a sign-in elsewhere on the old device, with the reason a 401 gives, and ends the stream', async () => {
    const annas = await open('/api/events', bearer(anna.accessToken));
    await login(t, anna);
    expect(await annas.next('session')).toMatchObject({ reason: 'session_replaced' });
    await annas.ended;
  });

  it('opens with a single-use ticket that lives 30 s, so no token goes into a URL', async () => {
    const ticket = async () => (await t.http.post('/api/events/ticket').set(bearer(anna.accessToken)).expect(201)).body.ticket as string;
    const first = await ticket();
    expect((await open(`/api/events?ticket=${first}`)).status).toBe(200);
    const again = await open(`/api/events?ticket=${first}`);
    expect(again.status).toBe(401);
    await again.ended;
    expect(JSON.parse(again.text())).toMatchObject({ reason: 'invalid_ticket' });

    const late = await ticket();
    t.clock.advance(31 * SECOND);
    expect((await open(`/api/events?ticket=${late}`)).status).toBe(401);
  });

  it('refuses a stream without a token, with a bad ticket, or with an unknown parameter', async () => {
    const none = await open('/api/events');
    await none.ended;
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text())).toMatchObject({ reason: 'missing_token' });
    expect((await open('/api/events?ticket=%7B%7D')).status).toBe(401);
    expect((await open('/api/events?since=1', bearer(anna.accessToken))).status).toBe(400);
    await t.http.post('/api/events/ticket').expect(401);
  });

  it('keeps at most four streams per user: a fifth ends the oldest', async () => {
    const first = await open('/api/events', bearer(anna.accessToken));
    for (let i = 0; i < 4; i++) expect((await open('/api/events', bearer(anna.accessToken))).status).toBe(200);
    await first.ended;
  });
});
