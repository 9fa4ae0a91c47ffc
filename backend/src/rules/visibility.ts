/**
 * Who may see a funnel, and so its spendings and figures: every member sees the shared funnels
 * of their household, and each member alone sees their personal ones. Every query that reads or
 * writes through a funnel applies this rule (`visibleFunnel`), and the change feed tells the same
 * people (`seenBy`); a row outside it is answered with 404, exactly as if it did not exist.
 */
export interface Viewer {
  readonly id: string;
  readonly householdId: string;
}

export interface FunnelSharing {
  readonly householdId: string;
  readonly shared: boolean;
  readonly ownerId: string;
}

/** The rule over one funnel. */
export function maySee(viewer: Viewer, funnel: FunnelSharing): boolean {
  return funnel.householdId === viewer.householdId && (funnel.shared || funnel.ownerId === viewer.id);
}

/**
 * The same rule as an SQL condition over the funnels table aliased `alias`, with `?` placeholders
 * and their values in order (the form every repository query uses).
 */
export function visibleFunnel(alias: string, viewer: Viewer): { sql: string; parameters: [string, string] } {
  return { sql: `${alias}.household_id = ? AND (${alias}.shared = TRUE OR ${alias}.owner_id = ?)`, parameters: [viewer.householdId, viewer.id] };
}

/** Who sees `funnel` (and so its figures) change: the whole household for a shared one, its owner for a personal one. */
export function seenBy(funnel: FunnelSharing): { householdId: string; userIds: string[] } {
  return { householdId: funnel.householdId, userIds: funnel.shared ? [] : [funnel.ownerId] };
}
