import { Injectable, OnDestroy, computed, inject, signal } from '@angular/core';
import { Api } from '../../api/api';
import { budgetGet, spendingsCreate, spendingsList, spendingsRemove, spendingsUpdate } from '../../api/functions';
import { BudgetDto, SpendingDto, UpdateSpendingDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { addMoney } from '../../core/money';

export const UNDO_MS = 5000;
const RECENT_COUNT = 20;

export interface PendingDelete {
  spending: SpendingDto;
  timer: ReturnType<typeof setTimeout>;
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

/** The dashboard's state: today's budget, recent spendings, and the actions on them. */
@Injectable()
export class DashboardStore implements OnDestroy {
  private readonly api = inject(Api);

  readonly budget = signal<BudgetDto | null>(null);
  readonly spendings = signal<SpendingDto[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly pendingDelete = signal<PendingDelete | null>(null);
  readonly loading = computed(() => this.budget() === null && this.error() === null);

  async load(): Promise<void> {
    try {
      const [budget, page] = await Promise.all([
        this.api.invoke(budgetGet, {}),
        this.api.invoke(spendingsList, { limit: RECENT_COUNT }),
      ]);
      this.budget.set(budget);
      const hidden = this.pendingDelete()?.spending.id;
      this.spendings.set(page.items.filter((s) => s.id !== hidden));
      this.error.set(null);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  /** Records a spending: the figures change at once, and back again if the server refuses. */
  async record(funnelId: string, amount: number): Promise<boolean> {
    const before = this.budget();
    if (before) this.budget.set(applySpending(before, funnelId, amount, true));
    try {
      const created = await this.api.invoke(spendingsCreate, { body: { id: crypto.randomUUID(), funnelId, amount } });
      this.spendings.update((list) => [created, ...(list ?? [])].slice(0, RECENT_COUNT));
      this.error.set(null);
      void this.refreshBudget();
      return true;
    } catch (error) {
      if (before) this.budget.set(applySpending(this.budget() ?? before, funnelId, -amount, true));
      this.error.set(errorMessage(error));
      return false;
    }
  }

  async update(spending: SpendingDto, changes: UpdateSpendingDto): Promise<boolean> {
    try {
      const updated = await this.api.invoke(spendingsUpdate, { id: spending.id, body: changes });
      this.spendings.update((list) => (list ?? []).map((s) => (s.id === updated.id ? updated : s)));
      await this.refreshBudget();
      return true;
    } catch (error) {
      this.error.set(errorMessage(error));
      return false;
    }
  }

  /** Hides the spending now and deletes it for real after a few seconds, unless undone. */
  remove(spending: SpendingDto): void {
    this.flushDelete();
    this.spendings.update((list) => (list ?? []).filter((s) => s.id !== spending.id));
    const budget = this.budget();
    if (budget) this.budget.set(applySpending(budget, spending.funnelId, -spending.amount, isToday(spending.spentAt, budget.period.timezone)));
    const timer = setTimeout(() => this.flushDelete(), UNDO_MS);
    this.pendingDelete.set({ spending, timer });
  }

  undo(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    const { spending } = pending;
    this.spendings.update((list) =>
      [...(list ?? []), spending].sort((a, b) => b.spentAt.localeCompare(a.spentAt) || b.id.localeCompare(a.id)),
    );
    const budget = this.budget();
    if (budget) this.budget.set(applySpending(budget, spending.funnelId, spending.amount, isToday(spending.spentAt, budget.period.timezone)));
  }

  /** Sends a waiting delete now (when the undo time is up, or the page closes). */
  flushDelete(): void {
    const pending = this.pendingDelete();
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete.set(null);
    this.api.invoke(spendingsRemove, { id: pending.spending.id }).then(
      () => this.refreshBudget(),
      (error) => {
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
      this.budget.set(await this.api.invoke(budgetGet, {}));
    } catch {
      // Keep the figures we have; the next load tries again.
    }
  }
}

/** Whether `instant` falls on today's date in the household's time zone. */
export function isToday(instant: string, timeZone: string, now = new Date()): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return day.format(new Date(instant)) === day.format(now);
}
