import { inject, Injectable, Injector, signal } from '@angular/core';
import type { OfflineQueue } from './offline-queue';

/**
 * The offline queue without its weight: the first screen does not need IndexedDB, so the queue
 * (and idb) load right after start-up in a chunk of their own. The shell and sign-in reach it
 * through here; pages that record spendings inject `OfflineQueue` itself (the same instance).
 */
@Injectable({ providedIn: 'root' })
export class OfflineQueueHandle {
  private readonly injector = inject(Injector);
  private loading: Promise<OfflineQueue> | null = null;
  /** The queue once loaded (null before): for signals such as `waiting()`. */
  readonly loaded = signal<OfflineQueue | null>(null);

  queue(): Promise<OfflineQueue> {
    this.loading ??= import('./offline-queue').then((m) => {
      const queue = this.injector.get(m.OfflineQueue);
      this.loaded.set(queue);
      return queue;
    });
    return this.loading;
  }
}
