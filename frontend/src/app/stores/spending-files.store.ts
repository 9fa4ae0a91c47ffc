import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { spendingsExport } from '../api/fn/spendings/spendings-export';
import { spendingsImport$Csv } from '../api/fn/spendings/spendings-import-csv';
import { spendingsImport$Qif } from '../api/fn/spendings/spendings-import-qif';
import { spendingsImport$XOfx } from '../api/fn/spendings/spendings-import-x-ofx';
import { ImportDateOrder, ImportResultDto } from '../api/models';

/**
 * Spendings in and out as files: the CSV export (Settings) and the import of STracker's own and
 * other apps' files with its dry run (the import page). A single spending is SpendingWriter's.
 */
@Injectable({ providedIn: 'root' })
export class SpendingFiles {
  private readonly api = inject(Api);

  /** Every spending this user sees, as CSV text (through the API client: it needs the bearer token). */
  exportCsv(): Promise<string> {
    return this.api.invoke(spendingsExport, {});
  }

  /**
   * Imports `file` (its text, and its name for the content type: `.ofx`/`.qfx` as OFX, `.qif` as
   * QIF, anything else as CSV; the server recognises the format either way). `mapping` says per
   * unknown funnel name: a funnel id, "create" or "skip"; `dateOrder` how to read dates like
   * 03/04/2024 when the file cannot tell. A dry run stores nothing and says what would happen.
   */
  import(file: { name: string; text: string }, mapping: Record<string, string>, options: { dryRun?: boolean; dateOrder?: ImportDateOrder } = {}): Promise<ImportResultDto> {
    const params = {
      body: file.text,
      mapping: JSON.stringify(mapping),
      ...(options.dryRun ? { dryRun: 'true' as const } : {}),
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
    };
    if (/\.(ofx|qfx)$/i.test(file.name)) return this.api.invoke(spendingsImport$XOfx, params);
    if (/\.qif$/i.test(file.name)) return this.api.invoke(spendingsImport$Qif, params);
    return this.api.invoke(spendingsImport$Csv, params);
  }
}
