/** The error body every failing request gets. */
export class ApiErrorDto {
  /** HTTP status code, repeated. */
  statusCode: number;
  /** HTTP reason phrase, e.g. "Bad Request". */
  error: string;
  /**
   * What went wrong, in plain words: a string, or a list of strings that each name a field (by
   * its API name, in any language). Written in the language the request's `Accept-Language`
   * asks for: the supported one (en, de, ru, he) with the highest weight, English when it names
   * none or is absent. The PWA sends its chosen language.
   * @example ["amount must have at most 2 decimal places"]
   */
  message: string | string[];
  /**
   * Machine-readable cause (never translated), for 401s: `session_replaced` (signed in on another device),
   * `session_ended`, `refresh_reused`, `refresh_race`, `invalid_token`, `missing_token`,
   * `invalid_credentials`, `invalid_ticket` (the event stream's ticket is unknown, used or expired);
   * for a 400 of the import, `dates_ambiguous` (dates like 03/04/2024 and nothing in the file
   * tells the month: send `dateOrder`).
   */
  reason?: string;
}
