import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../api/api';
import { EnrolmentDto, RegistrationInfoDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { EnrolmentComponent } from '../../ui/enrolment.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';
import { loadRegistrationInfo } from './registration-policy';

type Tab = 'login' | 'register';

/** Sign in and register, as two tabs of one screen. */
@Component({
  selector: 'app-login-page',
  imports: [FormsModule, EnrolmentComponent, RecoveryCodesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login.page.html',
  styleUrl: './login.page.css',
})
export class LoginPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly api = inject(Api);

  /** `?invite=CODE` from an invite link. */
  readonly invite = input<string>();

  protected readonly tab = signal<Tab>('login');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly signedOutMessage = signal<string | null>(this.auth.signedOutMessage());

  protected username = '';
  protected code = '';
  protected inviteCode = '';
  protected readonly enrolment = signal<EnrolmentDto | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);

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
    if (this.route.snapshot.data['tab'] === 'register') this.tab.set('register');
    if (this.invite()) {
      this.inviteCode = this.invite()!;
      this.tab.set('register');
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

  protected async login(): Promise<void> {
    await this.run(async () => {
      await this.auth.login(this.username.trim(), this.code);
      await this.router.navigateByUrl(this.auth.mustReenrol() ? '/reenrol' : '/');
    });
  }

  protected async startRegistration(): Promise<void> {
    await this.run(async () => {
      this.enrolment.set(await this.auth.startRegistration(this.username.trim(), this.inviteCode.trim() || undefined));
    });
  }

  protected async finishRegistration(code: string): Promise<void> {
    const enrolment = this.enrolment();
    if (!enrolment) return;
    await this.run(async () => {
      this.recoveryCodes.set(await this.auth.finishRegistration(enrolment.enrolmentToken, code));
    });
  }

  protected canStart(): boolean {
    return !this.busy() && !!this.username.trim() && (!this.inviteRequired() || !!this.inviteCode.trim());
  }

  protected async done(): Promise<void> {
    await this.router.navigateByUrl('/');
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

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.signedOutMessage.set(null);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
