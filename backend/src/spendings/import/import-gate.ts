import { HttpStatus, Injectable } from '@nestjs/common';
import { RetryLaterException } from '../../common/errors';
import { fileRefusal } from './import-reasons';

/** Imports running at once on this server; each holds up to a 4 MiB file and its rows in memory. */
export const MAX_IMPORTS_AT_ONCE = 2;

/**
 * Bounds the memory imports can take: one import at a time per user, and at most
 * `MAX_IMPORTS_AT_ONCE` on the server. A caller who finds no room is told when to try again;
 * nothing waits in memory, and the file is not read until there is room for it.
 */
@Injectable()
export class ImportGate {
  private readonly running = new Set<string>();

  /** Takes a place for `userId`'s import; call the returned function when it is done. */
  enter(userId: string): () => void {
    if (this.running.has(userId)) {
      throw new RetryLaterException(HttpStatus.TOO_MANY_REQUESTS, fileRefusal('busyUser'), 5);
    }
    if (this.running.size >= MAX_IMPORTS_AT_ONCE) {
      throw new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, fileRefusal('busyServer'), 30);
    }
    this.running.add(userId);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running.delete(userId);
    };
  }
}
