// The load runner: the same connections and duration for every target, a warm-up, several
// rounds, and the median of each figure. Targets that are compared with each other take
// their rounds in turn (A, B, A, B, …), so a slow spell of a shared machine hits both alike.
import autocannon from 'autocannon';

export const LOAD = { connections: 16, warmupSeconds: 2, roundSeconds: 5, rounds: 5 };

/** One autocannon run. */
export function run(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Median requests/s and p99 latency (ms) over the rounds, for each target
 * (`{ url, method, headers, body }`), in the order given.
 */
export async function measure(...targets) {
  const options = targets.map(({ url, method = 'GET', headers = {}, body }) => ({ url, method, headers, body, connections: LOAD.connections }));
  for (const o of options) await run({ ...o, duration: LOAD.warmupSeconds });
  const rounds = options.map(() => []);
  for (let i = 0; i < LOAD.rounds; i++) {
    for (const [t, o] of options.entries()) {
      const result = await run({ ...o, duration: LOAD.roundSeconds });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${o.method} ${o.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      rounds[t].push(result);
    }
  }
  return rounds.map((r) => ({ requestsPerSecond: median(r.map((x) => x.requests.average)), p99Ms: median(r.map((x) => x.latency.p99)) }));
}
