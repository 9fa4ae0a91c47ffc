import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { spendingsCreate } from '../api/fn/spendings/spendings-create';
import { spendingsRemove } from '../api/fn/spendings/spendings-remove';
import { spendingsUpdate } from '../api/fn/spendings/spendings-update';
import { SpendingDto, UpdateSpendingDto } from '../api/models';

/** A new spending; the id is chosen on the device, so sending it twice stores it once. */
export interface NewSpending {
  id: string;
  funnelId: string;
  amount: number;
  spentAt: string;
  note?: string;
}

/**
 * The three requests that change a spending, written once: for a change made now (dashboard,
 * History) and for one the offline queue sends later. No decision here about keeping a change
 * on the device: that is `SpendingWriter` (now) and `OfflineQueue` (later), by one rule, `keptAfter`.
 */
@Injectable({ providedIn: 'root' })
export class SpendingRequests {
  private readonly api = inject(Api);

  create(spending: NewSpending): Promise<SpendingDto> {
    const { id, funnelId, amount, spentAt, note } = spending;
    return this.api.invoke(spendingsCreate, { body: { id, funnelId, amount, spentAt, ...(note ? { note } : {}) } });
  }

  update(id: string, changes: UpdateSpendingDto): Promise<SpendingDto> {
    const { funnelId, amount, spentAt, note } = changes;
    return this.api.invoke(spendingsUpdate, { id, body: { funnelId, amount, spentAt, ...(note ? { note } : {}) } });
  }

  /** Deletes it; one that is gone already (404: deleted on another device, or by an earlier try) counts as deleted. */
  async remove(id: string): Promise<void> {
    try {
      await this.api.invoke(spendingsRemove, { id });
    } catch (error) {
      if (!(error instanceof HttpErrorResponse && error.status === 404)) throw error;
    }
  }
}
