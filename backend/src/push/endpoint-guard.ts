import { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { Agent, AgentOptions, RequestOptions } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { ServerText, text } from '../i18n/server-text';
import { addressProblem, endpointUrlProblem, literalAddress } from './endpoint-rules';

/** A name that takes longer than this to resolve is refused (the lookup runs in libuv's small thread pool). */
const LOOKUP_TIMEOUT_MS = 5_000;

/** A push service answers with a status and a line of text; more than this is not a push service (web-push would keep it all in memory). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** An endpoint the server must not POST to; `text` says why, for a 400 (`message`: in English, for a log line). */
export class EndpointRefused extends Error {
  constructor(readonly text: ServerText) {
    super(text.toString());
  }
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * The SSRF guard for push endpoints: `check` applies endpoint-rules.ts to an endpoint URL and
 * to every address its host name resolves to (at subscribe time and again before each send,
 * since a name may resolve elsewhere later), and `agent` pins the connection itself to
 * addresses that pass, so a name that changes its answer between the check and the connection
 * (DNS rebinding) is still refused. With `allowPrivate` (PUSH_ALLOW_PRIVATE_ENDPOINTS, for tests
 * and private networks) only the URL form is checked.
 */
export class EndpointGuard {
  /** Keep-alive connections to the few push services, every one made through the guarded lookup. */
  readonly agent: Agent | undefined;

  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: Resolve = systemResolve,
  ) {
    // With private endpoints allowed, web-push uses Node's global agent (and its trust store).
    this.agent = allowPrivate ? undefined : new BoundedAgent({ keepAlive: true, maxSockets: 16, lookup: this.guardedLookup() });
  }

  /** Resolves when `endpoint` may be sent to; otherwise rejects with EndpointRefused. */
  async check(endpoint: string): Promise<void> {
    const urlProblem = endpointUrlProblem(endpoint);
    if (urlProblem) throw new EndpointRefused(urlProblem);
    if (this.allowPrivate) return;
    const { hostname } = new URL(endpoint);
    const literal = literalAddress(hostname);
    if (literal !== null) {
      const problem = addressProblem(literal);
      if (problem) throw new EndpointRefused(text('push.endpointNotPublic', { field: 'endpoint', address: literal, what: problem }));
      return;
    }
    await this.publicAddresses(hostname);
  }

  /** Every address `hostname` resolves to, when all of them are public; else EndpointRefused. */
  private async publicAddresses(hostname: string): Promise<LookupAddress[]> {
    let addresses: LookupAddress[];
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        this.resolve(hostname),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), LOOKUP_TIMEOUT_MS);
          timer.unref();
        }),
      ]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new EndpointRefused(text('push.endpointUnresolved', { field: 'endpoint', host: hostname, code }));
    } finally {
      clearTimeout(timer);
    }
    if (addresses.length === 0) throw new EndpointRefused(text('push.endpointNoAddress', { field: 'endpoint', host: hostname }));
    for (const { address } of addresses) {
      const problem = addressProblem(address);
      if (problem) throw new EndpointRefused(text('push.endpointResolvesPrivate', { field: 'endpoint', host: hostname, address, what: problem }));
    }
    return addresses;
  }

  /** A `lookup` for sockets that answers only with public addresses (both of Node's calling forms). */
  private guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.publicAddresses(hostname).then(
        (addresses) => {
          const family = typeof options === 'object' ? options.family : undefined;
          const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
          if (wanted.length === 0) {
            callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), '', 0);
          } else if (typeof options === 'object' && options.all) {
            (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, wanted);
          } else {
            callback(null, wanted[0].address, wanted[0].family);
          }
        },
        (error: Error) => callback(Object.assign(error, { code: 'EPUSHREFUSED' }), '', 0),
      );
    };
  }
}

/** An agent whose connections are dropped once an answer grows past MAX_RESPONSE_BYTES. */
export class BoundedAgent extends Agent {
  private readonly received = new WeakMap<Duplex, number>();

  constructor(options: AgentOptions) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    socket?.on('data', (chunk: Buffer) => {
      const total = (this.received.get(socket) ?? 0) + chunk.length;
      this.received.set(socket, total);
      if (total > MAX_RESPONSE_BYTES) socket.destroy(new Error(`the answer exceeded ${MAX_RESPONSE_BYTES / 1024} KiB`));
    });
    return socket;
  }

  /** Back in the pool after an answer: the next request on it counts afresh. */
  override keepSocketAlive(socket: Duplex): void {
    this.received.set(socket, 0);
    return super.keepSocketAlive(socket);
  }
}
