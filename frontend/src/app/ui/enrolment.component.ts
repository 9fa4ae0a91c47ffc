import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { EnrolmentDto } from '../api/models';
import { QrCodeComponent } from './qr-code.component';

/** Shows a new TOTP secret (QR code, "Add to authenticator" link, copyable secret) and asks for the first code. */
@Component({
  selector: 'app-enrolment',
  imports: [FormsModule, QrCodeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="steps">
      <li>
        Scan this code with an authenticator app (Google Authenticator, Aegis, 1Password …)
        <app-qr-code [value]="enrolment().otpauthUrl" label="QR code for your authenticator app" />
        <a class="btn" [href]="enrolment().otpauthUrl">Add to authenticator</a>
      </li>
      <li>
        or type this key into the app:
        <div class="secret row">
          <code data-testid="totp-secret">{{ enrolment().secret }}</code>
          <button type="button" class="btn" (click)="copySecret()">{{ copied() ? 'Copied' : 'Copy key' }}</button>
        </div>
      </li>
      <li>
        <form (ngSubmit)="submit()">
          <div class="field">
            <label for="enrol-code">Enter the 6-digit code the app shows</label>
            <input id="enrol-code" name="code" [(ngModel)]="code" inputmode="numeric" autocomplete="one-time-code"
              pattern="[0-9]{6}" maxlength="6" required [attr.aria-invalid]="!!error()" aria-describedby="enrol-code-error" />
            @if (error()) {
              <div class="field-error" id="enrol-code-error" role="alert">{{ error() }}</div>
            }
          </div>
          <button type="submit" class="btn btn-primary" [disabled]="busy() || !valid()">{{ submitLabel() }}</button>
        </form>
      </li>
    </ol>
  `,
  styles: `
    .steps { padding-left: 1.2rem; display: grid; gap: 1rem; }
    .steps li > * { margin-top: .5rem; }
    .secret { flex-wrap: wrap; }
    code { font-size: 1rem; letter-spacing: .05em; word-break: break-all; background: var(--surface-2); padding: .4rem .5rem; border-radius: 6px; }
  `,
})
export class EnrolmentComponent {
  readonly enrolment = input.required<EnrolmentDto>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitLabel = input('Confirm');
  readonly confirmed = output<string>();

  protected code = '';
  protected readonly copied = signal(false);

  protected valid(): boolean {
    return /^\d{6}$/.test(this.code.trim());
  }

  protected async copySecret(): Promise<void> {
    await navigator.clipboard?.writeText(this.enrolment().secret);
    this.copied.set(true);
  }

  protected submit(): void {
    if (this.valid()) this.confirmed.emit(this.code.trim());
  }
}
