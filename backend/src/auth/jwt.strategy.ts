import { createSecretKey } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Passport } from 'passport';
import { Strategy } from 'passport-jwt';
import { unauthorized } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthContextService } from './auth-context.service';
import { AuthUser } from './auth-user';
import { TokenClaims, TokensService } from './tokens.service';
import { text } from '../i18n/server-text';

/** The token of `Authorization: Bearer <token>` (one token, nothing after it), or null. */
export function bearerToken(request: { headers: IncomingHttpHeaders }): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

export const invalidAccessToken = () => unauthorized('invalid_token', text('auth.accessTokenInvalid'));

/** Each application's own Passport, holding its strategy (see JwtStrategy.getPassportInstance). */
type PassportInstance = InstanceType<typeof Passport>;
const passports = new WeakMap<object, PassportInstance>();

/**
 * Who is calling, from the access token: Passport's 'jwt' strategy, which AccessTokenGuard runs.
 * passport-jwt checks the signature with HS256 only; expiry is judged by the injected clock,
 * not the wall clock (`ignoreExpiration`, then TokensService.accept), so the token type and the
 * claims are checked in one place for access and refresh tokens alike. The session must still
 * be the active one: AuthContextService answers that from its change-fed cache.
 *
 * A token whose signature was checked already needs neither Passport nor a second HMAC again
 * (rememberedCaller; TokensService remembers the claims, as for refresh tokens): a signed-in
 * read is the hot path.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokensService,
    private readonly auth: AuthContextService,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject, made once: given a string or Buffer, jsonwebtoken would first try (and fail)
      // to read it as a public key on every verify. The typings only name string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: true,
      passReqToCallback: true,
    });
  }

  /**
   * The application's own Passport rather than the process-wide one: the admin tool (and the
   * tests) start a second application in the same process, and the strategy registered last
   * would otherwise check the tokens of every application, with its own database and clock.
   */
  getPassportInstance(): PassportInstance {
    let passport = passports.get(this);
    if (!passport) passports.set(this, (passport = new Passport()));
    return passport;
  }

  /**
   * The caller, when the request's token is one whose signature was checked before (its claims
   * are remembered): the checks of validate() without Passport's per-request work or a second
   * HMAC. Undefined for a token not seen before, or none: then it is Passport's turn.
   */
  rememberedCaller(request: { headers: IncomingHttpHeaders }): Promise<AuthUser> | undefined {
    const token = bearerToken(request);
    const seen = token === null ? undefined : this.tokens.remembered(token, 'access');
    if (seen === undefined) return undefined;
    return seen ? this.ofSession(seen) : Promise.reject(invalidAccessToken());
  }

  /** A token passport-jwt found signed by us with HS256: the claims, then the session. */
  validate(request: FastifyRequest, payload: unknown): Promise<AuthUser> {
    const claims = this.tokens.accept(bearerToken(request)!, payload, 'access');
    if (!claims) throw invalidAccessToken();
    return this.ofSession(claims);
  }

  private ofSession(claims: TokenClaims): Promise<AuthUser> {
    return this.auth.ofSession(claims.sid, claims.sub);
  }
}
