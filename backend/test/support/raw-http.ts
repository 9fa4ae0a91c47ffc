import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp } from './test-app';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The app's HTTP server listening on a loopback port (as supertest does it), for requests supertest cannot make. */
export async function address(t: TestApp): Promise<{ host: string; port: number }> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
}

/**
 * Sends a request whose body is only partly sent: the headers announce `declaredLength`
 * bytes, `sent` of them go out, and the answer is awaited without ever sending the rest.
 * An answer proves the server decided without reading (or waiting for) the whole body.
 */
export async function partialRequest(
  t: TestApp,
  options: { method: string; path: string; headers: Record<string, string>; declaredLength: number; sent: Buffer },
): Promise<RawResponse> {
  const { host, port } = await address(t);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest({ host, port, method: options.method, path: options.path, headers: { ...options.headers, 'content-length': String(options.declaredLength) } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(options.sent);
    // Never ended: the rest of the body never comes.
  });
}

/** Sends a body in pieces as a slow client would; returns a function that sends the rest and awaits the answer. */
export async function slowUpload(
  t: TestApp,
  options: { path: string; headers: Record<string, string>; body: Buffer; firstBytes: number },
): Promise<{ finish: () => Promise<RawResponse> }> {
  const { host, port } = await address(t);
  const req = httpRequest({ host, port, method: 'POST', path: options.path, headers: { ...options.headers, 'content-length': String(options.body.length) } });
  const answer = new Promise<RawResponse>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
  await new Promise<void>((resolve) => req.write(options.body.subarray(0, options.firstBytes), () => resolve()));
  // Let the server see the first bytes (and start the import) before anything else happens.
  await new Promise((r) => setTimeout(r, 100));
  return {
    finish: () => {
      req.end(options.body.subarray(options.firstBytes));
      return answer;
    },
  };
}
