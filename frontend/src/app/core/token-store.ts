import { Injectable, computed, signal } from '@angular/core';
import { TokenPairDto } from '../api/models';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

const KEY = 'stracker.tokens';

/**
 * The token pair, kept on the device (localStorage) so a reload or a new tab stays signed
 * in, and mirrored in a signal. Other tabs' changes arrive through the `storage` event.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private readonly tokens = signal<StoredTokens | null>(TokenStore.read());
  readonly current = this.tokens.asReadonly();
  readonly signedIn = computed(() => this.tokens() !== null);
  /**
   * The signed-in user's id, or null: the `sub` of the access token. The one place the PWA
   * learns who is signed in — known at once and offline too, with no extra request.
   */
  readonly userId = computed(() => subjectOf(this.tokens()?.accessToken));

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key === KEY || event.key === null) this.tokens.set(TokenStore.read());
    });
  }

  set(pair: TokenPairDto): void {
    const tokens: StoredTokens = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt: pair.accessExpiresAt,
      refreshExpiresAt: pair.refreshExpiresAt,
    };
    localStorage.setItem(KEY, JSON.stringify(tokens));
    this.tokens.set(tokens);
  }

  clear(): void {
    localStorage.removeItem(KEY);
    this.tokens.set(null);
  }

  /** What is in storage right now (another tab may have refreshed meanwhile). */
  reload(): StoredTokens | null {
    const tokens = TokenStore.read();
    this.tokens.set(tokens);
    return tokens;
  }

  private static read(): StoredTokens | null {
    try {
      const raw = localStorage.getItem(KEY);
      const parsed = raw ? (JSON.parse(raw) as StoredTokens) : null;
      return parsed?.accessToken && parsed.refreshToken ? parsed : null;
    } catch {
      return null;
    }
  }
}

/** The `sub` claim of a JWT, or null when there is none (the signature is the server's business). */
export function subjectOf(jwt: string | undefined): string | null {
  try {
    const payload = JSON.parse(atob(jwt!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
