import { createECDH, createDecipheriv, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { STACK } from './stack';

/**
 * A push service of the browser tests' own, standing in for FCM / Mozilla / Apple, which a
 * machine without internet cannot reach. It hands out subscriptions (an endpoint on itself plus
 * a browser's P-256 key pair and auth secret, whose private half stays here), and for every
 * message the API POSTs to one of them it checks the VAPID signature, decrypts the payload with
 * the subscription's keys as the device would, and hands the plain text to `onPush` — which
 * gives it to the page's service worker (browser-push.ts). It serves over HTTPS on 127.0.0.1 with
 * the stack's own certificate, which the API trusts (NODE_EXTRA_CA_CERTS in global-setup.ts) and
 * may post to because the e2e stack runs with PUSH_ALLOW_PRIVATE_ENDPOINTS=true.
 *
 * The crypto is the API tests' (backend/test/support/push.ts), repeated here so the browser
 * tests import nothing from the backend's tests.
 */

/** What a browser's subscription holds: the endpoint and its keys (`PushSubscription.toJSON()`). */
export interface DeviceSubscription {
  readonly endpoint: string;
  /** The uncompressed P-256 public point, base64url. */
  readonly p256dh: string;
  /** 16 random bytes, base64url. */
  readonly auth: string;
}

interface DeviceKeys extends DeviceSubscription {
  readonly privateKey: Buffer;
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

export interface ReceivedPush {
  readonly path: string;
  /** The sender's VAPID key (`k`) and the claims of its signed JWT. */
  readonly vapid: { publicKey: string; claims: VapidClaims };
  readonly ttl: string | undefined;
  readonly urgency: string | undefined;
  /** The decrypted payload. */
  readonly payload: string;
}

export class LocalPushService {
  readonly received: ReceivedPush[] = [];
  /** What went wrong with a message (a bad signature, a payload that does not decrypt). */
  readonly problems: string[] = [];
  /** Receives each decrypted payload before the service answers 201 (a rejection answers 500). */
  onPush: ((payload: string, path: string) => Promise<void>) | null = null;
  private readonly devices = new Map<string, DeviceKeys>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<LocalPushService> {
    const certs = join(STACK.dir, 'certs');
    let service: LocalPushService | undefined;
    const server = createServer({ key: readFileSync(join(certs, 'privkey.pem')), cert: readFileSync(join(certs, 'fullchain.pem')) }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void service!.handle(request.method ?? '', request.url ?? '', request.headers, Buffer.concat(chunks)).then((status) => response.writeHead(status).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    service = new LocalPushService(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return service;
  }

  /** A new subscription, as a push service hands one to a browser that subscribes. */
  device(): DeviceSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const keys: DeviceKeys = {
      endpoint: `${this.origin}/push/${randomBytes(12).toString('hex')}`,
      p256dh: ecdh.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
      privateKey: ecdh.getPrivateKey(),
    };
    this.devices.set(new URL(keys.endpoint).pathname, keys);
    const { endpoint, p256dh, auth } = keys;
    return { endpoint, p256dh, auth };
  }

  /** What arrived for `endpoint`. */
  to(endpoint: string): ReceivedPush[] {
    const path = new URL(endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<number> {
    const keys = this.devices.get(path);
    if (method !== 'POST' || !keys) return 404; // a subscription this service never made (or forgot)
    let received: ReceivedPush;
    try {
      const vapid = verifyVapid(headers['authorization'] as string | undefined);
      if (headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding is ${headers['content-encoding']}, not aes128gcm`);
      received = { path, vapid, ttl: headers['ttl'] as string | undefined, urgency: headers['urgency'] as string | undefined, payload: decryptPush(body, keys) };
    } catch (error) {
      this.problems.push(String(error));
      return 400;
    }
    this.received.push(received);
    try {
      await this.onPush?.(received.payload, path);
      return 201;
    } catch (error) {
      this.problems.push(`delivering to the browser: ${String(error)}`);
      return 500;
    }
  }
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * Decrypts an `aes128gcm` Web Push body (RFC 8188 framing, RFC 8291 keys) with the receiving
 * browser's keys: what the push service cannot do, and what the device does.
 */
export function decryptPush(body: Buffer, keys: Pick<DeviceKeys, 'privateKey' | 'p256dh' | 'auth'>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const serverPublic = body.subarray(21, 21 + idLength); // as_public: the sender's ephemeral key
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65 || serverPublic[0] !== 4) throw new Error(`keyid is not an uncompressed P-256 point (${idLength} bytes)`);
  if (ciphertext.length > recordSize) throw new Error('more than one record; a push message has one');

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(keys.privateKey);
  const sharedSecret = ecdh.computeSecret(serverPublic);
  const authSecret = Buffer.from(keys.auth, 'base64url');
  const browserPublic = Buffer.from(keys.p256dh, 'base64url');
  // RFC 8291 § 3.3: IKM from the ECDH secret and the auth secret, bound to both public keys.
  const prkKey = hmac(authSecret, sharedSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserPublic, serverPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  // RFC 8188 § 2.2: content-encryption key and nonce from the salt.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);

  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the record does not end with the last-record delimiter 0x02');
  return padded.subarray(0, end).toString('utf8');
}

/**
 * Checks an `Authorization: vapid t=<JWT>, k=<public key>` header (RFC 8292): an ES256 JWT whose
 * signature verifies with `k`; returns `k` and the claims.
 */
export function verifyVapid(authorization: string | undefined): { publicKey: string; claims: VapidClaims } {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [, jwt, k] = match;
  const [headerPart, claimsPart, signaturePart] = jwt.split('.');
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as { alg: string };
  if (header.alg !== 'ES256') throw new Error(`JWT alg is ${header.alg}, not ES256`);
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) throw new Error('an ES256 signature is 64 bytes (r || s)');
  if (!verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw new Error('the VAPID signature does not verify with k');
  }
  return { publicKey: k, claims: JSON.parse(Buffer.from(claimsPart, 'base64url').toString()) as VapidClaims };
}
