import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, globalAgent, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { browserKeys, decryptPush, verifyVapid } from './web-push-crypto';
export type { BrowserKeys, VapidClaims } from './web-push-crypto';

/** A fixed VAPID pair for tests that start the API in production mode (never used anywhere real). */
export const TEST_VAPID = {
  VAPID_PUBLIC_KEY: 'BN2fYGN0dJ2JfoWbsN3epKB9T8nho204mmG7kI_BgnB1oZqVueu9IS_YAoVt9RSmkcS-xM4aXBzUm2Sc_KU4Ks0',
  VAPID_PRIVATE_KEY: 'XE4yOqVpyRfUs29OUD1af5THmAhQI16ElQnnnvhtA7w',
  VAPID_SUBJECT: 'mailto:tests@stracker.example',
};

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
