import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { browserKeys, decryptPush, VapidClaims, verifyVapid } from '../../backend/test/support/web-push-crypto';
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
 * The crypto is the API tests' own (backend/test/support/web-push-crypto.ts: node:crypto only).
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
    const keys: DeviceKeys = { endpoint: `${this.origin}/push/${randomBytes(12).toString('hex')}`, ...browserKeys() };
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

