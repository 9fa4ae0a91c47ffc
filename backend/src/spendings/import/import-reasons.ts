import { fieldText } from '../../i18n/field-text';
import { serverText, ServerText, text, TextKey } from '../../i18n/server-text';
import type { Locale } from '../../rules/locale';

/**
 * Every text the import writes, in one place: why a row was skipped (a stable `code` with its
 * parameters, and the sentence for people), the same reason without particulars for counts, the
 * summary, and why a whole file was refused. The sentences are the server's texts
 * (backend/src/i18n: `import.reason.<code>`, `import.heading.<code>`, `import.file.<code>`,
 * `import.summary.*`), written in the language the request asks for.
 */

/** Why a row of the file was not stored. */
export const REASON_CODES = [
  // Not a spending at all: expected, counted and reported.
  'income',
  'transfer',
  'splitParent',
  'notWithdrawal',
  'notTransaction',
  'otherCurrency',
  'alreadyImported',
  // A spending the file describes, that cannot be stored as it is.
  'funnelEmpty',
  'funnelUnknown',
  'funnelSkipped',
  'dateInvalid',
  'amountInvalid',
  'noteInvalid',
  'idInvalid',
  'idTwice',
  'idTaken',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParams = Readonly<Record<string, string | number>>;

export interface Reason {
  code: ReasonCode;
  /**
   * What is particular to the row. `rule` (with `field`) is a rule of a single spending as the
   * validation wrote it (POST /api/spendings says the same); its text is the reason.
   */
  params?: ReasonParams;
}

/** Why a whole file was refused (nothing was stored). */
export type FileCode =
  | 'empty'
  | 'notText'
  | 'notUtf8'
  | 'quoteNotClosed'
  | 'notCsv'
  | 'unknownHeader'
  | 'tooManyRows'
  | 'datesAmbiguous'
  | 'datesMixed'
  | 'notOfx'
  | 'notQif'
  | 'mappingNotJson'
  | 'mappingUnknownFunnel'
  | 'changedMeanwhile'
  | 'busyUser'
  | 'busyServer';

/** The sentence for one row's reason, in `locale`. */
export function reasonText(reason: Reason, locale: Locale): string {
  const params = reason.params ?? {};
  if (params.rule !== undefined) {
    // The amount's rule names the cell as the file has it: amount "0" must be more than 0.
    const field = reason.code === 'amountInvalid' ? `amount "${params.value}"` : String(params.field);
    return fieldText(String(params.rule), field)?.in(locale) ?? String(params.rule);
  }
  const key: TextKey = `import.reason.${reason.code}`;
  return serverText(locale, key, params);
}

/** The reason without particulars, for counts ("2 × money coming in (income)"). */
export function reasonHeading(code: ReasonCode, locale: Locale): string {
  const key: TextKey = `import.heading.${code}`;
  return serverText(locale, key);
}

/** Why a whole file was refused: for the exception, which writes it in the request's language. */
export function fileRefusal(code: FileCode, params?: ReasonParams): ServerText {
  const key: TextKey = `import.file.${code}`;
  return text(key, params);
}

/** "N imported, M skipped because: 3 × …; 2 × …." */
export function summaryText(locale: Locale, dryRun: boolean, imported: number, skippedBy: ReadonlyArray<{ code: ReasonCode; rows: number }>): string {
  const skipped = skippedBy.reduce((n, s) => n + s.rows, 0);
  if (skipped === 0) return serverText(locale, dryRun ? 'import.summary.wouldImport' : 'import.summary.imported', { imported });
  const reasons = skippedBy
    .slice(0, 3)
    .map((s) => serverText(locale, 'import.summary.times', { rows: s.rows, reason: reasonHeading(s.code, locale) }))
    .concat(skippedBy.length > 3 ? ['…'] : [])
    .join('; ');
  return serverText(locale, dryRun ? 'import.summary.wouldImportSkipping' : 'import.summary.importedSkipping', { imported, skipped, reasons });
}
