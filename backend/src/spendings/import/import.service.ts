import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BadRequestException, ConflictException, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { readBodyBytes, StreamedRoute } from '../../common/request-body';
import { Database } from '../../database/database.service';
import { FunnelsService } from '../../funnels/funnels.service';
import { text } from '../../i18n/server-text';
import type { Locale } from '../../rules/locale';
import { ImportResultDto } from '../dto/import.dto';
import { SpendingsRepository } from '../spendings.repository';
import { SpendingsService } from '../spendings.service';
import { DateOrder } from './formats/dates';
import { ImportGate } from './import-gate';
import { ImportPlan } from './import-plan';
import { fileRefusal, ReasonCode, reasonHeading, reasonText, summaryText } from './import-reasons';
import { IMPORT_MEDIA_TYPES, readImportFile } from './read-file';

export const IMPORT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** A 4 MiB file arrives in about a minute even at 64 KB/s; a slower upload holds its place too long. */
const IMPORT_UPLOAD_TIMEOUT_MS = 120_000;
/** The one route whose body is not JSON: read by `importUpload` once the caller is known. */
export const IMPORT_ROUTE: StreamedRoute = { method: 'POST', url: '/api/spendings/import', mediaTypes: IMPORT_MEDIA_TYPES, limit: IMPORT_BODY_LIMIT_BYTES };
const MAX_PROBLEMS = 500;
const NEW_FUNNEL = { emoji: '📦', color: '#607d8b', limit: 0 };

export interface ImportOptions {
  dryRun: boolean;
  mapping: ReadonlyMap<string, string>;
  /** How to read dates like 03/04/2024 when the file does not tell. */
  dateOrder?: DateOrder;
  /** The Content-Type the file was sent with (lower case, without parameters). */
  mediaType?: string;
  /** The language of the answer's texts (the request's Accept-Language). */
  locale: Locale;
}

