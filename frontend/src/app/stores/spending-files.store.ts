import { Injectable, inject } from '@angular/core';
import { Api } from '../api/api';
import { spendingsExport } from '../api/fn/spendings/spendings-export';
import { spendingsImport } from '../api/fn/spendings/spendings-import';
import { ImportResultDto } from '../api/models';

/**
 * Spendings in and out as CSV files: the export (Settings) and the import with its dry run
 * (the import page). A single spending is SpendingWriter's.
 */
@Injectable({ providedIn: 'root' })
export class SpendingFiles {
  private readonly api = inject(Api);

  /** Every spending this user sees, as CSV text (through the API client: it needs the bearer token). */
  exportCsv(): Promise<string> {
    return this.api.invoke(spendingsExport, {});
  }

  /**
   * Imports `csv`; `mapping` says per unknown funnel name: a funnel id, "create" or "skip".
   * A dry run stores nothing and says what would happen.
   */
  import(csv: string, mapping: Record<string, string>, dryRun = false): Promise<ImportResultDto> {
    return this.api.invoke(spendingsImport, { body: csv, mapping: JSON.stringify(mapping), ...(dryRun ? { dryRun: 'true' as const } : {}) });
  }
}
