import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { I18n, loadAreas } from './i18n';
import { TokenStore } from './token-store';

const pair = (n: number) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessExpiresAt: '2030-01-01T00:00:00Z',
  refreshExpiresAt: '2030-01-08T00:00:00Z',
});

/** Lets pending promise callbacks (and the HTTP calls they make) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('auth: token refresh and the 401 → refresh → retry path', () => {
  let http: HttpTestingController;
  let store: TokenStore;
  let auth: AuthService;

  beforeEach(async () => {
    // The sign-in page's texts say why a device was signed out.
    await loadAreas('onboarding');
    localStorage.clear();
    sessionStorage.clear();
    // The Web Locks API is not in jsdom; the in-tab single flight must hold on its own.
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(TokenStore);
    auth = TestBed.inject(AuthService);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    store.set(pair(1));
  });
  afterEach(() => http.verify());

  it('adds the access token to API calls, but not to sign-in calls', async () => {
    const client = TestBed.inject(HttpClient);
    const result = firstValueFrom(client.get('/api/me'));
    const me = http.expectOne('/api/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-1');
    me.flush({ ok: true });
    await result;

    const signIn = auth.login('anna', '123456');
    await settle();
    const login = http.expectOne('/api/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush(pair(3));
    await signIn;
    expect(auth.accessToken()).toBe('access-3');
  });

  it('refreshes once for many parallel callers (single flight)', async () => {
    const results = Promise.all([auth.refresh(), auth.refresh(), auth.refresh()]);
    await settle();
    const calls = http.match('/api/auth/refresh');
    expect(calls).toHaveLength(1);
    expect(calls[0].request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(calls[0].request.headers.has('Authorization')).toBe(false);
    calls[0].flush(pair(2));
    expect(await results).toEqual([true, true, true]);
    expect(store.current()?.accessToken).toBe('access-2');
  });

  it('does not refresh again when another tab already did', async () => {
    localStorage.setItem('stracker.tokens', JSON.stringify(pair(7))); // written by the other tab
    expect(await auth.refresh()).toBe(true);
    http.expectNone('/api/auth/refresh');
    expect(auth.accessToken()).toBe('access-7');
  });

  it('on a 401 renews the pair and retries the request with the new token', async () => {
    const client = TestBed.inject(HttpClient);
    const result = firstValueFrom(client.get<{ id: string }>('/api/me'));
    http.expectOne('/api/me').flush({ statusCode: 401, reason: 'invalid_token' }, { status: 401, statusText: 'Unauthorized' });
    await settle();
    http.expectOne('/api/auth/refresh').flush(pair(2));
    await settle();
    const retry = http.expectOne('/api/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush({ id: 'u1' });
    expect(await result).toEqual({ id: 'u1' });
  });

  it('signs out and says why when the user signed in on another device', async () => {
    const client = TestBed.inject(HttpClient);
    const result = firstValueFrom(client.get('/api/me')).catch((e) => e);
    http.expectOne('/api/me').flush({ statusCode: 401, reason: 'session_replaced' }, { status: 401, statusText: 'Unauthorized' });
    expect((await result).status).toBe(401);
    http.expectNone('/api/auth/refresh');
    expect(store.signedIn()).toBe(false);
    expect(auth.signedOutMessage()).toBe('You signed in on another device, so this device was signed out.');
    expect(TestBed.inject(Router).navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it("says the server's reason when the session was ended for it, e.g. an authenticator reset by the operator", async () => {
    const reset = 'Your authenticator was reset by the person who runs this server: open the link they gave you to set up a new one.';
    const client = TestBed.inject(HttpClient);
    const result = firstValueFrom(client.get('/api/me')).catch((e) => e);
    http.expectOne('/api/me').flush({ statusCode: 401, reason: 'session_ended', message: reset }, { status: 401, statusText: 'Unauthorized' });
    expect((await result).status).toBe(401);
    http.expectNone('/api/auth/refresh');
    expect(store.signedIn()).toBe(false);
    expect(auth.signedOutMessage()).toBe(reset);
    expect(sessionStorage.getItem('stracker.signedOutDetail')).toBe(reset); // still said after a reload

    // The same words when it is the refresh that finds the session ended (the app was idle).
    store.set(pair(4));
    const refreshed = auth.refresh();
    await settle();
    http.expectOne('/api/auth/refresh').flush({ statusCode: 401, reason: 'session_ended', message: reset }, { status: 401, statusText: 'Unauthorized' });
    expect(await refreshed).toBe(false);
    expect(auth.signedOutMessage()).toBe(reset);

    // Other reasons keep the app's own words, and signing in clears them.
    auth.signOut('session_replaced');
    expect(auth.signedOutMessage()).toBe('You signed in on another device, so this device was signed out.');
  });

  it("an old session that ends while an operator's reset link is open does not take the person away from it", () => {
    const router = TestBed.inject(Router);
    vi.spyOn(router, 'url', 'get').mockReturnValue('/reset?token=abc');
    auth.signOut('session_ended', 'Your authenticator was reset by the person who runs this server: open the link they gave you to set up a new one.');
    expect(store.signedIn()).toBe(false);
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it("says why in the device's language, also when that changes", async () => {
    auth.signOut('expired');
    const i18n = TestBed.inject(I18n);
    try {
      await i18n.use('ru');
      expect(auth.signedOutMessage()).toBe('Вас давно не было. Пожалуйста, войдите снова.');
      await i18n.use('he');
      expect(auth.signedOutMessage()).toBe('לא הייתם כאן זמן מה. יש להיכנס שוב.');
    } finally {
      await i18n.use('en');
      localStorage.removeItem('stracker.locale');
    }
    expect(auth.signedOutMessage()).toBe('You were away for a while. Please sign in again.');
  });

  it('signs out when the refresh token is refused', async () => {
    const refreshed = auth.refresh();
    await settle();
    http.expectOne('/api/auth/refresh').flush({ statusCode: 401, reason: 'invalid_token' }, { status: 401, statusText: 'Unauthorized' });
    expect(await refreshed).toBe(false);
    expect(store.signedIn()).toBe(false);
    expect(auth.signedOutMessage()).toBe('You were away for a while. Please sign in again.');
  });
});
