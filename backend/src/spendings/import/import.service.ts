import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BadRequestException, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { validateSync } from 'class-validator';
import { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { readBodyText, StreamedRoute } from '../../common/request-body';
import { flattenValidationErrors } from '../../common/validation';
import { isInstant } from '../../common/validators';
import { Database } from '../../database/database.service';
import { FunnelsService } from '../../funnels/funnels.service';
import { toMinor } from '../../rules/money';
import { startOfLocalDay } from '../../rules/period';
import { ImportResultDto } from '../dto/import.dto';
import { CreateSpendingDto } from '../dto/spending.dto';
import { SpendingsRepository } from '../spendings.repository';
import { SpendingsService } from '../spendings.service';
import { CsvRecord, csvRecords } from './csv-parse';
import { ImportGate } from './import-gate';

export const MAX_IMPORT_ROWS = 20_000;
export const IMPORT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** A 4 MiB file arrives in about a minute even at 64 KB/s; a slower upload holds its place too long. */
const IMPORT_UPLOAD_TIMEOUT_MS = 120_000;
/** The one route whose body is not JSON: read by `importUpload` once the caller is known. */
export const IMPORT_ROUTE: StreamedRoute = { method: 'POST', url: '/api/spendings/import', mediaTypes: ['text/csv'], limit: IMPORT_BODY_LIMIT_BYTES };
const MAX_PROBLEMS = 500;
const NEW_FUNNEL = { emoji: '📦', color: '#607d8b', limit: 0 };

type Target = { funnelId: string } | { create: string };

interface GoodRow {
  line: number;
  id: string | null;
  target: Target;
  amountMinor: number;
  spentAt: Date;
  note: string | null;
}

/** Undoes the export's protection against spreadsheet formulas (a leading apostrophe). */
function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * Imports spendings from CSV — the export format (`date,amount,funnel,note,author,spentAt,id`)
 * or the simple `date,amount,funnel,note` — with the same rules as single spendings. Bad
 * rows are skipped and reported; the good ones are stored in one transaction, all or none.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly funnels: FunnelsService,
    private readonly spendings: SpendingsService,
    private readonly stored: SpendingsRepository,
    private readonly gate: ImportGate,
    private readonly clock: Clock,
  ) {}

  /**
   * Imports the file that is the body of the caller's request. The body has not been read yet
   * (see `IMPORT_ROUTE`): it is read only now that the caller is known, and only once the
   * import gate has room, so neither strangers nor one busy user can fill the memory.
   */
  async importUpload(user: AuthUser, body: unknown, options: { dryRun: boolean; mapping?: string }): Promise<ImportResultDto> {
    if (!(body instanceof Readable)) throw new UnsupportedMediaTypeException(`Send the file itself with Content-Type: ${IMPORT_ROUTE.mediaTypes.join(' or ')}`);
    const mapping = this.parseMapping(options.mapping);
    const leave = this.gate.enter(user.id);
    try {
      const csv = await readBodyText(body, IMPORT_ROUTE.limit, IMPORT_UPLOAD_TIMEOUT_MS, 'The file must be UTF-8 text (in a spreadsheet, save it as "CSV UTF-8").');
      return await this.import(user, csv, { dryRun: options.dryRun, mapping });
    } finally {
      leave();
    }
  }

  /** Imports `csv` with `mapping` deciding about funnel names the user has no funnel for. */
  async import(user: AuthUser, csv: string, options: { dryRun: boolean; mapping: ReadonlyMap<string, string> }): Promise<ImportResultDto> {
    const { mapping } = options;
    // Rows are checked as they are parsed; only what will be stored (or reported) is kept.
    const records = csvRecords(csv);
    const header = this.next(records);
    if (!header) throw new BadRequestException('The file has no rows to import');
    const columns = this.columns(header.cells);

    const visible = await this.funnels.visible(user);
    const byName = new Map<string, string>();
    for (const f of visible) if (!byName.has(f.name.toLowerCase())) byName.set(f.name.toLowerCase(), f.id);
    const visibleIds = new Set(visible.map((f) => f.id));
    for (const [name, value] of mapping) {
      if (value !== 'create' && value !== 'skip' && !visibleIds.has(value)) {
        throw new BadRequestException(`mapping for "${name}" must be one of your funnel ids, "create" or "skip"`);
      }
    }

    const problems: Array<{ line: number; message: string }> = [];
    const unknown = new Map<string, number>();
    const good: GoodRow[] = [];
    const seenIds = new Set<string>();
    let rowCount = 0;
    for (let record = this.next(records); record; record = this.next(records)) {
      if (++rowCount > MAX_IMPORT_ROWS) throw new BadRequestException(`The file has more than ${MAX_IMPORT_ROWS} rows; split it`);
      const { line, cells } = record;
      const cell = (name: keyof typeof columns) => (columns[name] === undefined ? '' : unneutralise((cells[columns[name]!] ?? '').trim()));
      const reasons: string[] = [];
      const funnelName = cell('funnel');
      let target: Target | null = null;
      const known = byName.get(funnelName.toLowerCase());
      if (!funnelName) reasons.push('funnel is empty');
      else if (known) target = { funnelId: known };
      else {
        unknown.set(funnelName, (unknown.get(funnelName) ?? 0) + 1);
        const mapped = mapping.get(funnelName);
        if (mapped === 'create') target = { create: funnelName };
        else if (mapped && mapped !== 'skip') target = { funnelId: mapped };
        else reasons.push(mapped === 'skip' ? `funnel "${funnelName}" is skipped` : `funnel "${funnelName}" is unknown; map it to one of yours, create it or skip it`);
      }
      const spentAt = this.spentAt(cell('spentAt'), cell('date'), user);
      const note = cell('note');
      const id = cell('id') || null;
      // The rules of a single spending (amount, note, id), as POST /api/spendings applies them.
      const [amount, amountProblems] = amountOf(cell('amount'));
      const rules = spendingRuleProblems({ amount, spentAt: spentAt?.toISOString(), note: note || undefined, id: id ?? undefined });
      reasons.push(...amountProblems, ...rules.filter((m) => m.startsWith('amount ')).map((m) => `amount "${cell('amount')}"${m.slice('amount'.length)}`));
      if (!spentAt) reasons.push(`date "${cell('spentAt') || cell('date')}" must be a date like 2026-03-10 (or an ISO 8601 instant in spentAt)`);
      reasons.push(...rules.filter((m) => !m.startsWith('amount ')));
      if (id && seenIds.has(id)) reasons.push('id appears twice in the file');
      if (id) seenIds.add(id);
      if (reasons.length > 0 || !target || !spentAt) {
        problems.push({ line, message: reasons.join('; ') });
        continue;
      }
      good.push({ line, id, target, amountMinor: toMinor(amount as number), spentAt, note: note || null });
    }
    if (rowCount === 0) throw new BadRequestException('The file has no rows to import');

    // Rows from an earlier export of one's own are already there: skipped, never doubled.
    const existing = await this.stored.authorsOf(good.map((r) => r.id).filter((id): id is string => id !== null));
    const toStore = good.filter((row) => {
      const owner = row.id ? existing.get(row.id) : undefined;
      if (owner === undefined) return true;
      problems.push({ line: row.line, message: owner === user.id ? 'already imported (same id)' : 'id belongs to another spending' });
      return false;
    });

    const creating = [...new Set(toStore.flatMap((r) => ('create' in r.target ? [r.target.create] : [])))];
    if (!options.dryRun && toStore.length > 0) {
      await this.db.transaction(async () => {
        const created = new Map<string, string>();
        for (const name of creating) {
          const funnel = await this.funnels.createInTransaction(user, { ...NEW_FUNNEL, name: name.slice(0, 40), shared: false });
          created.set(name, funnel.id);
        }
        const now = this.clock.now();
        // Plain rows, built a chunk at a time: through the entity layer 20 000 rows took 60 MB more.
        await this.stored.insertMany(
          toStore.map((r) => () => ({
            id: r.id ?? randomUUID(),
            funnelId: 'funnelId' in r.target ? r.target.funnelId : created.get(r.target.create)!,
            amountMinor: r.amountMinor,
            spentAt: r.spentAt,
            note: r.note,
            createdBy: user.id,
            createdAt: now,
            updatedAt: now,
            fixedCostId: null,
          })),
        );
        // New funnels announced themselves; the rows that went into existing ones are announced here.
        await this.spendings.announce(user, [...new Set(toStore.flatMap((r) => ('funnelId' in r.target ? [r.target.funnelId] : [])))]);
      });
    }

    problems.sort((a, b) => a.line - b.line);
    return {
      dryRun: options.dryRun,
      imported: toStore.length,
      skipped: problems.length,
      unknownFunnels: [...unknown].map(([name, rows]) => ({ name, rows })),
      createdFunnels: options.dryRun ? [] : creating,
      problems: problems.slice(0, MAX_PROBLEMS),
      summary: summarise(options.dryRun, toStore.length, problems),
    };
  }

  /** The next record, or null at the end; a file that is not valid CSV is refused whole. */
  private next(records: Generator<CsvRecord>): CsvRecord | null {
    try {
      const { value, done } = records.next();
      return done ? null : value;
    } catch (error) {
      throw new BadRequestException(`The file is not valid CSV (${(error as Error).message}); nothing was imported`);
    }
  }

  /** The mapping as a Map: funnel names are user text, never looked up on a plain object. */
  private parseMapping(raw: string | undefined): Map<string, string> {
    if (!raw) return new Map();
    try {
      const value: unknown = JSON.parse(raw);
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) {
        return new Map(Object.entries(value as Record<string, string>));
      }
    } catch {
      // reported below
    }
    throw new BadRequestException('mapping must be a JSON object of funnel names to a funnel id, "create" or "skip"');
  }

  private columns(header: string[]): { date?: number; amount?: number; funnel?: number; note?: number; spentAt?: number; id?: number } {
    const index = (name: string) => {
      const i = header.findIndex((h) => h.trim().toLowerCase() === name);
      return i < 0 ? undefined : i;
    };
    const columns = { date: index('date'), amount: index('amount'), funnel: index('funnel'), note: index('note'), spentAt: index('spentat'), id: index('id') };
    if (columns.amount === undefined || columns.funnel === undefined || (columns.date === undefined && columns.spentAt === undefined)) {
      throw new BadRequestException('The first line must name the columns: date,amount,funnel,note (or be an export of STracker)');
    }
    return columns;
  }

  /** The exact instant when the file has one; otherwise midday of the date in the household's time zone. */
  private spentAt(instant: string, date: string, user: AuthUser): Date | null {
    if (instant) return isInstant(instant) ? new Date(instant) : null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match) return null;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || year < 2000 || year >= 2100) return null;
    const start = startOfLocalDay({ year, month, day }, user.household.timezone);
    return new Date(start.getTime() + 12 * 3600_000);
  }
}

