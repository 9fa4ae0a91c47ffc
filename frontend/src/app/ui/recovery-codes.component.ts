import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';

/** Shows recovery codes once, with copy and download, until the user confirms they saved them. */
@Component({
  selector: 'app-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>These recovery codes let you in if you lose your phone. Each works once. <strong>They are shown only now.</strong></p>
    <ul class="codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li><code>{{ code }}</code></li>
      }
    </ul>
    <div class="row wrap">
      <button type="button" class="btn" (click)="copy()">{{ copied() ? 'Copied' : 'Copy' }}</button>
      <a class="btn" [href]="downloadHref()" download="stracker-recovery-codes.txt">Download</a>
      <span class="spacer"></span>
      <button type="button" class="btn btn-primary" (click)="saved.emit()">I saved them</button>
    </div>
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

  protected downloadHref(): string {
    return `data:text/plain;charset=utf-8,${encodeURIComponent(`STracker recovery codes\n\n${this.codes().join('\n')}\n`)}`;
  }

  protected async copy(): Promise<void> {
    await navigator.clipboard?.writeText(this.codes().join('\n'));
    this.copied.set(true);
  }
}
