import { createHmac } from 'node:crypto';
import { FakeClock, MINUTE } from './support/fake-clock';
import { decodeJwt, forgeJwt } from './support/jwt';
import { bearer, login, registerUser, RegisteredUser, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/** A JWT correctly signed with the app's key, but with another HMAC than HS256. */
function signedWith(alg: 'HS384' | 'HS512', payload: object): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  return `${body}.${createHmac(alg === 'HS384' ? 'sha384' : 'sha512', TEST_JWT_SECRET).update(body).digest('base64url')}`;
}

/**
 * The access-token check is Passport's 'jwt' strategy (JwtStrategy, run by AccessTokenGuard).
 * These pin what it must keep from the hand-written guard it replaced, on a token's first
 * sight (passport-jwt checks it) and on later requests (its claims are remembered).
 */
describe('sign-in checking (Passport JWT strategy)', () => {
  let t: TestApp;
  let anna: RegisteredUser;
  afterEach(() => t.dispose());

  const me = (token: string) => t.http.get('/api/me').set(bearer(token));
  const reasonOf = async (token: string) => (await me(token).expect(401)).body.reason;

  describe('on the default test clock', () => {
    beforeEach(async () => {
      t = await startTestApp();
      anna = await registerUser(t, 'anna');
    });

    it('sets the same signed-in user for the controllers', async () => {
      const res = await me(anna.accessToken).expect(200);
      expect(res.body).toMatchObject({ id: anna.id, username: 'anna' });
    });

    it('takes HS256 only: the same claims signed with none, HS384 or HS512 are refused', async () => {
      const { payload } = decodeJwt(anna.accessToken);
      for (const token of [
        forgeJwt({ alg: 'none', typ: 'JWT' }, payload, null),
        forgeJwt({ alg: 'none' }, payload, null).slice(0, -1), // "header.payload" without the final dot
        signedWith('HS384', payload),
        signedWith('HS512', payload),
        forgeJwt({ alg: 'HS512', typ: 'JWT' }, payload, TEST_JWT_SECRET), // an HS256 signature under another name
      ]) {
        expect(await reasonOf(token)).toBe('invalid_token');
      }
      await me(anna.accessToken).expect(200); // … while the real token works, before and after
      expect(await reasonOf(signedWith('HS512', payload))).toBe('invalid_token');
    });

    it('refuses a refresh token as access token, whether first seen here or already known from /refresh', async () => {
      expect(await reasonOf(anna.refreshToken)).toBe('invalid_token');
      const pair = await t.http.post('/api/auth/refresh').send({ refreshToken: anna.refreshToken }).expect(200);
      expect(await reasonOf(pair.body.refreshToken)).toBe('invalid_token'); // unknown to the strategy
      await t.http.post('/api/auth/refresh').send({ refreshToken: pair.body.refreshToken }).expect(200);
      expect(await reasonOf(pair.body.refreshToken)).toBe('invalid_token'); // remembered, as a refresh token
    });

    it('refuses a token signed with the key but without the claims of an access token', async () => {
      const { payload } = decodeJwt(anna.accessToken);
      const { sid: _sid, ...withoutSession } = payload;
      expect(await reasonOf(forgeJwt({ alg: 'HS256', typ: 'JWT' }, withoutSession, TEST_JWT_SECRET))).toBe('invalid_token');
      expect(await reasonOf(forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...payload, exp: String(payload.exp) }, TEST_JWT_SECRET))).toBe('invalid_token');
      expect(await reasonOf(forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...payload, typ: undefined }, TEST_JWT_SECRET))).toBe('invalid_token');
    });

    it('answers missing_token when there is no single bearer token', async () => {
      for (const header of [undefined, `Basic ${anna.accessToken}`, `Bearer ${anna.accessToken} extra`, 'Bearer', `Token ${anna.accessToken}`]) {
        const req = t.http.get('/api/me');
        const res = await (header === undefined ? req : req.set('Authorization', header)).expect(401);
        expect(res.body).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Sign in first: this request needs an access token (Authorization: Bearer …).',
          reason: 'missing_token',
        });
      }
      await t.http.get('/api/me').set('Authorization', `bearer   ${anna.accessToken}`).expect(200); // the scheme in any case, any spacing
    });

    it('ends a session at once when the account signs in elsewhere, with the reason, though the token was just used', async () => {
      await me(anna.accessToken).expect(200); // its session context is cached now
      await login(t, anna);
      expect((await me(anna.accessToken).expect(401)).body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'You signed in on another device, so this device was signed out.',
        reason: 'session_replaced',
      });
    });

    it('ends a session at once on logout', async () => {
      await me(anna.accessToken).expect(200);
      await t.http.post('/api/auth/logout').set(bearer(anna.accessToken)).expect(204);
      expect((await me(anna.accessToken).expect(401)).body).toMatchObject({ reason: 'session_ended', message: 'This session has ended. Please sign in again.' });
    });

    it('checks each application against its own database when two run in one process (as the admin tool does)', async () => {
      const other = await startTestApp(); // same key, another database: anna's session does not exist there
      try {
        await me(anna.accessToken).expect(200);
        expect((await other.http.get('/api/me').set(bearer(anna.accessToken)).expect(401)).body.reason).toBe('session_ended');
        await me(anna.accessToken).expect(200);
      } finally {
        await other.dispose();
      }
      await me(anna.accessToken).expect(200);
    });
  });

  describe('expiry by the injected clock, not the wall clock', () => {
    it('refuses a token expired by the clock though the wall clock says it is valid (first seen, or already known)', async () => {
      t = await startTestApp({ clock: new FakeClock(new Date()) });
      anna = await registerUser(t, 'anna');
      const unused = (await t.http.post('/api/auth/refresh').send({ refreshToken: anna.refreshToken }).expect(200)).body.accessToken;
      await me(anna.accessToken).expect(200);
      t.clock.advance(29 * MINUTE); // registerUser moved the clock on by under a minute already
      await me(anna.accessToken).expect(200);
      t.clock.advance(2 * MINUTE); // past both tokens' expiry by the clock; by the wall clock they have ~30 minutes left
      expect(await reasonOf(anna.accessToken)).toBe('invalid_token'); // known to the strategy
      expect(await reasonOf(unused)).toBe('invalid_token'); // never used before
    });

    it('accepts a token the clock finds valid though by the wall clock it expired long ago', async () => {
      t = await startTestApp({ clock: new FakeClock(new Date(Date.now() - 3 * 24 * 60 * MINUTE)) });
      anna = await registerUser(t, 'anna');
      expect((decodeJwt(anna.accessToken).payload.exp as number) * 1000).toBeLessThan(Date.now());
      await me(anna.accessToken).expect(200);
      await me(anna.accessToken).expect(200);
    });
  });
});
