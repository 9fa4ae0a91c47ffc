import { CsvError, Options, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

/** A file that is not valid CSV, with the line where the broken record starts. */
export class CsvSyntaxError extends SyntaxError {
  constructor(
    readonly line: number,
    /** What csv-parse says is wrong (English). */
    readonly detail: string,
    /** The usual breakage: a quote opened and never closed. */
    readonly unclosedQuote = false,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/**
 * RFC 4180 as csv-parse reads it: fields separated by commas, optionally in double quotes (a
 * quote inside is doubled), records separated by CRLF, LF or CR, even mixed in one file; a BOM
 * is dropped, blank lines are skipped, rows may differ in length, and a quote inside an unquoted
 * field is kept as written (`5" pipe`). An unterminated quote is an error, so a broken file is
 * refused whole.
 */
const OPTIONS: Options = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/**
 * Hands each record of `input` to `visit` as it is parsed, with the line it starts on; stops
 * after `limit` records if given. csv-parse keeps no records (`on_record` returns nothing), so
 * the file is never held a second time as an array of rows: a caller keeps only what it needs.
 * A Buffer is read as it is; a string is first encoded to one (csv-parse works on bytes).
 */
export function forEachCsvRecord(input: Buffer | string, visit: (record: CsvRecord) => void, limit?: number): void {
  // csv-parse tells the line where a record ends; the start is counted here: blank lines it
  // skipped, plus the line breaks inside quoted fields (which are kept in the cells as written).
  let nextLine = 1;
  let blankLines = 0;
  try {
    parse(input, {
      ...OPTIONS,
      ...(limit === undefined ? {} : { to: limit }),
      on_record: (cells: string[], info) => {
        const line = nextLine + (info.empty_lines - blankLines);
        blankLines = info.empty_lines;
        let breaks = 0;
        for (const cell of cells) for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) breaks++;
        nextLine = line + breaks + 1;
        // A line holding only "" is as blank as an empty one.
        if (!(cells.length === 1 && cells[0] === '')) visit({ line, cells });
        return undefined;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const context = error as CsvError & { empty_lines?: number };
      const line = nextLine + Math.max(0, (context.empty_lines ?? blankLines) - blankLines);
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(line, 'a quoted field is never closed', true);
      throw new CsvSyntaxError(line, error.message.replace(/^[^:]*:\s*/, ''));
    }
    throw error;
  }
}

/** Every record at once (for small inputs and tests). */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, (record) => records.push(record));
  return records;
}
