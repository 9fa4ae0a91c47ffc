import { execFileSync } from 'node:child_process';
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, globalAgent, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fixed VAPID pair for tests that start the API in production mode (never used anywhere real). */
export const TEST_VAPID = {
  VAPID_PUBLIC_KEY: 'BN2fYGN0dJ2JfoWbsN3epKB9T8nho204mmG7kI_BgnB1oZqVueu9IS_YAoVt9RSmkcS-xM4aXBzUm2Sc_KU4Ks0',
  VAPID_PRIVATE_KEY: 'XE4yOqVpyRfUs29OUD1af5THmAhQI16ElQnnnvhtA7w',
  VAPID_SUBJECT: 'mailto:tests@stracker.example',
};

/** What a browser holds for a push subscription: its ECDH key pair and auth secret (RFC 8291). */
export interface BrowserKeys {
  readonly privateKey: Buffer;
  /** `p256dh`: the uncompressed public point, base64url. */
  readonly p256dh: string;
  /** `auth`: 16 random bytes, base64url. */
  readonly auth: string;
}

/** Makes the keys the way a browser does when it subscribes. */
export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { privateKey: ecdh.getPrivateKey(), p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * Decrypts an `aes128gcm` Web Push body (RFC 8188 framing, RFC 8291 keys) with the receiving
 * browser's keys: what the push service cannot do, and what the device does.
 */
export function decryptPush(body: Buffer, keys: BrowserKeys): string {
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

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
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
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as { alg: string; typ?: string };
  if (header.alg !== 'ES256') throw new Error(`JWT alg is ${header.alg}, not ES256`);
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) throw new Error('an ES256 signature is 64 bytes (r || s)');
  const valid = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) throw new Error('the VAPID signature does not verify with k');
  return { publicKey: k, claims: JSON.parse(Buffer.from(claimsPart, 'base64url').toString()) as VapidClaims };
}

export interface ReceivedPush {
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/**
 * A push service of the test's own: an HTTPS server on 127.0.0.1 with a certificate made for
 * the test, trusted by Node's global agent while it runs (web-push sends through it when the
 * API allows private endpoints). It answers 201, or what `answer` says for a path.
 */
export class TestPushService {
  readonly received: ReceivedPush[] = [];
  /** Status to answer per subscription path (default 201 Created). */
  readonly answer = new Map<string, number>();
  /** A body to answer with per path (default none). */
  readonly answerBody = new Map<string, Buffer>();
  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    private readonly previousCa: unknown,
    readonly origin: string,
    /** The certificate it serves (its own CA). */
    readonly ca: Buffer,
  ) {}

  static async start(): Promise<TestPushService> {
    const dir = mkdtempSync(join(tmpdir(), 'stracker-push-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    let service: TestPushService | undefined;
    const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        service!.received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(service!.answer.get(path) ?? 201).end(service!.answerBody.get(path));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const previousCa = globalAgent.options.ca;
    globalAgent.options.ca = cert;
    service = new TestPushService(server, dir, previousCa, `https://127.0.0.1:${(server.address() as AddressInfo).port}`, cert);
    return service;
  }

  /** A fresh endpoint on this service, as a push service would hand one to a browser. */
  endpoint(): string {
    return `${this.origin}/push/${randomBytes(12).toString('hex')}`;
  }

  /** What arrived for `endpoint`. */
  to(endpoint: string): ReceivedPush[] {
    const path = new URL(endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    globalAgent.options.ca = this.previousCa as typeof globalAgent.options.ca;
    globalAgent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
