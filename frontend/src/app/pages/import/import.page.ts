import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { FunnelDto, ImportResultDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
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
    .problems { max-height: 240px; overflow: auto; font-size: .9rem; padding-left: 1.2rem; }
    .mapping { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; align-items: center; }
    code { background: var(--surface-2); padding: .1rem .3rem; border-radius: 4px; }
  `,
})
export class ImportPage implements OnInit {
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
