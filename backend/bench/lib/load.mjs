// The load runner: the same connections and duration for every target, a warm-up, several
// rounds, and the median of each figure.
import autocannon from 'autocannon';

export const LOAD = { connections: 16, warmupSeconds: 2, roundSeconds: 5, rounds: 3 };

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median requests/s and p99 latency (ms) over the rounds. */
export async function measure({ url, method = 'GET', headers = {}, body }) {
  const options = { url, method, headers, body, connections: LOAD.connections };
  await run({ ...options, duration: LOAD.warmupSeconds });
  const rounds = [];
  for (let i = 0; i < LOAD.rounds; i++) {
    const result = await run({ ...options, duration: LOAD.roundSeconds });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${method} ${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    rounds.push(result);
  }
  return { requestsPerSecond: median(rounds.map((r) => r.requests.average)), p99Ms: median(rounds.map((r) => r.latency.p99)) };
}
