import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, provideRouter } from '@angular/router';
import { EnrolmentDto, InvitePreviewDto, MeDto, RegisteredDto, RegistrationInfoDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { LoginPage } from './login.page';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const OPEN: RegistrationInfoDto = { mode: 'open', inviteRequired: false };
const OFFER: EnrolmentDto = { enrolmentToken: 'enrol', secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/STracker:bert?secret=JBSWY3DPEHPK3PXP&issuer=STracker' };
const accessFor = (sub: string) => `h.${btoa(JSON.stringify({ sub, typ: 'access' })).replace(/=+$/, '')}.s`;
const REGISTERED: RegisteredDto = {
  accessToken: accessFor('u-bert'),
  refreshToken: 'r',
  accessExpiresAt: '2099-01-01T00:00:00Z',
  refreshExpiresAt: '2099-01-01T00:00:00Z',
  recoveryCodes: Array.from({ length: 10 }, (_, i) => `AAAA-BBBB-CC${String(i).padStart(2, '2')}`),
};
const HOUSEHOLD_INVITE: InvitePreviewDto = {
  kind: 'household',
  household: { name: 'The Smiths', members: ['anna', 'carl'], sharedFunnels: ['🛒 Groceries', '⛽ Fuel'] },
  expiresAt: '2099-01-01T00:00:00Z',
};

/** GET /api/me after a sign-in: the user's stored language (null: none yet). */
const meWith = (locale: string | null) => ({ id: 'u-bert', username: 'bert', locale, household: {} }) as unknown as MeDto;

describe('LoginPage, onboarding', () => {
  let http: HttpTestingController;
  let routeData: { tab?: string } = {};
  let navigated: string[];
  const originalMatchMedia = window.matchMedia;

  /** The user's language after a sign-in or registration: asked for, and stored when the user has none. */
  async function answerMe(locale: string | null, stored: string | null = 'en') {
    const me = http.expectOne((r) => r.method === 'GET' && r.url === '/api/me');
    me.flush(meWith(locale));
    await settle();
    if (stored) {
      const update = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/me');
      expect(update.request.body).toEqual({ locale: stored });
      update.flush(meWith(stored));
    }
    await settle();
  }

  beforeEach(async () => {
    await loadAreas('onboarding');
    localStorage.clear();
    sessionStorage.clear();
    // A phone: the enrolment leads with the link (and jsdom draws no QR code).
    window.matchMedia = ((query: string) => ({ matches: query === '(pointer: coarse)', media: query }) as MediaQueryList) as typeof window.matchMedia;
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ActivatedRoute, useFactory: () => ({ snapshot: { data: routeData } }) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigated = [];
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockImplementation(async (url) => {
      navigated.push(String(url));
      return true;
    });
  });
  afterEach(async () => {
    http.verify();
    await TestBed.inject(I18n).use('en');
    window.matchMedia = originalMatchMedia;
    vi.restoreAllMocks();
    localStorage.clear();
    sessionStorage.clear();
  });

  async function open(options: { data?: { tab?: string }; invite?: string } = {}) {
    routeData = options.data ?? {};
    const fixture = TestBed.createComponent(LoginPage);
    if (options.invite) fixture.componentRef.setInput('invite', options.invite);
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const update = async () => {
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
    };
    const type = async (selector: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('change'));
      await update();
    };
    const button = (label: string) => [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
    return { fixture, el, update, type, button };
  }

  const selectedTab = (el: HTMLElement) => el.querySelector('[role="tab"][aria-selected="true"]')?.id;

  describe('which tab opens', () => {
    it('opens on Register on a device nobody has signed in on yet', async () => {
      const { el, update } = await open();
      expect(selectedTab(el)).toBe('tab-register');
      http.expectOne('/api/auth/registration').flush(OPEN);
      await update();
      expect(el.querySelector('#register-username')).not.toBeNull();
    });

    it('opens on Sign in once someone signed in here, or after a sign-out', async () => {
      localStorage.setItem('stracker.signedInBefore', '1');
      expect(selectedTab((await open()).el)).toBe('tab-login');
      localStorage.clear();
      localStorage.setItem('stracker.lastUser', JSON.stringify({ id: 'u1', name: 'anna' }));
      expect(selectedTab((await open()).el)).toBe('tab-login');
      http.expectNone('/api/auth/registration');
    });

    it('opens on Sign in when this device was just signed out, whatever it remembers', async () => {
      sessionStorage.setItem('stracker.signedOutReason', 'session_replaced');
      expect(selectedTab((await open()).el)).toBe('tab-login');
    });
  });

  describe('signing in', () => {
    async function signInTab() {
      localStorage.setItem('stracker.signedInBefore', '1');
      const page = await open({ data: { tab: 'login' } });
      await page.type('#login-username', 'anna');
      return page;
    }

    it('brings up the numeric keypad and signs in by itself at the sixth digit', async () => {
      const { el, type } = await signInTab();
      const code = el.querySelector<HTMLInputElement>('#login-code')!;
      expect(code.getAttribute('inputmode')).toBe('numeric');
      expect(code.getAttribute('autocomplete')).toBe('one-time-code');
      expect(code.getAttribute('pattern')).toBe('[0-9]{6}');
      expect(text(el.querySelector('label[for="login-code"]'))).toMatch(/^Code/);
      await type('#login-code', '12345');
      http.expectNone('/api/auth/login');
      await type('#login-code', '123 456');
      expect(code.value).toBe('123456');
      const request = http.expectOne('/api/auth/login');
      expect(request.request.body).toEqual({ username: 'anna', code: '123456' });
      request.flush({ ...REGISTERED, accessToken: accessFor('u-anna') });
      await settle();
      await answerMe(null);
      await settle();
      expect(navigated).toEqual(['/']);
      expect(localStorage.getItem('stracker.signedInBefore')).toBe('1');
    });

    it('switches to a text field for a recovery code, and back', async () => {
      const { el, type, update } = await signInTab();
      el.querySelector<HTMLButtonElement>('[data-testid="use-recovery-code"]')!.click();
      await update();
      expect(el.querySelector('#login-code')).toBeNull();
      const recovery = el.querySelector<HTMLInputElement>('#login-recovery')!;
      expect(recovery.getAttribute('inputmode')).toBe('text');
      expect(recovery.hasAttribute('pattern')).toBe(false);
      expect(text(el.querySelector('label[for="login-recovery"]'))).toContain('Recovery code');
      await type('#login-recovery', 'ABCD-EFGH-JKLM');
      http.expectNone('/api/auth/login'); // a recovery code is sent with the button
      el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await update();
      const request = http.expectOne('/api/auth/login');
      expect(request.request.body).toEqual({ username: 'anna', code: 'ABCD-EFGH-JKLM' });
      request.flush({ statusCode: 401, error: 'Unauthorized', message: 'Unknown username or wrong code' }, { status: 401, statusText: 'Unauthorized' });
      await update();
      expect(text(el.querySelector('[role="alert"]'))).toBe('Unknown username or wrong code');

      el.querySelector<HTMLButtonElement>('[data-testid="use-app-code"]')!.click();
      await update();
      expect(el.querySelector('#login-recovery')).toBeNull();
      expect(el.querySelector('#login-code')).not.toBeNull();
    });
  });

  describe('an invite link', () => {
    /** Opens /register?invite=CODE and answers the policy and the invite preview. */
    async function openInvite(preview: InvitePreviewDto | 404, info: RegistrationInfoDto = { mode: 'invite', inviteRequired: true }) {
      const page = await open({ data: { tab: 'register' }, invite: 'K7M2-QX9P-4HTR' });
      http.expectOne('/api/auth/registration').flush(info);
      await page.update();
      expect(page.el.querySelector('[data-testid="invite-loading"]')).not.toBeNull();
      const request = http.expectOne('/api/auth/invites/K7M2-QX9P-4HTR');
      expect(request.request.headers.has('Authorization')).toBe(false);
      if (preview === 404) request.flush({ statusCode: 404, error: 'Not Found', message: 'This invite code is unknown, already used or expired' }, { status: 404, statusText: 'Not Found' });
      else request.flush(preview);
      await page.update();
      return page;
    }

    /** Username, Continue, the code: returns the register/finish body. */
    async function register(page: Awaited<ReturnType<typeof open>>, registered: RegisteredDto = REGISTERED) {
      await page.type('#register-username', 'bert');
      page.el.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click(); // Continue
      await page.update();
      const start = http.expectOne('/api/auth/register/start');
      start.flush(OFFER);
      await page.update();
      await page.type('#enrol-code', '123456');
      const finish = http.expectOne('/api/auth/register/finish');
      finish.flush(registered);
      await page.update();
      await page.update();
      return { start: start.request.body, finish: finish.request.body };
    }

    it('names the household, its members and its shared funnels, and by default adds no personal duplicates', async () => {
      const page = await openInvite(HOUSEHOLD_INVITE);
      const { el } = page;
      const household = el.querySelector('[data-testid="invite-household"]')!;
      expect(text(household.querySelector('h2'))).toBe('You are joining “The Smiths”');
      expect([...el.querySelectorAll('[data-testid="invite-members"] li')].map(text)).toEqual(['anna', 'carl']);
      expect([...el.querySelectorAll('[data-testid="invite-shared-funnels"] li')].map(text)).toEqual(['🛒 Groceries', '⛽ Fuel']);
      const starters = el.querySelector<HTMLInputElement>('[data-testid="starter-funnels"]')!;
      expect(starters.checked).toBe(false);
      expect(text(el.querySelector('label[for="register-starters"]'))).toContain('Also give me my own Food 🍞 and Misc 🛍️ funnels');

      const { start, finish } = await register(page);
      expect(start).toEqual({ username: 'bert', inviteCode: 'K7M2-QX9P-4HTR' });
      expect(finish.starterFunnels).toBe(false);
      expect(text(el.querySelector('h2'))).toBe('Your account is ready');
      page.button('I saved them').click();
      await page.update();
      expect(navigated).toEqual(['/']); // joined: no setup of someone else's household
      expect(localStorage.getItem('stracker.householdStarted')).toBeNull();
    });

    it('offers Food and Misc by default to a household without shared funnels, and passes a changed mind on', async () => {
      const page = await openInvite({ ...HOUSEHOLD_INVITE, household: { name: 'Flat 3', members: ['dora'], sharedFunnels: [] } });
      expect(text(page.el.querySelector('[data-testid="invite-household"]'))).toContain('It has no shared funnels yet');
      const starters = page.el.querySelector<HTMLInputElement>('[data-testid="starter-funnels"]')!;
      expect(starters.checked).toBe(true);
      starters.click();
      await page.update();
      const { finish } = await register(page);
      expect(finish.starterFunnels).toBe(false);
    });

    it("says an operator's invite leads to a household of one's own, and goes on to the setup", async () => {
      const page = await openInvite({ kind: 'new-household', household: null, expiresAt: '2099-01-01T00:00:00Z' });
      expect(text(page.el.querySelector('[data-testid="invite-new-household"]'))).toContain('a household of your own');
      expect(page.el.querySelector('[data-testid="starter-funnels"]')).toBeNull();
      const { finish } = await register(page);
      expect('starterFunnels' in finish).toBe(false);
      page.button('I saved them').click();
      await page.update();
      expect(navigated).toEqual(['/setup']);
      expect(JSON.parse(localStorage.getItem('stracker.householdStarted')!).userId).toBe('u-bert');
    });

    it('says plainly that a used or expired code no longer works, before anything is typed', async () => {
      const { el, button } = await openInvite(404);
      const dead = el.querySelector('[data-testid="invite-dead"]')!;
      expect(dead.getAttribute('role')).toBe('alert');
      expect(text(dead)).toContain('This invite code has already been used or has expired');
      expect(text(dead)).toContain('Ask the person who sent it for a new link');
      expect(button('Continue').disabled).toBe(true);
    });

    it('looks a typed code up before registering, so the question about Food and Misc is asked first', async () => {
      const page = await open({ data: { tab: 'register' } });
      http.expectOne('/api/auth/registration').flush(OPEN);
      await page.update();
      await page.type('#register-username', 'bert');
      const invite = page.el.querySelector<HTMLInputElement>('#register-invite')!;
      invite.value = 'ABCD-EFGH';
      invite.dispatchEvent(new Event('input')); // typed, not yet left: no look-up
      await page.update();
      page.button('Continue').click();
      await page.update();
      http.expectNone('/api/auth/register/start');
      http.expectOne('/api/auth/invites/ABCD-EFGH').flush(HOUSEHOLD_INVITE);
      await page.update();
      http.expectNone('/api/auth/register/start');
      expect(page.el.querySelector('[data-testid="invite-household"]')).not.toBeNull();
      page.button('Continue').click();
      await page.update();
      http.expectOne('/api/auth/register/start').flush(OFFER);
      await page.update();
      expect(text(page.el.querySelector('[data-testid="joining-reminder"]'))).toBe('You are joining The Smiths.');
    });

    it('registers in the language shown: the starter funnels are named in it, and it is the new user\'s', async () => {
      await TestBed.inject(I18n).use('ru');
      const page = await openInvite({ ...HOUSEHOLD_INVITE, household: { name: 'Flat 3', members: ['dora'], sharedFunnels: [] } });
      expect(text(page.el.querySelector('label[for="register-starters"]'))).toContain('Также создать мне личные конверты «Еда» 🍞 и «Разное» 🛍️');
      const { finish } = await register(page);
      expect(finish.locale).toBe('ru');
      expect(text(page.el.querySelector('h2'))).toBe('Ваш аккаунт готов');
      localStorage.removeItem('stracker.locale');
    });
  });

  it('leads a new household from the recovery codes to the first-run setup, with Food and Misc to start from', async () => {
    const page = await open({ data: { tab: 'register' } });
    http.expectOne('/api/auth/registration').flush(OPEN);
    await page.update();
    await page.type('#register-username', 'bert');
    page.button('Continue').click();
    await page.update();
    const start = http.expectOne('/api/auth/register/start');
    expect(start.request.body).toEqual({ username: 'bert' });
    start.flush(OFFER);
    await page.update();
    await page.type('#enrol-code', '123456');
    const finish = http.expectOne('/api/auth/register/finish');
    expect('starterFunnels' in finish.request.body).toBe(false);
    expect(finish.request.body.locale).toBe('en'); // the user's language from now on, and the starter funnels' names
    finish.flush(REGISTERED);
    await page.update();
    http.expectNone('/api/me'); // the server has the language already
    page.button('I saved them').click();
    await page.update();
    expect(navigated).toEqual(['/setup']);
    expect(localStorage.getItem('stracker.signedInBefore')).toBe('1');
  });

  describe('the language', () => {
    async function signIn(code = '123456') {
      localStorage.setItem('stracker.signedInBefore', '1');
      const page = await open({ data: { tab: 'login' } });
      await page.type('#login-username', 'bert');
      await page.type('#login-code', code);
      http.expectOne('/api/auth/login').flush(REGISTERED);
      await settle();
      return page;
    }

    it("follows the user to a device where nobody chose one: the language they chose elsewhere, before the next page", async () => {
      const i18n = TestBed.inject(I18n);
      localStorage.removeItem('stracker.locale');
      i18n.chosen.set(false);
      await signIn();
      expect(navigated).toEqual([]); // waits (briefly) for the language
      await answerMe('de', null);
      await vi.waitFor(() => expect(navigated).toEqual(['/']));
      expect(i18n.locale()).toBe('de');
      expect(i18n.chosen()).toBe(true);
      expect(localStorage.getItem('stracker.locale')).toBe('de');
    });

    it('keeps a language chosen on this device, and stores none over the one the user has', async () => {
      const i18n = TestBed.inject(I18n);
      await i18n.use('ru');
      await signIn();
      await answerMe('de', null);
      await vi.waitFor(() => expect(navigated).toEqual(['/']));
      expect(i18n.locale()).toBe('ru');
      localStorage.removeItem('stracker.locale');
    });

    it("points the web app manifest at the language's own (its name and shortcuts translated)", async () => {
      const link = document.head.appendChild(Object.assign(document.createElement('link'), { rel: 'manifest', href: '/manifest.webmanifest' }));
      try {
        const i18n = TestBed.inject(I18n);
        await i18n.use('he');
        expect(link.getAttribute('href')).toBe('/manifest.he.webmanifest');
        await i18n.use('en');
        expect(link.getAttribute('href')).toBe('/manifest.webmanifest');
      } finally {
        link.remove();
        localStorage.removeItem('stracker.locale');
      }
    });

    it('signs in all the same when the language cannot be asked for', async () => {
      await signIn();
      http.expectOne('/api/me').flush('down', { status: 502, statusText: 'Bad Gateway' });
      await settle();
      await settle();
      expect(navigated).toEqual(['/']);
    });

    it('shows the sign-in and registration in German, and why the device was signed out', async () => {
      sessionStorage.setItem('stracker.signedOutReason', 'session_replaced');
      await TestBed.inject(I18n).use('de');
      const { el, update } = await open();
      expect(text(el.querySelector('h1'))).toBe('Willkommen bei STracker');
      expect(text(el.querySelector('[data-testid="signed-out-message"]'))).toBe('Du hast dich auf einem anderen Gerät angemeldet, deshalb wurde dieses Gerät abgemeldet.');
      expect(text(el.querySelector('label[for="login-code"]'))).toBe('Code aus deiner Authenticator-App');
      expect(el.querySelector('[role="tablist"]')!.getAttribute('aria-label')).toBe('Anmelden oder registrieren');
      el.querySelector<HTMLButtonElement>('#tab-register')!.click();
      await update();
      http.expectOne('/api/auth/registration').flush(OPEN);
      await update();
      expect(text(el.querySelector('label[for="register-username"]'))).toBe('Wähle einen Benutzernamen');
      expect(text(el.querySelector('label[for="register-invite"]'))).toBe('Einladungscode (optional: um einem Haushalt beizutreten)');
      localStorage.removeItem('stracker.locale');
    });

    it('in Hebrew joins a household right to left, its name bold and isolated, the key still left to right', async () => {
      await TestBed.inject(I18n).use('he');
      expect(document.documentElement.dir).toBe('rtl');
      const page = await open({ data: { tab: 'register' }, invite: 'K7M2-QX9P-4HTR' });
      http.expectOne('/api/auth/registration').flush(OPEN);
      await page.update();
      http.expectOne('/api/auth/invites/K7M2-QX9P-4HTR').flush(HOUSEHOLD_INVITE);
      await page.update();
      const title = page.el.querySelector('[data-testid="invite-household"] h2')!;
      expect(text(title)).toBe('אתם מצטרפים למשק הבית "The Smiths"');
      expect(text(title.querySelector('strong'))).toBe('The Smiths');
      expect(getComputedStyle(title.querySelector('strong')!).unicodeBidi).toBe('isolate');
      await page.type('#register-username', 'bert');
      page.button('המשך').click();
      await page.update();
      http.expectOne('/api/auth/register/start').flush(OFFER);
      await page.update();
      expect(page.el.querySelector('[data-testid="totp-secret"]')!.getAttribute('dir')).toBe('ltr');
      expect(text(page.el.querySelector('[data-testid="joining-reminder"]'))).toBe('אתם מצטרפים למשק הבית The Smiths.');
      localStorage.removeItem('stracker.locale');
    });
  });
});
