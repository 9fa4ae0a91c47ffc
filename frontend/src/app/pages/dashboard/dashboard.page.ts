import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BudgetFunnelDto } from '../../api/models';
import { previewAllowance } from '../../core/allowance-preview';
import { dateFormat } from '../../core/date-format';
import { formatMoney, parseAmount } from '../../core/money';
import { LiveEvents } from '../../core/live-events';
import { OnlineService } from '../../core/online.service';
import { TokenStore } from '../../core/token-store';
import { EntryWaitingNote } from '../../ui/entry-waiting-note.component';
import { amountMessage, amountProblem, shortAmountMessage } from './amount-check';
import { clockTime, dayBounds, dayLabel, groupByDay, householdToday, householdYesterday, lastDayLabel, localDay, moveToDay, periodLabel, spentAtFor } from '../../core/household-dates';
import { explainAllowance, moneyWords } from './dashboard-explain';
import { PlannedLine, plannedLines } from './planned-lines';
import { DashboardStore, Outcome, SpendingView } from './dashboard.store';

interface FunnelView {
  funnel: BudgetFunnelDto;
  preview: ReturnType<typeof previewAllowance>;
  /** Share of what the funnel has this period (limit and carried) that remains, 0..1, for the bar. */
  remainingShare: number;
  /** Carried in, and the fixed costs still to come this period. */
  planned: PlannedLine[];
}

/** The confirmation at the bottom of the screen: what happened, and Undo while it can be undone. */
interface Toast {
  text: string;
  /** The spending just recorded, for Undo; absent when there is nothing to undo. */
  recordedId?: string;
}

const TOAST_MS = 6000;

/** Today: what is left per funnel, and "type the amount, tap the funnel". */
@Component({
  selector: 'app-dashboard-page',
  imports: [RouterLink, EntryWaitingNote],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.css',
})
export class DashboardPage implements OnInit {
  protected readonly store = inject(DashboardStore);
  protected readonly tokens = inject(TokenStore);
  private readonly editDialog = viewChild<ElementRef<HTMLDialogElement>>('editDialog');
  private readonly amountInput = viewChild<ElementRef<HTMLInputElement>>('amountInput');
  private readonly funnelGrid = viewChild<ElementRef<HTMLElement>>('funnelGrid');

  /**
   * What is typed in the amount field. Kept in this tab's session storage until it is recorded:
   * a sign-out announced by another device (the page moves to sign-in) or a reload never drops it.
   */
  protected readonly amountText = signal(readTypedAmount());
  protected readonly amount = computed(() => parseAmount(this.amountText()));
  protected readonly amountIssue = computed(() => amountProblem(this.amountText()));
  protected readonly amountHint = computed(() => {
    const issue = this.amountIssue();
    return issue ? shortAmountMessage(issue) : '';
  });
  protected readonly saving = signal(false);

  protected readonly currency = computed(() => this.store.budget()?.currency ?? 'EUR');
  protected readonly zone = computed(() => this.store.budget()?.period.timezone);
  protected readonly period = computed(() => {
    const period = this.store.budget()?.period;
    return period ? periodLabel(period) : '';
  });
  /** Per funnel, the lines for what is planned this period; made again only when the figures change, not per typed digit. */
  private readonly planned = computed(() => new Map((this.store.budget()?.funnels ?? []).map((f) => [f.id, plannedLines(f, (v) => this.money(v))])));
  /** When a spending recorded now would be dated: now, or noon of the day chosen. */
  private readonly entryAt = computed(() => {
    const day = this.entryDay();
    return day ? spentAtFor(day, this.zone()) : (this.minute(), new Date().toISOString());
  });
  protected readonly funnels = computed<FunnelView[]>(() => {
    const budget = this.store.budget();
    if (!budget) return [];
    const amount = this.amount();
    const at = amount === null ? '' : this.entryAt();
    const planned = this.planned();
    return budget.funnels.map((funnel) => ({
      funnel,
      preview: previewAllowance(funnel, budget.period, amount, at, this.today()),
      remainingShare: funnel.available > 0 ? Math.min(1, Math.max(0, funnel.remaining / funnel.available)) : 0,
      planned: planned.get(funnel.id) ?? [],
    }));
  });
  private readonly funnelById = computed(() => new Map((this.store.budget()?.funnels ?? []).map((f) => [f.id, f])));

  /** The funnel whose figure is explained (tap on the figure), or null. */
  protected readonly explained = signal<string | null>(null);

