/**
 * When the signed-in user's household started, as this device saw it: a household registered
 * here records it, so the first-run setup knows whether its first period is still running (and
 * so may be counted from today). Another device does not know it and asks nothing about it.
 */
const KEY = 'stracker.householdStarted';

interface Started {
  userId: string;
  at: string;
  /** The setup was saved once (its answers are the household's now, not defaults). */
  done?: boolean;
}

export function rememberHouseholdStart(userId: string, at: Date = new Date()): void {
  localStorage.setItem(KEY, JSON.stringify({ userId, at: at.toISOString() } satisfies Started));
}

export function rememberSetupDone(userId: string | null): void {
  const started = read();
  if (started && started.userId === userId) localStorage.setItem(KEY, JSON.stringify({ ...started, done: true }));
}

export function setupDone(userId: string | null): boolean {
  const started = read();
  return started?.userId === userId && started.done === true;
}

function read(): Started | null {
  try {
    const started = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Started> | null;
    return typeof started?.userId === 'string' && typeof started.at === 'string' ? (started as Started) : null;
  } catch {
    return null;
  }
}

export function householdStartedAt(userId: string | null): Date | null {
  const started = read();
  if (!userId || started?.userId !== userId) return null;
  const at = new Date(started.at);
  return Number.isNaN(at.getTime()) ? null : at;
}
