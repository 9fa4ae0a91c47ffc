import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { BudgetFunnelDto } from '../../api/models';
import { previewAllowance } from '../../core/allowance-preview';
import { formatMoney, parseAmount } from '../../core/money';
import { OnlineService } from '../../core/online.service';
import { DashboardStore, SpendingView } from './dashboard.store';
import { dateFormat } from '../../core/date-format';

interface FunnelView {
  funnel: BudgetFunnelDto;
  preview: ReturnType<typeof previewAllowance>;
  /** Share of the limit that remains, 0..1, for the bar. */
  remainingShare: number;
}

/** Today: what is left per funnel, and "type the amount, tap the funnel". */
@Component({
  selector: 'app-dashboard-page',
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.css',
})
export class DashboardPage implements OnInit {
  protected readonly store = inject(DashboardStore);
  private readonly editDialog = viewChild<ElementRef<HTMLDialogElement>>('editDialog');

  protected readonly amountText = signal('');
  protected readonly amount = computed(() => parseAmount(this.amountText()));
  protected readonly amountInvalid = computed(() => this.amountText().trim() !== '' && this.amount() === null);
  protected readonly saving = signal(false);
  protected readonly announcement = signal('');

  protected readonly currency = computed(() => this.store.budget()?.currency ?? 'EUR');
  protected readonly funnels = computed<FunnelView[]>(() =>
    (this.store.budget()?.funnels ?? []).map((funnel) => ({
      funnel,
      preview: previewAllowance(funnel.allowanceToday, this.amount()),
      remainingShare: funnel.limit > 0 ? Math.min(1, Math.max(0, funnel.remaining / funnel.limit)) : 0,
    })),
  );
  private readonly funnelById = computed(() => new Map((this.store.budget()?.funnels ?? []).map((f) => [f.id, f])));

  protected readonly selected = signal<SpendingView | null>(null);
  protected edit = { amount: '', funnelId: '', note: '' };
  protected readonly editError = signal<string | null>(null);

  constructor() {
    // Back online after a failed load: fetch the figures again.
    const online = inject(OnlineService).online;
    effect(() => {
      if (online() && untracked(() => this.store.error() || this.store.staleSince())) void this.store.load();
    });
    // …and keep trying while the figures are old (the network can come back before the browser says so).
    const retry = setInterval(() => {
      if (online() && (this.store.error() || this.store.staleSince())) void this.store.load();
    }, 10_000);
    inject(DestroyRef).onDestroy(() => clearInterval(retry));
    // Queued spendings reached the server: show the server's figures.
    effect(() => {
      if (this.store.queue.synced() > 0) void untracked(() => this.store.load());
    });
  }

  ngOnInit(): void {
    void this.store.load();
  }

  /** The text of the input, select or textarea an event came from (plain bindings: no forms library on this page). */
  protected inputValue(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  protected funnelOf(spending: SpendingView): BudgetFunnelDto | undefined {
    return this.funnelById().get(spending.funnelId);
  }

  protected clock(instant: string): string {
    return dateFormat({ hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  }

  protected time(instant: string): string {
    const date = new Date(instant);
    const sameDay = date.toDateString() === new Date().toDateString();
    return dateFormat(sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
  }

  protected async spend(funnel: BudgetFunnelDto): Promise<void> {
    const amount = this.amount();
    if (amount === null || this.saving()) return;
    this.saving.set(true);
    const ok = await this.store.record(funnel.id, amount);
    this.saving.set(false);
    if (ok) {
      this.amountText.set('');
      this.announcement.set(`Recorded ${this.money(amount)} on ${funnel.name}.`);
    }
  }

  protected open(spending: SpendingView): void {
    this.selected.set(spending);
    this.edit = { amount: String(spending.amount), funnelId: spending.funnelId, note: spending.note ?? '' };
    this.editError.set(null);
    this.editDialog()?.nativeElement.showModal();
  }

  protected close(): void {
    this.editDialog()?.nativeElement.close();
    this.selected.set(null);
  }

  protected async saveEdit(): Promise<void> {
    const spending = this.selected();
    const amount = parseAmount(this.edit.amount);
    if (!spending) return;
    if (amount === null) {
      this.editError.set('Enter an amount above 0 with at most 2 decimals, like 12.50.');
      return;
    }
    const ok = await this.store.update(spending, {
      funnelId: this.edit.funnelId,
      amount,
      spentAt: spending.spentAt,
      ...(this.edit.note.trim() ? { note: this.edit.note.trim() } : {}),
    });
    if (ok) this.close();
    else this.editError.set(this.store.error());
  }

  protected deleteSelected(): void {
    const spending = this.selected();
    if (!spending) return;
    this.close();
    this.store.remove(spending);
    this.announcement.set('Spending deleted. Undo is available for a few seconds.');
  }
}
