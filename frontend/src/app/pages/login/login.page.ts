import { ChangeDetectionStrategy, Component, Injector, OnInit, afterNextRender, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../api/api';
import { EnrolmentDto, RegistrationInfoDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { I18n } from '../../core/i18n';
import { TokenStore } from '../../core/token-store';
import { PushStore } from '../../stores/push.store';
import { EnrolmentComponent } from '../../ui/enrolment.component';
import { EntryWaitingNote } from '../../ui/entry-waiting-note.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';
import { rememberHouseholdStart } from '../setup/setup-state';
import { rememberSignedIn, signedInBefore } from './device-history';
import { InviteLookup, lookUpInvite } from './invite-preview';
import { loadRegistrationInfo } from './registration-policy';
import { syncLanguageBriefly } from './server-language';
import { StrongText } from './strong-text.component';

type Tab = 'login' | 'register';

/**
 * Sign in and register, as two tabs of one screen. A device nobody signed in on opens on
 * Register; an invite link says which household it joins before anything is typed.
 */
@Component({
  selector: 'app-login-page',
  imports: [FormsModule, EnrolmentComponent, EntryWaitingNote, RecoveryCodesComponent, StrongText],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.css',
})
export class LoginPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly api = inject(Api);
  private readonly tokens = inject(TokenStore);
  private readonly injector = inject(Injector);
  private readonly push = inject(PushStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** `?invite=CODE` from an invite link. */
  readonly invite = input<string>();

  protected readonly tab = signal<Tab>('login');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Why this device was signed out, in the current language, until a sign-in or registration succeeds here. */
  private readonly signedOutDismissed = signal(false);
  protected readonly signedOutMessage = computed(() => (this.signedOutDismissed() ? null : this.auth.signedOutMessage()));

  protected username = '';
  /** The 6-digit code, digits only; the sixth one signs in. */
  protected readonly code = signal('');
  /** Signing in with a recovery code instead: a text field. */
  protected readonly recoveryMode = signal(false);
  protected readonly recoveryCode = signal('');
  protected inviteCode = '';
  protected readonly enrolment = signal<EnrolmentDto | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);

  /** What the invite code leads to; null when there is no code. */
  protected readonly inviteLookup = signal<InviteLookup | null>(null);
  protected readonly joining = computed(() => {
    const lookup = this.inviteLookup();
    return lookup?.state === 'household' ? lookup.household : null;
  });
  /** Also the personal Food and Misc when joining? Asked only then; by default not when the household has shared funnels. */
  protected starterFunnels = true;
  /** Where "I saved them" leads: the first-run setup for a new household, the dashboard for one joined. */
  private nextUrl = '/';
  /** The 6-digit code sent last: the same code is not sent again by itself. */
  private lastSentCode: string | null = null;
  private lookedUp = '';

  /**
   * The server's registration policy: not asked yet, being asked (the form's place is held by
   * a skeleton), known, or unknown (offline or failing: the form shows as it always did).
   */
  protected readonly registration = signal<RegistrationInfoDto | 'loading' | 'unknown' | null>(null);
  protected readonly registrationLoading = computed(() => this.registration() === 'loading');
  protected readonly registrationClosed = computed(() => this.policy()?.mode === 'closed');
  protected readonly inviteRequired = computed(() => this.policy()?.inviteRequired === true);
  /** Said up front only to someone who came without an invite link. */
  protected readonly explainInvite = computed(() => this.inviteRequired() && !this.invite());

  ngOnInit(): void {
    const wanted = this.route.snapshot.data['tab'] as Tab | undefined;
    // /register and invite links register; /login opens on Register only for a first visit.
    const firstVisit = !signedInBefore() && !this.signedOutMessage();
    this.tab.set(wanted === 'register' || (wanted !== 'login' && firstVisit) ? 'register' : 'login');
    if (this.invite()) {
      this.inviteCode = this.invite()!.trim();
      this.tab.set('register');
      void this.checkInvite();
    }
    if (this.tab() === 'register') void this.loadRegistration();
  }

  protected select(tab: Tab): void {
    this.tab.set(tab);
    this.error.set(null);
    if (tab === 'register') void this.loadRegistration();
  }

  /** From the "registration is closed" panel back to signing in, keyboard focus included. */
  protected toSignIn(): void {
    this.select('login');
    document.getElementById('tab-login')?.focus();
  }

  protected onTabKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const next: Tab = this.tab() === 'login' ? 'register' : 'login';
      this.select(next);
      document.getElementById(`tab-${next}`)?.focus();
      event.preventDefault();
    }
  }

  /** Digits only (a pasted "123 456" counts); the sixth digit signs in once the username is there. */
  protected typedCode(event: Event): void {
    const field = event.target as HTMLInputElement;
    const digits = field.value.replace(/\D/g, '').slice(0, 6);
    if (field.value !== digits) field.value = digits;
    this.code.set(digits);
    if (digits.length === 6 && digits !== this.lastSentCode && this.canLogin()) void this.login();
  }

  protected typedRecoveryCode(event: Event): void {
    this.recoveryCode.set((event.target as HTMLInputElement).value);
  }

  protected useRecoveryCode(on: boolean): void {
    this.recoveryMode.set(on);
    this.error.set(null);
    afterNextRender({ write: () => document.getElementById(on ? 'login-recovery' : 'login-code')?.focus() }, { injector: this.injector });
  }

  protected canLogin(): boolean {
    const code = this.recoveryMode() ? this.recoveryCode().trim() : this.code();
    return !this.busy() && !!this.username.trim() && (this.recoveryMode() ? code.length > 0 : /^\d{6}$/.test(code));
  }

  protected async login(): Promise<void> {
    if (!this.canLogin()) return;
    const code = this.recoveryMode() ? this.recoveryCode().trim() : this.code();
    if (!this.recoveryMode()) this.lastSentCode = code;
    const ok = await this.run(async () => {
      await this.auth.login(this.username.trim(), code);
      rememberSignedIn();
      // Notifications this user had on on this device come back for the new session.
      void this.push.afterSignIn();
      // The user's language (chosen on another phone) before the next page, if it comes quickly.
      await syncLanguageBriefly(this.api, this.i18n);
      await this.router.navigateByUrl(this.auth.mustReenrol() ? '/reenrol' : '/');
    });
    // A refused code stays, selected: the next one typed replaces it.
    if (!ok) afterNextRender({ write: () => (document.getElementById(this.recoveryMode() ? 'login-recovery' : 'login-code') as HTMLInputElement | null)?.select() }, { injector: this.injector });
  }

  /** The invite code field changed (typed or pasted): say where it leads. */
  protected inviteChanged(): void {
    void this.checkInvite();
  }

  protected async startRegistration(): Promise<void> {
    const code = this.inviteCode.trim();
    if (code && code !== this.lookedUp) {
      // Typed and sent at once: first say where the code leads (and ask about Food and Misc).
      await this.checkInvite();
      const state = this.inviteLookup()?.state;
      if (state === 'household' || state === 'dead') return;
    }
    await this.run(async () => {
      this.enrolment.set(await this.auth.startRegistration(this.username.trim(), this.inviteCode.trim() || undefined));
    });
  }

  protected async finishRegistration(code: string): Promise<void> {
    const enrolment = this.enrolment();
    if (!enrolment || this.busy()) return;
    const joining = this.joining() !== null;
    // Joined with a code whose household could not be previewed (offline): no setup offered, Settings has it.
    const newHousehold = !this.inviteCode.trim() || this.inviteLookup()?.state === 'new-household';
    await this.run(async () => {
      this.recoveryCodes.set(await this.auth.finishRegistration(enrolment.enrolmentToken, code, joining ? this.starterFunnels : undefined));
      rememberSignedIn();
      const userId = this.tokens.userId();
      if (newHousehold && userId) {
        rememberHouseholdStart(userId);
        this.nextUrl = '/setup';
      }
    });
  }

  protected canStart(): boolean {
    return (
      !this.busy() &&
      !!this.username.trim() &&
      (!this.inviteRequired() || !!this.inviteCode.trim()) &&
      this.inviteLookup()?.state !== 'loading' &&
      this.inviteLookup()?.state !== 'dead'
    );
  }

  protected async done(): Promise<void> {
    await this.router.navigateByUrl(this.nextUrl);
  }

  private async checkInvite(): Promise<void> {
    const code = this.inviteCode.trim();
    if (code === this.lookedUp) return;
    this.lookedUp = code;
    if (!code) {
      this.inviteLookup.set(null);
      return;
    }
    this.inviteLookup.set({ state: 'loading' });
    const lookup = await lookUpInvite(this.api, code);
    if (this.lookedUp !== code) return; // typed on meanwhile
    this.inviteLookup.set(lookup);
    if (lookup.state === 'household') this.starterFunnels = lookup.household.sharedFunnels.length === 0;
  }

  /** Asked once, the first time the register tab shows. */
  private async loadRegistration(): Promise<void> {
    if (this.registration() !== null) return;
    this.registration.set('loading');
    this.registration.set((await loadRegistrationInfo(this.api)) ?? 'unknown');
  }

  private policy(): RegistrationInfoDto | null {
    const registration = this.registration();
    return typeof registration === 'object' ? registration : null;
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.signedOutDismissed.set(true);
      return true;
    } catch (error) {
      this.error.set(errorMessage(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
