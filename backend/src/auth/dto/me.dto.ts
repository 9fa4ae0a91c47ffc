import { IsIn } from 'class-validator';
import { LOCALES } from '../../rules/locale';
import { says } from '../../i18n/field-text';

export class HouseholdSummaryDto {
  /** Household id (UUID). */
  id: string;
  /**
   * Display name of the household.
   * @example "anna's household"
   */
  name: string;
  /** Day of the month (1..28) on which a budget period starts. */
  periodStartDay: number;
  /** IANA time zone in which periods and "today" are counted. @example "Europe/Berlin" */
  timezone: string;
  /** ISO 4217 display currency. @example "EUR" */
  currency: string;
}

export class MeDto {
  /** User id (UUID). */
  id: string;
  /**
   * The username as chosen at registration.
   * @example "anna"
   */
  username: string;
  /** The household the user belongs to, with its budget settings. */
  household: HouseholdSummaryDto;
  /**
   * The language the user chose for the app (en, de, ru, he), which the server's texts to them
   * (notifications) follow; null until they chose one (the app follows the browser, the server writes English).
   * @example "de"
   */
  locale: string | null;
}

export class UpdateMeDto {
  /** The language: en (English), de (Deutsch), ru (Русский) or he (עברית). @example "de" */
  @IsIn(LOCALES, says('validation.oneOf', { values: LOCALES.join(', ') }))
  locale: (typeof LOCALES)[number];
}
