import { ChangeDetectionStrategy, Component, ElementRef, OnInit, computed, inject, input, model, signal, viewChild } from '@angular/core';
import { FixedCostDto, FixedCostInputDto, FunnelDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { dayLabel, householdToday, isolate } from '../../core/household-dates';
import { I18n } from '../../core/i18n';
import { formatMoney } from '../../core/money';
import { scheduleWords } from '../../core/schedule-words';
import { FixedCostsStore } from '../../stores/fixed-costs.store';
import { FixedCostFormComponent } from '../../ui/fixed-cost-form.component';

type Editing = { mode: 'new' } | { mode: 'edit'; id: string } | null;

/**
 * Settings → Fixed costs: the household's rent, subscriptions and fees, for all funnels or one
 * (`funnelId`, also set from a funnel's row); add, change, skip the next due date (and take the
 * skip back), delete.
 */
@Component({
  selector: 'app-fixed-costs-section',
  imports: [FixedCostFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './fixed-costs-section.component.html',
  styleUrl: './fixed-costs-section.component.css',
})
export class FixedCostsSectionComponent implements OnInit {
  private readonly store = inject(FixedCostsStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly deleteDialog = viewChild<ElementRef<HTMLDialogElement>>('deleteDialog');
  protected readonly t = inject(I18n).t;

  /** The funnels this user sees (null while loading). */
  readonly funnels = input.required<FunnelDto[] | null>();
  readonly currency = input('EUR');
  readonly timeZone = input<string | undefined>(undefined);
  /** Only this funnel's fixed costs, or all (null). */
  readonly funnelId = model<string | null>(null);

  protected readonly all = this.store.fixedCosts;
  protected readonly error = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  /** What the last change did, in words; written when shown, so a language switch rewrites it. */
  protected readonly message = signal<(() => string) | null>(null);
  protected readonly busy = signal(false);
  protected readonly editing = signal<Editing>(null);
  protected readonly toDelete = signal<FixedCostDto | null>(null);

  protected readonly shown = computed(() => {
    const list = this.all();
    const funnelId = this.funnelId();
    return list && (funnelId ? list.filter((c) => c.funnelId === funnelId) : list);
  });
  private readonly funnelById = computed(() => new Map((this.funnels() ?? []).map((f) => [f.id, f])));
  protected readonly filterName = computed(() => this.funnelById().get(this.funnelId() ?? '')?.name ?? '');
  protected readonly today = computed(() => householdToday(this.timeZone()));

  async ngOnInit(): Promise<void> {
    await this.run(this.error, async () => void (await this.store.load()));
  }

  /** Shows one funnel's fixed costs and brings the section into view (from a funnel's row). */
  show(funnelId: string): void {
    this.funnelId.set(funnelId);
    const section = this.host.nativeElement.querySelector<HTMLElement>('h2');
    section?.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    section?.focus({ preventScroll: true });
  }

  /** How many fixed costs a funnel has (null until loaded). */
  countFor(funnelId: string): number | null {
    return this.all()?.filter((c) => c.funnelId === funnelId).length ?? null;
  }

  /** After a funnel was deleted (its fixed costs went with it) or the list may have changed elsewhere. */
  async reload(): Promise<void> {
    await this.run(this.error, async () => void (await this.store.load()));
  }

  protected value(event: Event): string {
    return (event.target as HTMLSelectElement).value;
  }

  /** The note, or "Fixed cost" when it has none. */
  protected name(cost: FixedCostDto): string {
    return cost.note || this.t('settings.fixedCosts.unnamed');
  }

  /** The name inside a sentence: kept whole in a right-to-left one. */
  protected named(cost: FixedCostDto): string {
    return isolate(this.name(cost));
  }

  protected isolated(text: string): string {
    return isolate(text);
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  protected schedule(cost: FixedCostDto): string {
    return scheduleWords(cost);
  }

  protected funnelOf(cost: FixedCostDto): FunnelDto | undefined {
    return this.funnelById().get(cost.funnelId);
  }

  /** "Today", or "Fri, Dec 20" (with the year when it is not this year). */
  protected date(day: string): string {
    return dayLabel(day, this.timeZone());
  }

  protected isEditing(cost: FixedCostDto): boolean {
    const editing = this.editing();
    return editing?.mode === 'edit' && editing.id === cost.id;
  }

  protected startAdding(): void {
    this.message.set(null);
    this.formError.set(null);
    this.editing.set({ mode: 'new' });
  }

  protected startEditing(cost: FixedCostDto): void {
    this.message.set(null);
    this.formError.set(null);
    this.editing.set({ mode: 'edit', id: cost.id });
  }

  protected async save(input: FixedCostInputDto): Promise<void> {
    const editing = this.editing();
    await this.run(this.formError, async () => {
      const saved = editing?.mode === 'edit' ? await this.store.update(editing.id, input) : await this.store.create(input);
      this.editing.set(null);
      const due = saved.nextDueOn;
      const edited = editing?.mode === 'edit';
      this.message.set(() => {
        const name = this.named(saved);
        if (due) return this.t(edited ? 'settings.fixedCosts.savedNextDue' : 'settings.fixedCosts.addedNextDue', { name, date: this.date(due) });
        return this.t(edited ? 'settings.fixedCosts.savedNamed' : 'settings.fixedCosts.added', { name });
      });
    });
  }

  protected async skipNext(cost: FixedCostDto): Promise<void> {
    const dueOn = cost.nextDueOn;
    if (!dueOn) return;
    this.message.set(null);
    await this.run(this.error, async () => {
      await this.store.skip(cost.id, dueOn);
      this.message.set(() => this.t('settings.fixedCosts.skippedOn', { name: this.named(cost), date: this.date(dueOn) }));
    });
  }

  protected async unskip(cost: FixedCostDto, dueOn: string): Promise<void> {
    this.message.set(null);
    await this.run(this.error, async () => {
      await this.store.unskip(cost.id, dueOn);
      this.message.set(() => this.t('settings.fixedCosts.dueAgain', { name: this.named(cost), date: this.date(dueOn) }));
    });
  }

  protected askDelete(cost: FixedCostDto): void {
    this.toDelete.set(cost);
    this.deleteDialog()?.nativeElement.showModal();
  }

  protected async confirmDelete(): Promise<void> {
    const cost = this.toDelete();
    this.deleteDialog()?.nativeElement.close();
    if (!cost) return;
    this.message.set(null);
    await this.run(this.error, async () => {
      await this.store.remove(cost.id);
      if (this.isEditing(cost)) this.editing.set(null);
      this.message.set(() => this.t('settings.fixedCosts.deleted', { name: this.named(cost) }));
    });
  }

  private async run(target: ReturnType<typeof signal<string | null>>, work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    target.set(null);
    try {
      await work();
    } catch (error) {
      target.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
