import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { FunnelDto, ImportResultDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { isolate, listWords } from '../../core/household-dates';
import { I18n } from '../../core/i18n';
import { FunnelsStore } from '../../stores/funnels.store';
import { SpendingFiles } from '../../stores/spending-files.store';

/** Import spendings from a CSV file: check it first, decide about unknown funnels, then import. */
@Component({
  selector: 'app-import-page',
  imports: [FormsModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import.page.html',
  styles: `
    .narrow { max-width: 640px; }
    .problems { max-height: 240px; overflow: auto; font-size: .9rem; padding-inline-start: 1.2rem; overflow-wrap: anywhere; }
    .mapping { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: .5rem; align-items: center; }
    .mapping label { overflow-wrap: anywhere; }
    /* Column names, dates and amounts are read left to right in every language. */
    code { background: var(--surface-2); padding: .1rem .3rem; border-radius: 4px; direction: ltr; unicode-bidi: isolate; overflow-wrap: anywhere; }
  `,
})
export class ImportPage implements OnInit {
  protected readonly t = inject(I18n).t;
  /**
   * What the file looks like, in the language, with the format as the server reads it (the
   * same in every language) as code: the text's `<code>` runs, shown as text, never as HTML.
   */
  protected readonly intro = computed(() =>
    this.t('settings.import.intro', { columns: 'date,amount,funnel,note', date: '2026-03-10', amount: '12.50' })
      .split(/<\/?code>/)
      .map((text, i) => ({ text, code: i % 2 === 1 })),
  );
  private readonly funnelStore = inject(FunnelsStore);
  private readonly files = inject(SpendingFiles);
  protected readonly funnels = computed<FunnelDto[]>(() => this.funnelStore.funnels() ?? []);
  protected readonly fileName = signal<string | null>(null);
  private csv = '';
  protected readonly preview = signal<ImportResultDto | null>(null);
  protected readonly result = signal<ImportResultDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Unknown funnel name → funnel id, "create" or "skip". */
  protected mapping: Record<string, string> = {};
  protected readonly canImport = computed(() => (this.preview()?.imported ?? 0) > 0 && !this.busy());

  /** "2 would be imported, 1 skipped." (the reasons are listed row by row). */
  protected summary(result: ImportResultDto): string {
    const counts = { imported: result.imported, skipped: result.skipped };
    if (result.dryRun) return this.t(result.skipped > 0 ? 'settings.import.wouldImportSkipping' : 'settings.import.wouldImport', counts);
    return this.t(result.skipped > 0 ? 'settings.import.importedSkipping' : 'settings.import.imported', counts);
  }

  /** Names as the language lists them ("Petrol, Rent and Kids"). */
  protected list(names: readonly string[]): string {
    return listWords(names.map(isolate));
  }

  protected isolated(name: string): string {
    return isolate(name);
  }

  async ngOnInit(): Promise<void> {
    try {
      await this.funnelStore.load();
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected async choose(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.preview.set(null);
    this.result.set(null);
    this.mapping = {};
    if (!file) return;
    this.fileName.set(file.name);
    this.csv = await file.text();
    await this.check();
  }

  /** Dry run with the current mapping: what would be imported, and why rows would be skipped. */
  protected async check(): Promise<void> {
    const dryRun = () => this.files.import(this.csv, this.mapping, true);
    await this.run(async () => {
      const preview = await dryRun();
      // Unknown funnels start as "create a funnel of that name"; the user can change each.
      const fresh = preview.unknownFunnels.filter((u) => !(u.name in this.mapping));
      for (const unknown of fresh) this.mapping[unknown.name] = 'create';
      this.preview.set(fresh.length > 0 ? await dryRun() : preview);
    });
  }

  protected async importNow(): Promise<void> {
    await this.run(async () => {
      this.result.set(await this.files.import(this.csv, this.mapping));
      this.preview.set(null);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
