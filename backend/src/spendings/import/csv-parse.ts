export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
/** Where an unquoted cell ends. */
const CELL_END = /[,\r\n]/g;

/**
 * RFC 4180 CSV: fields separated by commas, optionally in double quotes (a quote inside is
 * doubled), records separated by CRLF, LF or CR; blank lines are skipped. Yields the records
 * one at a time with their line numbers, so a caller can check each row and keep only what it
 * needs. Cells are slices of `text`, never built a character at a time (a 4 MiB file built
 * that way left 100 MB of string fragments behind). Throws on an unterminated quote, so a
 * broken file is refused whole.
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM from spreadsheet exports
  let line = 1;
  while (i <= length) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === QUOTE) {
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) throw new SyntaxError(`line ${recordLine}: a quoted field is never closed`);
          const part = text.slice(from, quote);
          for (let at = part.indexOf('\n'); at >= 0; at = part.indexOf('\n', at + 1)) line++;
          cell += part;
          if (text.charCodeAt(quote + 1) !== QUOTE) {
            i = quote + 1;
            break;
          }
          cell += '"';
          from = quote + 2;
        }
      }
      // An unquoted cell, or what follows a closing quote up to the next separator.
      CELL_END.lastIndex = i;
      const end = CELL_END.exec(text)?.index ?? length;
      if (end > i) cell += text.slice(i, end);
      cells.push(cell);
      i = end;
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (i < length) i++; // CR or LF
      else i = length + 1; // the end of the text
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) yield { line: recordLine, cells };
  }
}

/** Every record at once (for small inputs and tests). */
export function parseCsv(text: string): CsvRecord[] {
  return [...csvRecords(text)];
}