  /** The day a new spending is dated to: null is today (now); else `YYYY-MM-DD` (noon that day, household time). */
  protected readonly entryDay = signal<string | null>(null);
  /** Ticks once a minute so "today" and "yesterday" follow the clock past midnight. */
  private readonly minute = signal(Date.now());
  protected readonly today = computed(() => (this.minute(), householdToday(this.zone())));
  protected readonly yesterday = computed(() => (this.minute(), householdYesterday(this.zone())));
  protected readonly bounds = computed(() => (this.minute(), dayBounds(this.zone())));
  protected readonly entryDayLabel = computed(() => {
    const day = this.entryDay();
    return day ? this.dayName(day) : 'Today';
  });

  protected readonly groups = computed(() => (this.minute(), groupByDay(this.store.spendings() ?? [], this.zone())));

  protected readonly toast = signal<Toast | null>(null);
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  protected readonly selected = signal<SpendingView | null>(null);
  protected edit = { amount: '', funnelId: '', note: '', day: '' };
  protected readonly editBounds = signal({ min: '', max: '' });
  protected readonly editError = signal<string | null>(null);

  constructor() {
    // Back online after a failed load: fetch the figures again.
    const online = inject(OnlineService).online;
    effect(() => {
      if (online() && untracked(() => this.store.error() || this.store.staleSince())) void this.store.load();
    });
    // (While they are old, the store also keeps trying on its own.)
    const tick = setInterval(() => this.minute.set(Date.now()), 60_000);
    // A phone put away and taken out later starts again on today.
    const hidden = () => {
      if (document.visibilityState === 'hidden') this.entryDay.set(null);
    };
    document.addEventListener('visibilitychange', hidden);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', hidden);
      if (this.toastTimer) clearTimeout(this.toastTimer);
    });
    effect(() => keepTypedAmount(this.amountText()));
    // Queued spendings reached the server: show the server's figures.
    effect(() => {
      if (this.store.queue.synced() > 0) void untracked(() => this.store.load());
    });
    // Someone in the family changed a figure this user sees (or the stream was lost for a
    // while): show the server's figures, without a reload.
    const live = inject(LiveEvents);
    live.start();
    let seen = live.budgetChanged();
    effect(() => {
      const changed = live.budgetChanged();
      if (changed === seen) return;
      seen = changed;
      void untracked(() => this.store.load());
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

  /** The size of a figure; its sign is said in words ("over by"), not only with a minus. */
  protected magnitude(value: number): number {
    return Math.abs(value);
  }

  /** A figure in words: "over by €12.00" below zero. */
  protected signed(value: number): string {
    return moneyWords(value, (v) => this.money(v));
  }

  protected explanation(funnel: BudgetFunnelDto): string {
    const period = this.store.budget()?.period;
    return period ? explainAllowance(funnel, period, (v) => this.money(v), lastDayLabel(period)) : '';
  }

  protected toggleExplanation(id: string): void {
    this.explained.update((current) => (current === id ? null : id));
  }

  protected funnelOf(spending: SpendingView): BudgetFunnelDto | undefined {
    return this.funnelById().get(spending.funnelId);
  }

  protected clock(instant: string): string {
    return dateFormat({ hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  }

  protected time(instant: string): string {
    return clockTime(instant, this.zone());
  }

  protected dayName(day: string): string {
    return dayLabel(day, this.zone());
  }

  /**
   * A tap on a funnel or a day button must not take the focus from the amount field: on a
   * phone the keyboard would close, and every further entry would need another tap.
   */
  protected keepFocus(event: Event): void {
    if (document.activeElement === this.amountInput()?.nativeElement) event.preventDefault();
  }

  protected chooseDay(day: string | null): void {
    this.entryDay.set(day === this.today() ? null : day);
  }

  protected pickDay(event: Event): void {
    const day = this.inputValue(event);
    const { min, max } = this.bounds();
    if (day && day >= min && day <= max) this.chooseDay(day);
  }

  /** Opens the browser's date picker on a click anywhere on the chip, not only on its icon. */
  protected openPicker(event: Event): void {
    try {
      (event.target as HTMLInputElement).showPicker?.();
    } catch {
      // Not allowed here (or already open): the field takes typing and its own icon still works.
    }
  }

  /**
   * Enter in the amount field: with one funnel there is nothing to choose, so it records;
   * with several it never guesses (a spending in the wrong funnel is worse than one more
   * tap) and moves the focus to the funnel buttons instead, where Enter or a tap records.
   */
  protected onEnter(event: Event): void {
    event.preventDefault();
    if (this.amount() === null) return;
    const views = this.funnels();
    if (views.length === 1) {
      void this.spend(views[0].funnel);
      return;
    }
    this.funnelGrid()?.nativeElement.querySelector<HTMLButtonElement>('button.emoji-btn:not(:disabled)')?.focus();
  }

  protected async spend(funnel: BudgetFunnelDto): Promise<void> {
    const amount = this.amount();
    if (amount === null || this.saving()) return;
    this.saving.set(true);
    const day = this.entryDay();
    const spentAt = day ? spentAtFor(day, this.zone()) : new Date().toISOString();
    const result = await this.store.record(funnel.id, amount, spentAt);
    this.saving.set(false);
    if (!result) return;
    this.amountText.set('');
    // A backdated spending is the exception: the next one is today again (one tap away if not).
    this.entryDay.set(null);
    this.amountInput()?.nativeElement.focus();
    const dayWords = day ? this.dayName(day) : '';
    const what = `${this.money(amount)} on ${funnel.emoji} ${funnel.name}${day ? ` for ${dayWords === 'Yesterday' ? 'yesterday' : dayWords}` : ''}`;
    this.showToast({ text: this.recordedText(what, result.outcome), recordedId: result.id });
  }

  private recordedText(what: string, outcome: Outcome): string {
    switch (outcome) {
      case 'sent':
        return `Recorded ${what}.`;
      case 'offline':
        return `Offline: ${what} is kept on this device and sent when you are back online.`;
      case 'server':
        return `Something went wrong on our side: ${what} is kept on this device and sent again shortly.`;
      case 'signed-out':
        return `Signed out: ${what} is kept on this device and sent when you sign in.`;
    }
  }

  protected undoToast(): void {
    const toast = this.toast();
    if (!toast?.recordedId) return;
    this.store.undoRecord(toast.recordedId);
    this.showToast({ text: 'Taken back: the spending is deleted.' });
    this.amountInput()?.nativeElement.focus();
  }

  private showToast(toast: Toast): void {
    // One message at a time: a delete still waiting for its Undo goes through now.
    this.store.flushDelete();
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toast.set(toast);
    this.toastTimer = setTimeout(() => this.toast.set(null), TOAST_MS);
  }

  protected open(spending: SpendingView): void {
    this.selected.set(spending);
    const day = localDay(spending.spentAt, this.zone());
    this.edit = { amount: String(spending.amount), funnelId: spending.funnelId, note: spending.note ?? '', day };
    this.editBounds.set(dayBounds(this.zone(), new Date(), day));
    this.editError.set(null);
    this.editDialog()?.nativeElement.showModal();
  }

  protected close(): void {
    this.editDialog()?.nativeElement.close();
    this.selected.set(null);
  }

  protected async saveEdit(): Promise<void> {
    const spending = this.selected();
    if (!spending) return;
    const amount = parseAmount(this.edit.amount);
    if (amount === null) {
      this.editError.set(amountMessage(amountProblem(this.edit.amount)));
      return;
    }
    const { min, max } = this.editBounds();
    const day = this.edit.day;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < min || day > max) {
      this.editError.set(`Choose a date from ${this.dayName(min)} to ${max === this.today() ? 'today' : this.dayName(max)}.`);
      return;
    }
    // Another day keeps the time of day that was recorded (it was real); only the date moves.
    const spentAt = day === localDay(spending.spentAt, this.zone()) ? spending.spentAt : moveToDay(spending.spentAt, day, this.zone());
    const outcome = await this.store.update(spending, {
      funnelId: this.edit.funnelId,
      amount,
      spentAt,
      ...(this.edit.note.trim() ? { note: this.edit.note.trim() } : {}),
    });
    if (outcome === null) {
      this.editError.set(this.store.error());
      return;
    }
    this.close();
    if (outcome !== 'sent') {
      const where = outcome === 'signed-out' ? 'when you sign in' : outcome === 'offline' ? 'when you are back online' : 'shortly';
      this.showToast({ text: `Your change is kept on this device and sent ${where}.` });
    }
  }

  protected deleteSelected(): void {
    const spending = this.selected();
    if (!spending) return;
    this.close();
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toast.set(null);
    this.store.remove(spending);
  }
}

const TYPED_AMOUNT_KEY = 'stracker.typedAmount';

function readTypedAmount(): string {
  try {
    return sessionStorage.getItem(TYPED_AMOUNT_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepTypedAmount(text: string): void {
  try {
    if (text) sessionStorage.setItem(TYPED_AMOUNT_KEY, text);
    else sessionStorage.removeItem(TYPED_AMOUNT_KEY);
  } catch {
    // Storage disabled: the field still works, it is only not kept across a reload.
  }
}
