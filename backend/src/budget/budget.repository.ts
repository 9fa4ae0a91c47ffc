import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

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

  /** The limit of each funnel for the period ending at `periodEnd`: the newest limit set before that end. */
  async limitsInForce(funnelIds: readonly string[], periodEnd: Date): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (funnelIds.length === 0) return result;
    const rows = await this.db.query<{ funnelId: string; limitMinor: number | string }>(
      `SELECT funnel_id AS "funnelId", limit_minor AS "limitMinor" FROM funnel_limits
       WHERE funnel_id IN (${funnelIds.map(() => '?').join(', ')}) AND effective_from < ? ORDER BY effective_from ASC`,
      [...funnelIds, periodEnd.getTime()],
    );
    for (const row of rows) result.set(row.funnelId, Number(row.limitMinor)); // ascending: the newest wins
    return result;
  }
}
