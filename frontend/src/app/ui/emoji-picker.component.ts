import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, model, signal, viewChild } from '@angular/core';
import { I18n } from '../core/i18n';
import { EmojiEntry, emojiEntries, searchEmoji } from './emoji-list';

let nextId = 0;

/**
 * An emoji field: type (or paste) any emoji, or open the list of common budgeting emoji and
 * find one by word, in the app's language. Keyboard: ↓ from the search goes into the list,
 * arrows move in it (← and → follow the reading direction), Enter or Space picks, Escape
 * closes. Its parts are laid out by the parent's grid (the host is `display: contents`): the
 * field takes one cell, the open list a whole row (`--emoji-panel-row` says which, default: the
 * next free one).
 */
@Component({
  selector: 'app-emoji-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="control">
      <label [for]="inputId()" [class.visually-hidden]="hideLabel()">{{ label() ?? t('settings.emojiPicker.label') }}</label>
      <div class="pick">
        <input [id]="inputId()" class="typed" [value]="value()" (input)="typed($event)" maxlength="32" autocomplete="off"
          autocapitalize="off" spellcheck="false" [attr.aria-invalid]="invalid()" [attr.aria-describedby]="describedBy()" />
        <button #toggleButton type="button" class="btn toggle" [attr.aria-expanded]="open()" [attr.aria-controls]="panelId"
          (click)="toggle()" data-testid="emoji-picker-toggle">
          <span aria-hidden="true" class="chevron">▾</span><span class="visually-hidden">{{ t('settings.emojiPicker.open') }}</span>
        </button>
      </div>
    </div>
    @if (open()) {
      <div class="panel" [id]="panelId" (keydown)="panelKey($event)" data-testid="emoji-picker">
        <label class="search-label" [for]="searchId">{{ t('settings.emojiPicker.search') }}</label>
        <input #search [id]="searchId" type="search" class="search" [value]="query()" (input)="searched($event)" (keydown)="searchKey($event)"
          [placeholder]="t('settings.emojiPicker.searchPlaceholder')" autocomplete="off" enterkeyhint="done" data-testid="emoji-picker-search" />
        <div class="grid" role="group" [attr.aria-label]="t('settings.emojiPicker.suggestions')" (keydown)="gridKey($event)">
          @for (entry of matches(); track entry.emoji; let i = $index) {
            <button type="button" class="option" [attr.aria-label]="entry.name" [title]="entry.name" [attr.aria-pressed]="entry.emoji === value()"
              [tabIndex]="i === active() ? 0 : -1" (click)="pick(entry)" (focus)="active.set(i)" data-testid="emoji-option">{{ entry.emoji }}</button>
          } @empty {
            <p class="hint none" data-testid="emoji-picker-none">{{ t('settings.emojiPicker.nothing', { query: query().trim() }) }}</p>
          }
        </div>
        <p class="visually-hidden" role="status">{{ t('settings.emojiPicker.matches', { count: matches().length }) }}</p>
      </div>
    }
  `,
  styles: `
    :host { display: contents; }
    .pick { display: flex; gap: .25rem; }
    .typed { width: 3.75rem; font-size: 1.4rem; text-align: center; padding: .35rem .25rem; }
    .toggle { width: 2.75rem; padding: 0; flex: none; }
    .chevron { font-size: 1.1rem; }
    .toggle[aria-expanded='true'] .chevron { display: inline-block; transform: rotate(180deg); }
    .panel {
      grid-column: 1 / -1; grid-row: var(--emoji-panel-row, auto); min-width: 0;
      border: 1px solid var(--border); border-radius: .75rem; padding: .6rem; background: var(--surface-2);
    }
    .search-label { font-size: .875rem; }
    .search { margin-bottom: .5rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(2.75rem, 1fr)); gap: .25rem; max-height: 13.5rem; overflow-y: auto; }
    .option {
      min-height: 2.75rem; min-width: 0; font-size: 1.45rem; line-height: 1; border: 1px solid transparent; border-radius: .5rem;
      background: var(--surface); cursor: pointer; padding: 0;
    }
    .option[aria-pressed='true'] { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
    .none { grid-column: 1 / -1; margin: .25rem 0; }
  `,
})
export class EmojiPickerComponent {
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  /** The emoji, as typed or picked. */
  readonly value = model('');
  readonly inputId = input(`emoji-${++nextId}`);
  /** The field's label; "Emoji" in the app's language unless given. */
  readonly label = input<string | null>(null);
  readonly hideLabel = input(false);
  readonly invalid = input(false);
  readonly describedBy = input<string | null>(null);
  /** The entries offered (tests and callers may narrow it); all, in the app's language, unless given. */
  readonly entries = input<readonly EmojiEntry[] | null>(null);

  protected readonly panelId = `emoji-panel-${++nextId}`;
  protected readonly searchId = `${this.panelId}-search`;
  protected readonly open = signal(false);
  protected readonly query = signal('');
  protected readonly active = signal(0);
  protected readonly matches = computed(() => searchEmoji(this.query(), this.entries() ?? emojiEntries()));

  private readonly toggleButton = viewChild.required<ElementRef<HTMLButtonElement>>('toggleButton');
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);

  protected typed(event: Event): void {
    this.value.set((event.target as HTMLInputElement).value);
  }

  protected toggle(): void {
    if (this.open()) {
      this.close(false);
      return;
    }
    this.query.set('');
    const selected = this.matches().findIndex((e) => e.emoji === this.value().trim());
    this.active.set(Math.max(0, selected));
    this.open.set(true);
    // On a phone a focused search field brings up the keyboard over the list: focus the list there.
    afterNextRender({ write: () => (coarsePointer() ? this.optionAt(this.active())?.focus() : this.search()?.nativeElement.focus()) }, { injector: this.injector });
  }

  protected searched(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.active.set(0);
  }

  protected pick(entry: EmojiEntry): void {
    this.value.set(entry.emoji);
    this.close(true);
  }

  protected searchKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.matches().length > 0) {
      event.preventDefault();
      this.focusOption(this.active());
    } else if (event.key === 'Enter') {
      // Enter in the search picks the first match rather than submitting the surrounding form.
      event.preventDefault();
      const first = this.matches()[0];
      if (first) this.pick(first);
    }
  }

  protected gridKey(event: KeyboardEvent): void {
    const count = this.matches().length;
    if (count === 0) return;
    const index = this.active();
    const columns = this.columns();
    let next: number | null = null;
    // The grid runs right to left in Hebrew: → goes back there, ← forward.
    const forward = this.i18n.dir() === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
    if (event.key === forward) next = Math.min(count - 1, index + 1);
    else if (event.key === back) next = Math.max(0, index - 1);
    else if (event.key === 'ArrowDown') next = Math.min(count - 1, index + columns);
    else if (event.key === 'ArrowUp') {
      if (index < columns) {
        event.preventDefault();
        this.search()?.nativeElement.focus();
        return;
      }
      next = index - columns;
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === null) return;
    event.preventDefault();
    this.focusOption(next);
  }

  protected panelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // a picker inside a dialog closes itself, not the dialog
      this.close(true);
    }
  }

  private close(returnFocus: boolean): void {
    this.open.set(false);
    if (returnFocus) this.toggleButton().nativeElement.focus();
  }

  private focusOption(index: number): void {
    this.active.set(index);
    this.optionAt(index)?.focus();
  }

  private optionAt(index: number): HTMLButtonElement | undefined {
    return this.host.nativeElement.querySelectorAll<HTMLButtonElement>('.option')[index];
  }

  /** How many options one row of the list holds, as laid out now (1 where nothing is laid out, as in jsdom). */
  private columns(): number {
    const options = [...this.host.nativeElement.querySelectorAll<HTMLElement>('.option')];
    if (!options.some((o) => o.offsetWidth > 0)) return 1;
    const top = options[0].offsetTop;
    return Math.max(1, options.filter((o) => o.offsetTop === top).length);
  }
}

function coarsePointer(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}