/** A database's refusal of a second row with the same key (SQLite and PostgreSQL). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(code));
}

/**
 * Imports spendings from a file: STracker's own CSV (its export, or `date,amount,funnel,note`),
 * the exports of YNAB, Actual Budget, Cashew and Firefly III, and OFX and QIF bank statements
 * (see read-file.ts and formats/). Only money going out becomes spendings, with the same rules
 * as single spendings; every row left out is reported with its reason. The good rows are stored
 * in one transaction, all or none.
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
  async importUpload(
    user: AuthUser,
    body: unknown,
    options: { dryRun: boolean; mapping?: string; dateOrder?: DateOrder; mediaType?: string; locale: Locale },
  ): Promise<ImportResultDto> {
    if (!(body instanceof Readable)) throw new UnsupportedMediaTypeException(text('request.sendFile', { types: IMPORT_ROUTE.mediaTypes }));
    const mapping = this.parseMapping(options.mapping);
    const leave = this.gate.enter(user.id);
    try {
      const file = await readBodyBytes(body, IMPORT_ROUTE.limit, IMPORT_UPLOAD_TIMEOUT_MS);
      return await this.import(user, file, { ...options, mapping });
    } finally {
      leave();
    }
  }

  /** Imports `file` with `mapping` deciding about funnel names the user has no funnel for. */
  async import(user: AuthUser, file: Buffer | string, options: ImportOptions): Promise<ImportResultDto> {
    const visible = await this.funnels.visible(user);
    const funnelsByName = new Map<string, string>();
    for (const f of visible) if (!funnelsByName.has(f.name.toLowerCase())) funnelsByName.set(f.name.toLowerCase(), f.id);
    const visibleIds = new Set(visible.map((f) => f.id));
    for (const [name, value] of options.mapping) {
      if (value !== 'create' && value !== 'skip' && !visibleIds.has(value)) throw new BadRequestException(fileRefusal('mappingUnknownFunnel', { name }));
    }

    // The file is read row by row into the plan, which keeps only what will be stored or reported.
    const plan = new ImportPlan({ funnelsByName, mapping: options.mapping, currency: user.household.currency, timezone: user.household.timezone });
    const { format, dateOrder } = readImportFile(file, options.mediaType, plan, { dateOrder: options.dateOrder });
    if (plan.rowCount === 0) throw new BadRequestException(fileRefusal('empty'));

    // Rows imported before (an export of one's own, a statement imported again) are skipped, never doubled.
    const authors = await this.stored.authorsOf(plan.good.flatMap((r) => (r.id ? [r.id] : [])));
    const known = await this.stored.externalIdsSeenBy(user, plan.good.flatMap((r) => (r.externalId ? [r.externalId] : [])));
    const toStore = plan.good.filter((row) => {
      if (row.externalId && known.has(row.externalId)) {
        plan.problems.push({ line: row.line, reasons: [{ code: 'alreadyImported', params: { key: row.externalKey } }] });
        return false;
      }
      const owner = row.id ? authors.get(row.id) : undefined;
      if (owner === undefined) return true;
      plan.problems.push({ line: row.line, reasons: [owner === user.id ? { code: 'alreadyImported', params: { key: 'id' } } : { code: 'idTaken' }] });
      return false;
    });

    const creating = [...new Set(toStore.flatMap((r) => ('create' in r.target ? [r.target.create] : [])))];
    if (!options.dryRun && toStore.length > 0) await this.store(user, toStore, creating, plan.styles);

    plan.problems.sort((a, b) => a.line - b.line);
    const skippedBy = new Map<ReasonCode, number>();
    for (const p of plan.problems) skippedBy.set(p.reasons[0].code, (skippedBy.get(p.reasons[0].code) ?? 0) + 1);
    const skippedByReason = [...skippedBy].sort((a, b) => b[1] - a[1]).map(([code, rows]) => ({ code, rows }));
    return {
      format,
      ...(dateOrder ? { dateOrder } : {}),
      dryRun: options.dryRun,
      imported: toStore.length,
      skipped: plan.problems.length,
      skippedByReason: skippedByReason.map(({ code, rows }) => ({ code, reason: reasonHeading(code, options.locale), rows })),
      unknownFunnels: [...plan.unknownFunnels].map(([name, rows]) => ({ name, rows })),
      createdFunnels: options.dryRun ? [] : creating,
      problems: plan.problems.slice(0, MAX_PROBLEMS).map((p) => {
        const reason = p.reasons.map((r) => reasonText(r, options.locale)).join('; ');
        return { line: p.line, code: p.reasons[0].code, reason, message: reason };
      }),
      summary: summaryText(options.locale, options.dryRun, toStore.length, skippedByReason),
    };
  }

  /** Stores the rows, and the funnels mapped to "create", in one transaction. */
  private async store(user: AuthUser, rows: ImportPlan['good'], creating: readonly string[], styles: ImportPlan['styles']): Promise<void> {
    try {
      await this.db.transaction(async () => {
        const created = new Map<string, string>();
        for (const name of creating) {
          const style = styles.get(name);
          const funnel = await this.funnels.createInTransaction(user, {
            ...NEW_FUNNEL,
            emoji: style?.emoji ?? NEW_FUNNEL.emoji,
            color: style?.color ?? NEW_FUNNEL.color,
            name: name.slice(0, 40),
            shared: false,
          });
          created.set(name, funnel.id);
        }
        const now = this.clock.now();
        // Plain rows, built a chunk at a time: through the entity layer 20 000 rows took 60 MB more.
        await this.stored.insertMany(
          rows.map((r) => () => ({
            id: r.id ?? randomUUID(),
            funnelId: 'funnelId' in r.target ? r.target.funnelId : created.get(r.target.create)!,
            amountMinor: r.amountMinor,
            spentAt: r.spentAt,
            note: r.note,
            createdBy: user.id,
            createdAt: now,
            updatedAt: now,
            fixedCostId: null,
            externalId: r.externalId,
          })),
        );
        // New funnels announced themselves; the rows that went into existing ones are announced here.
        await this.spendings.announce(user, [...new Set(rows.flatMap((r) => ('funnelId' in r.target ? [r.target.funnelId] : [])))]);
      });
    } catch (error) {
      // Another import stored some of the same rows (same id, same bank id) since they were checked.
      if (isUniqueViolation(error)) throw new ConflictException(fileRefusal('changedMeanwhile'));
      throw error;
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
    throw new BadRequestException(fileRefusal('mappingNotJson'));
  }
}
