import { ChangeDetectionStrategy, Component, ElementRef, computed, input, signal, viewChild } from '@angular/core';
import { SpendingDto, UpdateSpendingDto } from '../api/models';
import { dateFormat } from '../core/date-format';
import { errorMessage } from '../core/error-message';
import { householdToday, knownZone, localDay, moveToDay } from '../core/household-dates';
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
            @if (s.fixedCostId) {
              <p class="hint" data-testid="fixed-note">Recorded from a fixed cost. A change here changes this spending only; the fixed cost is in Settings.</p>
            }
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
  /** The household's: its days are the ones shown and chosen here. */
  readonly timeZone = input.required<string>();

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
  protected readonly today = computed(() => householdToday(this.timeZone()));
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
    this.day.set(localDay(spending.spentAt, this.timeZone()));
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
    return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: knownZone(this.timeZone()) }).format(new Date(instant));
  }

  protected async save(spending: SpendingDto): Promise<void> {
    const amount = parseAmount(this.amount());
    this.amountError.set(amount === null ? 'Enter an amount above 0 and up to 1,000,000,000, with at most 2 decimals, like 12.50.' : null);
    if (amount === null || this.busy()) return;
    const day = this.day();
    const spentAt = /^\d{4}-\d{2}-\d{2}$/.test(day) && day !== localDay(spending.spentAt, this.timeZone()) ? moveToDay(spending.spentAt, day, this.timeZone()) : spending.spentAt;
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
