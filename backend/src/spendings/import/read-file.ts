import { isUtf8 } from 'node:buffer';
import { BadRequestException } from '@nestjs/common';
import { CsvRecord, CsvSyntaxError, forEachCsvRecord } from './csv-parse';
import { actualFormat } from './formats/actual';
import { cashewFormat } from './formats/cashew';
import { CsvFile, CsvFormat } from './formats/csv-file';
import { fireflyFormat } from './formats/firefly';
import type { ImportFormat, ReadOptions, ReadResult, RowSink } from './formats/format';
import { looksLikeOfx, readOfx } from './formats/ofx';
import { looksLikeQif, readQif } from './formats/qif';
import { simpleFormat, strackerFormat } from './formats/simple';
import { ynabFormat } from './formats/ynab';
import { fileRefusal } from './import-reasons';

/** The media types of an upload, and what each says about the file. */
export const OFX_MEDIA_TYPES = ['application/x-ofx', 'application/ofx', 'application/vnd.intu.qfx'] as const;
export const QIF_MEDIA_TYPES = ['application/qif', 'application/x-qif'] as const;
export const IMPORT_MEDIA_TYPES: readonly string[] = ['text/csv', ...OFX_MEDIA_TYPES, ...QIF_MEDIA_TYPES];

/** CSV layouts, the most particular first (the simple layout's columns appear in several others). */
const CSV_FORMATS: readonly CsvFormat[] = [ynabFormat, actualFormat, cashewFormat, fireflyFormat, strackerFormat, simpleFormat];

/**
 * Which kind of file `bytes` is: OFX and QIF say so in their first lines, whatever the
 * Content-Type; a file sent as OFX that is none is refused; one sent as QIF is read as QIF even
 * without its `!Type:` line (a bank account then); anything else is CSV, recognised by its
 * header row.
 */
function kindOf(bytes: Buffer, mediaType: string | undefined): 'ofx' | 'qif' | 'csv' {
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  if (looksLikeOfx(head)) return 'ofx';
  if (looksLikeQif(head)) return 'qif';
  if ((OFX_MEDIA_TYPES as readonly string[]).includes(mediaType ?? '')) throw new BadRequestException(fileRefusal('notOfx'));
  if ((QIF_MEDIA_TYPES as readonly string[]).includes(mediaType ?? '')) return 'qif';
  return 'csv';
}

/**
 * Bank files are often not UTF-8: OFX 1.x says `CHARSET:1252`, Quicken writes Windows-1252.
 * Text that is valid UTF-8 is read as UTF-8 (a file in Windows-1252 with any accented letter
 * never is), anything else as Windows-1252, which every byte sequence is.
 */
function bankText(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8').replace(/^\ufeff/, '');
  return new TextDecoder('windows-1252').decode(bytes);
}

/** csv-parse's verdict on a broken file, as the refusal of the whole file. */
function csv<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new BadRequestException(error.unclosedQuote ? fileRefusal('quoteNotClosed', { line: error.line }) : fileRefusal('notCsv', { line: error.line, detail: error.detail }));
    }
    throw error;
  }
}

/**
 * Reads the uploaded file into `sink`, row by row, in whichever format it is; which one it was.
 * A file that cannot be read whole (not valid CSV, an unknown header, dates that cannot be read
 * safely) is refused with a 400 before anything is stored.
 */
export function readImportFile(file: Buffer | string, mediaType: string | undefined, sink: RowSink, options: ReadOptions): ReadResult & { format: ImportFormat } {
  const bytes = typeof file === 'string' ? Buffer.from(file) : file;
  if (bytes.includes(0)) throw new BadRequestException(fileRefusal('notText')); // no text format has NUL
  const kind = kindOf(bytes, mediaType);
  if (kind === 'ofx') return { format: 'ofx', ...readOfx(bankText(bytes), sink) };
  if (kind === 'qif') {
    const text = bankText(bytes);
    return { format: 'qif', ...readQif(text, sink, { ...options, typed: looksLikeQif(text) }) };
  }

  if (!isUtf8(bytes)) throw new BadRequestException(fileRefusal('notUtf8'));
  let header: CsvRecord | null = null;
  csv(() => forEachCsvRecord(bytes, (record) => (header = record), 1));
  if (!header) throw new BadRequestException(fileRefusal('empty'));
  const headerCells = (header as CsvRecord).cells.map((cell) => cell.trim());
  const columns = new Set(headerCells.map((cell) => cell.toLowerCase()));
  const format = CSV_FORMATS.find((f) => f.recognises(columns));
  if (!format) throw new BadRequestException(fileRefusal('unknownHeader'));
  const csvFile: CsvFile = {
    header: headerCells,
    rows: (visit) => {
      let first = true;
      csv(() =>
        forEachCsvRecord(bytes, ({ cells, line }) => {
          if (first) first = false;
          else visit(cells, line);
        }),
      );
    },
  };
  return { format: format.id, ...format.read(csvFile, sink, options) };
}
