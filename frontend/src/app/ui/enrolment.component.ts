import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, output, signal, viewChild } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { EnrolmentDto } from '../api/models';
import { I18n } from '../core/i18n';
import { QrCodeComponent } from './qr-code.component';

/**
 * Shows a new TOTP secret and asks for the first code. On a phone one cannot scan one's own
 * screen, so there "Add to authenticator" (the otpauth:// link, which opens the authenticator
 * app) leads and the QR code is folded away for scanning with another device; on a larger
 * screen the QR code leads. The key shows in groups of four; six digits submit themselves.
 */
@Component({
  selector: 'app-enrolment',
  imports: [FormsModule, NgTemplateOutlet, QrCodeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="steps" [attr.data-layout]="touchFirst() ? 'link-first' : 'qr-first'" data-testid="enrolment">
      @if (touchFirst()) {
        <li>
          <p class="step-title">{{ t('onboarding.enrol.addOnThisPhone') }}</p>
          <a class="btn btn-primary wide" [href]="enrolment().otpauthUrl" data-testid="enrol-add-link">{{ t('onboarding.enrol.addToAuthenticator') }}</a>
          <p class="hint">{{ t('onboarding.enrol.opensApp') }}</p>
          <p class="or">{{ t('onboarding.enrol.orTypeKey') }}</p>
          <ng-container *ngTemplateOutlet="key" />
          <details class="qr-more" (toggle)="qrOpen.set($any($event.target).open)">
            <summary>{{ t('onboarding.enrol.showQr') }} <span class="hint">{{ t('onboarding.enrol.showQrHint') }}</span></summary>
            @if (qrOpen()) {
              <app-qr-code [value]="enrolment().otpauthUrl" [label]="t('onboarding.enrol.qrLabel')" />
            }
          </details>
        </li>
      } @else {
        <li>
          <p class="step-title">{{ t('onboarding.enrol.scan') }}</p>
          <app-qr-code [value]="enrolment().otpauthUrl" [label]="t('onboarding.enrol.qrLabel')" />
          <p class="or">{{ t('onboarding.enrol.orOnThisDevice') }}</p>
          <a class="btn" [href]="enrolment().otpauthUrl" data-testid="enrol-add-link">{{ t('onboarding.enrol.addToAuthenticator') }}</a>
          <p class="or">{{ t('onboarding.enrol.orTypeKey') }}</p>
          <ng-container *ngTemplateOutlet="key" />
        </li>
      }
      <li>
        <form (ngSubmit)="submit()">
          <div class="field">
            <label for="enrol-code">{{ t('onboarding.enrol.enterCode') }}</label>
            <input #codeField id="enrol-code" name="code" [value]="code()" (input)="typed($event)" inputmode="numeric" autocomplete="one-time-code"
              pattern="[0-9]{6}" maxlength="6" required enterkeyhint="done" [attr.aria-invalid]="!!error()" aria-describedby="enrol-code-hint enrol-code-error" />
            <div class="hint" id="enrol-code-hint">{{ t('onboarding.enrol.codeHint') }}</div>
            @if (error()) {
              <div class="field-error" id="enrol-code-error" role="alert">{{ error() }}</div>
            }
          </div>
          <button type="submit" class="btn btn-primary" [disabled]="busy() || !valid()">{{ submitLabel() ?? t('onboarding.enrol.confirm') }}</button>
        </form>
      </li>
    </ol>

    <ng-template #key>
      <div class="secret">
        <code data-testid="totp-secret" dir="ltr">
          @for (group of keyGroups(); track $index) { <span class="group">{{ group }}</span> }
        </code>
        <button type="button" class="btn" (click)="copySecret()">{{ t(copied() ? 'onboarding.enrol.copied' : 'onboarding.enrol.copyKey') }}</button>
      </div>
    </ng-template>
  `,
  styles: `
    .steps { padding-inline-start: 1.2rem; display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; margin: 0; }
    .steps li > * + * { margin-top: .5rem; }
    .steps p { margin-bottom: 0; }
    .step-title { margin-top: 0; font-weight: 600; }
    .or { color: var(--muted); }
    .wide { width: 100%; }
    .secret { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    code {
      display: flex; flex-wrap: wrap; gap: .15rem .6em; font-size: 1.05rem; letter-spacing: .06em; background: var(--surface-2);
      padding: .4rem .6rem; border-radius: .375rem; min-width: 0;
    }
    .group { white-space: nowrap; }
    summary { cursor: pointer; min-height: 2.75rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0 .4rem; font-weight: 600; color: var(--accent); }
    details app-qr-code { display: block; margin-top: .5rem; }
    #enrol-code { font-size: 1.3rem; letter-spacing: .3em; max-width: min(12rem, 100%); }
  `,
})
export class EnrolmentComponent {
  readonly enrolment = input.required<EnrolmentDto>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  /** The button's words (translated by the page); "Confirm" by default. */
  readonly submitLabel = input<string | null>(null);
  /** Link first (a phone) or QR code first (a larger screen); by default from the device's pointer. */
  readonly linkFirst = input<boolean | null>(null);
  readonly confirmed = output<string>();
  protected readonly t = inject(I18n).t;

  protected readonly code = signal('');
  protected readonly copied = signal(false);
  protected readonly qrOpen = signal(false);
  protected readonly touchFirst = computed(() => this.linkFirst() ?? isTouchDevice());
  /** The key in groups of four, easier to type and to compare ("JBSW Y3DP …"). */
  protected readonly keyGroups = computed(() => groupsOfFour(this.enrolment().secret));
  private readonly codeField = viewChild<ElementRef<HTMLInputElement>>('codeField');
  /** The code sent last: typing it again (or a field that re-fires its input) sends nothing twice. */
  private lastSent: string | null = null;

  constructor() {
    // A refused code stays in the field, selected: the next code typed replaces it.
    effect(() => {
      if (this.error()) this.codeField()?.nativeElement.select();
    });
  }

  protected valid(): boolean {
    return /^\d{6}$/.test(this.code());
  }

  /** Digits only (a pasted "123 456" counts); the sixth one sends the code, once per code. */
  protected typed(event: Event): void {
    const field = event.target as HTMLInputElement;
    const digits = field.value.replace(/\D/g, '').slice(0, 6);
    if (field.value !== digits) field.value = digits;
    this.code.set(digits);
    if (this.valid() && digits !== this.lastSent) this.submit();
  }

  protected async copySecret(): Promise<void> {
    await navigator.clipboard?.writeText(this.enrolment().secret);
    this.copied.set(true);
  }

  protected submit(): void {
    if (!this.valid() || this.busy()) return;
    this.lastSent = this.code();
    this.confirmed.emit(this.code());
  }
}

/** "JBSWY3DPEHPK3PXP" → ["JBSW", "Y3DP", "EHPK", "3PXP"]. */
export function groupsOfFour(secret: string): string[] {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];
}

/** A phone or tablet: the primary pointer is a finger. */
export function isTouchDevice(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}
