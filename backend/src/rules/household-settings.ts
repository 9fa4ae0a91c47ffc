/** The budget settings of a household that periods and formatting depend on. */
export interface HouseholdSettings {
  readonly periodStartDay: number;
  readonly timezone: string;
  readonly currency: string;
  /** The household's first period counts from this instant on (limits prorated); null: in full. */
  readonly countedFrom: Date | null;
}
