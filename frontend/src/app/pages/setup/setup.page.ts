import { ChangeDetectionStrategy, Component, Injector, OnInit, afterNextRender, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { FunnelDto, FunnelInputDto, HouseholdDto, UpdateHouseholdDto } from '../../api/models';
import { isSingleEmoji } from '../../core/emoji';
import { errorMessage } from '../../core/error-message';
import { I18n, translate } from '../../core/i18n';
import { parseLimit } from '../../core/limit';
import { formatMoney } from '../../core/money';
import { TokenStore } from '../../core/token-store';
import { FunnelsStore } from '../../stores/funnels.store';
import { HouseholdStore } from '../../stores/household.store';
import { currencyOptions } from '../../ui/currency-options';
import { EmojiPickerComponent } from '../../ui/emoji-picker.component';
import { COLOUR_PRESETS } from '../../ui/settings-colours';
import { firstPeriodMidway, inFirstPeriod, ordinal } from './first-period';
import { householdStartedAt, rememberSetupDone, setupDone } from './setup-state';

/** One funnel as edited here; `id` null until it is created. */
interface FunnelRow {
  readonly key: number;
  id: string | null;
  emoji: string;
  name: string;
  color: string;
  limit: string;
  /** What the server has, to send only what changed. */
  saved: FunnelDto | null;
  /** A shared funnel someone else owns: its limit may change here, but only its owner may remove it. */
  readonly removable: boolean;
}

interface RowErrors {
  emoji?: string;
  name?: string;
  limit?: string;
}

/**
 * First-run setup of a new household: pay day, currency, the funnels and their monthly limits,
 * and — when the household starts in the middle of a period — whether that first period counts
 * from today (limits prorated) or in full. Skippable; Settings leads back here any time.
 */
@Component({
  selector: 'app-setup-page',
  imports: [FormsModule, RouterLink, EmojiPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './setup.page.html',
  styleUrl: './setup.page.css',
})
export class SetupPage implements OnInit {
  private readonly funnelStore = inject(FunnelsStore);
  private readonly householdStore = inject(HouseholdStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly userId = inject(TokenStore).userId;
  protected readonly t = inject(I18n).t;

  protected readonly household = signal<HouseholdDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly touched = signal(false);
  protected readonly rows = signal<FunnelRow[]>([]);
  protected readonly payDay = signal(1);
  protected readonly currency = signal('EUR');
  /** Count the first period from today (limits prorated) rather than in full. */
  protected readonly prorate = signal(true);

  protected readonly days = Array.from({ length: 28 }, (_, i) => i + 1);
  protected readonly ordinal = ordinal;
  /** Currencies by name in the app's language ("Swiss Franc — CHF", "Schweizer Franken — CHF"), redrawn on a switch. */
  protected readonly currencies = computed(() => currencyOptions(this.household()?.currency));
  /** The first period, when the household started in the middle of it (with the pay day chosen now). */
  protected readonly midway = computed(() => {
    const household = this.household();
    return household ? firstPeriodMidway(householdStartedAt(this.userId()), new Date(), this.payDay(), household.timezone) : null;
  });

  private removed: FunnelDto[] = [];
  private nextKey = 0;

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const [household, funnels] = await Promise.all([this.householdStore.load(), this.funnelStore.load()]);
      this.payDay.set(household.periodStartDay);
      this.currency.set(household.currency);
      // Until the setup is saved once, counting from today is proposed; afterwards it shows what was chosen.
      this.prorate.set(household.countedFrom !== null || !setupDone(this.userId()));
      this.rows.set(funnels.map((f) => this.rowOf(f)));
      this.household.set(household);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  /**
   * What counting from today means, with the first funnel that has a limit as the example
   * ("… the 10 days left (Food: €2,000.00 a month → €666.67 until the 1st), …") when there is one.
   */
  protected fromTodayHint(days: number, daysLeft: number): string {
    const row = this.rows().find((r) => (parseLimit(r.limit) ?? 0) > 0);
    if (!row) return translate('onboarding.setup.fromTodayHint', { daysLeft });
    const limit = parseLimit(row.limit)!;
    return translate('onboarding.setup.fromTodayHintExample', {
      daysLeft,
      name: row.name.trim() || translate('onboarding.setup.aFunnel'),
      limit: this.money(limit),
      prorated: this.money((limit * daysLeft) / days),
      day: ordinal(this.payDay()),
    });
  }

  protected add(): void {
    const used = new Set(this.rows().map((r) => r.color));
    const color = COLOUR_PRESETS.find((p) => !used.has(p.hex))?.hex ?? COLOUR_PRESETS[0].hex;
    const row: FunnelRow = { key: this.nextKey++, id: null, emoji: '💶', name: '', color, limit: '', saved: null, removable: true };
    this.rows.update((rows) => [...rows, row]);
    afterNextRender({ write: () => document.getElementById(`setup-name-${row.key}`)?.focus() }, { injector: this.injector });
  }

  protected remove(row: FunnelRow): void {
    const spendings = row.saved?.spendingCount ?? 0;
    if (spendings > 0 && !confirm(translate('onboarding.setup.confirmRemove', { name: row.saved!.name, count: spendings }))) return;
    if (row.saved) this.removed.push(row.saved);
    this.rows.update((rows) => rows.filter((r) => r !== row));
  }

  protected errorsOf(row: FunnelRow): RowErrors {
    const name = row.name.trim();
    return {
      ...(isSingleEmoji(row.emoji) ? {} : { emoji: translate('onboarding.setup.errorEmoji') }),
      ...(name.length >= 1 && name.length <= 40 ? {} : { name: translate('onboarding.setup.errorName') }),
      ...(parseLimit(row.limit) !== null ? {} : { limit: translate('onboarding.setup.errorLimit') }),
    };
  }

  protected shownErrors(row: FunnelRow): RowErrors {
    return this.touched() ? this.errorsOf(row) : {};
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.touched.set(true);
    const invalid = this.rows().find((row) => Object.keys(this.errorsOf(row)).length > 0);
    if (invalid) {
      const field = (['emoji', 'name', 'limit'] as const).find((k) => this.errorsOf(invalid)[k])!;
      document.getElementById(`setup-${field}-${invalid.key}`)?.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.householdStore.save(this.householdChanges());
      // One by one, remembering what is done: a retry after a failure repeats nothing.
      while (this.removed.length > 0) {
        await this.funnelStore.remove(this.removed[0].id);
        this.removed.shift();
      }
      for (const row of this.rows()) {
        const body = this.inputOf(row);
        if (!row.id) {
          row.saved = await this.funnelStore.create({ ...body, shared: false });
          row.id = row.saved.id;
        } else if (changed(row.saved, body)) {
          row.saved = await this.funnelStore.update(row.id, body);
        }
      }
      rememberSetupDone(this.userId());
      await this.router.navigateByUrl('/');
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Pay day and currency; how the first period counts when that is still the household's choice. */
  private householdChanges(): UpdateHouseholdDto {
    const household = this.household()!;
    const body: UpdateHouseholdDto = { periodStartDay: this.payDay(), currency: this.currency() };
    if (this.midway()) body.prorateFirstPeriod = this.prorate();
    // A first period that now starts today is whole: an earlier "from today" no longer applies.
    else if (household.countedFrom !== null && inFirstPeriod(householdStartedAt(this.userId()), new Date(), this.payDay(), household.timezone)) {
      body.prorateFirstPeriod = false;
    }
    return body;
  }

  private inputOf(row: FunnelRow): FunnelInputDto {
    return { emoji: row.emoji.trim(), name: row.name.trim(), color: row.color, limit: parseLimit(row.limit)! };
  }

  private rowOf(funnel: FunnelDto): FunnelRow {
    const me = this.userId();
    return {
      key: this.nextKey++,
      id: funnel.id,
      emoji: funnel.emoji,
      name: funnel.name,
      color: funnel.color,
      limit: String(funnel.limit),
      saved: funnel,
      removable: !(funnel.shared && me !== null && funnel.ownerId !== me),
    };
  }
}

function changed(saved: FunnelDto | null, body: FunnelInputDto): boolean {
  return !saved || saved.emoji !== body.emoji || saved.name !== body.name || saved.color !== body.color || saved.limit !== body.limit;
}
