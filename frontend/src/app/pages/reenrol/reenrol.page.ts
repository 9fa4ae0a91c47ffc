import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EnrolmentDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { I18n } from '../../core/i18n';
import { EnrolmentComponent } from '../../ui/enrolment.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';
import { AccountStore } from '../../stores/account.store';

/** Replace the authenticator (after a recovery-code sign-in, or a new phone), then fresh recovery codes. */
@Component({
  selector: 'app-reenrol-page',
  imports: [EnrolmentComponent, RecoveryCodesComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow stack">
      <h1>{{ t('onboarding.reenrol.title') }}</h1>
      @if (codes(); as recoveryCodes) {
        <section class="card">
          <h2>{{ t('onboarding.reenrol.newCodes') }}</h2>
          <app-recovery-codes [codes]="recoveryCodes" (saved)="finished.set(true); codes.set(null)" />
        </section>
      } @else if (finished()) {
        <p class="card" role="status">{{ t('onboarding.reenrol.inUse') }} <a routerLink="/">{{ t('onboarding.reenrol.backToToday') }}</a></p>
      } @else if (enrolment(); as offer) {
        <section class="card">
          <p class="muted">{{ t('onboarding.reenrol.onceConfirmed') }}</p>
          <app-enrolment [enrolment]="offer" [busy]="busy()" [error]="error()" [submitLabel]="t('onboarding.useThisAuthenticator')" (confirmed)="confirm($event)" />
        </section>
      } @else if (error()) {
        <p class="error-box" role="alert">{{ error() }}</p>
      } @else {
        <div class="skeleton" style="height: 320px" aria-hidden="true"></div>
        <p class="visually-hidden" role="status">{{ t('onboarding.reenrol.preparing') }}</p>
      }
    </div>
  `,
  styles: `.narrow { max-width: 520px; }`,
})
export class ReenrolPage implements OnInit {
  private readonly account = inject(AccountStore);
  private readonly auth = inject(AuthService);
  protected readonly t = inject(I18n).t;
  protected readonly enrolment = signal<EnrolmentDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly codes = signal<string[] | null>(null);
  protected readonly finished = signal(false);

  async ngOnInit(): Promise<void> {
    try {
      this.enrolment.set(await this.account.startReenrolment());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected async confirm(code: string): Promise<void> {
    const offer = this.enrolment();
    if (!offer) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.account.finishReenrolment(offer.enrolmentToken, code);
      this.auth.reenrolled();
      // A lost phone usually means the recovery codes were used too: hand out a fresh batch.
      this.codes.set(await this.account.newRecoveryCodes());
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
