import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { EnrolmentDto, RegisteredDto } from '../../api/models';
import { authInterceptor } from '../../core/auth.interceptor';
import { AuthService } from '../../core/auth.service';
import { I18n, loadAreas } from '../../core/i18n';
import { OfflineQueue, QUEUE_STORE, QueueStore, QueuedChange } from '../../core/offline-queue';
import { ResetPage, accountOf } from './reset.page';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const TOKEN = 'k2V7bQ9xW4mN8pR1sT6uY3zA5cE0gH2jL7nP9qS4vX1';
const DEAD = 'This reset link is unknown, used or expired; ask the person who runs the server for a new link.';
const OFFER: EnrolmentDto = {
  enrolmentToken: 'enrol-1',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/STracker:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=STracker',
};
const CODES = Array.from({ length: 10 }, (_, i) => `ABCD-EFGH-JK${i + 2}M`);

/** An access token whose `sub` is `userId` (the signature is the server's business). */
const jwtFor = (userId: string) => `h.${btoa(JSON.stringify({ sub: userId, typ: 'access' })).replace(/=+$/, '')}.s`;
const pairFor = (userId: string) => ({
  accessToken: jwtFor(userId),
  refreshToken: `refresh-${userId}`,
  accessExpiresAt: '2099-01-01T00:00:00.000Z',
  refreshExpiresAt: '2099-01-08T00:00:00.000Z',
});

const queued = (id: string, ownerId: string): QueuedChange => ({
  kind: 'create', id, ownerId, funnelId: 'f1', amount: 5, spentAt: '2026-04-21T10:00:00.000Z', queuedAt: '2026-04-21T10:00:00.000Z', attempts: 0, nextAttemptAt: 0,
});

