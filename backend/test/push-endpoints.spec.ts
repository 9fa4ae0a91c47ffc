import { request } from 'node:https';
import { BoundedAgent } from '../src/push/endpoint-guard';
import { browserKeys, TestPushService } from './support/push';
import { bearer, registerUser, startTestApp, TestApp } from './support/test-app';

/**
 * The SSRF guard on push endpoints through the API: the endpoint is a URL the server will POST
 * to, so only https: on a public address is stored (and sent to), unless the operator allows
 * private endpoints (PUSH_ALLOW_PRIVATE_ENDPOINTS=true, for tests and private networks).
 */
describe('push endpoints', () => {
  let service: TestPushService;
  let t: TestApp | undefined;
  beforeAll(async () => (service = await TestPushService.start()));
  afterAll(() => service.stop());
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  const prefs = { nearLimit: true, memberSpent: true, fixedCostDue: true, dailyReminder: null };
  const keys = () => {
    const k = browserKeys();
    return { p256dh: k.p256dh, auth: k.auth };
  };

  let app: TestApp;
  async function signedIn(env: NodeJS.ProcessEnv = {}) {
    t = app = await startTestApp({ env });
    return bearer((await registerUser(app, 'anna')).accessToken);
  }

  const put = (auth: { Authorization: string }, endpoint: string) => app.http.put('/api/push/subscription').set(auth).send({ endpoint, keys: keys(), prefs });

  const port = () => new URL(service.origin).port;
  const refused: Array<[string, RegExp]> = [
    ['https://127.0.0.1/push/a', /^endpoint must be on a public address: 127\.0\.0\.1 is a loopback address$/],
    ['https://10.0.0.1/push/a', /^endpoint must be on a public address: 10\.0\.0\.1 is a private address$/],
    ['https://192.168.178.1/push/a', /is a private address$/],
    ['https://100.64.1.1/push/a', /is a carrier-grade NAT/],
    ['https://169.254.169.254/latest/meta-data/', /^endpoint must be on a public address: 169\.254\.169\.254 is a link-local address \(the range of the cloud metadata service\)$/],
    ['https://[::1]/push/a', /^endpoint must be on a public address: ::1 is the loopback address$/],
    ['https://[fd00::1]/push/a', /is a unique local \(private\) address$/],
    ['https://[fe80::1]/push/a', /is a link-local address$/],
    ['https://[::ffff:169.254.169.254]/push/a', /an IPv6 form of a link-local address/],
    ['https://[::]/push/a', /the unspecified address$/],
    ['https://0.0.0.0/push/a', /unspecified/],
    ['https://2130706433/push/a', /127\.0\.0\.1 is a loopback address$/],
    ['http://93.184.216.34/push/a', /^endpoint must be an https: URL \(got http:\)$/],
    ['https://localhost/push/a', /^endpoint host localhost resolves to (127\.0\.0\.1|::1), (a|the) loopback address: push endpoints must be on public addresses$/],
  ];

  it('refuses endpoints on loopback, private, link-local and metadata addresses, http:, and names that resolve to them', async () => {
    const auth = await signedIn();
    for (const [endpoint, message] of refused) {
      const res = await put(auth, endpoint);
      expect([endpoint, res.status, res.body.message]).toEqual([endpoint, 400, [expect.stringMatching(message)]]);
    }
    expect(await app.sql('SELECT * FROM push_subscriptions')).toEqual([]);
    // A public address is fine (a name would be resolved; this machine has no DNS to ask).
    await put(auth, 'https://93.184.216.34/push/abc').expect(200);
    await put(auth, 'https://[2606:2800:220:1:248:1893:25c8:1946]/push/abc').expect(200);
  });

  it('checks again before sending: a stored endpoint that now leads to a private address gets nothing', async () => {
    const auth = await signedIn();
    await put(auth, 'https://93.184.216.34/push/abc').expect(200);
    // What a DNS answer changed after the subscription (rebinding) amounts to: the same name, a private address now.
    const endpoint = `https://localhost:${port()}/push/rebound`;
    await app.write('UPDATE push_subscriptions SET endpoint = ?', endpoint);
    const res = await app.http.post('/api/push/test').set(auth).expect(502);
    expect(res.body.message).toMatch(/not allowed/);
    expect(service.to(endpoint)).toEqual([]);
  });

  it('with PUSH_ALLOW_PRIVATE_ENDPOINTS=true accepts private addresses, but still only https:', async () => {
    const auth = await signedIn({ PUSH_ALLOW_PRIVATE_ENDPOINTS: 'true' });
    for (const [endpoint] of refused) {
      const res = await put(auth, endpoint);
      expect([endpoint, res.status]).toEqual([endpoint, endpoint.startsWith('http:') ? 400 : 200]);
    }
    const endpoint = service.endpoint(); // on 127.0.0.1
    await put(auth, endpoint).expect(200);
    await app.http.post('/api/push/test').set(auth).expect(204);
    expect(service.to(endpoint)).toHaveLength(1);
  });

  it('drops a connection whose answer grows past 64 KiB (web-push would keep all of it in memory)', async () => {
    const agent = new BoundedAgent({ keepAlive: true, maxSockets: 1, ca: service.ca });
    const post = (endpoint: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(endpoint, { method: 'POST', agent }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    const small = service.endpoint();
    service.answerBody.set(new URL(small).pathname, Buffer.alloc(40 * 1024, 'a'));
    // Two answers of 40 KiB on one kept-alive connection: each is counted on its own.
    expect(await post(small)).toBe(201);
    expect(await post(small)).toBe(201);
    const huge = service.endpoint();
    service.answerBody.set(new URL(huge).pathname, Buffer.alloc(1024 * 1024, 'a'));
    await expect(post(huge)).rejects.toThrow('the answer exceeded 64 KiB');
    agent.destroy();
  });
});
