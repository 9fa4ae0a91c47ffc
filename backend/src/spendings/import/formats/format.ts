import type { LocalDate } from '../../../rules/period';
import type { Reason } from '../import-reasons';
import type { DateOrder } from './dates';

export const IMPORT_FORMATS = ['stracker', 'simple', 'ynab', 'actual', 'cashew', 'firefly', 'ofx', 'qif'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** When a row's money went out, as precisely as the file says it. */
export type When =
  /** A calendar date: stored at midday in the household's time zone. */
  | { kind: 'day'; date: LocalDate }
  /** A wall-clock time in the household's time zone (`seconds` after its midnight). */
  | { kind: 'wallClock'; date: LocalDate; seconds: number }
  /** An exact instant (the file gives the offset). */
  | { kind: 'instant'; at: Date };

/** A row that describes money going out: a spending, once the rules of a single spending agree. */
export interface CandidateRow {
  /** Line of the file where the row (or record) starts; 1 is the first line. */
  line: number;
  /** null: the date cell could not be read (`dateText`, with `dateExample` of what can be). */
  when: When | null;
  dateText: string;
  dateExample: string;
  /** Major units, positive; undefined: the cell is not a number (`amountText`). */
  amount: number | undefined;
  amountText: string;
  /** The funnel's name as the file says it (a category); '' when none. */
  category: string;
  /** Which column named it, for the reason when it is empty. */
  categoryColumn: string;
  note: string;
  /** STracker's own spending id (its export): importing the export again doubles nothing. */
  id?: string;
  /** The other app's id of the transaction (OFX FITID …): importing the file again doubles nothing. */
  externalId?: string;
  /** Which column or field holds that id, for reasons ("already imported (same FITID)"). */
  externalKey?: string;
  /** ISO 4217 code when the file names the row's currency. */
  currency?: string;
  /** How the file shows the category, for a funnel created from it. */
  style?: { emoji?: string; color?: string };
}

/** Where a format puts what it reads: rows to store, and rows it leaves out with a reason. */
export interface RowSink {
  row(candidate: CandidateRow): void;
  skip(line: number, reason: Reason): void;
}

export interface ReadOptions {
  /** How to read dates like 03/04/2024 when the file does not tell (every day is 12 or less). */
  dateOrder?: DateOrder;
}

/** What reading a file found out about it, besides its rows. */
export interface ReadResult {
  /** How its dates were read, when they could be month/day or day/month. */
  dateOrder?: DateOrder;
}

/** Rows without any category are listed (and mapped) under this name. */
export const NO_CATEGORY = '(no category)';

/** A note made from the other app's fields (payee, memo …) fits a spending's 140 characters. */
export function composeNote(...parts: Array<string | undefined>): string {
  const text = parts
    .map((p) => (p ?? '').replace(/\s+/g, ' ').trim())
    .filter((p, i, all) => p !== '' && all.indexOf(p) === i)
    .join(' – ');
  if (text.length <= 140) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[138]) ? 138 : 139; // never half of a surrogate pair
  return `${text.slice(0, cut).trimEnd()}…`;
}