describe('ResetPage (the operator’s reset link)', () => {
  let http: HttpTestingController;
  let queueItems: QueuedChange[];

  async function open(token?: string) {
    const fixture = TestBed.createComponent(ResetPage);
    if (token !== undefined) fixture.componentRef.setInput('token', token);
    fixture.detectChanges();
    await settle();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  async function render(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  /** The start request: public (no bearer token, even with someone signed in), with the link's token. */
  function expectStart() {
    const request = http.expectOne('/api/auth/reset/start');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.has('Authorization')).toBe(false);
    expect(request.request.body).toEqual({ resetToken: TOKEN });
    return request;
  }

  beforeEach(async () => {
    await loadAreas('onboarding');
    localStorage.clear();
    sessionStorage.clear();
    queueItems = [];
    const store: QueueStore = {
      all: async () => [...queueItems],
      put: async (change) => void (queueItems = [...queueItems.filter((c) => c.id !== change.id), change]),
      delete: async (id) => void (queueItems = queueItems.filter((c) => c.id !== id)),
    };
    TestBed.configureTestingModule({
      imports: [ResetPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: QUEUE_STORE, useValue: store },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    // jsdom draws nothing: enough of a 2D context for the QR code to be drawn into.
    const context = { createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }), clearRect: () => undefined, putImageData: vi.fn() };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
  });
  afterEach(async () => {
    await TestBed.inject(I18n).use('en');
    vi.restoreAllMocks();
    http.verify();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('without a token says the link is not complete, to ask for a new one, and leads to signing in', async () => {
    const { el } = await open();
    http.expectNone('/api/auth/reset/start');
    const panel = el.querySelector('[data-testid="reset-unusable"]');
    expect(text(panel)).toContain('This link is not complete');
    expect(text(panel)).toContain('Ask the person who runs this server for a new link');
    const signIn = panel!.querySelector<HTMLAnchorElement>('a')!;
    expect(text(signIn)).toBe('Go to sign in');
    expect(signIn.getAttribute('href')).toBe('/login');
    expect(el.querySelector('app-enrolment')).toBeNull();
  });

  it('a used or expired link: the server’s words, no retry, and the way to signing in', async () => {
    const { fixture, el } = await open(TOKEN);
    expect(el.querySelector('[data-testid="reset-loading"]')).not.toBeNull();
    expect(text(el.querySelector('[role="status"]'))).toBe('Opening your reset link…');
    expectStart().flush({ statusCode: 400, error: 'Bad Request', message: DEAD }, { status: 400, statusText: 'Bad Request' });
    await render(fixture);

    expect(el.querySelector('[data-testid="reset-loading"]')).toBeNull();
    const panel = el.querySelector('[data-testid="reset-unusable"]')!;
    expect(text(panel.querySelector('h2'))).toBe('This link does not work');
    expect(text(panel.querySelector('[role="alert"]'))).toBe('This reset link is unknown, used or expired; ask the person who runs the server for a new link');
    expect([...panel.querySelectorAll('button')].map(text)).not.toContain('Try again');
    expect(panel.querySelector('a[href="/login"]')).not.toBeNull();
    expect(el.querySelector('app-enrolment')).toBeNull();
  });

  it('a server that cannot be reached offers to try the same link again', async () => {
    const { fixture, el } = await open(TOKEN);
    expectStart().flush('down', { status: 502, statusText: 'Bad Gateway' });
    await render(fixture);
    const panel = el.querySelector('[data-testid="reset-unusable"]')!;
    expect(text(panel.querySelector('h2'))).toBe('The link could not be opened');
    expect(text(panel.querySelector('[role="alert"]'))).toBe('Something went wrong on our side. Please try again.');

    [...panel.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Try again')!.click();
    await render(fixture);
    expect(el.querySelector('[data-testid="reset-loading"]')).not.toBeNull();
    expectStart().flush(OFFER);
    await render(fixture);
    expect(el.querySelector('app-enrolment')).not.toBeNull();
  });

  it('enrols the new authenticator, signs this device in as the reset user (not who was here before), and shows the new recovery codes', async () => {
    // bert is signed in on this device, with his cached figures and a spending waiting to be sent.
    localStorage.setItem('stracker.tokens', JSON.stringify(pairFor('u-bert')));
    localStorage.setItem('stracker.lastBudget', JSON.stringify({ budget: { funnels: [] }, spendings: [], savedAt: '2026-04-21T10:00:00.000Z' }));
    sessionStorage.setItem('stracker.signedOutReason', 'session_replaced');
    queueItems = [queued('bert-1', 'u-bert'), queued('anna-1', 'u-anna')];
    const auth = TestBed.inject(AuthService);
    const queue = TestBed.inject(OfflineQueue);
    await queue.reload();
    expect(queue.items().map((c) => c.id)).toEqual(['bert-1']);

    const { fixture, el } = await open(TOKEN);
    expectStart().flush(OFFER);
    await render(fixture);
    expect(text(el.querySelector('[data-testid="reset-for"]'))).toBe(
      'Set up a new authenticator for anna: the old one and its recovery codes no longer work.',
    );
    expect(el.querySelector('[data-testid="totp-secret"]')?.textContent).toBe(OFFER.secret);
    expect(el.querySelector('a[href^="otpauth://"]')?.getAttribute('href')).toBe(OFFER.otpauthUrl);

    const code = el.querySelector<HTMLInputElement>('#enrol-code')!;
    const submit = () => {
      el.querySelector<HTMLButtonElement>('app-enrolment button[type="submit"]')!.click();
    };
    const finishWith = async (value: string) => {
      code.value = value;
      code.dispatchEvent(new Event('input'));
      await render(fixture);
      submit();
      await settle();
      const request = http.expectOne('/api/auth/reset/finish');
      expect(request.request.headers.has('Authorization')).toBe(false);
      expect(request.request.body).toEqual({ enrolmentToken: 'enrol-1', code: value });
      return request;
    };

    // A wrong code: said in words, the enrolment stays and nobody is signed in anew.
    (await finishWith('111111')).flush(
      { statusCode: 400, error: 'Bad Request', message: 'code is wrong or expired' },
      { status: 400, statusText: 'Bad Request' },
    );
    await render(fixture);
    expect(text(el.querySelector('#enrol-code-error'))).toBe('Code is wrong or expired');
    expect(JSON.parse(localStorage.getItem('stracker.tokens')!).refreshToken).toBe('refresh-u-bert');

    const registered: RegisteredDto = { ...pairFor('u-anna'), recoveryCodes: CODES };
    (await finishWith('123456')).flush(registered);
    await render(fixture);

    // Stored exactly as a registration stores them; bert's per-user state is gone from view.
    expect(JSON.parse(localStorage.getItem('stracker.tokens')!)).toEqual(pairFor('u-anna'));
    expect(auth.accessToken()).toBe(jwtFor('u-anna'));
    expect(localStorage.getItem('stracker.lastBudget')).toBeNull();
    expect(localStorage.getItem('stracker.mustReenrol')).toBeNull();
    expect(auth.signedOutMessage()).toBeNull();
    await vi.waitFor(() => expect(queue.items().map((c) => c.id)).toEqual(['anna-1']));
    expect(queueItems.map((c) => c.id).sort()).toEqual(['anna-1', 'bert-1']); // bert's waits on the device for him

    expect(el.querySelector('app-enrolment')).toBeNull();
    expect(text(el.querySelector('[data-testid="reset-signed-in"]'))).toBe('This device is now signed in as anna.');
    expect(document.activeElement?.id).toBe('reset-done');
    const shown = [...el.querySelectorAll('ul[aria-label="Recovery codes"] li')].map(text);
    expect(shown).toEqual(CODES);
    // anna never chose a language: this device's is stored for her (her notifications speak it).
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/me').flush({ id: 'u-anna', username: 'anna', locale: null, household: {} });
    await settle();
    const language = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/me');
    expect(language.request.body).toEqual({ locale: 'en' });
    language.flush({ id: 'u-anna', username: 'anna', locale: 'en', household: {} });

    [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'I saved them')!.click();
    await settle();
    expect(TestBed.inject(Router).navigateByUrl).toHaveBeenCalledWith('/');
    // What anna typed earlier on this device waits no longer: signed in, it is sent (bert's stays).
    const sent = http.expectOne((r) => r.method === 'POST' && r.url === '/api/spendings');
    expect(sent.request.body).toMatchObject({ id: 'anna-1' });
    sent.flush({}, { status: 201, statusText: 'Created' });
  });

  it('speaks German, and Hebrew right to left with the account name isolated', async () => {
    await TestBed.inject(I18n).use('de');
    const german = await open();
    expect(text(german.el.querySelector('h1'))).toBe('Neue Authenticator-App');
    expect(text(german.el.querySelector('[data-testid="reset-unusable"] a'))).toBe('Zur Anmeldung');

    await TestBed.inject(I18n).use('he');
    expect(document.documentElement.dir).toBe('rtl');
    const { fixture, el } = await open(TOKEN);
    expect(text(el.querySelector('[role="status"]'))).toBe('פותחים את קישור האיפוס…');
    expectStart().flush(OFFER);
    await render(fixture);
    const lead = el.querySelector('[data-testid="reset-for"]')!;
    expect(text(lead)).toBe('הגדרת אפליקציית אימות חדשה עבור anna: הישנה וקודי השחזור שלה כבר לא עובדים.');
    expect(getComputedStyle(lead.querySelector('strong')!).unicodeBidi).toBe('isolate');
    expect(text(el.querySelector('app-enrolment button[type="submit"]'))).toBe('שימוש באפליקציית האימות הזו');
    expect(el.querySelector('[data-testid="totp-secret"]')!.getAttribute('dir')).toBe('ltr');
    localStorage.removeItem('stracker.locale');
  });

  it('reads the account name from the otpauth URI', () => {
    expect(accountOf('otpauth://totp/STracker:anna.b?secret=X&issuer=STracker')).toBe('anna.b');
    expect(accountOf('otpauth://totp/STracker%3Acarl_1?secret=X')).toBe('carl_1');
    expect(accountOf('otpauth://totp/dora?secret=X')).toBe('dora');
    expect(accountOf('otpauth://totp/?secret=X')).toBeNull();
    expect(accountOf('https://example.com/')).toBeNull();
  });
});
