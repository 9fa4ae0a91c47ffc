/**
 * Runs `work` holding the named Web Lock, so only one tab does it at a time; where the
 * browser has no Web Locks API, runs it directly (the in-tab single flight still holds).
 */
export function withWebLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(name, work) as Promise<T>) : work();
}
