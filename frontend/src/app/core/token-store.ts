import { Injectable, computed, signal } from '@angular/core';
import { TokenPairDto } from '../api/models';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

/** Who signed in on this device last: kept after a sign-out, so what they typed can wait for them. */
export interface DeviceUser {
  id: string;
  /** The username, when this device learnt it (typed at sign-in or registration). */
  name: string | null;
}

const KEY = 'stracker.tokens';
const LAST_USER_KEY = 'stracker.lastUser';

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
  private readonly last = signal<DeviceUser | null>(TokenStore.readLastUser());
  /**
   * The user who signed in here last, signed in or not: spendings typed (or refused with 401)
   * while signed out wait for them on this device, and the sign-in page names them.
   */
  readonly lastUser = this.last.asReadonly();

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key === KEY || event.key === null) this.tokens.set(TokenStore.read());
      if (event.key === LAST_USER_KEY || event.key === null) this.last.set(TokenStore.readLastUser());
    });
  }

  /** Stores a new pair; `name` is the username when the caller knows it (a refresh keeps the one known). */
  set(pair: TokenPairDto, name?: string): void {
    const tokens: StoredTokens = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt: pair.accessExpiresAt,
      refreshExpiresAt: pair.refreshExpiresAt,
    };
    localStorage.setItem(KEY, JSON.stringify(tokens));
    this.tokens.set(tokens);
    const id = subjectOf(pair.accessToken);
    if (id) {
      const known = this.last();
      const user: DeviceUser = { id, name: name ?? (known?.id === id ? known.name : null) };
      if (user.id !== known?.id || user.name !== known.name) {
        localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
        this.last.set(user);
      }
    }
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

  private static readLastUser(): DeviceUser | null {
    try {
      const parsed = JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? 'null') as DeviceUser | null;
      return typeof parsed?.id === 'string' ? { id: parsed.id, name: typeof parsed.name === 'string' ? parsed.name : null } : null;
    } catch {
      return null;
    }
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
