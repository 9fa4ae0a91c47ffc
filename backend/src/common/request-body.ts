import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { BadRequestException, HttpException, HttpStatus, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { Message, text } from '../i18n/server-text';

/** A route that takes a file: its body is handed to the handler unread, as a stream. */
export interface StreamedRoute {
  method: string;
  /** The route as registered, e.g. `/api/spendings/import`. */
  url: string;
  /** Media types the route accepts, lower case, without parameters. */
  mediaTypes: readonly string[];
  /** The most the handler will read; a larger Content-Length is refused at once. */
  limit: number;
}

export interface BodyPolicy {
  /** The limit for every JSON body. */
  jsonLimit: number;
  streamed: readonly StreamedRoute[];
}

/** A JSON body (at most 16 KiB) that takes longer than this to arrive is dropped. */
const JSON_TIMEOUT_MS = 30_000;

/**
 * How request bodies are read, for every route:
 * - JSON up to `jsonLimit` (413 beyond, 400 when malformed or carrying `__proto__` or
 *   `constructor.prototype` keys);
 * - any other content type is refused with 415 before a byte of its body is read;
 * - a declared Content-Length above the route's limit is refused with 413 at once, whatever
 *   the content type or method, and the connection is closed rather than drained;
 * - a streamed route (a file upload) gets its body unread, so its handler reads it only after
 *   the caller is authenticated, with its own limit (`readBodyText`).
 * Fastify's text/plain parser and Nest's urlencoded one are not installed: nothing else ever
 * buffers a body.
 */
export function installBodyPolicy(fastify: FastifyInstance, policy: BodyPolicy): void {
  const streamedRoute = (request: FastifyRequest): StreamedRoute | undefined =>
    policy.streamed.find((route) => route.method === request.method && route.url === request.routeOptions.url);

  fastify.addHook('onRequest', (request, reply, done) => {
    const declared = Number(request.headers['content-length']);
    const limit = streamedRoute(request)?.limit ?? policy.jsonLimit;
    if (!(declared > limit)) return done();
    void reply.header('connection', 'close');
    done(tooLarge(limit));
  });

  // A streamed body that was refused unread (no token, a busy server) is drained, up to the
  // route's limit, and dropped as it comes: nothing is kept in memory. Closing the connection
  // instead cut nginx off while it was still passing on the upload it had already taken in
  // whole, and the caller got 502 Bad Gateway instead of this answer. Past the limit (a body
  // sent without a length) the connection is closed.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const body = request.body as IncomingMessage | undefined;
    const route = streamedRoute(request);
    if (reply.statusCode >= 400 && route && body === request.raw && body.readableFlowing === null && !body.complete) {
      let seen = 0;
      body.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > route.limit) body.destroy();
      });
      body.on('error', () => undefined);
      body.resume();
    }
    done(null, payload);
  });

  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    readBodyText(payload, policy.jsonLimit, JSON_TIMEOUT_MS)
      .then(parseJson)
      .then(
        (body) => done(null, body),
        (error: Error) => done(error, undefined),
      );
  });
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const route = streamedRoute(request);
    if (route?.mediaTypes.includes(mediaType(request.headers['content-type']))) {
      done(null, payload);
      return;
    }
    done(unsupportedMediaType(route), undefined);
  });
}

/** JSON.parse that refuses keys which could reach Object.prototype when merged. */
function parseJson(body: string): unknown {
  if (body.trim() === '') throw new BadRequestException(text('request.bodyEmpty'));
  try {
    return secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (/prototype property/.test((error as Error).message)) throw new BadRequestException([text('request.prototypeKeys')]);
    throw new BadRequestException(text('request.bodyNotJson'));
  }
}

/** `text/CSV; charset=utf-8` → `text/csv`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function unsupportedMediaType(route: StreamedRoute | undefined): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException(route ? text('request.sendFile', { types: route.mediaTypes }) : text('request.mustBeJson'));
}

export function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(text('request.tooLarge', { size: describeBytes(limit) }));
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * Reads a request body stream as UTF-8 text: at most `limit` bytes (413 beyond, and what
 * arrives after is dropped, never kept), within `timeoutMs` (408), and only valid UTF-8 (400).
 */
export async function readBodyText(stream: Readable, limit: number, timeoutMs: number, notUtf8: Message = text('request.notUtf8')): Promise<string> {
  const bytes = await readBodyBytes(stream, limit, timeoutMs);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestException(notUtf8);
  }
}

/**
 * Reads a request body stream as bytes: at most `limit` (413 beyond, and what arrives after is
 * dropped, never kept), within `timeoutMs` (408). The import parses a CSV from them as they are
 * (no second copy as a string), and a bank's OFX or QIF file may be in Windows-1252.
 */
export function readBodyBytes(stream: Readable, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish(new HttpException(text('request.tooSlow'), HttpStatus.REQUEST_TIMEOUT)), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onError = () => finish(new BadRequestException(text('request.interrupted')));
    function finish(error: Error | null, bytes?: Buffer): void {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
      chunks.length = 0;
      if (error) {
        stream.resume(); // drop whatever else arrives, so the answer can be sent
        reject(error);
      } else resolve(bytes!);
    }
    stream.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
    stream.resume();
  });
}
