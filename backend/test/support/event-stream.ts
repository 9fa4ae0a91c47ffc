import { request as httpRequest, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp } from './test-app';

export interface OpenStream {
  status: number;
  contentType: string | undefined;
  /** Every event so far ({ event, data }), in order. */
  events: Array<{ event: string; data: unknown }>;
  /** The raw text so far (comments included). */
  text: () => string;
  ended: Promise<void>;
  next(event: string, withinMs?: number): Promise<unknown>;
  close(): void;
}

/** GET /api/events on the app's real socket, parsing the server-sent events as they come. */
export function openStream(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res: IncomingMessage) => {
      let raw = '';
      const events: OpenStream['events'] = [];
      const waiting: Array<() => void> = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        const blocks = raw.split('\n\n');
        events.length = 0;
        for (const block of blocks.slice(0, -1)) {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data ? JSON.parse(data) : null });
        }
        waiting.splice(0).forEach((wake) => wake());
      });
      const ended = new Promise<void>((done) => res.on('end', done).on('close', done));
      resolve({
        status: res.statusCode!,
        contentType: res.headers['content-type'],
        events,
        text: () => raw,
        ended,
        async next(event, withinMs = 2000) {
          const seen = events.filter((e) => e.event === event).length;
          const deadline = Date.now() + withinMs;
          while (events.filter((e) => e.event === event).length === seen) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no "${event}" event within ${withinMs} ms; got: ${JSON.stringify(raw)}`);
            await new Promise<void>((wake) => {
              const timer = setTimeout(wake, left);
              waiting.push(() => {
                clearTimeout(timer);
                wake();
              });
            });
          }
          return events.filter((e) => e.event === event)[seen].data;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
