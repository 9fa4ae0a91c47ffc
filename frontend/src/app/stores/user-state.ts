import { Signal, computed, inject, signal } from '@angular/core';
import { TokenStore } from '../core/token-store';

/**
 * A value the server gave for the signed-in user, kept while the app runs so every page shows
 * the same one. Readable only by that user: after a sign-out, or another person signing in on
 * this phone, it reads null until it is loaded again. Call in an injection context.
 */
export class UserState<T> {
  private readonly userId = inject(TokenStore).userId;
  private readonly state = signal<{ user: string | null; value: T } | null>(null);

  /** The value for the signed-in user, or null until loaded. */
  readonly value: Signal<T | null> = computed(() => {
    const state = this.state();
    return state && state.user === this.userId() ? state.value : null;
  });

  set(value: T): T {
    this.state.set({ user: this.userId(), value });
    return value;
  }
}
