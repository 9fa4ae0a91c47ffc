import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FixedCostDto, FixedCostInputDto } from '../api/models';
import { I18n } from '../core/i18n';
import { parseAmount } from '../core/money';
import { ordinal } from '../core/household-dates';
import { monthName, scheduleWords, weekdayName } from '../core/schedule-words';
import type { MessageKey } from '../i18n/en';

export interface FixedCostFormFunnel {
  id: string;
  name: string;
  emoji: string;
}

type Every = FixedCostInputDto['every'];
/** What is wrong, field by field: keys of the texts, said in the language of the moment. */
type Problems = Partial<Record<'note' | 'amount' | 'funnel' | 'startsOn' | 'endsOn', MessageKey>>;

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
          <label for="fc-note">{{ t('settings.fixedCostForm.what') }} <span class="hint">{{ t('settings.fixedCostForm.whatHint') }}</span></label>
          <input id="fc-note" name="note" maxlength="140" autocomplete="off" dir="auto" [(ngModel)]="note"
            [attr.aria-invalid]="touched() && !!problems().note" aria-describedby="fc-note-error" />
          @if (touched() && problems().note) { <div class="field-error" id="fc-note-error">{{ t(problems().note!) }}</div> }
        </div>
        <div class="field">
          <label for="fc-amount">{{ t('settings.fixedCostForm.amount') }}</label>
          <input id="fc-amount" name="amount" inputmode="decimal" autocomplete="off" [(ngModel)]="amount"
            [attr.aria-invalid]="touched() && !!problems().amount" aria-describedby="fc-amount-error" />
          @if (touched() && problems().amount) { <div class="field-error" id="fc-amount-error">{{ t(problems().amount!) }}</div> }
        </div>
      </div>
      <div class="field">
        <label for="fc-funnel">{{ t('settings.fixedCostForm.spentFrom') }}</label>
        <select id="fc-funnel" name="funnel" [(ngModel)]="funnelId" [attr.aria-invalid]="touched() && !!problems().funnel" aria-describedby="fc-funnel-error">
          @for (f of funnels(); track f.id) { <option [value]="f.id">{{ f.emoji }} {{ f.name }}</option> }
        </select>
        @if (touched() && problems().funnel) { <div class="field-error" id="fc-funnel-error">{{ t(problems().funnel!) }}</div> }
      </div>
      <div class="two">
        <div class="field">
          <label for="fc-every">{{ t('settings.fixedCostForm.howOften') }}</label>
          <select id="fc-every" name="every" [ngModel]="every()" (ngModelChange)="setEvery($event)">
            <option value="month">{{ t('settings.fixedCostForm.everyMonth') }}</option>
            <option value="week">{{ t('settings.fixedCostForm.everyWeek') }}</option>
            <option value="year">{{ t('settings.fixedCostForm.everyYear') }}</option>
          </select>
        </div>
        @switch (every()) {
          @case ('week') {
            <div class="field">
              <label for="fc-weekday">{{ t('settings.fixedCostForm.onWeekday') }}</label>
              <select id="fc-weekday" name="weekday" [(ngModel)]="weekday">
                @for (w of weekdays; track w) { <option [ngValue]="w">{{ weekdayName(w) }}</option> }
              </select>
            </div>
          }
          @case ('year') {
            <div class="field">
              <label for="fc-month">{{ t('settings.fixedCostForm.month') }}</label>
              <select id="fc-month" name="month" [ngModel]="month()" (ngModelChange)="setMonth($event)">
                @for (m of months; track m) { <option [ngValue]="m">{{ monthName(m) }}</option> }
              </select>
            </div>
          }
          @default {
            <div class="field">
              <label for="fc-day">{{ t('settings.fixedCostForm.onDay') }}</label>
              <select id="fc-day" name="day" [(ngModel)]="day" aria-describedby="fc-day-hint">
                @for (d of monthDays; track d) {
                  <option [ngValue]="d">{{ d === 31 ? t('settings.fixedCostForm.lastDayOption') : t('settings.fixedCostForm.dayOption', { day: ordinal(d) }) }}</option>
                }
              </select>
            </div>
          }
        }
      </div>
      @if (every() === 'year') {
        <div class="field">
          <label for="fc-year-day">{{ t('settings.fixedCostForm.day') }}</label>
          <select id="fc-year-day" name="yearDay" [(ngModel)]="day">
            @for (d of yearDays(); track d) { <option [ngValue]="d">{{ d }}</option> }
          </select>
        </div>
      }
      @if (every() === 'month') {
        <p class="hint field-hint" id="fc-day-hint">{{ t('settings.fixedCostForm.shortMonths') }}</p>
      }
      <div class="two">
        <div class="field">
          <label for="fc-starts">{{ t('settings.fixedCostForm.from') }}</label>
          <input id="fc-starts" name="startsOn" type="date" required [(ngModel)]="startsOn"
            [attr.aria-invalid]="touched() && !!problems().startsOn" aria-describedby="fc-starts-error" />
          @if (touched() && problems().startsOn) { <div class="field-error" id="fc-starts-error">{{ t(problems().startsOn!) }}</div> }
        </div>
        <div class="field">
          <label for="fc-ends">{{ t('settings.fixedCostForm.until') }} <span class="hint">{{ t('settings.fixedCostForm.optional') }}</span></label>
          <input id="fc-ends" name="endsOn" type="date" [(ngModel)]="endsOn"
            [attr.aria-invalid]="touched() && !!problems().endsOn" aria-describedby="fc-ends-error" />
          @if (touched() && problems().endsOn) { <div class="field-error" id="fc-ends-error">{{ t(problems().endsOn!) }}</div> }
        </div>
      </div>
      <p class="hint" data-testid="fixed-cost-summary">
        {{ t('settings.fixedCostForm.summary', { schedule: summary() }) }}
        @if (fixedCost()) { {{ t('settings.fixedCostForm.changeFromToday') }} }
      </p>
      @if (serverError()) { <p class="error-box" role="alert">{{ serverError() }}</p> }
      <div class="row">
        <span class="spacer"></span>
        <button type="button" class="btn" (click)="cancelled.emit()">{{ t('settings.cancel') }}</button>
        <button type="submit" class="btn btn-primary" [disabled]="busy()">{{ fixedCost() ? t('settings.save') : t('settings.fixedCostForm.add') }}</button>
      </div>
    </form>
  `,
  styles: `
    .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr)); gap: 0 .75rem; }
    .field-hint { margin: -.6rem 0 .9rem; }
    label, .hint { overflow-wrap: anywhere; }
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
  protected readonly t = inject(I18n).t;

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

  /** Named when drawn, so a language switch renames them. */
  protected readonly ordinal = (day: number) => ordinal(day);
  protected readonly weekdayName = (weekday: number) => weekdayName(weekday);
  protected readonly monthName = (month: number) => monthName(month);
  protected readonly monthDays = Array.from({ length: 31 }, (_, i) => i + 1);
  protected readonly weekdays = Array.from({ length: 7 }, (_, i) => i + 1);
  protected readonly months = Array.from({ length: 12 }, (_, i) => i + 1);
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
    if (this.note.trim().length > 140) problems.note = 'settings.fixedCostForm.noteTooLong';
    if (parseAmount(this.amount) === null) problems.amount = 'settings.fixedCostForm.badAmount';
    if (!this.funnels().some((f) => f.id === this.funnelId)) problems.funnel = 'settings.fixedCostForm.noFunnel';
    if (!DAY.test(this.startsOn)) problems.startsOn = 'settings.fixedCostForm.noStart';
    if (this.endsOn && !DAY.test(this.endsOn)) problems.endsOn = 'settings.fixedCostForm.badEnd';
    else if (this.endsOn && DAY.test(this.startsOn) && this.endsOn < this.startsOn) problems.endsOn = 'settings.fixedCostForm.endBeforeStart';
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
