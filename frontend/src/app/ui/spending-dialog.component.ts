import { ChangeDetectionStrategy, Component, ElementRef, computed, input, signal, viewChild } from '@angular/core';
import { SpendingDto, UpdateSpendingDto } from '../api/models';
import { dateFormat } from '../core/date-format';
import { errorMessage } from '../core/error-message';
import { formatMoney, parseAmount } from '../core/money';

/** What the dialog does with a change: a rejected promise keeps the dialog open with the error in words. */
export interface SpendingDialogActions {
  save(spending: SpendingDto, change: UpdateSpendingDto): Promise<unknown>;
  remove(spending: SpendingDto): Promise<unknown>;
}

export interface SpendingDialogFunnel {
  id: string;
  name: string;
  emoji?: string;
}

/**
 * Edit or delete one spending: amount, funnel, day (in the household's time zone, keeping
 * the time of day), note. Deleting asks once more, as nothing can undo it here.
 * Open it with `open(spending)`; `actions` does the requests.
 */
@Component({
  selector: 'app-spending-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="spending-dialog-title" data-testid="spending-dialog" (close)="spending.set(null)">
      @if (spending(); as s) {
        @if (confirming()) {
          <h2 id="spending-dialog-title">Delete this spending?</h2>
          <p>{{ money(s.amount) }}{{ funnelLabel(s.funnelId) ? ' from ' + funnelLabel(s.funnelId) : '' }} on {{ dayLabel(s.spentAt) }} will be gone for good.</p>
          @if (error()) { <p class="error-box" role="alert">{{ error() }}</p> }
          <div class="row actions">
            <button type="button" class="btn" (click)="confirming.set(false)" [disabled]="busy()">Keep it</button>
            <button type="button" class="btn btn-danger-solid" (click)="remove(s)" [disabled]="busy()" data-testid="confirm-delete">Delete</button>
          </div>
        } @else {
          <form (submit)="$event.preventDefault(); save(s)" novalidate>
            <h2 id="spending-dialog-title">Spending</h2>
            <div class="field">
              <label for="spending-amount">Amount</label>
              <input id="spending-amount" name="amount" inputmode="decimal" autocomplete="off" [value]="amount()" (input)="amount.set(value($event))"
                [attr.aria-invalid]="amountError() !== null" aria-describedby="spending-amount-error" />
              @if (amountError()) { <div class="field-error" id="spending-amount-error">{{ amountError() }}</div> }
            </div>
            <div class="field">
              <label for="spending-funnel">Funnel</label>
              <select id="spending-funnel" name="funnel" (change)="funnelId.set(value($event))">
                @for (f of funnelChoices(); track f.id) {
                  <option [value]="f.id" [selected]="f.id === funnelId()">{{ f.emoji ? f.emoji + ' ' : '' }}{{ f.name }}</option>
                }
              </select>
            </div>
            <div class="field">
              <label for="spending-day">Day</label>
              <input id="spending-day" name="day" type="date" required [max]="today()" [value]="day()" (input)="day.set(value($event))" />
            </div>
            <div class="field">
              <label for="spending-note">Note <span class="hint">optional</span></label>
              <textarea id="spending-note" name="note" rows="2" maxlength="140" [value]="note()" (input)="note.set(value($event))"></textarea>
            </div>
            @if (error()) { <p class="error-box" role="alert">{{ error() }}</p> }
            <div class="row actions">
              <button type="button" class="btn btn-danger" (click)="confirming.set(true); error.set(null)" [disabled]="busy()">Delete</button>
              <span class="spacer"></span>
              <span class="row">
                <button type="button" class="btn" (click)="close()">Cancel</button>
                <button type="submit" class="btn btn-primary" [disabled]="busy()">Save</button>
              </span>
            </div>
          </form>
        }
      }
    </dialog>
  `,
  styles: `
    textarea { resize: vertical; }
    .actions { margin-top: .5rem; justify-content: flex-end; }
    .actions > .row { margin-left: auto; }
    .btn-danger-solid { background: var(--danger); color: var(--surface); border-color: transparent; }
  `,
})
export class SpendingDialogComponent {
  readonly actions = input.required<SpendingDialogActions>();
  readonly funnels = input.required<SpendingDialogFunnel[]>();
  readonly currency = input('EUR');
  readonly timeZone = input<string>(Intl.DateTimeFormat().resolvedOptions().timeZone);

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly spending = signal<SpendingDto | null>(null);
  protected readonly amount = signal('');
  protected readonly funnelId = signal('');
  protected readonly day = signal('');
  protected readonly note = signal('');
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly amountError = signal<string | null>(null);
  protected readonly today = computed(() => localDate(new Date().toISOString(), this.timeZone()));
  /** The spending's own funnel stays selectable even when it is not in the list (a funnel that was deleted meanwhile). */
  protected readonly funnelChoices = computed(() => {
    const list = this.funnels();
    const id = this.spending()?.funnelId;
    return !id || list.some((f) => f.id === id) ? list : [{ id, name: 'Unknown funnel' }, ...list];
  });

  open(spending: SpendingDto): void {
    this.spending.set(spending);
    this.amount.set(String(spending.amount));
    this.funnelId.set(spending.funnelId);
    this.day.set(localDate(spending.spentAt, this.timeZone()));
    this.note.set(spending.note ?? '');
    this.confirming.set(false);
    this.error.set(null);
    this.amountError.set(null);
    this.busy.set(false);
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) dialog.showModal();
  }

  close(): void {
    this.dialog().nativeElement.close();
    this.spending.set(null);
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  protected funnelLabel(id: string): string {
    return this.funnels().find((f) => f.id === id)?.name ?? '';
  }

  protected dayLabel(instant: string): string {
    return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: this.timeZone() }).format(new Date(instant));
  }

  protected async save(spending: SpendingDto): Promise<void> {
    const amount = parseAmount(this.amount());
    this.amountError.set(amount === null ? 'Enter an amount above 0 and up to 1,000,000,000, with at most 2 decimals, like 12.50.' : null);
    if (amount === null || this.busy()) return;
    const day = this.day();
    const spentAt = /^\d{4}-\d{2}-\d{2}$/.test(day) && day !== localDate(spending.spentAt, this.timeZone()) ? withLocalDate(spending.spentAt, day, this.timeZone()) : spending.spentAt;
    const note = this.note().trim();
    await this.run(() => this.actions().save(spending, { funnelId: this.funnelId(), amount, spentAt, ...(note ? { note } : {}) }));
  }

  protected async remove(spending: SpendingDto): Promise<void> {
    if (this.busy()) return;
    await this.run(() => this.actions().remove(spending));
  }

  private async run(request: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await request();
      this.close();
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** The calendar day of an instant in a time zone, as an `<input type="date">` value ("2026-03-15"). */
export function localDate(instant: string, timeZone: string): string {
  return dateFormat({ timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(new Date(instant));
}

/** The same time of day as `instant`, in `timeZone`, on another calendar day ("2026-03-15"); an ISO instant. */
export function withLocalDate(instant: string, day: string, timeZone: string): string {
  const time = wallClock(new Date(instant).getTime(), timeZone);
  const [year, month, date] = day.split('-').map(Number);
  const wanted = Date.UTC(year, month - 1, date, time.hour, time.minute, time.second, time.millisecond);
  // The zone's offset at the wanted wall-clock time; twice, in case the first guess lies across a DST change.
  let guess = wanted - offset(wanted, timeZone);
  guess = wanted - offset(guess, timeZone);
  return new Date(guess).toISOString();
}

function offset(at: number, timeZone: string): number {
  const t = wallClock(at, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond) - at;
}

function wallClock(at: number, timeZone: string) {
  const parts = dateFormat({ timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }, 'en-US').formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), millisecond: ((at % 1000) + 1000) % 1000 };
}
