import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import { validateSync } from 'class-validator';
import { toMinor } from '../../rules/money';
import { startOfLocalDay } from '../../rules/period';
import { CreateSpendingDto } from '../dto/spending.dto';
import type { CandidateRow, RowSink, When } from './formats/format';
import { fileRefusal, Reason } from './import-reasons';

export const MAX_IMPORT_ROWS = 20_000;
/** The longest other-app id stored as it is; a longer one is stored as its hash. */
const MAX_EXTERNAL_ID = 128;

/** Where a row goes: a funnel the caller sees, or one to be created under that name. */
export type Target = { funnelId: string } | { create: string };

/** A row that passed every rule: what will be stored. */
export interface GoodRow {
  line: number;
  id: string | null;
  externalId: string | null;
  externalKey: string;
  target: Target;
  amountMinor: number;
  spentAt: Date;
  note: string | null;
}

/** A row left out, with every reason. */
export interface Problem {
  line: number;
  reasons: Reason[];
}

export interface PlanContext {
  /** The caller's visible funnels by lower-case name. */
  funnelsByName: ReadonlyMap<string, string>;
  /** What to do with names the caller has no funnel for: a funnel id, "create" or "skip". */
  mapping: ReadonlyMap<string, string>;
  /** The household's currency and time zone. */
  currency: string;
  timezone: string;
}

/** The instant a row is stored at. A wall-clock time is counted from local midnight (off by the hour on the two days a year the clocks change). */
function instantOf(when: When, timeZone: string): Date | null {
  if (when.kind === 'instant') return Number.isNaN(when.at.getTime()) ? null : when.at;
  const midnight = startOfLocalDay(when.date, timeZone).getTime();
  return new Date(midnight + (when.kind === 'day' ? 12 * 3600 : when.seconds) * 1000);
}

/** An other app's id as stored: short ones as they are, long ones as their hash. */
function storedExternalId(id: string): string {
  return id.length <= MAX_EXTERNAL_ID ? id : `sha256:${createHash('sha256').update(id).digest('base64url')}`;
}

/**
 * What the rules of a single spending (`CreateSpendingDto`, the body of POST /api/spendings)
 * say of a row, by field: amount, instant, note, id. The funnel is the file's own matter (a
 * name, not an id) and is checked here.
 */
function spendingRuleProblems(fields: { amount?: number; spentAt?: string; note?: string; id?: string }): Map<string, string[]> {
  const dto = Object.assign(new CreateSpendingDto(), fields);
  const problems = new Map<string, string[]>();
  for (const error of validateSync(dto, { skipMissingProperties: true, validationError: { target: false, value: false } })) {
    problems.set(error.property, Object.values(error.constraints ?? {}).map(String));
  }
  return problems;
}

/**
 * Collects what a file's format reads: each candidate row is checked against the rules of a
 * single spending and the funnel mapping, and kept (as what will be stored) or reported with
 * its reasons; rows that are not spendings (income, transfers …) are reported as the format
 * says. Only what will be stored or reported is kept, never the file's rows themselves.
 */
export class ImportPlan implements RowSink {
  readonly good: GoodRow[] = [];
  readonly problems: Problem[] = [];
  /** Names without a funnel, with how many rows use them, in the order they first appear. */
  readonly unknownFunnels = new Map<string, number>();
  /** The emoji and colour the file gives a category, for a funnel created for it. */
  readonly styles = new Map<string, { emoji?: string; color?: string }>();
  rowCount = 0;
  private readonly seenIds = new Set<string>();

  constructor(private readonly context: PlanContext) {}

  skip(line: number, reason: Reason): void {
    this.count();
    this.problems.push({ line, reasons: [reason] });
  }

  row(c: CandidateRow): void {
    this.count();
    const { context } = this;
    if (c.currency && c.currency !== context.currency.toUpperCase()) {
      this.problems.push({ line: c.line, reasons: [{ code: 'otherCurrency', params: { currency: c.currency, household: context.currency } }] });
      return;
    }
    const reasons: Reason[] = [];
    const target = this.target(c, reasons);
    const spentAt = c.when ? instantOf(c.when, context.timezone) : null;
    const id = c.id || undefined;
    const rules = spendingRuleProblems({ amount: c.amount, spentAt: spentAt?.toISOString(), note: c.note || undefined, id });
    if (c.amount === undefined) reasons.push({ code: 'amountInvalid', params: { value: c.amountText } });
    for (const rule of rules.get('amount') ?? []) reasons.push({ code: 'amountInvalid', params: { value: c.amountText, rule, field: 'amount' } });
    if (!spentAt || rules.has('spentAt')) reasons.push({ code: 'dateInvalid', params: { value: c.dateText, example: c.dateExample } });
    for (const rule of rules.get('note') ?? []) reasons.push({ code: 'noteInvalid', params: { rule, field: 'note' } });
    for (const rule of rules.get('id') ?? []) reasons.push({ code: 'idInvalid', params: { rule, field: 'id' } });
    const externalId = c.externalId ? storedExternalId(c.externalId) : null;
    for (const [key, value] of [['id', id], [c.externalKey ?? 'id', externalId && `external:${externalId}`]] as const) {
      if (!value) continue;
      if (this.seenIds.has(value)) reasons.push({ code: 'idTwice', params: { key } });
      this.seenIds.add(value);
    }
    if (reasons.length > 0 || !target || !spentAt) {
      this.problems.push({ line: c.line, reasons });
      return;
    }
    if ('create' in target && c.style && !this.styles.has(target.create)) this.styles.set(target.create, c.style);
    this.good.push({
      line: c.line,
      id: id ?? null,
      externalId,
      externalKey: c.externalKey ?? 'id',
      target,
      amountMinor: toMinor(c.amount as number),
      spentAt,
      note: c.note || null,
    });
  }

  /** The funnel a row's category maps to, or why it has none. */
  private target(c: CandidateRow, reasons: Reason[]): Target | null {
    const name = c.category;
    if (!name) {
      reasons.push({ code: 'funnelEmpty', params: { column: c.categoryColumn } });
      return null;
    }
    const known = this.context.funnelsByName.get(name.toLowerCase());
    if (known) return { funnelId: known };
    this.unknownFunnels.set(name, (this.unknownFunnels.get(name) ?? 0) + 1);
    const mapped = this.context.mapping.get(name);
    if (mapped === 'create') return { create: name };
    if (mapped && mapped !== 'skip') return { funnelId: mapped };
    reasons.push({ code: mapped === 'skip' ? 'funnelSkipped' : 'funnelUnknown', params: { name } });
    return null;
  }

  private count(): void {
    if (++this.rowCount > MAX_IMPORT_ROWS) throw new BadRequestException(fileRefusal('tooManyRows', { max: MAX_IMPORT_ROWS }));
  }
}
