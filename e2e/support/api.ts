import './angular-jit';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as AngularHttp from '@angular/common/http';
import type { Observable } from 'rxjs';
import { generateSync } from 'otplib';
// The PWA's generated client, used as is: a stale client cannot hide behind hand-written calls.
import { authFinishRegistration } from '../../frontend/src/app/api/fn/auth/auth-finish-registration';
import { authLogin } from '../../frontend/src/app/api/fn/auth/auth-login';
import { authStartRegistration } from '../../frontend/src/app/api/fn/auth/auth-start-registration';
import { funnelsCreate } from '../../frontend/src/app/api/fn/funnels/funnels-create';
import { funnelsList } from '../../frontend/src/app/api/fn/funnels/funnels-list';
import { householdsCreateInvite } from '../../frontend/src/app/api/fn/household/households-create-invite';
import { spendingsCreate } from '../../frontend/src/app/api/fn/spendings/spendings-create';
import { spendingsList } from '../../frontend/src/app/api/fn/spendings/spendings-list';
import { FunnelDto, FunnelInputDto, InviteDto, RegisteredDto, SpendingDto, SpendingPageDto } from '../../frontend/src/app/api/models';
import { StrictHttpResponse } from '../../frontend/src/app/api/strict-http-response';
import { STACK } from './stack';

// Load Angular's HTTP classes and rxjs exactly as the generated functions resolve them (from
// frontend/), so `instanceof HttpResponse` inside the client sees the same class.
const fromFrontend = createRequire(join(STACK.root, 'frontend/package.json'));
const { HttpClient, HttpHandler, HttpHeaders, HttpResponse, HttpErrorResponse } = fromFrontend('@angular/common/http') as typeof AngularHttp;
const { firstValueFrom, from } = fromFrontend('rxjs') as typeof import('rxjs');
type HttpClient = AngularHttp.HttpClient;
type HttpRequest<T> = AngularHttp.HttpRequest<T>;
type HttpEvent<T> = AngularHttp.HttpEvent<T>;

/** Angular's HttpClient on Node's fetch, so the generated functions run outside a browser. */
class FetchHandler extends HttpHandler {
  constructor(private readonly token: () => string | undefined) {
    super();
  }

  handle(req: HttpRequest<unknown>): Observable<HttpEvent<unknown>> {
    return from(this.send(req));
  }

  private async send(req: HttpRequest<unknown>): Promise<HttpEvent<unknown>> {
    const headers: Record<string, string> = {};
    for (const key of req.headers.keys()) headers[key.toLowerCase()] = req.headers.get(key)!;
    const token = this.token();
    if (token) headers['authorization'] = `Bearer ${token}`;
    const body = req.serializeBody();
    const contentType = req.detectContentTypeHeader();
    if (body !== null && contentType && !headers['content-type']) headers['content-type'] = contentType;
    const res = await fetch(req.urlWithParams, { method: req.method, headers, body: body as string | null });
    const text = await res.text();
    const parsed = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || null;
    const init = { body: parsed, status: res.status, statusText: res.statusText, url: req.urlWithParams, headers: new HttpHeaders(Object.fromEntries(res.headers)) };
    if (!res.ok) throw new HttpErrorResponse({ ...init, error: parsed });
    return new HttpResponse(init);
  }
}

export type Fn<P, R> = (http: HttpClient, rootUrl: string, params: P) => Observable<StrictHttpResponse<R>>;

/** A user of the app, created through the API the way the PWA does it. */
export class ApiUser {
  private readonly http = new HttpClient(new FetchHandler(() => this.tokens?.accessToken));
  private tokens?: RegisteredDto;

  private constructor(
    readonly username: string,
    readonly secret: string,
  ) {}

  get registered(): RegisteredDto {
    return this.tokens!;
  }

  /** Registers (start, prove one TOTP code, finish); joins a household when given an invite code. */
  static async register(prefix: string, inviteCode?: string): Promise<ApiUser> {
    const username = `${prefix}${Math.random().toString(36).slice(2, 8)}`;
    const anonymous = new HttpClient(new FetchHandler(() => undefined));
    const offer = await call(anonymous, authStartRegistration, { body: { username, ...(inviteCode ? { inviteCode } : {}) } });
    const user = new ApiUser(username, offer.secret);
    user.tokens = await call(anonymous, authFinishRegistration, {
      body: { enrolmentToken: offer.enrolmentToken, code: generateSync({ secret: offer.secret }), timezone: 'Europe/Berlin', currency: 'EUR' },
    });
    return user;
  }

  /**
   * Signs in on "another device" with one of the recovery codes (the authenticator code of this
   * step is used up by the registration): the session before is ended, as on a second phone.
   */
  async signInElsewhere(): Promise<void> {
    const code = this.registered.recoveryCodes.pop()!;
    const anonymous = new HttpClient(new FetchHandler(() => undefined));
    const pair = await call(anonymous, authLogin, { body: { username: this.username, code } });
    this.tokens = { ...this.registered, ...pair };
  }

  funnels(): Promise<FunnelDto[]> {
    return call(this.http, funnelsList, {});
  }

  createFunnel(body: FunnelInputDto): Promise<FunnelDto> {
    return call(this.http, funnelsCreate, { body });
  }

  spend(funnelId: string, amount: number, options: { note?: string; spentAt?: string } = {}): Promise<SpendingDto> {
    return call(this.http, spendingsCreate, { body: { funnelId, amount, ...options } });
  }

  /** The newest page of spendings the user can see. */
  spendings(): Promise<SpendingPageDto> {
    return call(this.http, spendingsList, {});
  }

  invite(): Promise<InviteDto> {
    return call(this.http, householdsCreateInvite, {});
  }

  /** Any route of the generated client, as this user: data a journey needs but does not itself test. */
  request<P, R>(fn: Fn<P, R>, params: P): Promise<R> {
    return call(this.http, fn, params);
  }

  /** What the PWA keeps in localStorage, so a browser context starts signed in as this user. */
  storageState(): { origins: Array<{ origin: string; localStorage: Array<{ name: string; value: string }> }>; cookies: [] } {
    const { accessToken, refreshToken, accessExpiresAt, refreshExpiresAt } = this.registered;
    return {
      cookies: [],
      origins: [
        {
          origin: STACK.httpsUrl,
          localStorage: [
            { name: 'stracker.tokens', value: JSON.stringify({ accessToken, refreshToken, accessExpiresAt, refreshExpiresAt }) },
            // Who signed in on this device, as the PWA records it at sign-in.
            { name: 'stracker.lastUser', value: JSON.stringify({ id: subjectOf(accessToken), name: this.username }) },
          ],
        },
      ],
    };
  }
}

/** The user id an access token is for (its `sub`). */
function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
}

async function call<P, R>(http: HttpClient, fn: Fn<P, R>, params: P): Promise<R> {
  const response = await firstValueFrom(fn(http, STACK.httpsUrl, params));
  return response.body;
}
