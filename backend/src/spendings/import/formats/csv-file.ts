import type { ImportFormat, ReadOptions, ReadResult, RowSink } from './format';

/** A CSV file whose header row has been read. */
export interface CsvFile {
  /** The header's cells, trimmed. */
  header: readonly string[];
  /**
   * Hands every row after the header to `visit`, in order. Each call parses the file again:
   * a format that needs the whole file first (YNAB's dates) reads it twice rather than keep it.
   */
  rows(visit: (cells: readonly string[], line: number) => void): void;
}

/** A CSV layout of another app (or STracker's own), recognised by its header row. */
export interface CsvFormat {
  id: ImportFormat;
  /** Whether a header with these column names (trimmed, lower case) is this format's. */
  recognises(columns: ReadonlySet<string>): boolean;
  read(file: CsvFile, sink: RowSink, options: ReadOptions): ReadResult;
}

/** Whether every one of `names` is a column. */
export const hasColumns = (columns: ReadonlySet<string>, ...names: string[]): boolean => names.every((n) => columns.has(n));

/**
 * Where each named column is (by the first header cell with that name, any case); cells are
 * read by name, so a layout with extra or reordered columns reads the same.
 */
export function columnReader<K extends string>(header: readonly string[], names: Record<K, string>): (cells: readonly string[], column: K) => string {
  const lower = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<K, number>;
  for (const key of Object.keys(names) as K[]) index[key] = lower.indexOf(names[key].toLowerCase());
  return (cells, column) => {
    const i = index[column];
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
}

/**
 * Undoes the protection against spreadsheet formulas that STracker's and Actual Budget's exports
 * add: a leading apostrophe before `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
export function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