/**
 * The amount cell as the number a single spending would carry: digits with a point or a comma
 * before the decimals. Anything else is reported here; the number itself is judged by the
 * spending's own rules.
 */
function amountOf(text: string): [number | undefined, string[]] {
  const normalised = text.replace(',', '.');
  if (/^-?\d{1,15}(\.\d+)?$/.test(normalised)) return [Number(normalised), []];
  return [undefined, [`amount "${text}" must be a number like 12.50`]];
}

/**
 * What the rules of a single spending (`CreateSpendingDto`, the body of POST /api/spendings)
 * say of a row: its amount, instant, note and id. The funnel is the file's own matter (a
 * name, not an id) and is checked by the caller.
 */
function spendingRuleProblems(fields: { amount?: number; spentAt?: string; note?: string; id?: string }): string[] {
  const dto = Object.assign(new CreateSpendingDto(), fields);
  return flattenValidationErrors(validateSync(dto, { skipMissingProperties: true, validationError: { target: false, value: false } }));
}

function summarise(dryRun: boolean, imported: number, problems: Array<{ message: string }>): string {
  const verb = dryRun ? 'would be imported' : 'imported';
  if (problems.length === 0) return `${imported} ${verb}.`;
  const reasons = new Map<string, number>();
  for (const p of problems) {
    const key = p.message.replace(/"[^"]*"/g, '…').split(';')[0];
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([reason, n]) => `${n} × ${reason}`);
  return `${imported} ${verb}, ${problems.length} skipped because: ${top.join('; ')}.`;
}
