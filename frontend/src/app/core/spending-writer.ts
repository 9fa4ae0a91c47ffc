import { Injectable, inject } from '@angular/core';
import { SpendingDto, UpdateSpendingDto } from '../api/models';
import { Kept, OfflineQueue, Outcome, QueuedUpdate, keptAfter } from './offline-queue';
import { NewSpending, SpendingRequests } from './spending-requests';
import { TokenStore } from './token-store';

/** A spending as the server has it (what a delete or an edit takes off the figures). */
export interface PlacedSpending {
  id: string;
  funnelId: string;
  amount: number;
  spentAt: string;
  /** The fixed cost it was posted from, if any (it stays with the spending through edits). */
  fixedCostId?: string | null;
}

/** A spending as a page shows it: from the server, or still waiting on this device. */
export interface ShownSpending extends PlacedSpending {
  /** Waiting on this device: a new spending, or an edit of one the server has. */
  pendingKind?: 'create' | 'update';
}

/**
 * What the screen shows while a change is on its way: `show` runs just before the request,
 * `takeBack` when the server did not take it (before it is kept on the device, whose queue
 * the figures count instead, or before a refusal is reported).
 */
export interface ShownEarly {
  show(): void;
  takeBack(): void;
}

const NOTHING_SHOWN: ShownEarly = { show: () => undefined, takeBack: () => undefined };

const offlineNow = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * The one way a spending is recorded, edited or deleted: sent to the server now, or kept on
 * this device when the server cannot take it now (no network, a server failure, signed out —
 * also by a 401 from another device's sign-in) and sent later by the offline queue, exactly
 * once. Each change belongs to `owner`, captured before the request (a 401 signs the device
 * out before the answer arrives). A refusal rejects with the server's error.
 */
@Injectable({ providedIn: 'root' })
export class SpendingWriter {
  private readonly requests = inject(SpendingRequests);
  private readonly queue = inject(OfflineQueue);
  private readonly tokens = inject(TokenStore);

  /** Who owns a change made now (throws, in words, when nobody ever signed in on this device). */
  owner(): string {
    return this.queue.owner();
  }

  /** Why a change cannot even be tried now, or null. */
  private heldBack(): Kept | null {
    if (!this.tokens.signedIn()) return 'signed-out';
    return offlineNow() ? 'offline' : null;
  }

  /** Records a new spending. `created` is the server's copy when it was sent. */
  async create(spending: NewSpending, owner: string, shown: ShownEarly = NOTHING_SHOWN): Promise<{ outcome: Outcome; created?: SpendingDto }> {
    const keep = async (outcome: Kept) => {
      await this.queue.enqueueCreate(spending, owner);
      return { outcome };
    };
    const held = this.heldBack();
    if (held) return keep(held);
    shown.show();
    try {
      return { outcome: 'sent', created: await this.requests.create(spending) };
    } catch (error) {
      shown.takeBack();
      const kept = keptAfter(error);
      if (kept) return keep(kept);
      throw error;
    }
  }

  /** Saves an edit. `updated` is the server's copy when it was sent. */
  async update(spending: ShownSpending, changes: UpdateSpendingDto, owner: string): Promise<{ outcome: Outcome; updated?: SpendingDto }> {
    const held = this.heldBack();
    if (spending.pendingKind) {
      // Not on the server yet (or an edit waits already): change what waits.
      await this.queue.update(spending.id, { funnelId: changes.funnelId, amount: changes.amount, note: changes.note, spentAt: changes.spentAt });
      if (held !== 'signed-out') void this.queue.flush();
      return { outcome: held ?? 'server' };
    }
    const keep = async (outcome: Kept) => {
      const { funnelId, amount, spentAt, fixedCostId } = spending;
      await this.queue.enqueueUpdate({ id: spending.id, ...changes, ...(fixedCostId ? { fixedCostId } : {}), previous: { funnelId, amount, spentAt } }, owner);
      return { outcome };
    };
    if (held) return keep(held);
    try {
      return { outcome: 'sent', updated: await this.requests.update(spending.id, changes) };
    } catch (error) {
      const kept = keptAfter(error);
      if (kept) return keep(kept);
      throw error;
    }
  }

  /**
   * Deletes a spending: one that never reached the server is simply dropped (`dropped`); one with an edit
   * waiting is deleted instead (as the server has it); else the server is asked, and when it
   * cannot take the delete now, the delete waits on the device. `owner` null: nobody to keep it for.
   */
  async remove(spending: ShownSpending, owner: string | null, shown: ShownEarly = NOTHING_SHOWN): Promise<Outcome | 'dropped'> {
    if (spending.pendingKind === 'create') {
      await this.queue.discard(spending.id);
      return 'dropped';
    }
    const edit = this.queue.items().find((c): c is QueuedUpdate => c.id === spending.id && c.kind === 'update');
    if (edit) {
      const { funnelId, amount, spentAt } = edit.previous;
      await this.queue.enqueueDelete({ id: spending.id, funnelId, amount, spentAt, ...(edit.fixedCostId ? { fixedCostId: edit.fixedCostId } : {}) }, edit.ownerId);
      return this.heldBack() ?? 'server';
    }
    shown.show();
    try {
      await this.requests.remove(spending.id);
      return 'sent';
    } catch (error) {
      const kept = keptAfter(error);
      if (!kept || !owner) throw error;
      // The server still has it: the delete waits on the device, and the figures count it from there.
      shown.takeBack();
      const { id, funnelId, amount, spentAt, fixedCostId } = spending;
      await this.queue.enqueueDelete({ id, funnelId, amount, spentAt, ...(fixedCostId ? { fixedCostId } : {}) }, owner);
      return kept;
    }
  }
}
