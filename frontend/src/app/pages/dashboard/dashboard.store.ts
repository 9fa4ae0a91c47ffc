import { Injectable, OnDestroy, computed, effect, inject, signal, untracked } from '@angular/core';
import { Api } from '../../api/api';
import { budgetGet } from '../../api/fn/budget/budget-get';
import { spendingsList } from '../../api/fn/spendings/spendings-list';
import { BudgetDto, SpendingDto, UpdateSpendingDto } from '../../api/models';
import { errorMessage, isUnreachable } from '../../core/error-message';
import { FigureShift, PlacedSpending, shiftFor, shifted } from '../../core/allowance-preview';
import { translate } from '../../core/i18n';
import { addMoney } from '../../core/money';
import { OfflineQueue, Outcome, QueuedCreate, QueuedUpdate, isTransient } from '../../core/offline-queue';
import { OnlineService } from '../../core/online.service';
import { Retry } from '../../core/retry';
import { SpendingWriter } from '../../core/spending-writer';
import { householdToday, localDay } from '../../core/household-dates';

export const UNDO_MS = 5000;
const RECENT_COUNT = 20;
/** While the figures are old or an error shows, they are fetched again this often (when online). */
const REFETCH_MS = 10_000;
export const LAST_BUDGET_KEY = 'stracker.lastBudget';

/** A spending as the list shows it: from the server, or still waiting on this device. */
export interface SpendingView extends SpendingDto {
  /** Recorded on this device and not yet sent. */
  pending?: boolean;
  /** The server refused it; the reason, in words. */
  refusal?: string;
  /** What waits: a new spending, or an edit of one the server has. */
  pendingKind?: 'create' | 'update';
}

export type { Outcome } from '../../core/offline-queue';

/** Why the figures on screen are not fresh. */
export type StaleReason = 'offline' | 'server';

export interface PendingDelete {
  spending: SpendingView;
  timer: ReturnType<typeof setTimeout>;
}

interface CachedBudget {
  budget: BudgetDto;
  spendings: SpendingDto[];
  savedAt: string;
}

/** Moves one funnel's figures, and the totals with them, by `shift` (see `shiftFor`). */
export function applyShift(budget: BudgetDto, funnelId: string, shift: FigureShift): BudgetDto {
  if (!budget.funnels.some((f) => f.id === funnelId)) return budget;
  return {
    ...budget,
    funnels: budget.funnels.map((f) =>
      f.id === funnelId ? { ...shifted(f, shift, budget.period), spentToday: addMoney(f.spentToday, shift.spentToday) } : f,
    ),
    // The server works the totals out by the same formula from their sums, rounded once.
    totals: shifted(budget.totals, shift, budget.period),
  };
}

/** Whether `instant` falls on today's date in the household's time zone. */
export function isToday(instant: string, timeZone: string, now = new Date()): boolean {
  return localDay(instant, timeZone) === householdToday(timeZone, now);
}

/** Adds (`sign` 1) or takes off (-1) a spending: in the budget's period, or in the one before through rollover. */
function applyPlaced(budget: BudgetDto, spending: PlacedSpending, sign: 1 | -1): BudgetDto {
  const funnel = budget.funnels.find((f) => f.id === spending.funnelId);
  if (!funnel) return budget;
  const shift = shiftFor(budget.period, funnel.rollover, spending, sign, householdToday(budget.period.timezone));
  return shift ? applyShift(budget, funnel.id, shift) : budget;
}

/** The server's figures with what waits on this device applied on top. */
export function withQueue(
  budget: BudgetDto,
  queue: ReadonlyArray<PlacedSpending & { kind: string; refusal?: string; previous?: PlacedSpending }>,
): BudgetDto {
  let result = budget;
  for (const change of queue) {
    if (change.refusal) continue;
    // An edit keeps the spending's fixed cost (only amount, funnel, date and note change).
    if (change.kind === 'update' && change.previous) result = applyPlaced(applyPlaced(result, { ...change.previous, fixedCostId: change.fixedCostId }, -1), change, 1);
    else result = applyPlaced(result, change, change.kind === 'create' ? 1 : -1);
  }
  return result;
}

/**
 * A budget kept on the device by an app version before fixed costs and rollover lacks their
 * figures: it reads as none of either (which is what it was), so the arithmetic stays exact.
 */
export function completeBudget(budget: BudgetDto): BudgetDto {
  const planned = <T extends { limit: number; carried?: number; available?: number; fixed?: number; upcoming?: number }>(f: T) => ({
    ...f,
    carried: f.carried ?? 0,
    available: f.available ?? addMoney(f.limit, f.carried ?? 0),
    fixed: f.fixed ?? 0,
    upcoming: f.upcoming ?? 0,
  });
  return {
    ...budget,
    funnels: budget.funnels.map((f) => ({ ...planned(f), rollover: f.rollover ?? false, fixedCosts: f.fixedCosts ?? [] })),
    totals: planned(budget.totals),
  };
}

