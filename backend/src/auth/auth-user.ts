/** Who is calling: set on the request by the access-token guard. */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly householdId: string;
  readonly sessionId: string;
}
