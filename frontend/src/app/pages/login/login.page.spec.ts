import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, provideRouter } from '@angular/router';
import { RegistrationInfoDto } from '../../api/models';
import { I18n, loadAreas } from '../../core/i18n';
import { LoginPage } from './login.page';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('LoginPage, register tab', () => {
  let http: HttpTestingController;
  let routeData: { tab?: string } = { tab: 'register' };

  /** Opens /register (or /login) and answers GET /api/auth/registration with `info` (or a failure). */
  async function open(options: { tab?: 'register' | 'login'; invite?: string; info?: RegistrationInfoDto | 'fail' }) {
    routeData = { tab: options.tab ?? 'register' };
    const fixture = TestBed.createComponent(LoginPage);
    if (options.invite) fixture.componentRef.setInput('invite', options.invite);
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    if (options.info !== undefined) {
      expect(el.querySelector('[data-testid="registration-loading"]')).not.toBeNull();
      expect(el.querySelector('form')).toBeNull();
      const request = http.expectOne('/api/auth/registration');
      expect(request.request.headers.has('Authorization')).toBe(false);
      if (options.info === 'fail') request.flush('down', { status: 502, statusText: 'Bad Gateway' });
      else request.flush(options.info);
      await settle();
      await fixture.whenStable();
      fixture.detectChanges();
    }
    return { fixture, el };
  }

  beforeEach(async () => {
    await loadAreas('onboarding');
    localStorage.clear();
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
  });
  afterEach(async () => {
    http.verify();
    await TestBed.inject(I18n).use('en');
    localStorage.removeItem('stracker.locale');
  });

  it('on a closed server explains that there are no new accounts instead of showing the form, and leads back to signing in', async () => {
    const { fixture, el } = await open({ info: { mode: 'closed', inviteRequired: false } });
    expect(el.querySelector('#register-username')).toBeNull();
    expect(el.querySelector('form')).toBeNull();
    const closed = el.querySelector('[data-testid="registration-closed"]');
    expect(text(closed)).toContain('This server is not taking new accounts');
    expect(text(closed)).toContain('ask them to make it for you');

    const signIn = [...el.querySelectorAll<HTMLButtonElement>('[data-testid="registration-closed"] button')].find((b) => text(b) === 'Sign in instead')!;
    signIn.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('#login-username')).not.toBeNull();
    expect(document.activeElement?.id).toBe('tab-login');
    // Back on the register tab the policy is not asked again (verify() fails on a second request).
    el.querySelector<HTMLButtonElement>('#tab-register')!.click();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="registration-closed"]')).not.toBeNull();
  });

  it('says up front that an invite code is needed and where a family member finds the link, and requires the code', async () => {
    const { el } = await open({ info: { mode: 'invite', inviteRequired: true } });
    const notice = el.querySelector('[data-testid="invite-required"]');
    expect(text(notice)).toContain('This server needs an invite code');
    expect(text(notice)).toContain('Settings');
    expect(text(notice)).toContain('Create invite link');
    const invite = el.querySelector<HTMLInputElement>('#register-invite')!;
    expect(invite.required).toBe(true);
    expect(invite.getAttribute('aria-describedby')).toBe(notice!.id);
    expect(text(el.querySelector('label[for="register-invite"]'))).toContain('needed on this server');
  });

  it('with an invite link, needs no explanation: the code is filled in', async () => {
    const { el } = await open({ invite: 'ABCD-EFGH', info: { mode: 'invite', inviteRequired: true } });
    http.expectOne('/api/auth/invites/ABCD-EFGH').flush({ kind: 'new-household', household: null, expiresAt: '2099-01-01T00:00:00Z' });
    expect(el.querySelector('[data-testid="invite-required"]')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('#register-invite')!.required).toBe(true);
    expect(el.querySelector('#register-username')).not.toBeNull();
  });

  it('on an open server (or the first account) shows the form with the invite code optional', async () => {
    const { el } = await open({ info: { mode: 'invite', inviteRequired: false } });
    expect(el.querySelector('[data-testid="invite-required"]')).toBeNull();
    expect(el.querySelector<HTMLInputElement>('#register-invite')!.required).toBe(false);
    expect(text(el.querySelector('label[for="register-invite"]'))).toContain('optional');
  });

  it('in Russian says that the server takes no new accounts, and that an invite is needed', async () => {
    await TestBed.inject(I18n).use('ru');
    const closed = await open({ info: { mode: 'closed', inviteRequired: false } });
    expect(text(closed.el.querySelector('[data-testid="registration-closed"] h2'))).toBe('Этот сервер не принимает новые аккаунты');
    expect(text(closed.el.querySelector('#tab-register'))).toBe('Регистрация');
    const invite = await open({ info: { mode: 'invite', inviteRequired: true } });
    expect(text(invite.el.querySelector('[data-testid="invite-required"] strong'))).toBe('Для этого сервера нужен код приглашения.');
    expect(text(invite.el.querySelector('label[for="register-invite"]'))).toBe('Код приглашения (обязателен на этом сервере)');
  });

  it('shows the form as before when the policy cannot be fetched', async () => {
    const { el } = await open({ info: 'fail' });
    expect(el.querySelector('#register-username')).not.toBeNull();
    expect(el.querySelector('[data-testid="registration-closed"]')).toBeNull();
    expect(el.querySelector('[data-testid="invite-required"]')).toBeNull();
  });

  it('asks for the policy only once the register tab is shown', async () => {
    localStorage.setItem('stracker.signedInBefore', '1');
    const { fixture, el } = await open({ tab: 'login' });
    http.expectNone('/api/auth/registration');
    el.querySelector<HTMLButtonElement>('#tab-register')!.click();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="registration-loading"]')).not.toBeNull();
    http.expectOne('/api/auth/registration').flush({ mode: 'open', inviteRequired: false });
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('#register-username')).not.toBeNull();
  });

  it("still shows the server's refusal of register/start in words", async () => {
    const { fixture, el } = await open({ info: { mode: 'invite', inviteRequired: false } });
    const username = el.querySelector<HTMLInputElement>('#register-username')!;
    username.value = 'carla';
    username.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    fixture.detectChanges();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const message = 'Registration on this server needs an invite code: ask a member of your family for an invite link (Settings → Invite).';
    http.expectOne('/api/auth/register/start').flush({ statusCode: 403, error: 'Forbidden', message }, { status: 403, statusText: 'Forbidden' });
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text(el.querySelector('[role="alert"]'))).toBe(message.replace(/\.$/, ''));
  });
});
