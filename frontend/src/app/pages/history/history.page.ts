import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, OnInit, afterNextRender, computed, effect, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { Chart } from 'chart.js';
import { Api } from '../../api/api';
import { budgetHistory } from '../../api/fn/budget/budget-history';
import { spendingsList } from '../../api/fn/spendings/spendings-list';
import { HistoryPeriodDto, SpendingDto, UpdateSpendingDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { I18n, currentLocale, formatLocale, translate } from '../../core/i18n';
import { wordsAround } from '../../core/words-around';
import { formatMoney } from '../../core/money';
import { SpendingRequests } from '../../core/spending-requests';
import { FunnelsStore } from '../../stores/funnels.store';
import { HouseholdStore } from '../../stores/household.store';
import { dateFormat } from '../../core/date-format';
import { SpendingDialogActions, SpendingDialogComponent, SpendingDialogFunnel } from '../../ui/spending-dialog.component';
import { HistoryRow, axisMoney, historyFunnels, historyRows, nothingSpent } from './history';

/** Spent against the limit in force then, over the last periods: a chart, the same numbers per period, and each period's spendings. */
@Component({
  selector: 'app-history-page',
  imports: [FormsModule, RouterLink, SpendingDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history.page.html',
  styleUrl: './history.page.css',
})
export class HistoryPage implements OnInit {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  private readonly api = inject(Api);
  private readonly spendingRequests = inject(SpendingRequests);
  private readonly funnelStore = inject(FunnelsStore);
  private readonly householdStore = inject(HouseholdStore);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('chart');
  private readonly dialog = viewChild.required(SpendingDialogComponent);
  private chart: Chart | null = null;
  /** The language the chart was made in: its legend and tooltips are made again in another one. */
  private chartLocale: string | null = null;
  private destroyed = false;

  protected readonly periods = signal<HistoryPeriodDto[] | null>(null);
  /** Until the household is known: EUR, UTC (the history itself still loads). */
  protected readonly currency = computed(() => this.householdStore.household()?.currency ?? 'EUR');
  protected readonly timezone = computed(() => this.householdStore.timeZone() ?? 'UTC');
  protected readonly error = signal<string | null>(null);
  protected readonly funnelId = signal<string | null>(null);
  protected readonly count = signal(6);
  protected readonly selected = signal<HistoryRow | null>(null);
  protected readonly spendings = signal<SpendingDto[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly spendingsError = signal<string | null>(null);
  /** The funnels as they are now (with their emoji), for the list and the edit dialog. */
  private readonly current = computed(() => this.funnelStore.funnels() ?? []);

  protected readonly funnels = computed(() => historyFunnels(this.periods() ?? []));
  /** Newest first, without the periods before the history began. */
  protected readonly rows = computed(() => historyRows(this.periods() ?? [], this.funnelId(), this.timezone()));
  protected readonly empty = computed(() => this.periods() !== null && nothingSpent(this.rows()));
  /** The rows drawn left to right, oldest first. */
  private readonly chartRows = computed(() => [...this.rows()].reverse());
  private readonly names = computed(() => {
    const map = new Map<string, SpendingDialogFunnel & { color?: string }>(this.funnels().map((f) => [f.id, f]));
    for (const f of this.current()) map.set(f.id, f);
    return map;
  });
  protected readonly dialogFunnels = computed<SpendingDialogFunnel[]>(() => {
    const list = this.current();
    return list.length > 0 ? list : this.funnels();
  });
  protected readonly filterName = computed(() => (this.funnelId() ? (this.names().get(this.funnelId()!)?.name ?? '') : ''));

  /** Here a change is made while online only, and a failure stays in the dialog, in words. */
  protected readonly actions: SpendingDialogActions = {
    save: async (spending: SpendingDto, change: UpdateSpendingDto) => {
      await this.spendingRequests.update(spending.id, change);
      await this.refresh();
    },
    remove: async (spending: SpendingDto) => {
      await this.spendingRequests.remove(spending.id);
      await this.refresh();
    },
  };

  constructor() {
    effect(() => void this.draw(this.chartRows(), currentLocale()));
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.chart?.destroy();
    });
  }

  async ngOnInit(): Promise<void> {
    const funnels = this.funnelStore.load().catch(() => undefined); // The names in the history itself stand in.
    await this.householdStore.load().catch(() => undefined); // Formatting falls back to EUR/UTC.
    await Promise.all([this.load(), funnels]);
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.periods.set(await this.api.invoke(budgetHistory, { periods: this.count() }));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected changeFunnel(id: string | null): void {
    this.funnelId.set(id);
    this.selected.set(null);
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  /** The words around the limit in "€12.50 of €2,000.00". */
  protected ofWords(): [string, string] {
    return wordsAround('history.of');
  }

  /** The words around the amount in "over by €40.00". */
  protected overWords(): [string, string] {
    return wordsAround('history.overBy');
  }

  /** Share of what the period had (limit and carried) that was spent, 0..100, for the bar. */
  protected share(row: HistoryRow): number {
    if (row.available <= 0) return row.spent > 0 ? 100 : 0;
    return Math.min(100, (row.spent / row.available) * 100);
  }

  protected funnelOf(id: string): (SpendingDialogFunnel & { color?: string }) | undefined {
    return this.names().get(id);
  }

  protected isOpen(row: HistoryRow): boolean {
    return this.selected()?.start === row.start;
  }

  protected periodId(row: HistoryRow): string {
    return 'period-' + new Date(row.start).getTime();
  }

  /** Opens (or closes) a period's spendings right under it, and brings them into view. */
  protected async toggle(row: HistoryRow, focus = false): Promise<void> {
    if (this.isOpen(row) && !focus) {
      this.selected.set(null);
      return;
    }
    this.selected.set(row);
    this.reveal(row, focus);
    await this.loadSpendings(row);
    this.reveal(row, false);
  }

  protected async more(): Promise<void> {
    const row = this.selected();
    const cursor = this.nextCursor();
    if (row && cursor) await this.loadSpendings(row, cursor);
  }

  protected edit(spending: SpendingDto): void {
    this.dialog().open(spending);
  }

  protected day(instant: string): string {
    return dateFormat({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: this.timezone() }).format(new Date(instant));
  }

  private async loadSpendings(row: HistoryRow, cursor?: string): Promise<void> {
    if (!cursor) {
      this.spendings.set(null);
      this.nextCursor.set(null);
    }
    this.spendingsError.set(null);
    try {
      const funnelId = this.funnelId();
      const page = await this.api.invoke(spendingsList, { from: row.start, to: row.end, limit: 200, ...(funnelId ? { funnelId } : {}), ...(cursor ? { cursor } : {}) });
      if (this.selected()?.start !== row.start) return;
      this.spendings.set(cursor ? [...(this.spendings() ?? []), ...page.items] : page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.spendingsError.set(errorMessage(error));
      if (!cursor) this.spendings.set([]);
    }
  }

  /** After an edit or a deletion: the figures and the open list as the server has them now. */
  private async refresh(): Promise<void> {
    await this.load();
    const row = this.selected();
    const fresh = row && this.rows().find((r) => r.start === row.start);
    if (fresh) {
      this.selected.set(fresh);
      await this.loadSpendings(fresh);
    } else {
      this.selected.set(null);
    }
  }

  /** Scrolls the period (its head and its list) into view once rendered, clear of the bars at the top and bottom. */
  private reveal(row: HistoryRow, focus: boolean): void {
    afterNextRender(
      () => {
        const item = this.host.nativeElement.querySelector<HTMLElement>('#' + this.periodId(row));
        if (!item) return;
        const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        item.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
        if (focus) item.querySelector<HTMLElement>('.spendings h4')?.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }

  /** Chart.js is loaded only here, so the dashboard's bundle does not carry it. */
  private async draw(rows: HistoryRow[], locale: string): Promise<void> {
    const canvas = this.canvas()?.nativeElement;
    if (!canvas || rows.length === 0) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend } = await import('chart.js');
    if (this.destroyed || !canvas.isConnected) return; // left the page (or redrawn) while Chart.js was loading
    Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
    const root = getComputedStyle(document.documentElement);
    // The chart's text follows the person's text size like the rest of the page (Chart.js sizes in px).
    Chart.defaults.font.size = Math.round(parseFloat(root.fontSize || '16') * 0.8);
    const funnel = this.funnelId() ? this.names().get(this.funnelId()!) : null;
    const color = funnel?.color ?? (root.getPropertyValue('--accent').trim() || '#0f766e');
    const text = root.getPropertyValue('--muted').trim() || '#5b6470';
    const data = {
      labels: rows.map((r) => r.shortLabel),
      datasets: [
        { type: 'bar' as const, label: translate('history.chart.spent'), data: rows.map((r) => r.spent), backgroundColor: color, borderRadius: 6 },
        { type: 'line' as const, label: translate('history.chart.limit'), data: rows.map((r) => r.limit), borderColor: text, backgroundColor: text, borderDash: [6, 4], pointRadius: 3 },
      ],
    };
    if (this.chart && this.chart.canvas === canvas && this.chartLocale === locale) {
      this.chart.data = data;
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chartLocale = locale;
    // Right to left (Hebrew), the legend and the tooltips read right to left; the time axis still
    // runs oldest to newest from left to right, as the numbers on it do.
    const rtl = this.i18n.dir() === 'rtl';
    this.chart = new Chart(canvas, {
      data,
      options: {
        locale: formatLocale(),
        responsive: true,
        maintainAspectRatio: false,
        animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
        scales: {
          x: { ticks: { color: text, maxRotation: 0, autoSkipPadding: 8 } },
          y: { beginAtZero: true, ticks: { color: text, precision: 0, maxTicksLimit: 6, callback: (v) => axisMoney(Number(v), this.currency()) } },
        },
        plugins: {
          legend: { rtl, textDirection: rtl ? 'rtl' : 'ltr', labels: { color: text, boxWidth: 24 } },
          tooltip: {
            rtl,
            textDirection: rtl ? 'rtl' : 'ltr',
            callbacks: {
              title: (items) => this.chartRows()[items[0]?.dataIndex ?? 0]?.label ?? '',
              label: (ctx) => translate('history.chart.tooltip', { series: ctx.dataset.label ?? '', amount: this.money(Number(ctx.parsed.y)) }),
            },
          },
        },
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          const row = index === undefined ? undefined : this.chartRows()[index];
          if (row) void this.toggle(row, true);
        },
      },
    });
  }
}

