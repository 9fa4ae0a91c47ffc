// Figure 8, "reads while other families write": one server shared by 60 households. Half of
// them read their budget (the dashboard's read) as fast as 16 connections go; in every other
// round the other half records 40 spendings a second between them. A family's cached figures
// must not be thrown away by another family's spending: the reads with writes going on
// should reach at least 0.9 of the quiet ones. Quiet and busy rounds take turns, so a slow
// spell of the machine hits both alike.
import { api, registerAccount, startApi } from './api.mjs';
import { LOAD, median, run } from './load.mjs';

export const HOUSEHOLDS = 60;
export const WRITES_PER_SECOND = 40;

async function register(url, username) {
  const tokens = await registerAccount(url, username, { timezone: 'Europe/Berlin', currency: 'EUR' });
  const funnels = await api(url, '/api/funnels', { token: tokens.accessToken });
  return { token: tokens.accessToken, funnelId: funnels[0].id };
}

/** Spendings from the writing families, `perSecond` in all, round robin, until stopped. */
function startWriting(url, writers, perSecond) {
  let next = 0;
  let sent = 0;
  let failed = 0;
  const started = Date.now();
  const timer = setInterval(() => {
    const family = writers[next++ % writers.length];
    fetch(`${url}/api/spendings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${family.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ funnelId: family.funnelId, amount: 2.5 }),
    }).then(
      (res) => (res.status === 201 ? sent++ : failed++),
      () => failed++,
    );
  }, 1000 / perSecond);
  return () => {
    clearInterval(timer);
    return { perSecond: sent / ((Date.now() - started) / 1000), failed };
  };
}

export async function familiesBench({ dbPath, port }) {
  const server = await startApi({ dbPath, port, env: { REGISTRATION: 'open' } });
  try {
    const families = [];
    for (let i = 0; i < HOUSEHOLDS; i++) families.push(await register(server.url, `family${i}`));
    const readers = families.slice(0, HOUSEHOLDS / 2);
    const writers = families.slice(HOUSEHOLDS / 2);
    // Each connection cycles through the reading families, one budget read each.
    const options = {
      url: server.url,
      connections: LOAD.connections,
      requests: readers.map((r) => ({ method: 'GET', path: '/api/budget', headers: { authorization: `Bearer ${r.token}` } })),
    };
    const round = async (writing) => {
      const stop = writing ? startWriting(server.url, writers, WRITES_PER_SECOND) : null;
      const result = await run({ ...options, duration: LOAD.roundSeconds });
      const writes = stop?.();
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`GET /api/budget: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return { requestsPerSecond: result.requests.average, writes };
    };
    await run({ ...options, duration: LOAD.warmupSeconds });
    const quiet = [];
    const busy = [];
    for (let i = 0; i < LOAD.rounds; i++) {
      quiet.push(await round(false));
      busy.push(await round(true));
    }
    const quietRps = median(quiet.map((r) => r.requestsPerSecond));
    const busyRps = median(busy.map((r) => r.requestsPerSecond));
    return {
      ratio: busyRps / quietRps,
      quietRps,
      busyRps,
      writesPerSecond: median(busy.map((r) => r.writes.perSecond)),
      failedWrites: busy.reduce((sum, r) => sum + r.writes.failed, 0),
    };
  } finally {
    await server.stop();
  }
}

/** The row of figure 8 (or of its report on another engine, `judged` false: no target of its own). */
export function familiesRow(f, figure = '8.', engine = '', judged = true) {
  return [
    `${figure} Reads while other families write${engine}: GET /api/budget of ${HOUSEHOLDS / 2} households with ÷ without ${HOUSEHOLDS / 2} others writing ${WRITES_PER_SECOND} spendings/s`,
    f.ratio.toFixed(2),
    judged ? '≥ 0.9' : 'reported beside 8.',
    judged ? f.ratio >= 0.9 && f.failedWrites === 0 : null,
    `${f.busyRps.toFixed(0)} vs ${f.quietRps.toFixed(0)} req/s; writes reached ${f.writesPerSecond.toFixed(1)}/s${f.failedWrites ? `, ${f.failedWrites} failed` : ''}`,
  ];
}
