import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { TermsChange } from '../rules/allowance';

export interface FunnelSums {
  spent: number;
  spentToday: number;
}

export interface SumRange {
  start: Date;
  end: Date;
  todayStart: Date;
  todayEnd: Date;
}

/** The aggregate behind `sumsByFunnel`, with `?` placeholders (exported so a test can check its query plan). */
export function sumsStatement(funnelIds: readonly string[], range: SumRange): [string, unknown[]] {
  return [
    `SELECT funnel_id AS "funnelId", SUM(amount_minor) AS "spent",
       SUM(CASE WHEN spent_at >= ? AND spent_at < ? THEN amount_minor ELSE 0 END) AS "spentToday"
     FROM spendings WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) AND spent_at >= ? AND spent_at < ?
     GROUP BY funnel_id`,
    [range.todayStart.getTime(), range.todayEnd.getTime(), ...funnelIds, range.start.getTime(), range.end.getTime()],
  ];
}

/** The budget's reads: what was spent in a period and which limits were in force then. */
@Injectable()
export class BudgetRepository {
  constructor(private readonly db: Database) {}

  /**
   * Per funnel: the sum spent in [start, end) and the part of it spent in [todayStart, todayEnd).
   * One aggregate read from the (funnel_id, spent_at, amount_minor) index alone: the cost does not grow with history.
   */
  async sumsByFunnel(funnelIds: readonly string[], range: SumRange): Promise<Map<string, FunnelSums>> {
    const sums = new Map<string, FunnelSums>();
    if (funnelIds.length === 0) return sums;
    const [sql, parameters] = sumsStatement(funnelIds, range);
    const rows = await this.db.query<{ funnelId: string; spent: number | string; spentToday: number | string }>(sql, parameters);
    for (const row of rows) sums.set(row.funnelId, { spent: Number(row.spent), spentToday: Number(row.spentToday) });
    return sums;
  }

  /** Every change of terms (limit, rollover) of these funnels, oldest first per funnel (see `termsInForce`). */
  async termsOf(funnelIds: readonly string[]): Promise<Map<string, TermsChange[]>> {
    const result = new Map<string, TermsChange[]>();
    if (funnelIds.length === 0) return result;
    const rows = await this.db.query<{ funnelId: string; effectiveFrom: number | string; limitMinor: number | string; rollover: boolean | number }>(
      `SELECT funnel_id AS "funnelId", effective_from AS "effectiveFrom", limit_minor AS "limitMinor", rollover FROM funnel_limits
       WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) ORDER BY effective_from ASC`,
      [...funnelIds],
    );
    for (const row of rows) {
      const change = { effectiveFrom: Number(row.effectiveFrom), limit: Number(row.limitMinor), rollover: Boolean(row.rollover) };
      const list = result.get(row.funnelId);
      if (list) list.push(change);
      else result.set(row.funnelId, [change]);
    }
    return result;
  }

  /**
   * Per funnel, what was spent in each of the consecutive ranges [bounds[i], bounds[i + 1])
   * (epoch ms, ascending): one aggregate over the (funnel_id, spent_at, amount_minor) index.
   */
  async spentPerRange(funnelIds: readonly string[], bounds: readonly Date[]): Promise<Map<string, number[]>> {
    const result = new Map<string, number[]>();
    if (funnelIds.length === 0 || bounds.length < 2) return result;
    const inner = bounds.slice(1, -1);
    const slot = inner.length ? `CASE ${inner.map((_, i) => `WHEN spent_at < ? THEN ${i}`).join(' ')} ELSE ${inner.length} END` : '0';
    const rows = await this.db.query<{ funnelId: string; slot: number | string; spent: number | string }>(
      `SELECT funnel_id AS "funnelId", ${slot} AS "slot", SUM(amount_minor) AS "spent" FROM spendings
       WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) AND spent_at >= ? AND spent_at < ?
       GROUP BY 1, 2`,
      [...inner.map((b) => b.getTime()), ...funnelIds, bounds[0].getTime(), bounds[bounds.length - 1].getTime()],
    );
    for (const row of rows) {
      let spent = result.get(row.funnelId);
      if (!spent) result.set(row.funnelId, (spent = new Array<number>(bounds.length - 1).fill(0)));
      spent[Number(row.slot)] = Number(row.spent);
    }
    return result;
  }
}

