import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { EnrolmentDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { EnrolmentComponent } from '../../ui/enrolment.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';

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

  ngOnInit(): void {
    if (this.route.snapshot.data['tab'] === 'register') this.tab.set('register');
    if (this.invite()) {
      this.inviteCode = this.invite()!;
      this.tab.set('register');
    }
  }

  protected select(tab: Tab): void {
    this.tab.set(tab);
    this.error.set(null);
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

  protected async done(): Promise<void> {
    await this.router.navigateByUrl('/');
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
