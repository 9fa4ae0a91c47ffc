import { ChangeDetectionStrategy, Component, OnInit, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FixedCostDto, FixedCostInputDto } from '../api/models';
import { parseAmount } from '../core/money';
import { ordinal } from '../core/household-dates';
import { monthName, scheduleWords, weekdayName } from '../core/schedule-words';

export interface FixedCostFormFunnel {
  id: string;
  name: string;
  emoji: string;
}

type Every = FixedCostInputDto['every'];
type Problems = Partial<Record<'note' | 'amount' | 'funnel' | 'startsOn' | 'endsOn', string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days in `month` (1..12) of a leap year: 29 February may be chosen (it falls on the 28th in other years). */
function daysIn(month: number): number {
  return new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/**
 * Add or change a fixed cost: what it is, how much, from which funnel, how often (each month on
 * a day, each week on a weekday, each year on a date), from when and until when.
 */
@Component({
  selector: 'app-fixed-cost-form',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (ngSubmit)="submit()" novalidate data-testid="fixed-cost-form">
      <div class="two">
        <div class="field">
          <label for="fc-note">What is it <span class="hint">rent, a subscription…</span></label>
          <input id="fc-note" name="note" maxlength="140" autocomplete="off" [(ngModel)]="note"
            [attr.aria-invalid]="touched() && !!problems().note" aria-describedby="fc-note-error" />
          @if (touched() && problems().note) { <div class="field-error" id="fc-note-error">{{ problems().note }}</div> }
        </div>
        <div class="field">
          <label for="fc-amount">Amount</label>
          <input id="fc-amount" name="amount" inputmode="decimal" autocomplete="off" [(ngModel)]="amount"
            [attr.aria-invalid]="touched() && !!problems().amount" aria-describedby="fc-amount-error" />
          @if (touched() && problems().amount) { <div class="field-error" id="fc-amount-error">{{ problems().amount }}</div> }
        </div>
      </div>
      <div class="field">
        <label for="fc-funnel">Spent from</label>
        <select id="fc-funnel" name="funnel" [(ngModel)]="funnelId" [attr.aria-invalid]="touched() && !!problems().funnel" aria-describedby="fc-funnel-error">
          @for (f of funnels(); track f.id) { <option [value]="f.id">{{ f.emoji }} {{ f.name }}</option> }
        </select>
        @if (touched() && problems().funnel) { <div class="field-error" id="fc-funnel-error">{{ problems().funnel }}</div> }
      </div>
      <div class="two">
        <div class="field">
          <label for="fc-every">How often</label>
          <select id="fc-every" name="every" [ngModel]="every()" (ngModelChange)="setEvery($event)">
            <option value="month">Every month</option>
            <option value="week">Every week</option>
            <option value="year">Every year</option>
          </select>
        </div>
        @switch (every()) {
          @case ('week') {
            <div class="field">
              <label for="fc-weekday">On</label>
              <select id="fc-weekday" name="weekday" [(ngModel)]="weekday">
                @for (w of weekdays; track w.value) { <option [ngValue]="w.value">{{ w.label }}</option> }
              </select>
            </div>
          }
          @case ('year') {
            <div class="field">
              <label for="fc-month">Month</label>
              <select id="fc-month" name="month" [ngModel]="month()" (ngModelChange)="setMonth($event)">
                @for (m of months; track m.value) { <option [ngValue]="m.value">{{ m.label }}</option> }
              </select>
            </div>
          }
          @default {
            <div class="field">
              <label for="fc-day">On day</label>
              <select id="fc-day" name="day" [(ngModel)]="day" aria-describedby="fc-day-hint">
                @for (d of monthDays; track d) { <option [ngValue]="d">{{ d === 31 ? 'the last day' : 'the ' + ordinal(d) }}</option> }
              </select>
            </div>
          }
        }
      </div>
      @if (every() === 'year') {
        <div class="field">
          <label for="fc-year-day">Day</label>
          <select id="fc-year-day" name="yearDay" [(ngModel)]="day">
            @for (d of yearDays(); track d) { <option [ngValue]="d">{{ d }}</option> }
          </select>
        </div>
      }
      @if (every() === 'month') {
        <p class="hint field-hint" id="fc-day-hint">The 29th and 30th fall on the last day of shorter months.</p>
      }
      <div class="two">
        <div class="field">
          <label for="fc-starts">From</label>
          <input id="fc-starts" name="startsOn" type="date" required [(ngModel)]="startsOn"
            [attr.aria-invalid]="touched() && !!problems().startsOn" aria-describedby="fc-starts-error" />
          @if (touched() && problems().startsOn) { <div class="field-error" id="fc-starts-error">{{ problems().startsOn }}</div> }
        </div>
        <div class="field">
          <label for="fc-ends">Until <span class="hint">optional</span></label>
          <input id="fc-ends" name="endsOn" type="date" [(ngModel)]="endsOn"
            [attr.aria-invalid]="touched() && !!problems().endsOn" aria-describedby="fc-ends-error" />
          @if (touched() && problems().endsOn) { <div class="field-error" id="fc-ends-error">{{ problems().endsOn }}</div> }
        </div>
      </div>
      <p class="hint" data-testid="fixed-cost-summary">
        {{ summary() }}. On each due date it is recorded as a spending; until then it is set aside from the allowance.
        @if (fixedCost()) { A change applies from today on: what it posted already stays. }
      </p>
      @if (serverError()) { <p class="error-box" role="alert">{{ serverError() }}</p> }
      <div class="row">
        <span class="spacer"></span>
        <button type="button" class="btn" (click)="cancelled.emit()">Cancel</button>
        <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ fixedCost() ? 'Save' : 'Add' }}</button>
      </div>
    </form>
  `,
  styles: `
    .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr)); gap: 0 .75rem; }
    .field-hint { margin: -.6rem 0 .9rem; }
  `,
})
export class FixedCostFormComponent implements OnInit {
  /** The fixed cost to change; null to add one. */
  readonly fixedCost = input<FixedCostDto | null>(null);
  readonly funnels = input.required<FixedCostFormFunnel[]>();
  /** The funnel a new one is for (the list's filter), if any. */
  readonly funnelFor = input<string | null>(null);
  /** Today in the household's time zone, `YYYY-MM-DD`: a new one starts then. */
  readonly today = input.required<string>();
  readonly busy = input(false);
  readonly serverError = input<string | null>(null);
  readonly saved = output<FixedCostInputDto>();
  readonly cancelled = output<void>();

  protected note = '';
  protected amount = '';
  protected funnelId = '';
  protected readonly every = signal<Every>('month');
  protected day = 1;
  protected weekday = 1;
  protected readonly month = signal(1);
  protected startsOn = '';
  protected endsOn = '';
  protected readonly touched = signal(false);

  protected readonly ordinal = ordinal;
  protected readonly monthDays = Array.from({ length: 31 }, (_, i) => i + 1);
  protected readonly weekdays = Array.from({ length: 7 }, (_, i) => ({ value: i + 1, label: weekdayName(i + 1) }));
  protected readonly months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: monthName(i + 1) }));
  protected readonly yearDays = computed(() => Array.from({ length: daysIn(this.month()) }, (_, i) => i + 1));

  ngOnInit(): void {
    const cost = this.fixedCost();
    const today = this.today();
    const [, m, d] = today.split('-').map(Number);
    if (cost) {
      this.note = cost.note ?? '';
      this.amount = String(cost.amount);
      this.funnelId = cost.funnelId;
      this.every.set(cost.every);
      this.day = cost.day ?? d;
      this.weekday = cost.weekday ?? 1;
      this.month.set(cost.month ?? m);
      this.startsOn = cost.startsOn;
      this.endsOn = cost.endsOn ?? '';
    } else {
      // From today, on today's date: the most likely schedule of something just paid.
      this.funnelId = this.funnelFor() ?? this.funnels()[0]?.id ?? '';
      this.day = d;
      this.weekday = ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
      this.month.set(m);
      this.startsOn = today;
    }
  }

  /** The schedule as it reads now ("Monthly on the 1st"). */
  protected summary(): string {
    return scheduleWords({ every: this.every(), day: this.day, weekday: this.weekday, month: this.month() });
  }

  protected setEvery(every: Every): void {
    this.every.set(every);
    if (every === 'year') this.day = Math.min(this.day, daysIn(this.month()));
  }

  protected setMonth(month: number): void {
    this.month.set(month);
    this.day = Math.min(this.day, daysIn(month));
  }

  protected problems(): Problems {
    const problems: Problems = {};
    if (this.note.trim().length > 140) problems.note = 'At most 140 characters.';
    if (parseAmount(this.amount) === null) problems.amount = 'Enter an amount above 0 with at most 2 decimals, like 12.50.';
    if (!this.funnels().some((f) => f.id === this.funnelId)) problems.funnel = 'Choose the funnel it is spent from.';
    if (!DAY.test(this.startsOn)) problems.startsOn = 'Choose the first day it may fall due.';
    if (this.endsOn && !DAY.test(this.endsOn)) problems.endsOn = 'Choose a date, or leave it empty for no end.';
    else if (this.endsOn && DAY.test(this.startsOn) && this.endsOn < this.startsOn) problems.endsOn = 'The end cannot be before the start.';
    return problems;
  }

  protected submit(): void {
    this.touched.set(true);
    if (Object.keys(this.problems()).length > 0) return;
    const every = this.every();
    const note = this.note.trim();
    this.saved.emit({
      funnelId: this.funnelId,
      amount: parseAmount(this.amount)!,
      every,
      ...(every === 'week' ? { weekday: this.weekday } : { day: this.day }),
      ...(every === 'year' ? { month: this.month() } : {}),
      startsOn: this.startsOn,
      ...(this.endsOn ? { endsOn: this.endsOn } : {}),
      ...(note ? { note } : {}),
    });
  }
}
