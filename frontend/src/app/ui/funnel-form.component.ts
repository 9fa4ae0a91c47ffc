import { ChangeDetectionStrategy, Component, OnInit, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FunnelDto, FunnelInputDto } from '../api/models';
import { isSingleEmoji } from '../core/emoji';
import { parseLimit } from '../core/limit';

/** Create or edit a funnel: emoji, name, colour, monthly limit, shared. */
@Component({
  selector: 'app-funnel-form',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (ngSubmit)="submit()" novalidate>
      <div class="grid">
        <div class="field emoji">
          <label for="funnel-emoji">Emoji</label>
          <input id="funnel-emoji" name="emoji" [(ngModel)]="emoji" maxlength="32" autocomplete="off"
            [attr.aria-invalid]="touched() && !!errors().emoji" aria-describedby="funnel-emoji-error" />
          @if (touched() && errors().emoji) { <div class="field-error" id="funnel-emoji-error">{{ errors().emoji }}</div> }
        </div>
        <div class="field">
          <label for="funnel-name">Name</label>
          <input id="funnel-name" name="name" [(ngModel)]="name" maxlength="40" autocomplete="off"
            [attr.aria-invalid]="touched() && !!errors().name" aria-describedby="funnel-name-error" />
          @if (touched() && errors().name) { <div class="field-error" id="funnel-name-error">{{ errors().name }}</div> }
        </div>
      </div>
      <div class="grid">
        <div class="field">
          <label for="funnel-color">Colour</label>
          <input id="funnel-color" name="color" type="color" [(ngModel)]="color" />
        </div>
        <div class="field">
          <label for="funnel-limit">Monthly limit</label>
          <input id="funnel-limit" name="limit" inputmode="decimal" [(ngModel)]="limit" autocomplete="off"
            [attr.aria-invalid]="touched() && !!errors().limit" aria-describedby="funnel-limit-error" />
          @if (touched() && errors().limit) { <div class="field-error" id="funnel-limit-error">{{ errors().limit }}</div> }
        </div>
      </div>
      <div class="field switch">
        <input id="funnel-shared" name="shared" type="checkbox" role="switch" [(ngModel)]="shared" [disabled]="sharedLockedBy() !== null"
          [attr.aria-describedby]="sharedLockedBy() !== null ? 'funnel-shared-locked' : null" />
        <div>
          <label for="funnel-shared">Shared with the household <span class="hint">everyone in it sees and spends from it</span></label>
          @if (sharedLockedBy() !== null) {
            <div class="hint" id="funnel-shared-locked" data-testid="shared-locked">Only {{ sharedLockedBy() }} can make it personal</div>
          }
        </div>
      </div>
      @if (serverError()) { <p class="error-box" role="alert">{{ serverError() }}</p> }
      <div class="row">
        <span class="spacer"></span>
        <button type="button" class="btn" (click)="cancelled.emit()">Cancel</button>
        <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ funnel() ? 'Save' : 'Create' }}</button>
      </div>
    </form>
  `,
  styles: `
    .grid { display: grid; grid-template-columns: 6rem 1fr; gap: .75rem; }
    .emoji input { font-size: 1.4rem; text-align: center; }
    .switch { display: flex; gap: .6rem; align-items: flex-start; }
    .switch input { width: 1.3rem; height: 1.3rem; margin-top: .15rem; }
    .switch label { font-weight: 600; }
  `,
})
export class FunnelFormComponent implements OnInit {
  readonly funnel = input<FunnelDto | null>(null);
  /** The owner's name when this is a shared funnel only they may make personal: the switch then stays on. */
  readonly sharedLockedBy = input<string | null>(null);
  readonly busy = input(false);
  readonly serverError = input<string | null>(null);
  readonly saved = output<FunnelInputDto>();
  readonly cancelled = output<void>();

  protected emoji = '💶';
  protected name = '';
  protected color = '#0f766e';
  protected limit = '';
  protected shared = false;
  protected readonly touched = signal(false);

  ngOnInit(): void {
    const f = this.funnel();
    if (f) {
      this.emoji = f.emoji;
      this.name = f.name;
      this.color = f.color;
      this.limit = String(f.limit);
      this.shared = f.shared;
    }
  }

  protected errors(): { emoji?: string; name?: string; limit?: string } {
    const name = this.name.trim();
    return {
      ...(isSingleEmoji(this.emoji) ? {} : { emoji: 'Pick exactly one emoji.' }),
      ...(name.length >= 1 && name.length <= 40 ? {} : { name: 'Give it a name of 1 to 40 characters.' }),
      ...(parseLimit(this.limit) !== null ? {} : { limit: 'Enter a limit of 0 or more, at most 2 decimals.' }),
    };
  }

  protected submit(): void {
    this.touched.set(true);
    if (Object.keys(this.errors()).length > 0) return;
    this.saved.emit({ emoji: this.emoji.trim(), name: this.name.trim(), color: this.color, limit: parseLimit(this.limit)!, shared: this.shared });
  }
}
