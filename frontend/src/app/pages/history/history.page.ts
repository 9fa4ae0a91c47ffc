import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, OnInit, computed, effect, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Chart } from 'chart.js';
import { Api } from '../../api/api';
import { budgetHistory, householdsGet, spendingsList } from '../../api/functions';
import { HistoryPeriodDto, SpendingDto } from '../../api/models';
import { errorMessage } from '../../core/error-message';
import { formatMoney } from '../../core/money';
import { HistoryRow, historyFunnels, historyRows } from './history';
import { dateFormat } from '../../core/date-format';

/** Spent against the limit in force then, over the last periods: a chart and the same numbers as a table. */
@Component({
  selector: 'app-history-page',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history.page.html',
  styleUrl: './history.page.css',
})
export class HistoryPage implements OnInit {
  private readonly api = inject(Api);
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('chart');
  private chart: Chart | null = null;

  protected readonly periods = signal<HistoryPeriodDto[] | null>(null);
  protected readonly currency = signal('EUR');
  protected readonly timezone = signal('UTC');
  protected readonly error = signal<string | null>(null);
  protected readonly funnelId = signal<string | null>(null);
  protected readonly count = signal(6);
  protected readonly selected = signal<HistoryRow | null>(null);
  protected readonly spendings = signal<SpendingDto[] | null>(null);

  protected readonly funnels = computed(() => historyFunnels(this.periods() ?? []));
  protected readonly rows = computed(() => historyRows(this.periods() ?? [], this.funnelId(), this.timezone()));
  private readonly names = computed(() => new Map(this.funnels().map((f) => [f.id, f])));

  constructor() {
    effect(() => void this.draw(this.rows()));
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  async ngOnInit(): Promise<void> {
    try {
      const household = await this.api.invoke(householdsGet);
      this.currency.set(household.currency);
      this.timezone.set(household.timezone);
    } catch {
      // Formatting falls back to EUR/UTC; the history itself still loads.
    }
    await this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.periods.set(await this.api.invoke(budgetHistory, { periods: this.count() }));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected money(value: number): string {
    return formatMoney(value, this.currency());
  }

  protected funnelName(id: string): string {
    const f = this.names().get(id);
    return f ? f.name : '';
  }

  protected async choose(row: HistoryRow): Promise<void> {
    this.selected.set(row);
    this.spendings.set(null);
    try {
      const page = await this.api.invoke(spendingsList, { from: row.start, to: row.end, limit: 200, ...(this.funnelId() ? { funnelId: this.funnelId()! } : {}) });
      this.spendings.set(page.items);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  protected day(instant: string): string {
    return dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: this.timezone() }).format(new Date(instant));
  }

  /** Chart.js is loaded only here, so the dashboard's bundle does not carry it. */
  private async draw(rows: HistoryRow[]): Promise<void> {
    const canvas = this.canvas()?.nativeElement;
    if (!canvas || rows.length === 0) return;
    const { Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend } = await import('chart.js');
    Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
    const funnel = this.funnelId() ? this.names().get(this.funnelId()!) : null;
    const color = funnel?.color ?? (getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#0f766e');
    const text = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || '#5b6470';
    const data = {
      labels: rows.map((r) => r.label),
      datasets: [
        { type: 'bar' as const, label: 'Spent', data: rows.map((r) => r.spent), backgroundColor: color, borderRadius: 6 },
        { type: 'line' as const, label: 'Limit', data: rows.map((r) => r.limit), borderColor: text, backgroundColor: text, borderDash: [6, 4], pointRadius: 3 },
      ],
    };
    if (this.chart) {
      this.chart.data = data;
      this.chart.update();
      return;
    }
    this.chart = new Chart(canvas, {
      data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
        scales: { x: { ticks: { color: text } }, y: { beginAtZero: true, ticks: { color: text, callback: (v) => this.money(Number(v)) } } },
        plugins: {
          legend: { labels: { color: text } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${this.money(Number(ctx.parsed.y))}` } },
        },
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          if (index !== undefined) void this.choose(this.rows()[index]);
        },
      },
    });
  }
}
