import { createECDH, createDecipheriv, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';

/**
 * The device's side of Web Push, for tests: a browser's subscription keys, decrypting what a push
 * service delivers (RFC 8291 keys, RFC 8188 framing) and checking the VAPID signature (RFC 8292).
 * Only node:crypto: the API tests (support/push.ts) and the browser tests
 * (e2e/support/push-service.ts) both use it.
 */

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
