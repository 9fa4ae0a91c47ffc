import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { localDateLabeller } from '../budget/period';
import { Clock } from '../common/clock';
import { toMajor, toMinor } from '../common/money';
import { Database } from '../database/database.service';
import { funnelChange, FunnelsService } from '../funnels/funnels.service';
import { Funnel } from '../funnels/funnel.entity';
import { User } from '../users/user.entity';
import { csvLine } from './csv';
import { CreateSpendingDto, ListSpendingsQueryDto, SpendingDto, SpendingPageDto, SpendingRangeQueryDto, UpdateSpendingDto } from './dto/spending.dto';
import { Spending } from './spending.entity';

export const DEFAULT_PAGE_SIZE = 50;
/** Rows read per query while exporting. */
const EXPORT_PAGE_SIZE = 2000;

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

interface SpendingRow {
  id: string;
  funnelId: string;
  amountMinor: number | string;
  spentAt: number | string;
  note: string | null;
  createdById: string;
  createdByName: string;
  createdAt: number | string;
  updatedAt: number | string;
}

@Injectable()
export class SpendingsService {
  constructor(
    @InjectRepository(Spending) private readonly spendings: Repository<Spending>,
    private readonly funnels: FunnelsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a spending. With a client-chosen `id` the call is idempotent: the same user
   * sending it again gets the stored spending back (`created: false`), never a duplicate.
   */
  async create(user: AuthUser, dto: CreateSpendingDto, attempt = 1): Promise<{ spending: SpendingDto; created: boolean }> {
    const now = this.clock.now();
    const spending: SpendingDto = {
      id: dto.id ?? randomUUID(),
      funnelId: dto.funnelId,
      amount: toMajor(toMinor(dto.amount)),
      spentAt: dto.spentAt ? new Date(dto.spentAt) : now,
      note: dto.note || null,
      createdBy: { id: user.id, username: user.username },
      createdAt: now,
      updatedAt: now,
    };
    // The common case in one statement, shared with other spendings arriving at the same time
    // (one commit for all): stored only if the funnel is visible and the id is new.
    if (await this.insertIfVisible(user, spending)) {
      await this.announce(user, [spending.funnelId]);
      return { spending, created: true };
    }

    // Nothing stored: the id is taken (a resend, or someone else's), or the funnel is not visible.
    const existing = dto.id ? await this.spendings.findOneBy({ id: spending.id }) : null;
    if (!existing) {
      await this.funnels.findVisible(user, dto.funnelId); // 404
      if (attempt < 3) return this.create(user, dto, attempt + 1); // it became visible just now: try again
      throw new ConflictException('The funnel changed while the spending was being stored; please try again');
    }
    const stillVisible = await this.funnels.findVisible(user, existing.funnelId).then(() => true, () => false);
    if (existing.createdBy !== user.id || !stillVisible) throw new ConflictException('id is already used by another spending; choose a new UUID');
    return { spending: await this.get(user, spending.id), created: false };
  }

  /**
   * A page of spendings, newest first. Each visible funnel gives its newest rows from the
   * (funnel_id, spent_at) index and only those are merged, so a page costs the same with a
   * month of history or ten years of it (one sort over all of them would not).
   */
  async list(user: AuthUser, query: ListSpendingsQueryDto): Promise<SpendingPageDto> {
    const funnelIds = await this.visibleFunnelIds(user, query.funnelId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { from, to } = parseRange(query);
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (funnelIds.length === 0) return { items: [], nextCursor: null };

    const conditions = ['s.funnel_id = ?'];
    const shared: unknown[] = [];
    const where = (condition: string, ...values: unknown[]) => {
      conditions.push(condition);
      shared.push(...values);
    };
    if (from !== null) where('s.spent_at >= ?', from);
    if (to !== null) where('s.spent_at < ?', to);
    if (cursor) where('(s.spent_at < ? OR (s.spent_at = ? AND s.id < ?))', cursor.cursorAt, cursor.cursorAt, cursor.cursorId);
    const newestOf = (i: number) =>
      `SELECT * FROM (SELECT s.id, s.funnel_id AS "funnelId", s.amount_minor AS "amountMinor", s.spent_at AS "spentAt", s.note,
         s.created_by AS "createdById", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
       FROM spendings s WHERE ${conditions.join(' AND ')} ORDER BY s.spent_at DESC, s.id DESC LIMIT ?) AS f${i}`;
    const rows = await this.db.query<SpendingRow>(
      `SELECT x.*, u.username AS "createdByName" FROM (${funnelIds.map((_, i) => newestOf(i)).join(' UNION ALL ')}) AS x
       INNER JOIN users u ON u.id = x."createdById"
       ORDER BY x."spentAt" DESC, x.id DESC LIMIT ?`,
      [...funnelIds.flatMap((id) => [id, ...shared, limit + 1]), limit + 1],
    );
    const page = rows.slice(0, limit).map(toDto);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.spentAt.getTime(), last.id) : null };
  }

