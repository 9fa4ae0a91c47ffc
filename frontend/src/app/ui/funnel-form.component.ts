import { ChangeDetectionStrategy, Component, OnInit, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FunnelDto, FunnelInputDto } from '../api/models';
import { isSingleEmoji } from '../core/emoji';
import { isolate } from '../core/household-dates';
import { I18n } from '../core/i18n';
import { parseLimit } from '../core/limit';
import { EmojiPickerComponent } from './emoji-picker.component';
import type { MessageKey } from '../i18n/en';
import { COLOUR_PRESETS } from './settings-colours';

/** Create or edit a funnel: emoji, name, colour, monthly limit, shared, rollover. */
@Component({
  selector: 'app-funnel-form',
  imports: [FormsModule, EmojiPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (ngSubmit)="submit()" novalidate>
      <div class="top">
        <app-emoji-picker inputId="funnel-emoji" [(value)]="emoji" [invalid]="touched() && !!errors().emoji" describedBy="funnel-emoji-error" />
        <div class="field name">
          <label for="funnel-name">{{ t('settings.funnelForm.name') }}</label>
          <input id="funnel-name" name="name" [(ngModel)]="name" maxlength="40" autocomplete="off" dir="auto"
            [attr.aria-invalid]="touched() && !!errors().name" aria-describedby="funnel-name-error" />
        </div>
      </div>
      @if (touched() && errors().emoji; as key) { <div class="field-error" id="funnel-emoji-error">{{ t(key) }}</div> }
      @if (touched() && errors().name; as key) { <div class="field-error" id="funnel-name-error">{{ t(key) }}</div> }
      <fieldset class="field colours bare-group">
        <legend>{{ t('settings.funnelForm.colour') }}</legend>
        <div class="swatches" data-testid="colour-presets">
          @for (preset of presets; track preset.hex) {
            <button type="button" class="swatch" [style.background]="preset.hex" [attr.aria-label]="t(preset.name)" [title]="t(preset.name)"
              [attr.aria-pressed]="color.toLowerCase() === preset.hex" (click)="color = preset.hex">
              @if (color.toLowerCase() === preset.hex) { <span aria-hidden="true">✓</span> }
            </button>
          }
          <span class="custom">
            <label for="funnel-color" class="visually-hidden">{{ t('settings.funnelForm.customColour') }}</label>
            <input id="funnel-color" name="color" type="color" [(ngModel)]="color" [title]="t('settings.funnelForm.customColour')" />
          </span>
        </div>
      </fieldset>
      <div class="field limit">
        <label for="funnel-limit">{{ t('settings.funnelForm.limit') }}</label>
        <input id="funnel-limit" name="limit" inputmode="decimal" [(ngModel)]="limit" autocomplete="off"
          [attr.aria-invalid]="touched() && !!errors().limit" aria-describedby="funnel-limit-error" />
        @if (touched() && errors().limit; as key) { <div class="field-error" id="funnel-limit-error">{{ t(key) }}</div> }
      </div>
      <div class="field switch">
        <span class="switch-control">
          <input id="funnel-shared" name="shared" type="checkbox" role="switch" [(ngModel)]="shared" [disabled]="sharedLockedBy() !== null"
            [attr.aria-describedby]="sharedLockedBy() !== null ? 'funnel-shared-locked' : null" />
          <span class="track" aria-hidden="true"></span>
        </span>
        <div>
          <label for="funnel-shared">{{ t('settings.funnelForm.shared') }} <span class="hint">{{ t('settings.funnelForm.sharedHint') }}</span></label>
          @if (sharedLockedBy(); as owner) {
            <div class="hint" id="funnel-shared-locked" data-testid="shared-locked">{{ t('settings.funnelForm.sharedLockedBy', { owner: isolated(owner) }) }}</div>
          } @else if (sharedLockedBy() !== null) {
            <div class="hint" id="funnel-shared-locked" data-testid="shared-locked">{{ t('settings.funnelForm.sharedLocked') }}</div>
          }
        </div>
      </div>
      <div class="field switch">
        <span class="switch-control">
          <input id="funnel-rollover" name="rollover" type="checkbox" role="switch" [(ngModel)]="rollover" aria-describedby="funnel-rollover-hint" />
          <span class="track" aria-hidden="true"></span>
        </span>
        <div>
          <label for="funnel-rollover">{{ t('settings.funnelForm.rollover') }}</label>
          <div class="hint" id="funnel-rollover-hint">{{ t('settings.funnelForm.rolloverHint') }}</div>
        </div>
      </div>
      @if (serverError()) { <p class="error-box" role="alert">{{ serverError() }}</p> }
      <div class="row">
        <span class="spacer"></span>
        <button type="button" class="btn" (click)="cancelled.emit()">{{ t('settings.cancel') }}</button>
        <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ funnel() ? t('settings.save') : t('settings.funnelForm.create') }}</button>
      </div>
    </form>
  `,
  styles: `
    form { container-type: inline-size; }
    .top { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .5rem .75rem; align-items: start; margin-bottom: .9rem; --emoji-panel-row: 2; }
    /* Where the name would get under 4rem beside the emoji (a narrow phone with large text), it goes below it. */
    @container (max-width: 11.5rem) { .top { grid-template-columns: minmax(0, 1fr); } }
    .top .name { margin: 0; }
    .top + .field-error, .field-error + .field-error { margin: -.6rem 0 .9rem; }
    fieldset { margin: 0 0 .9rem; }
    legend { font-weight: 600; margin-bottom: .25rem; padding: 0; }
    .swatches { display: flex; flex-wrap: wrap; gap: .25rem; align-items: center; }
    .swatch {
      width: 2.75rem; height: 2.75rem; border-radius: 50%; border: .1875rem solid var(--surface); box-shadow: 0 0 0 1px var(--border);
      cursor: pointer; color: #fff; font-weight: 700; text-shadow: 0 0 2px #000; padding: 0;
    }
    .swatch[aria-pressed='true'] { box-shadow: 0 0 0 2px var(--text); }
    .custom input { width: 3.5rem; padding: .2rem; }
    .limit input { max-width: min(14rem, 100%); }
    /* With large text the words go below the switch rather than off the screen. */
    .switch { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: flex-start; }
    .switch > div { flex: 1 1 9rem; min-width: 0; }
    .switch label { font-weight: 600; margin: .6rem 0 0; overflow-wrap: anywhere; }
    .switch .hint { overflow-wrap: anywhere; }
    /* The switch itself is the 52 × 44 px target; the track is what shows. */
    .switch-control { position: relative; flex: none; width: 3.25rem; height: 2.75rem; }
    .switch-control input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; z-index: 1; }
    .switch-control input:disabled { cursor: not-allowed; }
    .track { position: absolute; inset: .5rem 0; border-radius: 999px; background: color-mix(in srgb, var(--muted) 60%, transparent); transition: background .15s; }
    .track::after {
      content: ''; position: absolute; top: .1875rem; inset-inline-start: .1875rem; width: 1.375rem; height: 1.375rem; border-radius: 50%;
      background: #fff; box-shadow: 0 1px 2px rgb(0 0 0 / 30%); transition: transform .15s;
    }
    input:checked + .track { background: var(--accent); }
    input:checked + .track::after { transform: translateX(1.5rem); }
    /* Right to left the knob starts on the right and moves left. */
    :host-context([dir='rtl']) input:checked + .track::after { transform: translateX(-1.5rem); }
    input:focus-visible + .track { outline: 3px solid var(--focus); outline-offset: 2px; }
    input:disabled + .track { opacity: .6; }
  `,
})
export class FunnelFormComponent implements OnInit {
  readonly funnel = input<FunnelDto | null>(null);
  /**
   * Set for a shared funnel only its owner may make personal (the switch then stays on): the
   * owner's name, or '' while the household's members are not known.
   */
  readonly sharedLockedBy = input<string | null>(null);
  readonly busy = input(false);
  readonly serverError = input<string | null>(null);
  readonly saved = output<FunnelInputDto>();
  readonly cancelled = output<void>();
  protected readonly t = inject(I18n).t;

  protected emoji = '💶';
  protected name = '';
  protected color = '#00897b';
  protected limit = '';
  protected shared = false;
  protected rollover = false;
  protected readonly touched = signal(false);
  protected readonly presets = COLOUR_PRESETS;

  ngOnInit(): void {
    const f = this.funnel();
    if (f) {
      this.emoji = f.emoji;
      this.name = f.name;
      this.color = f.color;
      this.limit = String(f.limit);
      this.shared = f.shared;
      this.rollover = f.rollover;
    }
  }

  /** What is wrong, field by field (keys of the texts, said in the language of the moment). */
  protected errors(): { emoji?: MessageKey; name?: MessageKey; limit?: MessageKey } {
    const name = this.name.trim();
    return {
      ...(isSingleEmoji(this.emoji) ? {} : { emoji: 'settings.funnelForm.badEmoji' as const }),
      ...(name.length >= 1 && name.length <= 40 ? {} : { name: 'settings.funnelForm.badName' as const }),
      ...(parseLimit(this.limit) !== null ? {} : { limit: 'settings.funnelForm.badLimit' as const }),
    };
  }

  protected isolated(name: string): string {
    return isolate(name);
  }

  protected submit(): void {
    this.touched.set(true);
    if (Object.keys(this.errors()).length > 0) return;
    this.saved.emit({ emoji: this.emoji.trim(), name: this.name.trim(), color: this.color, limit: parseLimit(this.limit)!, shared: this.shared, rollover: this.rollover });
  }
}
