import { IsIn, IsString } from 'class-validator';
import { Optional } from '../../common/validators';

export class ImportQueryDto {
  /** `true` checks the file and reports what would happen, storing nothing. */
  @Optional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';

  /**
   * What to do with funnel names the caller has no funnel for, as JSON:
   * `{"Old name": "<funnel id>" | "create" | "skip"}`. Unmapped unknown names are skipped.
   * @example "{\"Groceries\":\"create\",\"Petrol\":\"skip\"}"
   */
  @Optional()
  @IsString()
  mapping?: string;
}

export class ImportProblemDto {
  /** Line of the file (1 is the header). */
  line: number;
  /** What is wrong with the row, naming the column. */
  message: string;
}

export class UnknownFunnelDto {
  /** The funnel name as written in the file. */
  name: string;
  /** How many rows use it. */
  rows: number;
}

export class ImportResultDto {
  /** True when nothing was stored (dryRun). */
  dryRun: boolean;
  /** Rows stored (or, for a dry run, that would be). */
  imported: number;
  /** Rows left out, each with its reason in `problems`. */
  skipped: number;
  /** Funnel names in the file that match none of the caller's funnels, with how many rows use them. */
  unknownFunnels: UnknownFunnelDto[];
  /** Funnels created for names mapped to "create". */
  createdFunnels: string[];
  /** Per-row reasons (the first 500). */
  problems: ImportProblemDto[];
  /** "N imported, M skipped because …" in plain words. */
  summary: string;
}
