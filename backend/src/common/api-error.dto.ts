/** The error body every failing request gets. */
export class ApiErrorDto {
  /** HTTP status code, repeated. */
  statusCode: number;
  /** HTTP reason phrase, e.g. "Bad Request". */
  error: string;
  /**
   * What went wrong, in plain words: a string, or a list of strings that each name a field.
   * @example ["amount must be a number with at most 2 decimals"]
   */
  message: string | string[];
  /**
   * Machine-readable cause, for 401s: `session_replaced` (signed in on another device),
   * `session_ended`, `refresh_reused`, `refresh_race`, `invalid_token`, `missing_token`,
   * `invalid_credentials`, `invalid_ticket` (the event stream's ticket is unknown, used or expired).
   */
  reason?: string;
}