function queuedView(change: QueuedCreate): SpendingView {
  return {
    id: change.id,
    funnelId: change.funnelId,
    amount: change.amount,
    spentAt: change.spentAt,
    note: change.note ?? null,
    fixedCostId: null,
    createdBy: { id: '', username: 'you' },
    createdAt: change.queuedAt,
    updatedAt: change.queuedAt,
    pending: true,
    pendingKind: 'create',
    ...(change.refusal ? { refusal: change.refusal } : {}),
  };
}

/** A spending the server has, shown as edited on this device. */
function editedView(spending: SpendingDto, edit: QueuedUpdate): SpendingView {
  return {
    ...spending,
    funnelId: edit.funnelId,
    amount: edit.amount,
    spentAt: edit.spentAt,
    note: edit.note ?? null,
    pending: true,
    pendingKind: 'update',
    ...(edit.refusal ? { refusal: edit.refusal } : {}),
  };
}

/**
 * The dashboard's state: today's budget, recent spendings, and the actions on them. Offline,
 * spendings go to the device's queue and the last known figures are shown, adjusted for them.
 */
@Injectable()
export class DashboardStore implements OnDestroy {
  private readonly api = inject(Api);
  private readonly writer = inject(SpendingWriter);
  readonly queue = inject(OfflineQueue);

  private readonly serverBudget = signal<BudgetDto | null>(null);
  private readonly serverSpendings = signal<SpendingDto[] | null>(null);
  /** Deleted on screen while its undo window runs (and until the delete is handed on). */
  private readonly hidden = signal<SpendingView | null>(null);

  readonly error = signal<string | null>(null);
  readonly pendingDelete = signal<PendingDelete | null>(null);
  /** Set when the figures on screen could not be fetched afresh: when they were fetched. */
  readonly staleSince = signal<string | null>(null);
  /** Why: no network, or the server failed (an error, never called "offline"). */
  readonly staleReason = signal<StaleReason>('offline');

  readonly budget = computed(() => {
    const budget = this.serverBudget();
    if (!budget) return null;
    const hidden = this.hidden();
    const queued = this.queue.items();
    const adjusted = withQueue(budget, queued);
    // A spending in its undo window counts as deleted (as shown: with a waiting edit applied).
    return hidden && !hidden.refusal ? withQueue(adjusted, [{ kind: 'delete', funnelId: hidden.funnelId, amount: hidden.amount, spentAt: hidden.spentAt, fixedCostId: hidden.fixedCostId }]) : adjusted;
  });

  readonly spendings = computed<SpendingView[] | null>(() => {
    const server = this.serverSpendings();
    const queued = this.queue.items();
    const hidden = this.hidden()?.id;
    if (server === null && queued.length === 0) return null;
    const deleted = new Set(queued.filter((c) => c.kind === 'delete').map((c) => c.id));
    const edits = new Map(queued.filter((c): c is QueuedUpdate => c.kind === 'update').map((c) => [c.id, c]));
    const pending = queued.filter((c): c is QueuedCreate => c.kind === 'create').map(queuedView);
    const pendingIds = new Set(pending.map((s) => s.id));
    const stored = (server ?? [])
      .filter((s) => !deleted.has(s.id) && !pendingIds.has(s.id))
      .map((s) => (edits.has(s.id) ? editedView(s, edits.get(s.id)!) : s));
    return [...pending, ...stored]
      .filter((s) => s.id !== hidden)
      .sort((a, b) => b.spentAt.localeCompare(a.spentAt) || b.id.localeCompare(a.id))
      .slice(0, RECENT_COUNT + pending.length);
  });

  readonly loading = computed(() => this.serverBudget() === null && this.error() === null);

  private readonly online = inject(OnlineService).online;
  private readonly outdated = () => this.error() !== null || this.staleSince() !== null;
  /** Keeps trying while the figures are old (the network can come back before the browser says so). */
  private readonly refetch = new Retry(
    () => {
      if (!this.outdated()) return;
      if (!this.online()) this.refetch.failed();
      else void this.load().finally(() => this.outdated() && !this.refetch.scheduled && this.refetch.failed());
    },
    { first: REFETCH_MS, max: REFETCH_MS },
  );

  constructor() {
    effect(() => {
      const outdated = this.outdated();
      untracked(() => (!outdated ? this.refetch.succeeded() : this.refetch.scheduled || this.refetch.failed()));
    });
  }

