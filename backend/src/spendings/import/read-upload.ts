import type { Readable } from 'node:stream';
import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { tooLarge } from '../../common/request-body';
import { text } from '../../i18n/server-text';

/**
 * Reads an uploaded file as bytes: at most `limit` (413 beyond; what arrives after is dropped,
 * never kept), within `timeoutMs` (408), with the same answers as `readBodyText`
 * (common/request-body.ts). Unlike it, it leaves the bytes undecoded: a CSV is parsed from them
 * as they are (no second copy as a string), and a bank's OFX or QIF file may be in
 * Windows-1252 rather than UTF-8.
 */
export function readUpload(stream: Readable, limit: number, timeoutMs: number): Promise<Buffer> {
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
