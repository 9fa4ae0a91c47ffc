import { Injectable, OnDestroy, computed, inject, signal } from '@angular/core';
import { Api } from '../../api/api';
import { budgetGet, spendingsCreate, spendingsList, spendingsRemove, spendingsUpdate } from '../../api/functions';
import { BudgetDto, SpendingDto, UpdateSpendingDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { addMoney } from '../../core/money';
import { OfflineQueue, QueuedCreate, isTransient } from '../../core/offline-queue';
import { dateFormat } from '../../core/date-format';

export const UNDO_MS = 5000;
const RECENT_COUNT = 20;
export const LAST_BUDGET_KEY = 'stracker.lastBudget';

/** A spending as the list shows it: from the server, or still waiting on this device. */
export interface SpendingView extends SpendingDto {
  /** Recorded on this device and not yet sent. */
  pending?: boolean;
  /** The server refused it; the reason, in words. */
  refusal?: string;
}

export interface PendingDelete {
  spending: SpendingView;
  timer: ReturnType<typeof setTimeout>;
}

interface CachedBudget {
  budget: BudgetDto;
  spendings: SpendingDto[];
  savedAt: string;
}

/** Applies a spending of `amount` (negative to take one back) to the figures of one funnel. */
export function applySpending(budget: BudgetDto, funnelId: string, amount: number, today: boolean): BudgetDto {
  const funnel = budget.funnels.find((f) => f.id === funnelId);
  if (!funnel) return budget;
  const todayDelta = today ? amount : 0;
  return {
    ...budget,
    funnels: budget.funnels.map((f) =>
      f.id === funnelId
        ? {
            ...f,
            spent: addMoney(f.spent, amount),
            remaining: addMoney(f.remaining, -amount),
            allowanceToday: addMoney(f.allowanceToday, -amount),
            spentToday: addMoney(f.spentToday, todayDelta),
          }
        : f,
    ),
    totals: {
      limit: budget.totals.limit,
      spent: addMoney(budget.totals.spent, amount),
      remaining: addMoney(budget.totals.remaining, -amount),
      allowanceToday: addMoney(budget.totals.allowanceToday, -amount),
    },
  };
}

/** Whether `instant` falls on today's date in the household's time zone. */
export function isToday(instant: string, timeZone: string, now = new Date()): boolean {
  const day = dateFormat({ timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA');
  return day.format(new Date(instant)) === day.format(now);
}

/** The server's figures with what waits on this device applied on top. */
export function withQueue(budget: BudgetDto, queue: ReadonlyArray<{ kind: string; funnelId: string; amount: number; spentAt: string; refusal?: string }>): BudgetDto {
  const { start, end, timezone } = budget.period;
  let result = budget;
  for (const change of queue) {
    if (change.refusal || change.spentAt < start || change.spentAt >= end) continue;
    const sign = change.kind === 'create' ? 1 : -1;
    result = applySpending(result, change.funnelId, sign * change.amount, isToday(change.spentAt, timezone));
  }
  return result;
}

function queuedView(change: QueuedCreate): SpendingView {
  return {
    id: change.id,
    funnelId: change.funnelId,
    amount: change.amount,
    spentAt: change.spentAt,
    note: change.note ?? null,
    createdBy: { id: '', username: 'you' },
    createdAt: change.queuedAt,
    updatedAt: change.queuedAt,
    pending: true,
    ...(change.refusal ? { refusal: change.refusal } : {}),
  };
}

/**
 * The dashboard's state: today's budget, recent spendings, and the actions on them. Offline,
 * spendings go to the device's queue and the last known figures are shown, adjusted for them.
 */
@Injectable()
export class DashboardStore implements OnDestroy {
  private readonly api = inject(Api);
  readonly queue = inject(OfflineQueue);

  private readonly serverBudget = signal<BudgetDto | null>(null);
  private readonly serverSpendings = signal<SpendingDto[] | null>(null);
  /** Hidden while its undo window runs. */
  private readonly hiddenId = signal<string | null>(null);

  readonly error = signal<string | null>(null);
  readonly pendingDelete = signal<PendingDelete | null>(null);
  /** Set when the figures come from the device's cache (offline): when they were fetched. */
  readonly staleSince = signal<string | null>(null);

  readonly budget = computed(() => {
    const budget = this.serverBudget();
    if (!budget) return null;
    const hidden = this.pendingDelete()?.spending;
    const queued = this.queue.items();
    const adjusted = withQueue(budget, queued);
    return hidden && !hidden.pending ? withQueue(adjusted, [{ kind: 'delete', funnelId: hidden.funnelId, amount: hidden.amount, spentAt: hidden.spentAt }]) : adjusted;
  });

  readonly spendings = computed<SpendingView[] | null>(() => {
    const server = this.serverSpendings();
    const queued = this.queue.items();
    const hidden = this.hiddenId();
    if (server === null && queued.length === 0) return null;
    const deleted = new Set(queued.filter((c) => c.kind === 'delete').map((c) => c.id));
    const pending = queued.filter((c): c is QueuedCreate => c.kind === 'create').map(queuedView);
    const pendingIds = new Set(pending.map((s) => s.id));
    return [...pending, ...(server ?? []).filter((s) => !deleted.has(s.id) && !pendingIds.has(s.id))]
      .filter((s) => s.id !== hidden)
      .sort((a, b) => b.spentAt.localeCompare(a.spentAt) || b.id.localeCompare(a.id))
      .slice(0, RECENT_COUNT + pending.length);
  });

  readonly loading = computed(() => this.serverBudget() === null && this.error() === null);

  async load(): Promise<void> {
    try {
      const [budget, page] = await Promise.all([this.api.invoke(budgetGet, {}), this.api.invoke(spendingsList, { limit: RECENT_COUNT })]);
      this.serverBudget.set(budget);
      this.serverSpendings.set(page.items);
      this.error.set(null);
      this.staleSince.set(null);
      this.saveCache({ budget, spendings: page.items, savedAt: new Date().toISOString() });
    } catch (error) {
      const cached = isTransient(error) ? this.readCache() : null;
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

  /** Records a spending: the figures change at once; without a network it waits on the device. */
  async record(funnelId: string, amount: number): Promise<boolean> {
    const spending = { id: crypto.randomUUID(), funnelId, amount, spentAt: new Date().toISOString() };
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      await this.queue.enqueueCreate(spending);
      return true;
    }
    const before = this.serverBudget();
    if (before) this.serverBudget.set(applySpending(before, funnelId, amount, true));
    try {
      const created = await this.api.invoke(spendingsCreate, { body: spending });
      this.serverSpendings.update((list) => [created, ...(list ?? [])].slice(0, RECENT_COUNT));
      this.error.set(null);
      void this.refreshBudget();
      return true;
    } catch (error) {
      if (before) this.serverBudget.set(applySpending(this.serverBudget() ?? before, funnelId, -amount, true));
      if (isTransient(error)) {
        await this.queue.enqueueCreate(spending);
        return true;
      }
      this.error.set(errorMessage(error));
      return false;
    }
  }

  async update(spending: SpendingView, changes: UpdateSpendingDto): Promise<boolean> {
    if (spending.pending) {
      await this.queue.update(spending.id, { funnelId: changes.funnelId, amount: changes.amount, note: changes.note });
      void this.queue.flush();
      return true;
    }
    try {
      const updated = await this.api.invoke(spendingsUpdate, { id: spending.id, body: changes });
      this.serverSpendings.update((list) => (list ?? []).map((s) => (s.id === updated.id ? updated : s)));
      await this.refreshBudget();
      return true;
    } catch (error) {
      this.error.set(errorMessage(error));
      return false;
    }
  }

  /** Hides the spending now and deletes it for real after a few seconds, unless undone. */
  remove(spending: SpendingView): void {
    this.flushDelete();
    this.hiddenId.set(spending.id);
    const timer = setTimeout(() => this.flushDelete(), UNDO_MS);
    this.pendingDelete.set({ spending, timer });
  }

  undo(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    this.hiddenId.set(null);
  }

  /** Sends a waiting delete now (when the undo time is up, or the page closes). */
  flushDelete(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    const { spending } = pending;
    if (spending.pending) {
      void this.queue.discard(spending.id).then(() => this.hiddenId.set(null));
      return;
    }
    this.serverSpendings.update((list) => (list ?? []).filter((s) => s.id !== spending.id));
    this.hiddenId.set(null);
    const budget = this.serverBudget();
    if (budget) this.serverBudget.set(withQueue(budget, [{ kind: 'delete', funnelId: spending.funnelId, amount: spending.amount, spentAt: spending.spentAt }]));
    this.api.invoke(spendingsRemove, { id: spending.id }).then(
      () => this.refreshBudget(),
      async (error) => {
        if (isTransient(error)) {
          // The server still has it: keep the delete on the device and show the figures without it.
          if (budget) this.serverBudget.set(budget);
          await this.queue.enqueueDelete({ id: spending.id, funnelId: spending.funnelId, amount: spending.amount, spentAt: spending.spentAt });
          return;
        }
        this.error.set(`The spending could not be deleted: ${errorMessage(error)}`);
        void this.load();
      },
    );
  }

  ngOnDestroy(): void {
    this.flushDelete();
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
      return raw ? (JSON.parse(raw) as CachedBudget) : null;
    } catch {
      return null;
    }
  }
}
