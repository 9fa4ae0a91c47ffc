export class HouseholdSummaryDto {
  id: string;
  /** @example "anna's household" */
  name: string;
  /** Day of the month (1..28) on which a budget period starts. */
  periodStartDay: number;
  /** IANA time zone in which periods and "today" are counted. @example "Europe/Berlin" */
  timezone: string;
  /** ISO 4217 display currency. @example "EUR" */
  currency: string;
}

export class MeDto {
  id: string;
  /** @example "anna" */
  username: string;
  household: HouseholdSummaryDto;
}
