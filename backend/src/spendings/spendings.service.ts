import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { Funnel } from '../funnels/funnel.entity';
import { funnelChange, FunnelsService } from '../funnels/funnels.service';
import { toMajor, toMinor } from '../rules/money';
import { localDateLabeller } from '../rules/period';
import { csvLine } from './csv';
import { CreateSpendingDto, ListSpendingsQueryDto, SpendingDto, SpendingPageDto, SpendingRangeQueryDto, UpdateSpendingDto } from './dto/spending.dto';
import { Spending } from './spending.entity';
import { SpendingRow, SpendingsRepository, SpentAtRange } from './spendings.repository';
import { text } from '../i18n/server-text';

export const DEFAULT_PAGE_SIZE = 50;

/**
 * A spending just recorded (after its commit), for those who react to one in this process
 * (notifications): `source` tells a person's entry from a fixed cost's posting.
 */
export interface SpendingRecorded {
  readonly spending: SpendingDto;
  readonly funnel: Funnel;
  readonly author: { readonly id: string; readonly username: string; readonly householdId: string };
  readonly source: 'entry' | 'fixed-cost';
}

export type SpendingRecordedListener = (event: SpendingRecorded) => void | Promise<void>;
/** Rows read per query while exporting. */
const EXPORT_PAGE_SIZE = 2000;

@Injectable()
export class SpendingsService {
  private readonly logger = new Logger(SpendingsService.name);
  private readonly recordedListeners = new Set<SpendingRecordedListener>();

  constructor(
    private readonly spendings: SpendingsRepository,
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
    const stored: Spending = {
      id: dto.id ?? randomUUID(),
      funnelId: dto.funnelId,
      amountMinor: toMinor(dto.amount),
      spentAt: dto.spentAt ? new Date(dto.spentAt) : now,
      note: dto.note || null,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
      fixedCostId: null,
    };
    // The common case in one statement, shared with other spendings arriving at the same time
    // (one commit for all): stored only if the funnel is visible and the id is new.
    if (await this.spendings.insertIfVisible(user, stored)) {
      await this.announce(user, [stored.funnelId]);
      const { amountMinor, createdBy, ...rest } = stored;
      const spending: SpendingDto = { ...rest, amount: toMajor(amountMinor), createdBy: { id: createdBy, username: user.username } };
      const funnel = this.recordedListeners.size ? (await this.funnels.visible(user)).find((f) => f.id === stored.funnelId) : undefined;
      if (funnel) this.recorded({ spending, funnel, author: user, source: 'entry' });
      return { spending, created: true };
    }

    // Nothing stored: the id is taken (a resend, or someone else's), or the funnel is not visible.
    const existing = dto.id ? await this.spendings.byId(stored.id) : null;
    if (!existing) {
      await this.funnels.findVisible(user, dto.funnelId); // 404
      if (attempt < 3) return this.create(user, dto, attempt + 1); // it became visible just now: try again
      throw new ConflictException(text('spending.funnelChanged'));
    }
    const stillVisible = await this.funnels.findVisible(user, existing.funnelId).then(() => true, () => false);
    if (existing.createdBy !== user.id || !stillVisible) throw new ConflictException(text('spending.idTaken', { field: 'id' }));
    return { spending: await this.get(user, stored.id), created: false };
  }

  /** A page of spendings, newest first, from the funnels `user` may see (or one of them). */
  async list(user: AuthUser, query: ListSpendingsQueryDto): Promise<SpendingPageDto> {
    const funnelIds = await this.visibleFunnelIds(user, query.funnelId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const range = parseRange(query);
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.spendings.newestFirst(funnelIds, range, cursor, limit + 1);

    const page = rows.slice(0, limit).map(toDto);
    const last = page[page.length - 1];
    return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.spentAt.getTime(), last.id) : null };
  }

  async update(user: AuthUser, id: string, dto: UpdateSpendingDto): Promise<SpendingDto> {
    await this.db.transaction(async () => {
      const before = await this.findVisible(user, id);
      await this.funnels.findVisible(user, dto.funnelId);
      await this.announce(user, [before.funnelId, dto.funnelId]);
      await this.spendings.update(id, { funnelId: dto.funnelId, amountMinor: toMinor(dto.amount), spentAt: new Date(dto.spentAt), note: dto.note || null, updatedAt: this.clock.now() });
    });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const spending = await this.findVisible(user, id);
      await this.spendings.delete(id);
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
    const range = parseRange(query);
    const page = (after: { at: number; id: string } | null) => this.spendings.oldestFirst(ids, range, after, EXPORT_PAGE_SIZE);
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
   * Stores a spending posted from a fixed cost, inside the caller's transaction (the one that
   * claimed its due date): those who see the funnel are told when it commits, and so are the
   * listeners of recorded spendings.
   */
  async recordPosted(spending: Spending, funnel: Funnel, author: SpendingRecorded['author']): Promise<void> {
    await this.spendings.insert(spending);
    this.db.announce(funnelChange(funnel, 'spendings'));
    const { amountMinor, createdBy, ...rest } = spending;
    const dto: SpendingDto = { ...rest, amount: toMajor(amountMinor), createdBy: { id: createdBy, username: author.username } };
    this.db.afterCommit(() => this.recorded({ spending: dto, funnel, author, source: 'fixed-cost' }));
  }

  /**
   * Calls `listener` after each spending recorded here (committed), in this process; returns
   * the call that stops it. A listener's failure is logged, never the recording's.
   */
  onRecorded(listener: SpendingRecordedListener): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  private recorded(event: SpendingRecorded): void {
    for (const listener of this.recordedListeners) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => this.logger.error(`A listener of recorded spendings failed: ${error instanceof Error ? error.message : String(error)}`));
    }
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

  private async get(user: AuthUser, id: string): Promise<SpendingDto> {
    const row = await this.spendings.visibleRow(user, id);
    if (!row) throw spendingNotFound();
    return toDto(row);
  }

  /** The spending if it lies in a funnel `user` may see; otherwise 404. */
  private async findVisible(user: AuthUser, id: string): Promise<Spending> {
    const spending = await this.spendings.visibleById(user, id);
    if (!spending) throw spendingNotFound();
    return spending;
  }

  private async visibleFunnelIds(user: AuthUser, onlyFunnelId?: string): Promise<string[]> {
    if (onlyFunnelId) return [(await this.funnels.findVisible(user, onlyFunnelId)).id];
    return (await this.funnels.visible(user)).map((f) => f.id);
  }
}

function parseRange(range: SpendingRangeQueryDto): SpentAtRange {
  const from = range.from ? Date.parse(range.from) : null;
  const to = range.to ? Date.parse(range.to) : null;
  if (from !== null && to !== null && from > to) throw new BadRequestException([text('spending.fromAfterTo', { field: 'from', other: 'to' })]);
  return { from, to };
}

function spendingNotFound(): NotFoundException {
  return new NotFoundException(text('spending.notFound'));
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
    fixedCostId: row.fixedCostId,
  };
}

function encodeCursor(spentAt: number, id: string): string {
  return Buffer.from(`${spentAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const cursorAt = Number(at);
  if (!Number.isSafeInteger(cursorAt) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException([text('spending.badCursor', { field: 'cursor' })]);
  }
  return { at: cursorAt, id };
}