  async load(): Promise<void> {
    try {
      const [budget, page] = await Promise.all([this.api.invoke(budgetGet, {}), this.api.invoke(spendingsList, { limit: RECENT_COUNT })]);
      this.serverBudget.set(budget);
      this.serverSpendings.set(page.items);
      this.error.set(null);
      this.staleSince.set(null);
      // Kept for offline use in a task of its own, after the figures are drawn.
      const cache = { budget, spendings: page.items, savedAt: new Date().toISOString() };
      setTimeout(() => this.saveCache(cache));
    } catch (error) {
      // Without an answer (offline) or with a failed one (5xx, busy) the last figures still
      // help; the page says which it is.
      const cached = isTransient(error) ? this.readCache() : null;
      if (isTransient(error)) this.staleReason.set(isUnreachable(error) ? 'offline' : 'server');
      if (cached && !this.serverBudget()) {
        this.serverBudget.set(cached.budget);
        this.serverSpendings.set(cached.spendings);
        this.staleSince.set(cached.savedAt);
        this.error.set(null);
      } else if (this.serverBudget() && isTransient(error)) {
        this.staleSince.set(this.staleSince() ?? new Date().toISOString());
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  /**
   * Records a spending dated `spentAt` (default now): the figures change at once. What the
   * server cannot take now is kept on the device and sent later (see SpendingWriter).
   * Null when the server refused it (the reason is in `error`).
   */
  async record(funnelId: string, amount: number, spentAt = new Date().toISOString()): Promise<{ id: string; outcome: Outcome } | null> {
    const spending = { id: crypto.randomUUID(), funnelId, amount, spentAt };
    const owner = this.owner();
    if (owner === null) return null;
    try {
      const { outcome, created } = await this.writer.create(spending, owner, {
        show: () => this.shift(spending, 1),
        takeBack: () => this.shift(spending, -1),
      });
      if (created) {
        this.serverSpendings.update((list) => [created, ...(list ?? [])].slice(0, RECENT_COUNT));
        this.error.set(null);
        void this.refreshBudget();
      }
      return { id: spending.id, outcome };
    } catch (error) {
      this.error.set(errorMessage(error));
      return null;
    }
  }

  /** Saves an edit; kept on the device like a new spending when the server cannot take it now. Null when refused. */
  async update(spending: SpendingView, changes: UpdateSpendingDto): Promise<Outcome | null> {
    const owner = this.owner();
    if (owner === null) return null;
    try {
      const { outcome, updated } = await this.writer.update(spending, changes, owner);
      if (updated) {
        this.serverSpendings.update((list) => (list ?? []).map((s) => (s.id === updated.id ? updated : s)));
        await this.refreshBudget();
      }
      return outcome;
    } catch (error) {
      this.error.set(errorMessage(error));
      return null;
    }
  }

  /** Takes back a spending just recorded (the Undo of the confirmation): deleted at once, no second undo. */
  undoRecord(id: string): void {
    const spending = this.spendings()?.find((s) => s.id === id);
    if (!spending) return;
    this.remove(spending);
    this.flushDelete();
  }

  /** Hides the spending now and deletes it for real after a few seconds, unless undone. */
  remove(spending: SpendingView): void {
    this.flushDelete();
    this.hidden.set(spending);
    const timer = setTimeout(() => this.flushDelete(), UNDO_MS);
    this.pendingDelete.set({ spending, timer });
  }

  undo(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    this.hidden.set(null);
  }

  /** Sends a waiting delete now (when the undo time is up, or the page closes). */
  flushDelete(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    const { spending } = pending;
    let owner: string | null = null;
    try {
      owner = this.writer.owner();
    } catch {
      owner = null;
    }
    const budget = this.serverBudget();
    this.writer
      .remove(spending, owner, {
        show: () => {
          this.serverSpendings.update((list) => (list ?? []).filter((s) => s.id !== spending.id));
          this.hidden.set(null);
          if (budget) this.serverBudget.set(withQueue(budget, [{ kind: 'delete', funnelId: spending.funnelId, amount: spending.amount, spentAt: spending.spentAt, fixedCostId: spending.fixedCostId }]));
        },
        // The server still has it: the delete waits on the device, and the figures count it from there.
        takeBack: () => budget && this.serverBudget.set(budget),
      })
      .then(
        (outcome) => {
          this.hidden.set(null);
          if (outcome === 'sent') void this.refreshBudget();
        },
        (error) => {
          this.hidden.set(null);
          this.error.set(translate('dashboard.notDeleted', { reason: errorMessage(error) }));
          void this.load();
        },
      );
  }

  ngOnDestroy(): void {
    this.refetch.cancel();
    this.flushDelete();
  }

  /** Who a change made now belongs to; null (with the reason in `error`) when nobody ever signed in here. */
  private owner(): string | null {
    try {
      return this.writer.owner(); // captured now: a 401 signs the device out before the answer arrives
    } catch (error) {
      this.error.set(errorMessage(error));
      return null;
    }
  }

  /** Adds (1) or takes off (-1) a spending on its way to the server. */
  private shift(spending: PlacedSpending, sign: 1 | -1): void {
    const budget = this.serverBudget();
    if (budget) this.serverBudget.set(applyPlaced(budget, spending, sign));
  }

  private async refreshBudget(): Promise<void> {
    try {
      this.serverBudget.set(await this.api.invoke(budgetGet, {}));
    } catch {
      // Keep the figures we have; the next load tries again.
    }
  }

  private saveCache(cache: CachedBudget): void {
    try {
      localStorage.setItem(LAST_BUDGET_KEY, JSON.stringify(cache));
    } catch {
      // Storage full or disabled: the app still works online.
    }
  }

  private readCache(): CachedBudget | null {
    try {
      const raw = localStorage.getItem(LAST_BUDGET_KEY);
      if (!raw) return null;
      const cached = JSON.parse(raw) as CachedBudget;
      return { ...cached, budget: completeBudget(cached.budget) };
    } catch {
      return null;
    }
  }
}
