import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { visibleFunnel, Viewer } from '../rules/visibility';
import { Spending } from './spending.entity';

/** A spending with its author's name, as pages and exports show it. */
export interface SpendingRow {
  id: string;
  funnelId: string;
  amountMinor: number | string;
  spentAt: number | string;
  note: string | null;
  createdById: string;
  createdByName: string;
  createdAt: number | string;
  updatedAt: number | string;
  fixedCostId: string | null;
}

/** Bounds of a list or export, in epoch ms; null: open. */
export interface SpentAtRange {
  from: number | null;
  to: number | null;
}

const COLUMNS = ['id', 'funnel_id', 'amount_minor', 'spent_at', 'note', 'created_by', 'created_at', 'updated_at'] as const;
const ROW_COLUMNS = `s.id, s.funnel_id AS "funnelId", s.amount_minor AS "amountMinor", s.spent_at AS "spentAt", s.note,
  s.created_by AS "createdById", s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.fixed_cost_id AS "fixedCostId"`;

/** Every query about spendings. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class SpendingsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores the spending if its funnel is visible to `viewer` and its id is new; whether it did.
   * One statement, committed together with other spendings arriving at the same moment.
   */
  async insertIfVisible(viewer: Viewer, s: Spending): Promise<boolean> {
    const rule = visibleFunnel('f', viewer);
    const changed = await this.db.groupCommit(
      `INSERT INTO spendings (${COLUMNS.join(', ')})
       SELECT ?, f.id, ?, ?, ?, ?, ?, ? FROM funnels f
       WHERE f.id = ? AND ${rule.sql}
       ON CONFLICT (id) DO NOTHING`,
      [s.id, s.amountMinor, s.spentAt.getTime(), s.note, s.createdBy, s.createdAt.getTime(), s.updatedAt.getTime(), s.funnelId, ...rule.parameters],
    );
    return changed === 1;
  }

  /** Whoever's it is: for telling a resent spending from an id that belongs to someone else. */
  byId(id: string): Promise<Spending | null> {
    return this.db.manager.findOneBy(Spending, { id });
  }

  /** The spending `id` if it lies in a funnel `viewer` may see. */
  async visibleById(viewer: Viewer, id: string): Promise<Spending | null> {
    const rule = visibleFunnel('f', viewer);
    const [row] = await this.db.query<SpendingRow>(
      `SELECT ${ROW_COLUMNS} FROM spendings s INNER JOIN funnels f ON f.id = s.funnel_id WHERE s.id = ? AND ${rule.sql}`,
      [id, ...rule.parameters],
    );
    return row
      ? {
          id: row.id,
          funnelId: row.funnelId,
          amountMinor: Number(row.amountMinor),
          spentAt: new Date(Number(row.spentAt)),
          note: row.note,
          createdBy: row.createdById,
          createdAt: new Date(Number(row.createdAt)),
          updatedAt: new Date(Number(row.updatedAt)),
          fixedCostId: row.fixedCostId,
        }
      : null;
  }

  /** The spending `id` with its author's name, if it lies in a funnel `viewer` may see. */
  async visibleRow(viewer: Viewer, id: string): Promise<SpendingRow | null> {
    const rule = visibleFunnel('f', viewer);
    const [row] = await this.db.query<SpendingRow>(
      `SELECT ${ROW_COLUMNS}, u.username AS "createdByName" FROM spendings s
       INNER JOIN funnels f ON f.id = s.funnel_id INNER JOIN users u ON u.id = s.created_by
       WHERE s.id = ? AND ${rule.sql}`,
      [id, ...rule.parameters],
    );
    return row ?? null;
  }

  /**
   * Up to `limit` spendings of `funnelIds` in `range`, newest first, older than `before` if given.
   * Each funnel gives its newest rows from the (funnel_id, spent_at) index and only those are
   * merged, so a page costs the same with a month of history or ten years of it.
   */
  async newestFirst(funnelIds: readonly string[], range: SpentAtRange, before: { at: number; id: string } | null, limit: number): Promise<SpendingRow[]> {
    if (funnelIds.length === 0) return [];
    const { sql, parameters } = spentAtConditions(range, before && { ...before, older: true });
    const newestOf = (i: number) =>
      `SELECT * FROM (SELECT ${ROW_COLUMNS} FROM spendings s WHERE s.funnel_id = ?${sql} ORDER BY s.spent_at DESC, s.id DESC LIMIT ?) AS f${i}`;
    return this.db.query<SpendingRow>(
      `SELECT x.*, u.username AS "createdByName" FROM (${funnelIds.map((_, i) => newestOf(i)).join(' UNION ALL ')}) AS x
       INNER JOIN users u ON u.id = x."createdById"
       ORDER BY x."spentAt" DESC, x.id DESC LIMIT ?`,
      [...funnelIds.flatMap((id) => [id, ...parameters, limit]), limit],
    );
  }

  /** Up to `limit` spendings of `funnelIds` in `range`, oldest first, after `after` if given (for exports). */
  async oldestFirst(funnelIds: readonly string[], range: SpentAtRange, after: { at: number; id: string } | null, limit: number): Promise<SpendingRow[]> {
    if (funnelIds.length === 0) return [];
    const { sql, parameters } = spentAtConditions(range, after && { ...after, older: false });
    return this.db.query<SpendingRow>(
      `SELECT ${ROW_COLUMNS}, u.username AS "createdByName" FROM spendings s INNER JOIN users u ON u.id = s.created_by
       WHERE s.funnel_id IN (${funnelIds.map(() => '?').join(', ')})${sql} ORDER BY s.spent_at ASC, s.id ASC LIMIT ?`,
      [...funnelIds, ...parameters, limit],
    );
  }

  /** Stores one spending inside the caller's transaction (a fixed cost's posting). */
  async insert(spending: Spending): Promise<void> {
    await this.db.manager.insert(Spending, spending);
  }

  async update(id: string, changes: Pick<Spending, 'funnelId' | 'amountMinor' | 'spentAt' | 'note' | 'updatedAt'>): Promise<void> {
    await this.db.manager.update(Spending, { id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(Spending, { id });
  }

  /** Who recorded each of the spendings with these ids that exist. */
  async authorsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const authors = new Map<string, string>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const chunk = ids.slice(i, i + LOOKUP_CHUNK);
      const rows = await this.db.query<{ id: string; createdBy: string }>(
        `SELECT id, created_by AS "createdBy" FROM spendings WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) authors.set(row.id, row.createdBy);
    }
    return authors;
  }

  /**
   * Which of these other apps' ids (an OFX FITID …) an imported spending in a funnel `viewer`
   * may see already carries: that row was imported before.
   */
  async externalIdsSeenBy(viewer: Viewer, externalIds: readonly string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const rule = visibleFunnel('f', viewer);
    for (let i = 0; i < externalIds.length; i += LOOKUP_CHUNK) {
      const chunk = externalIds.slice(i, i + LOOKUP_CHUNK);
      const rows = await this.db.query<{ externalId: string }>(
        `SELECT s.external_id AS "externalId" FROM spendings s INNER JOIN funnels f ON f.id = s.funnel_id
         WHERE s.external_id IN (${chunk.map(() => '?').join(', ')}) AND ${rule.sql}`,
        [...chunk, ...rule.parameters],
      );
      for (const row of rows) seen.add(row.externalId);
    }
    return seen;
  }

  /**
   * Stores many spendings inside the caller's transaction, a few hundred per statement. Each
   * row is made only when its statement is built, so a large import never holds all its rows twice.
   */
  insertMany(rows: ReadonlyArray<() => Spending>): Promise<void> {
    return this.db.insertMany(
      'spendings',
      [...COLUMNS, 'external_id'],
      rows.map((row) => () => {
        const s = row();
        return [s.id, s.funnelId, s.amountMinor, s.spentAt.getTime(), s.note, s.createdBy, s.createdAt.getTime(), s.updatedAt.getTime(), s.externalId ?? null];
      }),
    );
  }
}

/**
 * `AND …` conditions on `s.spent_at` for a range and a keyset cursor (rows older, or newer,
 * than the spending at `cursor`), with their values in order.
 */
function spentAtConditions(range: SpentAtRange, cursor: { at: number; id: string; older: boolean } | null): { sql: string; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (range.from !== null) {
    conditions.push('s.spent_at >= ?');
    parameters.push(range.from);
  }
  if (range.to !== null) {
    conditions.push('s.spent_at < ?');
    parameters.push(range.to);
  }
  if (cursor) {
    const beyond = cursor.older ? '<' : '>';
    conditions.push(`(s.spent_at ${beyond} ? OR (s.spent_at = ? AND s.id ${beyond} ?))`);
    parameters.push(cursor.at, cursor.at, cursor.id);
  }
  return { sql: conditions.map((c) => ` AND ${c}`).join(''), parameters };
}

/** Ids looked up per query. */
const LOOKUP_CHUNK = 500;
