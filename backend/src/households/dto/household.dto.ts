import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsCurrencyCode, IsIanaTimeZone, Optional } from '../../common/validators';
import { Trim } from '../../common/transforms';
import { says } from '../../i18n/field-text';

export class MemberDto {
  /** User id (UUID). */
  id: string;
  /**
   * The member's username.
   * @example "anna"
   */
  username: string;
}

export class HouseholdDto {
  /** Household id (UUID). */
  id: string;
  /**
   * Display name of the household.
   * @example "anna's household"
   */
  name: string;
  /** Day of the month (1..28) on which a budget period starts: the pay day. @example 15 */
  periodStartDay: number;
  /** IANA time zone in which periods and "today" are counted. @example "Europe/Berlin" */
  timezone: string;
  /** ISO 4217 display currency. @example "EUR" */
  currency: string;
  /**
   * Set when the household's first period counts from this day on, its limits prorated to the
   * days left (chosen at setup); null when every period counts in full.
   */
  countedFrom: Date | null;
  /** Everyone in the household, in the order they joined. */
  members: MemberDto[];
}

export class UpdateHouseholdDto {
  /**
   * 1 to 60 characters.
   * @example "The Smiths"
   */
  @Optional()
  @Trim()
  @IsString()
  @Length(1, 60, says('validation.length', { min: 1, max: 60 }))
  name?: string;

  /**
   * Day of the month (1..28) on which a budget period starts.
   * @example 15
   */
  @Optional()
  @IsInt(says('validation.wholeNumber', { min: 1, max: 28 }))
  @Min(1, says('validation.wholeNumber', { min: 1, max: 28 }))
  @Max(28, says('validation.wholeNumber', { min: 1, max: 28 }))
  periodStartDay?: number;

  /**
   * IANA time zone.
   * @example "Europe/Berlin"
   */
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;

  /**
   * ISO 4217 currency code.
   * @example "EUR"
   */
  @Optional()
  @IsCurrencyCode()
  currency?: string;

  /**
   * For a household that starts in the middle of a period (first-run setup): `true` counts this
   * first period from today, each limit prorated to the days left, so today's allowance is an
   * ordinary day's share; `false` counts it in full. Only while the first period runs.
   */
  @Optional()
  @IsBoolean(says('validation.trueOrFalse'))
  prorateFirstPeriod?: boolean;
}

export class InviteDto {
  /** Single-use code for `/register?invite=CODE` or `POST /api/household/join`. @example "K7M2-QX9P-4HTR" */
  code: string;
  /** The code stops working 48 hours after it was made. */
  expiresAt: Date;
}

export class JoinHouseholdDto {
  /**
   * An invite code from a member of the household to join.
   * @example "K7M2-QX9P-4HTR"
   */
  @Trim()
  @IsString()
  @Length(1, 64, says('validation.inviteCode'))
  code: string;
}

export class InviteHouseholdDto {
  /** @example "The Smiths" */
  name: string;
  /** Its members' usernames, in the order they joined. */
  members: string[];
  /** Its shared funnels, as "🍞 Food", in display order: a new member spends from these. */
  sharedFunnels: string[];
}

/** What an invite code leads to, shown before someone registers or joins with it. */
export class InvitePreviewDto {
  /** `household`: a member's invite, to join their household; `new-household`: the operator's, for a household of one's own. */
  @ApiProperty({ enum: ['household', 'new-household'] })
  kind: 'household' | 'new-household';
  /** The household to join (for a member's invite), or null. */
  household: InviteHouseholdDto | null;
  /** When the code stops working. */
  expiresAt: Date;
}
