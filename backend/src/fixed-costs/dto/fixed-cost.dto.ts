import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../common/transforms';
import { IsLocalDate, IsMoney, Optional } from '../../common/validators';
import type { Every } from '../../rules/schedule';
import { says } from '../../i18n/field-text';

export const EVERY: readonly Every[] = ['month', 'week', 'year'];

export class FixedCostInputDto {
  /** The funnel it is spent from; the caller must see it. */
  @IsUUID('all', says('validation.uuid'))
  funnelId: string;

  /**
   * Each occurrence's amount: major units, more than 0 and at most 1 000 000 000, at most 2 decimals.
   * @example 1000
   */
  @IsMoney({ allowZero: false })
  amount: number;

  /**
   * What it is, up to 140 characters; the spendings it posts carry it as their note.
   * @example "Rent"
   */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(140, says('validation.maxLength', { max: 140 }))
  note?: string;

  /** How often it falls due. @example "month" */
  @IsIn(EVERY, says('validation.oneOf', { values: EVERY.join(', ') }))
  every: Every;

  /**
   * Day of the month, 1..31, for `month` and `year` (required there, refused for `week`). A day
   * past a month's end means that month's last day: 31 is the 30th in April, the 28th or 29th in February.
   * @example 1
   */
  @Optional()
  @IsInt(says('validation.wholeNumber', { min: 1, max: 31 }))
  @Min(1, says('validation.wholeNumber', { min: 1, max: 31 }))
  @Max(31, says('validation.wholeNumber', { min: 1, max: 31 }))
  day?: number;

  /** Day of the week for `week` (required there, refused otherwise): 1 = Monday … 7 = Sunday. @example 5 */
  @Optional()
  @IsInt(says('validation.weekday'))
  @Min(1, says('validation.weekday'))
  @Max(7, says('validation.weekday'))
  weekday?: number;

  /** Month for `year` (required there, refused otherwise): 1..12. @example 9 */
  @Optional()
  @IsInt(says('validation.wholeNumber', { min: 1, max: 12 }))
  @Min(1, says('validation.wholeNumber', { min: 1, max: 12 }))
  @Max(12, says('validation.wholeNumber', { min: 1, max: 12 }))
  month?: number;

  /**
   * The first day it may fall due, in the household's time zone. Due dates before the day the
   * fixed cost is added (or changed) are not posted: they count from that day on.
   * @example "2026-03-01"
   */
  @IsLocalDate()
  startsOn: string;

  /** The last day it may fall due (counted); left out: no end. Not before `startsOn`. @example "2027-02-28" */
  @Optional()
  @IsLocalDate()
  endsOn?: string;
}

export class SkipOccurrenceDto {
  /** The due date to skip (one of the fixed cost's due dates, not posted yet). @example "2026-04-01" */
  @IsLocalDate()
  dueOn: string;
}

export class FixedCostAuthorDto {
  id: string;
  /** @example "mom" */
  username: string;
}

export class FixedCostDto {
  /** Fixed cost id (UUID). */
  id: string;
  /** The funnel it is spent from. */
  funnelId: string;
  /** Each occurrence's amount, major units. @example 1000 */
  amount: number;
  /** @example "Rent" */
  note: string | null;
  /** @example "month" */
  every: Every;
  /** Day of the month (month, year); null for week. @example 1 */
  day: number | null;
  /** 1 = Monday … 7 = Sunday (week); null otherwise. */
  weekday: number | null;
  /** 1..12 (year); null otherwise. */
  month: number | null;
  /** @example "2026-03-01" */
  startsOn: string;
  /** null: no end. */
  endsOn: string | null;
  /** The next due date that will be posted (skipped ones left out); null when none is left. @example "2026-04-01" */
  nextDueOn: string | null;
  /** Upcoming due dates that were skipped, oldest first. */
  skipped: string[];
  /** Who added it: the spendings it posts are theirs. */
  createdBy: FixedCostAuthorDto;
  createdAt: Date;
  updatedAt: Date;
}

export class FixedCostListQueryDto {
  /** Only the fixed costs of this funnel. */
  @Optional()
  @IsUUID('all', says('validation.uuid'))
  funnelId?: string;
}
