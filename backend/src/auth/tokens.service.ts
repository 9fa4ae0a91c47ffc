import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock';
import { BoundedMap } from '../common/bounded-map';

export const ACCESS_TOKEN_TTL_SECONDS = 30 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  sub: string;
  sid: string;
  typ: TokenType;
  jti: string;
  iat: number;
  exp: number;
}

/** How many verified tokens are remembered (the oldest goes first). */
const MAX_VERIFIED_TOKENS = 10_000;

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Issues and checks the JWTs. HS256 only (the algorithm is pinned on both sides), and the
 * `typ` claim keeps access and refresh tokens from standing in for each other.
 */
@Injectable()
export class TokensService {
  /** Tokens whose signature was checked already: the same string needs no second HMAC. */
  private readonly verified = new BoundedMap<string, TokenClaims>(MAX_VERIFIED_TOKENS);

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  sign(type: TokenType, userId: string, sessionId: string): SignedToken {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + (type === 'access' ? ACCESS_TOKEN_TTL_SECONDS : REFRESH_TOKEN_TTL_SECONDS);
    const claims: TokenClaims = { sub: userId, sid: sessionId, typ: type, jti: randomUUID(), iat, exp };
    return { token: this.jwt.sign(claims, { algorithm: 'HS256' }), expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid, unexpired token of the given type, or null. */
  verify(token: string, type: TokenType): TokenClaims | null {
    const seen = this.remembered(token, type);
    if (seen !== undefined) return seen;
    let payload: unknown;
    try {
      // Expiry is judged by the injected clock in accept(), as for the tokens passport-jwt checks.
      payload = this.jwt.verify<object>(token, { algorithms: ['HS256'], ignoreExpiration: true });
    } catch {
      return null;
    }
    return this.accept(token, payload, type);
  }

  /**
   * A token whose signature was checked before: its claims while they are unexpired by the
   * clock and of the given type, null when not; undefined for a token never seen (or forgotten).
   */
  remembered(token: string, type: TokenType): TokenClaims | null | undefined {
    const known = this.verified.get(token);
    if (!known) return undefined;
    if (this.nowSeconds() < known.exp) return known.typ === type ? known : null;
    this.verified.delete(token);
    return null;
  }

  /**
   * The claims of `token` once its signature and algorithm have been checked (by verify() or by
   * passport-jwt in the access-token strategy): well-formed, unexpired by the clock and of the
   * given type, or null. Remembered, so the same string needs no second HMAC.
   */
  accept(token: string, payload: unknown, type: TokenType): TokenClaims | null {
    if (!isClaims(payload) || this.nowSeconds() >= payload.exp) return null;
    this.verified.set(token, payload);
    return payload.typ === type ? payload : null;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

function isClaims(payload: unknown): payload is TokenClaims {
  const claims = payload as Partial<TokenClaims> | null;
  return (
    typeof claims === 'object' &&
    claims !== null &&
    typeof claims.typ === 'string' &&
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.jti === 'string' &&
    typeof claims.exp === 'number'
  );
}
