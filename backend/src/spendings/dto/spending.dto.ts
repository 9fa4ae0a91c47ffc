import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../common/transforms';
import { IsInstant, IsMoney, Optional } from '../../common/validators';
import { says } from '../../i18n/field-text';

export class CreateSpendingDto {
  /** The funnel to spend from; the caller must see it. */
  @IsUUID('all', says('validation.uuid'))
  funnelId: string;

  /**
   * Major units, more than 0 and at most 1 000 000 000, with at most 2 decimals.
   * @example 12.5
   */
  @IsMoney({ allowZero: false })
  amount: number;

  /**
   * When the money was spent; defaults to now.
   * @example "2026-03-10T12:30:00Z"
   */
  @Optional()
  @IsInstant()
  spentAt?: string;

  /**
   * Up to 140 characters.
   * @example "Bakery"
   */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(140, says('validation.maxLength', { max: 140 }))
  note?: string;

  /**
   * A UUID chosen by the client (e.g. for an entry made offline). Sending the same id again
   * returns the stored spending with 200 instead of creating a second one.
   */
  @Optional()
  @IsUUID('all', says('validation.uuid'))
  id?: string;
}

export class UpdateSpendingDto {
  /** The funnel to spend from; the caller must see it. */
  @IsUUID('all', says('validation.uuid'))
  funnelId: string;

  /**
   * Major units, more than 0 and at most 1 000 000 000, with at most 2 decimals.
   * @example 12.5
   */
  @IsMoney({ allowZero: false })
  amount: number;

  /**
   * When the money was spent.
   * @example "2026-03-10T12:30:00Z"
   */
  @IsInstant()
  spentAt: string;

  /** Up to 140 characters; omitted or empty means no note. */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(140, says('validation.maxLength', { max: 140 }))
  note?: string;
}

export class SpendingRangeQueryDto {
  /**
   * Only spendings at or after this instant.
   * @example "2026-03-01T00:00:00Z"
   */
  @Optional()
  @IsInstant()
  from?: string;

  /**
   * Only spendings before this instant.
   * @example "2026-04-01T00:00:00Z"
   */
  @Optional()
  @IsInstant()
  to?: string;
}

export class ListSpendingsQueryDto extends SpendingRangeQueryDto {
  /** Only spendings of this funnel. */
  @Optional()
  @IsUUID('all', says('validation.uuid'))
  funnelId?: string;

  /** Page size, 1..200 (default 50). */
  @Optional()
  @Type(() => Number)
  @IsInt(says('validation.wholeNumber', { min: 1, max: 200 }))
  @Min(1, says('validation.wholeNumber', { min: 1, max: 200 }))
  @Max(200, says('validation.wholeNumber', { min: 1, max: 200 }))
  limit?: number;

  /** `nextCursor` of the previous page. */
  @Optional()
  @IsString()
  @MaxLength(200, says('validation.maxLength', { max: 200 }))
  cursor?: string;
}

export class SpendingAuthorDto {
  /** User id (UUID). */
  id: string;
  /**
   * The author's username.
   * @example "anna"
   */
  username: string;
}

export class SpendingDto {
  /** Spending id (UUID). */
  id: string;
  /** The funnel it was spent from. */
  funnelId: string;
  /** Major units. @example 12.5 */
  amount: number;
  /** When the money was spent. */
  spentAt: Date;
  /** Free text, or null. */
  note: string | null;
  /** Who entered it. */
  createdBy: SpendingAuthorDto;
  /** When it was entered. */
  createdAt: Date;
  /** When it was last changed. */
  updatedAt: Date;
  /** The fixed cost it was posted from (rent, a subscription …); null for a spending someone entered. */
  fixedCostId: string | null;
}

export class SpendingPageDto {
  /** Newest `spentAt` first. */
  items: SpendingDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
