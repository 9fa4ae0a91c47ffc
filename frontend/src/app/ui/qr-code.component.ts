import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, viewChild } from '@angular/core';
import { I18n } from '../core/i18n';

/** Draws `value` as a QR code, locally (no remote service ever sees the secret). */
@Component({
  selector: 'app-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas [attr.aria-label]="label() ?? t('onboarding.qr.label')" role="img" width="220" height="220"></canvas>`,
  styles: `canvas { display: block; width: 220px; height: 220px; background: #fff; border-radius: 8px; }`,
})
export class QrCodeComponent {
  readonly value = input.required<string>();
  /** What a screen reader says; "QR code" by default. */
  readonly label = input<string | null>(null);
  protected readonly t = inject(I18n).t;
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    effect(async () => {
      const value = this.value();
      const canvas = this.canvas().nativeElement;
      const module = await import('qrcode');
      // qrcode is CommonJS: depending on the bundler its API sits on the namespace or on `default`.
      const QRCode = (module as unknown as { default?: typeof module }).default ?? module;
      await QRCode.toCanvas(canvas, value, { width: 220, margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
    });
  }
}
