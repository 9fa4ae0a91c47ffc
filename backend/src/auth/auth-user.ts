import { HouseholdSettings } from '../rules/household-settings';

/** Who is calling: set on the request by the access-token guard, fresh from the database. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly householdId: string;
  readonly household: HouseholdSettings;
  readonly sessionId: string;
}
