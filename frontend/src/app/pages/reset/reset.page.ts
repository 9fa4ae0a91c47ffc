import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, Injector, OnInit, afterNextRender, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../api/api';
import { EnrolmentDto } from '../../api/models';
import { AuthService } from '../../core/auth.service';
import { errorMessage } from '../../core/error-message';
import { I18n } from '../../core/i18n';
import { PushStore } from '../../stores/push.store';
import { EnrolmentComponent } from '../../ui/enrolment.component';
import { RecoveryCodesComponent } from '../../ui/recovery-codes.component';
import { syncLanguage } from '../login/server-language';
import { StrongText } from '../login/strong-text.component';

/** Why the link cannot be used: `dead` (used, expired, unknown) needs a new link; otherwise try again. */
interface StartProblem {
  message: string;
  dead: boolean;
}

/**
 * The operator's reset link (`/reset?token=…`, from `stracker-admin reset-authenticator`) for
 * someone who lost both phone and recovery codes: a new authenticator, then new recovery codes,
 * and this device is signed in as that user — also when someone else was signed in here.
 */
@Component({
  selector: 'app-reset-page',
  imports: [EnrolmentComponent, RecoveryCodesComponent, RouterLink, StrongText],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reset.page.html',
  styleUrl: './reset.page.css',
})
export class ResetPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly push = inject(PushStore);
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** `?token=…` from the link. */
  readonly token = input<string>();

  protected readonly enrolment = signal<EnrolmentDto | null>(null);
  protected readonly problem = signal<StartProblem | null>(null);
  protected readonly busy = signal(false);
  /** A refused code (the link stays usable until a code is accepted). */
  protected readonly error = signal<string | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly hasToken = computed(() => !!this.token()?.trim());
  protected readonly account = computed(() => {
    const offer = this.enrolment();
    return offer ? accountOf(offer.otpauthUrl) : null;
  });

  ngOnInit(): void {
    if (this.hasToken()) void this.start();
  }

  protected async start(): Promise<void> {
    this.problem.set(null);
    try {
      this.enrolment.set(await this.auth.startReset(this.token()!.trim()));
    } catch (error) {
      // 400: unknown, used or expired — only a new link helps. Offline, 5xx, 429: the link still works.
      this.problem.set({ message: errorMessage(error), dead: error instanceof HttpErrorResponse && error.status === 400 });
    }
  }

  protected async finish(code: string): Promise<void> {
    const offer = this.enrolment();
    if (!offer || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.recoveryCodes.set(await this.auth.finishReset(offer.enrolmentToken, code));
      void this.push.afterSignIn();
      // The user's language follows them to this device (or this device's is stored for them).
      void syncLanguage(this.api, this.i18n);
      // The form (and the focus in it) is gone: keyboard and screen reader users start at the result.
      afterNextRender({ write: () => document.getElementById('reset-done')?.focus() }, { injector: this.injector });
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async done(): Promise<void> {
    await this.router.navigateByUrl('/');
  }
}

/** The account name in an `otpauth://totp/Issuer:name?…` URI, or null. */
export function accountOf(otpauthUrl: string): string | null {
  const label = /^otpauth:\/\/totp\/([^?#]+)/i.exec(otpauthUrl)?.[1];
  if (!label) return null;
  try {
    const decoded = decodeURIComponent(label);
    return decoded.slice(decoded.indexOf(':') + 1).trim() || null;
  } catch {
    return null;
  }
}
