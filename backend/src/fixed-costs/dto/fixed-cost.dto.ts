import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../common/transforms';
import { IsLocalDate, IsMoney, Optional } from '../../common/validators';
import type { Every } from '../../rules/schedule';

export const EVERY: readonly Every[] = ['month', 'week', 'year'];

export class FixedCostInputDto {
  /** The funnel it is spent from; the caller must see it. */
  @IsUUID('all', { message: 'funnelId must be a UUID' })
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
  @MaxLength(140, { message: 'note must be at most 140 characters' })
  note?: string;

  /** How often it falls due. @example "month" */
  @IsIn(EVERY, { message: 'every must be one of month, week, year' })
  every: Every;

  /**
   * Day of the month, 1..31, for `month` and `year` (required there, refused for `week`). A day
   * past a month's end means that month's last day: 31 is the 30th in April, the 28th or 29th in February.
   * @example 1
   */
  @Optional()
  @IsInt({ message: 'day must be a whole number from 1 to 31' })
  @Min(1, { message: 'day must be a whole number from 1 to 31' })
  @Max(31, { message: 'day must be a whole number from 1 to 31' })
  day?: number;

  /** Day of the week for `week` (required there, refused otherwise): 1 = Monday … 7 = Sunday. @example 5 */
  @Optional()
  @IsInt({ message: 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  weekday?: number;

  /** Month for `year` (required there, refused otherwise): 1..12. @example 9 */
  @Optional()
  @IsInt({ message: 'month must be a whole number from 1 to 12' })
  @Min(1, { message: 'month must be a whole number from 1 to 12' })
  @Max(12, { message: 'month must be a whole number from 1 to 12' })
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
  @IsUUID('all', { message: 'funnelId must be a UUID' })
  funnelId?: string;
}
