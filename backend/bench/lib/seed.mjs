// Makes a household with 20 funnels and N spendings, fast: the account through the API (so
// everything is real), the spendings in one transaction. The current period holds a family's
// usual few hundred spendings; all the others lie in the two years of periods before it, so
// a growing N means a growing history, which the budget read must not feel.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { api, registerAccount, startApi } from './api.mjs';

const require = createRequire(import.meta.url);
const { periodAt } = require('../../dist/rules/period.js');

export const CURRENT_PERIOD_SPENDINGS = 300;

const COLORS = ['#ffa500', '#48d1cc', '#e91e63', '#3f51b5', '#4caf50'];
const EMOJI = ['🍞', '🛍️', '⛽', '🎁', '🏠', '🚌', '💊', '🎬', '☕', '📚'];
const TWO_YEARS_MS = 730 * 24 * 3600 * 1000;

export async function seed({ dbPath, port, spendings }) {
  const server = await startApi({ dbPath, port });
  const username = `bench${spendings}`;
  const tokens = await registerAccount(server.url, username, { timezone: 'Europe/Berlin', currency: 'EUR' });
  for (let i = 0; i < 18; i++) {
    await api(server.url, '/api/funnels', {
      method: 'POST',
      token: tokens.accessToken,
      body: { name: `Funnel ${i + 3}`, emoji: EMOJI[i % EMOJI.length], color: COLORS[i % COLORS.length], limit: 500 + i * 10, shared: i % 3 === 0 },
    });
  }
  const funnels = await api(server.url, '/api/funnels', { token: tokens.accessToken });
  const me = await api(server.url, '/api/me', { token: tokens.accessToken });
  await server.stop();

  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // seeding only; the API runs with FULL
  const insert = db.prepare(
    'INSERT INTO spendings (id, funnel_id, amount_minor, spent_at, note, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const now = Date.now();
  const periodStart = periodAt(new Date(now), me.household.periodStartDay, me.household.timezone).start.getTime();
  const current = Math.min(spendings, CURRENT_PERIOD_SPENDINGS);
  db.transaction(() => {
    for (let i = 0; i < spendings; i++) {
      const at = i < current ? periodStart + Math.floor(Math.random() * (now - periodStart)) : periodStart - 1 - Math.floor(Math.random() * TWO_YEARS_MS);
      insert.run(randomUUID(), funnels[i % funnels.length].id, 100 + (i % 5000), at, i % 7 === 0 ? 'bench' : null, me.id, at, at);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { accessToken: tokens.accessToken, funnelId: funnels[0].id };
}
