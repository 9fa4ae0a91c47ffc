import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { visibleFunnel, Viewer } from '../rules/visibility';
import { Funnel } from './funnel.entity';
import { FunnelLimit } from './funnel-limit.entity';

const FUNNEL_COLUMNS = `f.id, f.household_id AS "householdId", f.owner_id AS "ownerId", f.shared, f.name, f.emoji, f.color,
  f.limit_minor AS "limitMinor", f.rollover, f.position, f.created_at AS "createdAt"`;

/** Every query about funnels and their limits. Inside `Database.transaction()` each call is part of it. */
@Injectable()
export class FunnelsRepository {
  constructor(private readonly db: Database) {}

  /** The funnels `viewer` may see, in display order. */
  async visibleTo(viewer: Viewer): Promise<Funnel[]> {
    const rule = visibleFunnel('f', viewer);
    const rows = await this.db.query<FunnelRow>(`SELECT ${FUNNEL_COLUMNS} FROM funnels f WHERE ${rule.sql} ORDER BY f.position ASC, f.created_at ASC`, rule.parameters);
    return rows.map(fromRow);
  }

  /** The funnel `id` if `viewer` may see it. */
  async visibleById(viewer: Viewer, id: string): Promise<Funnel | null> {
    const rule = visibleFunnel('f', viewer);
    const [row] = await this.db.query<FunnelRow>(`SELECT ${FUNNEL_COLUMNS} FROM funnels f WHERE f.id = ? AND ${rule.sql}`, [id, ...rule.parameters]);
    return row ? fromRow(row) : null;
  }

  /** The shared funnels of a household, in display order (what a newcomer will spend from). */
  sharedOf(householdId: string): Promise<Funnel[]> {
    return this.db.manager.find(Funnel, { where: { householdId, shared: true }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /** The position after the household's last funnel. */
  async nextPosition(householdId: string): Promise<number> {
    const [row] = await this.db.query<{ max: number | string | null }>('SELECT MAX(position) AS "max" FROM funnels WHERE household_id = ?', [householdId]);
    return Number(row?.max ?? 0) + 1;
  }

  /** Stores a new funnel with its first terms (limit, rollover), which reach back indefinitely. */
  async insert(funnel: Funnel): Promise<void> {
    await this.db.manager.insert(Funnel, funnel);
    await this.db.manager.insert(FunnelLimit, { funnelId: funnel.id, effectiveFrom: new Date(0), limitMinor: funnel.limitMinor, rollover: funnel.rollover });
  }

  async update(id: string, changes: Partial<Pick<Funnel, 'name' | 'emoji' | 'color' | 'limitMinor' | 'rollover' | 'shared'>>): Promise<void> {
    await this.db.manager.update(Funnel, { id }, changes);
  }

  /** The funnel's terms (limit, rollover) from `effectiveFrom` (a period's start) on. */
  async setTermsFrom(funnelId: string, effectiveFrom: Date, terms: { limitMinor: number; rollover: boolean }): Promise<void> {
    await this.db.manager.upsert(FunnelLimit, { funnelId, effectiveFrom, ...terms }, ['funnelId', 'effectiveFrom']);
  }

  /** Deletes the funnel; its spendings and limits go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await this.db.manager.delete(Funnel, { id });
  }

  /** How many spendings each funnel holds. */
  async spendingCounts(funnelIds: readonly string[]): Promise<Map<string, number>> {
    if (funnelIds.length === 0) return new Map();
    const rows = await this.db.query<{ funnelId: string; count: number | string }>(
      `SELECT funnel_id AS "funnelId", COUNT(*) AS "count" FROM spendings WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) GROUP BY funnel_id`,
      [...funnelIds],
    );
    return new Map(rows.map((r) => [r.funnelId, Number(r.count)]));
  }

  /** A user's personal funnels follow them to another household. */
  async movePersonal(ownerId: string, fromHouseholdId: string, toHouseholdId: string): Promise<void> {
    await this.db.manager.update(Funnel, { ownerId, householdId: fromHouseholdId, shared: false }, { householdId: toHouseholdId });
  }

  /** The shared funnels of a household owned by one member now belong to another. */
  async handOverShared(householdId: string, fromOwnerId: string, toOwnerId: string): Promise<void> {
    await this.db.manager.update(Funnel, { householdId, shared: true, ownerId: fromOwnerId }, { ownerId: toOwnerId });
  }

  /** Every shared funnel of a household becomes a personal funnel of `ownerId` in another household. */
  async adoptShared(fromHouseholdId: string, ownerId: string, toHouseholdId: string): Promise<void> {
    await this.db.manager.update(Funnel, { householdId: fromHouseholdId, shared: true }, { householdId: toHouseholdId, ownerId, shared: false });
  }
}

interface FunnelRow {
  id: string;
  householdId: string;
  ownerId: string;
  shared: boolean | number;
  name: string;
  emoji: string;
  color: string;
  limitMinor: number | string;
  rollover: boolean | number;
  position: number | string;
  createdAt: number | string;
}

function fromRow(row: FunnelRow): Funnel {
  return {
    id: row.id,
    householdId: row.householdId,
    ownerId: row.ownerId,
    shared: Boolean(row.shared),
    name: row.name,
    emoji: row.emoji,
    color: row.color,
    limitMinor: Number(row.limitMinor),
    rollover: Boolean(row.rollover),
    position: Number(row.position),
    createdAt: new Date(Number(row.createdAt)),
  };
}