  async update(user: AuthUser, id: string, dto: UpdateSpendingDto): Promise<SpendingDto> {
    await this.db.transaction(async (manager) => {
      const before = await this.findVisible(user, id, manager);
      await this.funnels.findVisible(user, dto.funnelId, manager);
      await this.announce(user, [before.funnelId, dto.funnelId]);
      await manager.update(
        Spending,
        { id },
        { funnelId: dto.funnelId, amountMinor: toMinor(dto.amount), spentAt: new Date(dto.spentAt), note: dto.note || null, updatedAt: this.clock.now() },
      );
    });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const spending = await this.findVisible(user, id, manager);
      await manager.delete(Spending, { id });
      await this.announce(user, [spending.funnelId]);
    });
  }

  /**
   * Every visible spending in the range as CSV, oldest first, a page of rows at a time, so
   * memory stays flat however long the history is. The range is checked and the first page
   * read before the first line goes out, so those failures are still clean errors. Pages are
   * separate reads: a spending changed while a long export runs may show as before or after.
   */
  async exportCsv(user: AuthUser, query: SpendingRangeQueryDto): Promise<AsyncIterable<string>> {
    const funnels = await this.funnels.visible(user);
    const names = new Map(funnels.map((f) => [f.id, f.name]));
    const ids = funnels.map((f) => f.id);
    const page = (after: { at: number; id: string } | null) => {
      const qb = this.rows(ids);
      this.applyRange(qb, query);
      if (after) qb.andWhere('(s.spent_at > :afterAt OR (s.spent_at = :afterAt AND s.id > :afterId))', { afterAt: after.at, afterId: after.id });
      return qb.orderBy('s.spent_at', 'ASC').addOrderBy('s.id', 'ASC').limit(EXPORT_PAGE_SIZE).getRawMany<SpendingRow>();
    };
    const dateOf = localDateLabeller(user.household.timezone);
    const line = (s: SpendingDto) =>
      csvLine([
        dateOf(s.spentAt),
        (toMinor(s.amount) / 100).toFixed(2),
        names.get(s.funnelId) ?? '',
        s.note ?? '',
        s.createdBy.username,
        s.spentAt.toISOString(),
        s.id,
      ]);
    // The first page is read before anything is sent, so a failure there is still a clean error.
    const first: SpendingDto[] = (await page(null)).map(toDto);
    return (async function* () {
      yield csvLine(['date', 'amount', 'funnel', 'note', 'author', 'spentAt', 'id']);
      let rows = first;
      for (;;) {
        if (rows.length > 0) yield rows.map(line).join('');
        if (rows.length < EXPORT_PAGE_SIZE) return;
        const last: SpendingDto = rows[rows.length - 1];
        rows = (await page({ at: last.spentAt.getTime(), id: last.id })).map(toDto);
      }
    })();
  }

  /**
   * Announces a change of spendings in `funnelIds` (committed, or when the surrounding
   * transaction commits) to those who see these funnels.
   */
  async announce(user: AuthUser, funnelIds: readonly string[]): Promise<void> {
    const visible = await this.funnels.visible(user);
    for (const id of new Set(funnelIds)) {
      const funnel = visible.find((f) => f.id === id);
      // Not in the (cached) list: it just changed hands; the household as a whole is told.
      this.db.announce(funnel ? funnelChange(funnel, 'spendings') : { householdId: user.householdId, userIds: [], kind: 'spendings' });
    }
  }

  /** Inserts the spending if its funnel is visible to `user` and its id is new; whether it did. */
  private async insertIfVisible(user: AuthUser, s: SpendingDto): Promise<boolean> {
    const changed = await this.db.groupCommit(
      `INSERT INTO spendings (id, funnel_id, amount_minor, spent_at, note, created_by, created_at, updated_at)
       SELECT ?, f.id, ?, ?, ?, ?, ?, ? FROM funnels f
       WHERE f.id = ? AND f.household_id = ? AND (f.shared = ? OR f.owner_id = ?)
       ON CONFLICT (id) DO NOTHING`,
      [
        s.id,
        toMinor(s.amount),
        s.spentAt.getTime(),
        s.note,
        user.id,
        s.createdAt.getTime(),
        s.updatedAt.getTime(),
        s.funnelId,
        user.householdId,
        this.db.dataSource.driver.preparePersistentValue(true, this.db.dataSource.getMetadata(Funnel).findColumnWithPropertyName('shared')!),
        user.id,
      ],
    );
    return changed === 1;
  }

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

  private async get(user: AuthUser, id: string): Promise<SpendingDto> {
    const funnelIds = await this.visibleFunnelIds(user);
    const row = await this.rows(funnelIds).andWhere('s.id = :id', { id }).getRawOne<SpendingRow>();
    if (!row) throw spendingNotFound();
    return toDto(row);
  }

  /** The spending if it lies in a funnel `user` may see; otherwise 404. */
  private async findVisible(user: AuthUser, id: string, manager: EntityManager): Promise<Spending> {
    const funnelIds = await this.visibleFunnelIds(user);
    const spending = funnelIds.length ? await manager.findOneBy(Spending, { id, funnelId: In(funnelIds) }) : null;
    if (!spending) throw spendingNotFound();
    return spending;
  }

  private async visibleFunnelIds(user: AuthUser, onlyFunnelId?: string): Promise<string[]> {
    if (onlyFunnelId) return [(await this.funnels.findVisible(user, onlyFunnelId)).id];
    return (await this.funnels.visible(user)).map((f) => f.id);
  }

  private rows(funnelIds: string[]): SelectQueryBuilder<Spending> {
    return this.spendings
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.created_by')
      .select('s.id', 'id')
      .addSelect('s.funnel_id', 'funnelId')
      .addSelect('s.amount_minor', 'amountMinor')
      .addSelect('s.spent_at', 'spentAt')
      .addSelect('s.note', 'note')
      .addSelect('u.id', 'createdById')
      .addSelect('u.username', 'createdByName')
      .addSelect('s.created_at', 'createdAt')
      .addSelect('s.updated_at', 'updatedAt')
      .where(funnelIds.length ? 's.funnel_id IN (:...funnelIds)' : '1 = 0', { funnelIds });
  }

  private applyRange(qb: SelectQueryBuilder<Spending>, range: SpendingRangeQueryDto): void {
    const { from, to } = parseRange(range);
    if (from !== null) qb.andWhere('s.spent_at >= :from', { from });
    if (to !== null) qb.andWhere('s.spent_at < :to', { to });
  }
}

function parseRange(range: SpendingRangeQueryDto): { from: number | null; to: number | null } {
  const from = range.from ? Date.parse(range.from) : null;
  const to = range.to ? Date.parse(range.to) : null;
  if (from !== null && to !== null && from > to) throw new BadRequestException(['from must not be after to']);
  return { from, to };
}

function spendingNotFound(): NotFoundException {
  return new NotFoundException('Spending not found');
}

function toDto(row: SpendingRow): SpendingDto {
  return {
    id: row.id,
    funnelId: row.funnelId,
    amount: toMajor(Number(row.amountMinor)),
    spentAt: new Date(Number(row.spentAt)),
    note: row.note,
    createdBy: { id: row.createdById, username: row.createdByName },
    createdAt: new Date(Number(row.createdAt)),
    updatedAt: new Date(Number(row.updatedAt)),
  };
}

function encodeCursor(spentAt: number, id: string): string {
  return Buffer.from(`${spentAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { cursorAt: number; cursorId: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const cursorAt = Number(at);
  if (!Number.isSafeInteger(cursorAt) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException(['cursor is not valid; pass the nextCursor of the previous page']);
  }
  return { cursorAt, cursorId: id };
}
