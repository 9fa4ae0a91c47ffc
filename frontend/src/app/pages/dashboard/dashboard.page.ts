import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BudgetFunnelDto } from '../../api/models';
import { previewAllowance } from '../../core/allowance-preview';
import { dateFormat } from '../../core/date-format';
import { formatMoney, parseAmount } from '../../core/money';
import { I18n, formatLocale, translate } from '../../core/i18n';
import { wordsAround } from '../../core/words-around';
import type { MessageKey } from '../../i18n/en';
import { LiveEvents } from '../../core/live-events';
import { OnlineService } from '../../core/online.service';
import { TokenStore } from '../../core/token-store';
import { EntryWaitingNote } from '../../ui/entry-waiting-note.component';
import { amountMessage, amountProblem, exampleAmount, shortAmountMessage } from './amount-check';
import { clockTime, dayBounds, dayLabel, groupByDay, householdToday, householdYesterday, isolate, lastDayLabel, localDay, moveToDay, periodLabel, spentAtFor } from '../../core/household-dates';
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
  /** Read when shown, so a switch of language while it shows redraws it. */
  text: () => string;
  /** The spending just recorded, for Undo; absent when there is nothing to undo. */
  recordedId?: string;
}

const TOAST_MS = 6000;

/**
 * The first figures are drawn in steps: the funnel buttons at once (they are what a spending
 * is recorded with), the first funnel cards in the next task, then a few more cards or recent
 * rows per task. Drawn in one task, 20 buttons, 20 cards and 20 rows kept a phone's main
 * thread busy for about 250 ms (4× slowed CPU, as Lighthouse's mobile run), and a tap in that
 * time waited; in steps no task blocks for long. Until the first cards come, two skeleton cards
 * of the same height hold their place, so nothing below moves. Later changes of the figures
 * (a spending, a member's change) are drawn whole, in one step.
 */
const FIRST_DRAW = 4;
const DRAW_STEP = 3;
/** Up to this many cards and rows together, all are drawn at once. */
const DRAW_AT_ONCE = 12;

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
  protected readonly t = inject(I18n).t;
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
  /** The amount field's placeholder: nothing, written the way the language writes amounts ("0.00", "0,00"). */
  protected readonly zero = computed(() => exampleAmount(0, formatLocale()));
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
  /** How many funnel cards, then recent rows, are drawn so far (see FIRST_DRAW): none in the figures' first task. */
  private readonly drawn = signal(0);
  /** The number of cards, from the figures alone: unlike funnels(), it does not change with each typed digit. */
  private readonly cardCount = computed(() => this.store.budget()?.funnels.length ?? 0);
  /**
   * Two skeleton cards stand where the cards will be: when the figures could not be loaded and
   * none are known, and in the figures' first task (their cards come in the next one).
   */
  protected readonly cardPlaceholders = computed(
    () => (!!this.store.error() && !this.store.budget()) || (this.drawn() === 0 && this.cardCount() > 0),
  );
  protected readonly drawnFunnels = computed(() => {
    const all = this.funnels();
    const drawn = this.drawn();
    return drawn >= all.length ? all : all.slice(0, drawn);
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
    return day ? this.dayName(day) : translate('common.today');
  });

  protected readonly groups = computed(() => {
    this.minute();
    const rows = Math.max(0, this.drawn() - this.cardCount());
    const spendings = this.store.spendings() ?? [];
    return groupByDay(rows >= spendings.length ? spendings : spendings.slice(0, rows), this.zone());
  });

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
    void this.store.load().then(() => this.drawInSteps());
  }

  /** Draws the rest of the first figures a few per task, then everything from then on. */
  private drawInSteps(): void {
    const total = this.cardCount() + (this.store.spendings()?.length ?? 0);
    if (total <= DRAW_AT_ONCE || this.drawn() >= total) {
      this.drawn.set(Infinity);
      return;
    }
    setTimeout(() => {
      this.drawn.update((n) => (n === 0 ? FIRST_DRAW : n + DRAW_STEP));
      this.drawInSteps();
    });
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

  /** The words around a figure below zero ("over by " before it in English), so each language puts them where it says them. */
  protected overWords(): [string, string] {
    return wordsAround('dashboard.overBy');
  }

  /** The words around the struck-through figure of "today, instead of €300.00". */
  protected insteadWords(): [string, string] {
    return wordsAround('dashboard.todayInsteadOf');
  }

  /** The bar in words: what is left of what the period has, or by how much it is over. */
  protected barLabel(funnel: BudgetFunnelDto): string {
    if (funnel.remaining >= 0) return translate('dashboard.bar.left', { remaining: this.money(funnel.remaining), available: this.money(funnel.available) });
    const over = this.money(-funnel.remaining);
    return funnel.carried === 0
      ? translate('dashboard.bar.overLimit', { limit: this.money(funnel.available), over })
      : translate('dashboard.bar.overAvailable', { available: this.money(funnel.available), over });
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
    const money = this.money(amount);
    const name = isolate(`${funnel.emoji} ${funnel.name}`);
    const yesterday = day !== null && day === this.yesterday();
    const what = () =>
      day === null
        ? translate('dashboard.what', { amount: money, funnel: name })
        : yesterday
          ? translate('dashboard.whatYesterday', { amount: money, funnel: name })
          : translate('dashboard.whatOnDay', { amount: money, funnel: name, day: this.dayName(day) });
    this.showToast({ text: () => translate(RECORDED[result.outcome], { what: what() }), recordedId: result.id });
  }

  protected undoToast(): void {
    const toast = this.toast();
    if (!toast?.recordedId) return;
    this.store.undoRecord(toast.recordedId);
    this.showToast({ text: () => translate('dashboard.takenBack') });
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
      this.editError.set(
        max === this.today()
          ? translate('dashboard.edit.chooseDateToToday', { from: this.dayName(min) })
          : translate('dashboard.edit.chooseDate', { from: this.dayName(min), to: this.dayName(max) }),
      );
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
    if (outcome !== 'sent') this.showToast({ text: () => translate(CHANGE_KEPT[outcome]) });
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

/** What the confirmation says after a tap on a funnel, by where the spending went. */
const RECORDED: Readonly<Record<Outcome, MessageKey>> = {
  sent: 'dashboard.recorded.sent',
  offline: 'dashboard.recorded.offline',
  server: 'dashboard.recorded.server',
  'signed-out': 'dashboard.recorded.signedOut',
};

/** What it says after an edit that could not be sent now. */
const CHANGE_KEPT: Readonly<Record<Exclude<Outcome, 'sent'>, MessageKey>> = {
  offline: 'dashboard.changeKept.offline',
  server: 'dashboard.changeKept.server',
  'signed-out': 'dashboard.changeKept.signedOut',
};


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
