import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { visibleFunnel, Viewer } from '../rules/visibility';
import { FixedCost, FixedCostOccurrence } from './fixed-cost.entity';

/** A fixed cost with its author's name. */
export interface FixedCostRow extends FixedCost {
  createdByName: string;
}

/** A fixed cost the scheduler may have to post, with what posting needs to know of its funnel and household. */
export interface DueFixedCost extends FixedCostRow {
  householdId: string;
  shared: boolean;
  ownerId: string;
  timezone: string;
}

const COLUMNS = `fc.id, fc.funnel_id AS "funnelId", fc.amount_minor AS "amountMinor", fc.note, fc.every, fc.day, fc.weekday, fc.month,
  fc.starts_on AS "startsOn", fc.ends_on AS "endsOn", fc.posts_from AS "postsFrom", fc.next_due_on AS "nextDueOn",
  fc.created_by AS "createdBy", fc.created_at AS "createdAt", fc.updated_at AS "updatedAt"`;

/** Every query about fixed costs and their due dates. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class FixedCostsRepository {
  constructor(private readonly db: Database) {}

  /** The fixed costs of the funnels `viewer` may see (or of one of them), oldest first. */
  async visibleTo(viewer: Viewer, funnelId?: string): Promise<FixedCostRow[]> {
    const rule = visibleFunnel('f', viewer);
    const rows = await this.db.query<RawRow>(
      `SELECT ${COLUMNS}, u.username AS "createdByName" FROM fixed_costs fc
       INNER JOIN funnels f ON f.id = fc.funnel_id INNER JOIN users u ON u.id = fc.created_by
       WHERE ${rule.sql}${funnelId ? ' AND fc.funnel_id = ?' : ''} ORDER BY fc.created_at ASC, fc.id ASC`,
      funnelId ? [...rule.parameters, funnelId] : rule.parameters,
    );
    return rows.map(fromRow);
  }

  /** The fixed cost `id` if `viewer` may see its funnel. */
  async visibleById(viewer: Viewer, id: string): Promise<FixedCostRow | null> {
    const rule = visibleFunnel('f', viewer);
    const [row] = await this.db.query<RawRow>(
      `SELECT ${COLUMNS}, u.username AS "createdByName" FROM fixed_costs fc
       INNER JOIN funnels f ON f.id = fc.funnel_id INNER JOIN users u ON u.id = fc.created_by
       WHERE fc.id = ? AND ${rule.sql}`,
      [id, ...rule.parameters],
    );
    return row ? fromRow(row) : null;
  }

  /** How many fixed costs a funnel has. */
  async countOf(funnelId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS "n" FROM fixed_costs WHERE funnel_id = ?', [funnelId]);
    return Number(row?.n ?? 0);
  }

  /** The fixed costs of these funnels (already known to be visible), for the budget. */
  async ofFunnels(funnelIds: readonly string[]): Promise<FixedCost[]> {
    if (funnelIds.length === 0) return [];
    const rows = await this.db.query<RawRow>(
      `SELECT ${COLUMNS} FROM fixed_costs fc WHERE fc.funnel_id IN (${funnelIds.map(() => '?').join(', ')}) ORDER BY fc.created_at ASC, fc.id ASC`,
      [...funnelIds],
    );
    return rows.map(fromRow);
  }

  /** The fixed costs of every funnel in a household (shared and personal), with their funnel's name and sharing. */
  async ofHousehold(householdId: string): Promise<Array<FixedCost & { funnelName: string; shared: boolean; ownerId: string }>> {
    const rows = await this.db.query<RawRow & { funnelName: string; shared: boolean | number; ownerId: string }>(
      `SELECT ${COLUMNS}, f.name AS "funnelName", f.shared, f.owner_id AS "ownerId" FROM fixed_costs fc
       INNER JOIN funnels f ON f.id = fc.funnel_id WHERE f.household_id = ? ORDER BY fc.created_at ASC, fc.id ASC`,
      [householdId],
    );
    return rows.map((r) => ({ ...fromRow(r), funnelName: r.funnelName, shared: Boolean(r.shared), ownerId: r.ownerId }));
  }

  /** The due dates in [from, until) of these fixed costs that were posted or skipped. */
  async occurrences(fixedCostIds: readonly string[], from: string, until: string): Promise<FixedCostOccurrence[]> {
    if (fixedCostIds.length === 0) return [];
    const rows = await this.db.query<{ fixedCostId: string; dueOn: string; spendingId: string | null; createdAt: number | string }>(
      `SELECT fixed_cost_id AS "fixedCostId", due_on AS "dueOn", spending_id AS "spendingId", created_at AS "createdAt"
       FROM fixed_cost_occurrences WHERE fixed_cost_id IN (${fixedCostIds.map(() => '?').join(', ')}) AND due_on >= ? AND due_on < ?`,
      [...fixedCostIds, from, until],
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(Number(r.createdAt)) }));
  }

  /** Per funnel, the sum of the spendings posted from fixed costs in [start, end) (epoch ms), deleted fixed costs' included. */
  async postedSums(funnelIds: readonly string[], start: Date, end: Date): Promise<Map<string, number>> {
    if (funnelIds.length === 0) return new Map();
    const rows = await this.db.query<{ funnelId: string; posted: number | string }>(
      `SELECT funnel_id AS "funnelId", SUM(amount_minor) AS "posted" FROM spendings
       WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) AND spent_at >= ? AND spent_at < ? AND fixed_cost_id IS NOT NULL
       GROUP BY funnel_id`,
      [...funnelIds, start.getTime(), end.getTime()],
    );
    return new Map(rows.map((r) => [r.funnelId, Number(r.posted)]));
  }

  /**
   * Fixed costs whose next due date is on or before `latest` (the latest "today" anywhere on
   * earth), with their funnel's sharing and household time zone, in (next due date, id) order
   * after `after`, at most `limit`.
   */
  async dueBy(latest: string, after: { nextDueOn: string; id: string } | null, limit: number): Promise<DueFixedCost[]> {
    const rows = await this.db.query<RawRow & { householdId: string; shared: boolean | number; ownerId: string; timezone: string }>(
      `SELECT ${COLUMNS}, u.username AS "createdByName", f.household_id AS "householdId", f.shared, f.owner_id AS "ownerId", h.timezone
       FROM fixed_costs fc INNER JOIN funnels f ON f.id = fc.funnel_id INNER JOIN households h ON h.id = f.household_id
       INNER JOIN users u ON u.id = fc.created_by
       WHERE fc.next_due_on IS NOT NULL AND fc.next_due_on <= ?${after ? ' AND (fc.next_due_on > ? OR (fc.next_due_on = ? AND fc.id > ?))' : ''}
       ORDER BY fc.next_due_on ASC, fc.id ASC LIMIT ?`,
      after ? [latest, after.nextDueOn, after.nextDueOn, after.id, limit] : [latest, limit],
    );
    return rows.map((r) => ({ ...fromRow(r), householdId: r.householdId, shared: Boolean(r.shared), ownerId: r.ownerId, timezone: r.timezone }));
  }

  /** The fixed cost `id` as stored now, whoever's it is (for the scheduler, inside its transaction). */
  async byId(id: string): Promise<FixedCost | null> {
    const [row] = await this.db.query<RawRow>(`SELECT ${COLUMNS} FROM fixed_costs fc WHERE fc.id = ?`, [id]);
    return row ? fromRow(row) : null;
  }

  async insert(fixedCost: FixedCost): Promise<void> {
    await this.db.manager.insert(FixedCost, fixedCost);
  }

  async update(id: string, changes: Partial<Omit<FixedCost, 'id' | 'createdBy' | 'createdAt'>>): Promise<void> {
    await this.db.manager.update(FixedCost, { id }, changes);
  }

  /** Moves the next due date on, unless another process moved it already (then nothing changes). */
  async advance(id: string, from: string | null, to: string | null): Promise<void> {
    await this.db.execute('UPDATE fixed_costs SET next_due_on = ? WHERE id = ? AND next_due_on = ?', [to, id, from]);
  }

  /** Deletes the fixed cost and its record of due dates; the spendings it posted stay. */
  async delete(id: string): Promise<void> {
    await this.db.manager.delete(FixedCost, { id });
  }

  /**
   * Claims a due date: true if this call recorded it (as posted to `spendingId`, or skipped when
   * null), false if it was recorded before — by an earlier run, another process or a skip.
   */
  async claim(fixedCostId: string, dueOn: string, spendingId: string | null, at: Date): Promise<boolean> {
    const changed = await this.db.execute(
      `INSERT INTO fixed_cost_occurrences (fixed_cost_id, due_on, spending_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (fixed_cost_id, due_on) DO NOTHING`,
      [fixedCostId, dueOn, spendingId, at.getTime()],
    );
    return changed === 1;
  }

  /** Undoes a skip (a posted due date stays posted); whether there was one. */
  async unskip(fixedCostId: string, dueOn: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM fixed_cost_occurrences WHERE fixed_cost_id = ? AND due_on = ? AND spending_id IS NULL', [fixedCostId, dueOn])) === 1;
  }

  /** Skipped due dates on or after `from`, per fixed cost, oldest first. */
  async skippedFrom(fixedCostIds: readonly string[], from: string): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (fixedCostIds.length === 0) return result;
    const rows = await this.db.query<{ fixedCostId: string; dueOn: string }>(
      `SELECT fixed_cost_id AS "fixedCostId", due_on AS "dueOn" FROM fixed_cost_occurrences
       WHERE fixed_cost_id IN (${fixedCostIds.map(() => '?').join(', ')}) AND due_on >= ? AND spending_id IS NULL ORDER BY due_on ASC`,
      [...fixedCostIds, from],
    );
    for (const row of rows) result.set(row.fixedCostId, [...(result.get(row.fixedCostId) ?? []), row.dueOn]);
    return result;
  }
}

interface RawRow {
  id: string;
  funnelId: string;
  amountMinor: number | string;
  note: string | null;
  every: FixedCost['every'];
  day: number | string | null;
  weekday: number | string | null;
  month: number | string | null;
  startsOn: string;
  endsOn: string | null;
  postsFrom: string;
  nextDueOn: string | null;
  createdBy: string;
  createdAt: number | string;
  updatedAt: number | string;
  createdByName?: string;
}

function orNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function fromRow(row: RawRow): FixedCostRow {
  return {
    id: row.id,
    funnelId: row.funnelId,
    amountMinor: Number(row.amountMinor),
    note: row.note,
    every: row.every,
    day: orNull(row.day),
    weekday: orNull(row.weekday),
    month: orNull(row.month),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    postsFrom: row.postsFrom,
    nextDueOn: row.nextDueOn,
    createdBy: row.createdBy,
    createdAt: new Date(Number(row.createdAt)),
    updatedAt: new Date(Number(row.updatedAt)),
    createdByName: row.createdByName ?? '',
  };
}
