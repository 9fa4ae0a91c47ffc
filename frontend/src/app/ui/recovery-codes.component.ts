import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { I18n, loadAreas } from '../core/i18n';

/** Shows recovery codes once, with copy and download, until the user confirms they saved them. */
@Component({
  selector: 'app-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (textsLoaded()) {
      <p>{{ t('onboarding.recovery.intro') }} <strong>{{ t('onboarding.recovery.onlyNow') }}</strong></p>
      <ul class="codes" [attr.aria-label]="t('onboarding.recovery.list')">
        @for (code of codes(); track code) {
          <li><code dir="ltr">{{ code }}</code></li>
        }
      </ul>
      <div class="row wrap">
        <button type="button" class="btn" (click)="copy()">{{ t(copied() ? 'onboarding.recovery.copied' : 'onboarding.recovery.copy') }}</button>
        <a class="btn" [href]="downloadHref()" download="stracker-recovery-codes.txt">{{ t('onboarding.recovery.download') }}</a>
        <span class="spacer"></span>
        <button type="button" class="btn btn-primary" (click)="saved.emit()">{{ t('onboarding.recovery.saved') }}</button>
      </div>
    }
  `,
  styles: `
    .codes { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .4rem; }
    code { font-size: 1rem; letter-spacing: .06em; }
    .wrap { flex-wrap: wrap; }
  `,
})
export class RecoveryCodesComponent {
  readonly codes = input.required<string[]>();
  readonly saved = output<void>();
  protected readonly copied = signal(false);
  protected readonly t = inject(I18n).t;

  /**
   * Settings shows new codes too, and its page loads only its own texts: there these come along
   * when the codes do (a moment, from the cache), and nothing shows as a bare key meanwhile.
   */
  protected readonly textsLoaded = computed(() => this.t('onboarding.recovery.saved') !== 'onboarding.recovery.saved');

  constructor() {
    void loadAreas('onboarding').catch(() => undefined);
  }

  protected downloadHref(): string {
    return `data:text/plain;charset=utf-8,${encodeURIComponent(`${this.t('onboarding.recovery.fileTitle')}\n\n${this.codes().join('\n')}\n`)}`;
  }

  protected async copy(): Promise<void> {
    await navigator.clipboard?.writeText(this.codes().join('\n'));
    this.copied.set(true);
  }
}
