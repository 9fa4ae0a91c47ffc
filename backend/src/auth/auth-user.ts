/** The budget settings of a household that periods and formatting depend on. */
export interface HouseholdSettings {
  readonly periodStartDay: number;
  readonly timezone: string;
  readonly currency: string;
  /** The household's first period counts from this instant on (limits prorated); null: in full. */
  readonly countedFrom: Date | null;
}

/** Who is calling: set on the request by the access-token guard, fresh from the database. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly householdId: string;
  readonly household: HouseholdSettings;
  readonly sessionId: string;
}
