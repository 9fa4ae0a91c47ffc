import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/transforms';
import { IsMoney, IsSingleEmoji, Optional } from '../../common/validators';
import { says } from '../../i18n/field-text';

export class FunnelInputDto {
  /**
   * 1 to 40 characters (trimmed).
   * @example "Food"
   */
  @Trim()
  @IsString()
  @Length(1, 40, says('validation.length', { min: 1, max: 40 }))
  name: string;

  /**
   * Exactly one emoji (one grapheme cluster: 👨‍👩‍👧‍👦 counts as one).
   * @example "🍞"
   */
  @IsSingleEmoji()
  emoji: string;

  /**
   * Colour as `#rrggbb`.
   * @example "#ffa500"
   */
  @IsString()
  @Matches(/^#[0-9a-fA-F]{6}$/, says('validation.colour'))
  color: string;

  /**
   * Monthly limit in major units, 0 to 1 000 000 000, at most 2 decimals. A change applies to
   * the current period and later ones; earlier periods keep the limit they had.
   * @example 2000
   */
  @IsMoney({ allowZero: true })
  limit: number;

  /**
   * Shared funnels are seen, used and edited by every household member; personal ones only by
   * their owner. Default false on create; on update, omitted means unchanged. Only the owner may
   * make a shared funnel personal (403 for anyone else).
   */
  @Optional()
  @IsBoolean(says('validation.trueOrFalse'))
  shared?: boolean;

  /**
   * Rollover: each period starts with what the previous one left (`carried` in the budget;
   * negative when it was overspent). Default false on create; on update, omitted means
   * unchanged. A change applies from the current period on; earlier periods keep theirs.
   */
  @Optional()
  @IsBoolean(says('validation.trueOrFalse'))
  rollover?: boolean;
}

export class FunnelDto {
  /** Funnel id (UUID). */
  id: string;
  /**
   * Funnel name.
   * @example "Food"
   */
  name: string;
  /**
   * One emoji.
   * @example "🍞"
   */
  emoji: string;
  /**
   * Colour, `#rrggbb` in lower case.
   * @example "#ffa500"
   */
  color: string;
  /** The limit in force for the current period, in major units. @example 2000 */
  limit: number;
  /** Rollover in force for the current period. */
  rollover: boolean;
  /** True when every household member sees it. */
  shared: boolean;
  /**
   * Its owner: who created it, or the member a shared funnel passed to when its owner left.
   * For a personal funnel the only one who sees it; for a shared one the only one who may
   * delete it or make it personal.
   */
  ownerId: string;
  /** When it was created. */
  createdAt: Date;
  /** How many spendings it holds: deleting the funnel deletes them all. */
  spendingCount: number;
}
