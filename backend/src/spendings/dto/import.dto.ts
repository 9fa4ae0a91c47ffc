import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { Optional } from '../../common/validators';
import { says } from '../../i18n/field-text';
import { DATE_ORDERS, DateOrder } from '../import/formats/dates';
import { IMPORT_FORMATS, ImportFormat } from '../import/formats/format';
import { REASON_CODES, ReasonCode } from '../import/import-reasons';

export class ImportQueryDto {
  /** `true` checks the file and reports what would happen, storing nothing. */
  @Optional()
  @IsIn(['true', 'false'], says('validation.trueOrFalse'))
  dryRun?: 'true' | 'false';

  /**
   * What to do with funnel (category) names the caller has no funnel for, as JSON:
   * `{"Old name": "<funnel id>" | "create" | "skip"}`. Unmapped unknown names are skipped.
   * Rows without any category (every row of an OFX statement, for one) go by the name
   * `(no category)`.
   * @example "{\"Groceries\":\"create\",\"Petrol\":\"skip\",\"(no category)\":\"create\"}"
   */
  @Optional()
  @IsString()
  mapping?: string;

  /**
   * How to read dates like 03/04/2024 in a YNAB or QIF file (`mdy`: month first, `dmy`: day
   * first). Needed only when no date in the file tells (every day is 12 or less); otherwise the
   * file decides and this is not used.
   */
  @Optional()
  @IsIn(DATE_ORDERS, says('validation.oneOf', { values: DATE_ORDERS.join(', ') }))
  @ApiProperty({ enum: DATE_ORDERS, enumName: 'ImportDateOrder', required: false })
  dateOrder?: DateOrder;
}

export class ImportProblemDto {
  /** Line of the file where the row (or the OFX/QIF record) starts; 1 is the first line (a CSV's header). */
  line: number;
  /** Why the row was left out, as a stable code (the first reason when there are several). */
  @ApiProperty({ enum: REASON_CODES, enumName: 'ImportReasonCode' })
  code: ReasonCode;
  /** Every reason, in plain words, naming the column and value. */
  reason: string;
  /** The same as `reason` (kept for clients that read it). */
  message: string;
}

export class ImportSkippedDto {
  @ApiProperty({ enum: REASON_CODES, enumName: 'ImportReasonCode' })
  code: ReasonCode;
  /** The reason in plain words, without a row's particulars. */
  reason: string;
  /** How many rows were left out for it. */
  rows: number;
}

export class UnknownFunnelDto {
  /** The funnel name as written in the file. */
  name: string;
  /** How many rows use it. */
  rows: number;
}

export class ImportResultDto {
  /**
   * The format the file was recognised as: `stracker` (STracker's export), `simple`
   * (`date,amount,funnel,note`), `ynab` (YNAB register), `actual` (Actual Budget), `cashew`,
   * `firefly` (Firefly III), `ofx` or `qif` (bank statements). CSV files are recognised by
   * their header row, OFX and QIF by their first lines (or by Content-Type).
   */
  @ApiProperty({ enum: IMPORT_FORMATS, enumName: 'ImportFormat' })
  format: ImportFormat;
  /** How dates like 03/04/2024 were read (`mdy` or `dmy`), for the formats where the file could have either; absent otherwise. */
  @ApiProperty({ enum: DATE_ORDERS, enumName: 'ImportDateOrder', required: false })
  dateOrder?: DateOrder;
  /** True when nothing was stored (dryRun). */
  dryRun: boolean;
  /** Rows stored (or, for a dry run, that would be). */
  imported: number;
  /**
   * Rows left out: money coming in, transfers, totals of split transactions (their parts are
   * imported), rows in another currency than the household's (never converted), rows imported
   * before, and rows the rules of a spending refuse. Each is listed in `problems`.
   */
  skipped: number;
  /** The skipped rows counted by reason, the most frequent first. */
  skippedByReason: ImportSkippedDto[];
  /** Funnel names in the file that match none of the caller's funnels, with how many rows use them. */
  unknownFunnels: UnknownFunnelDto[];
  /** Funnels created for names mapped to "create" (a Cashew category's emoji and colour come along). */
  createdFunnels: string[];
  /** Per-row reasons (the first 500), in the order of the file. */
  problems: ImportProblemDto[];
  /** "N imported, M skipped because …" in plain words. */
  summary: string;
}
