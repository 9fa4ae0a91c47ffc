import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { SpendingDto, UpdateSpendingDto } from '../api/models';
import { dateFormat } from '../core/date-format';
import { errorMessage } from '../core/error-message';
import { householdToday, isolate, knownZone, localDay, moveToDay } from '../core/household-dates';
import { I18n, translate } from '../core/i18n';
import { formatMoney, parseAmount } from '../core/money';
import { exampleAmount, maximumAmount } from '../pages/dashboard/amount-check';

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
          <h2 id="spending-dialog-title">{{ t('dashboard.dialog.deleteTitle') }}</h2>
          <p>{{ goneText(s) }}</p>
          @if (error()) { <p class="error-box" role="alert">{{ error() }}</p> }
          <div class="row actions">
            <button type="button" class="btn" (click)="confirming.set(false)" [disabled]="busy()">{{ t('dashboard.dialog.keepIt') }}</button>
            <button type="button" class="btn btn-danger-solid" (click)="remove(s)" [disabled]="busy()" data-testid="confirm-delete">{{ t('dashboard.edit.delete') }}</button>
          </div>
        } @else {
          <form (submit)="$event.preventDefault(); save(s)" novalidate>
            <h2 id="spending-dialog-title">{{ t('dashboard.edit.title') }}</h2>
            @if (s.fixedCostId) {
              <p class="hint" data-testid="fixed-note">{{ t('dashboard.edit.fixedNote') }}</p>
            }
            <div class="field">
              <label for="spending-amount">{{ t('dashboard.amount') }}</label>
              <input id="spending-amount" name="amount" inputmode="decimal" autocomplete="off" [value]="amount()" (input)="amount.set(value($event))"
                [attr.aria-invalid]="amountError() !== null" aria-describedby="spending-amount-error" />
              @if (amountError()) { <div class="field-error" id="spending-amount-error">{{ amountError() }}</div> }
            </div>
            <div class="field">
              <label for="spending-funnel">{{ t('dashboard.edit.funnel') }}</label>
              <select id="spending-funnel" name="funnel" (change)="funnelId.set(value($event))">
                @for (f of funnelChoices(); track f.id) {
                  <option [value]="f.id" [selected]="f.id === funnelId()">{{ f.emoji ? f.emoji + ' ' : '' }}{{ f.name }}</option>
                }
              </select>
            </div>
            <div class="field">
              <label for="spending-day">{{ t('dashboard.dialog.day') }}</label>
              <input id="spending-day" name="day" type="date" required [max]="today()" [value]="day()" (input)="day.set(value($event))" />
            </div>
            <div class="field">
              <label for="spending-note">{{ t('dashboard.edit.note') }} <span class="hint">{{ t('dashboard.dialog.optional') }}</span></label>
              <textarea id="spending-note" name="note" rows="2" maxlength="140" [value]="note()" (input)="note.set(value($event))"></textarea>
            </div>
            @if (error()) { <p class="error-box" role="alert">{{ error() }}</p> }
            <div class="row actions">
              <button type="button" class="btn btn-danger" (click)="confirming.set(true); error.set(null)" [disabled]="busy()">{{ t('dashboard.edit.delete') }}</button>
              <span class="spacer"></span>
              <span class="row">
                <button type="button" class="btn" (click)="close()">{{ t('dashboard.edit.cancel') }}</button>
                <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ t('dashboard.edit.save') }}</button>
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
    .actions > .row { margin-inline-start: auto; }
    .btn-danger-solid { background: var(--danger); color: var(--surface); border-color: transparent; }
  `,
})
export class SpendingDialogComponent {
  protected readonly t = inject(I18n).t;
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
    return !id || list.some((f) => f.id === id) ? list : [{ id, name: translate('dashboard.unknownFunnel') }, ...list];
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

  /** "€12.50 from Food on 29 Mar 2026 will be gone for good." */
  protected goneText(spending: SpendingDto): string {
    const funnel = this.funnelLabel(spending.funnelId);
    const params = { amount: this.money(spending.amount), day: this.dayLabel(spending.spentAt) };
    return funnel ? translate('dashboard.dialog.goneFrom', { ...params, funnel: isolate(funnel) }) : translate('dashboard.dialog.gone', params);
  }

  protected dayLabel(instant: string): string {
    return dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: knownZone(this.timeZone()) }).format(new Date(instant));
  }

  protected async save(spending: SpendingDto): Promise<void> {
    const amount = parseAmount(this.amount());
    this.amountError.set(amount === null ? translate('dashboard.dialog.amountError', { max: maximumAmount(), example: exampleAmount() }) : null);
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
