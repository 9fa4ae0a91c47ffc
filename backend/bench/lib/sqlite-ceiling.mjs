// What SQLite alone allows for POST /api/spendings on this machine: the API's own insert
// statement (visibility check, foreign keys, three indexes) with synchronous=FULL, committed
// in groups of 16 (the load's connections), in a tight loop with no HTTP at all.
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';

export function durableInsertsPerSecond({ dbPath, funnelId, seconds = 3, group = 16 }) {
  const copy = `${dbPath}.ceiling`;
  copyFileSync(dbPath, copy);
  const db = new Database(copy);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  const { id: userId, household_id: householdId } = db.prepare('SELECT id, household_id FROM users').get();
  const insert = db.prepare(
    `INSERT INTO spendings (id, funnel_id, amount_minor, spent_at, note, created_by, created_at, updated_at)
     SELECT ?, f.id, ?, ?, ?, ?, ?, ? FROM funnels f
     WHERE f.id = ? AND f.household_id = ? AND (f.shared = ? OR f.owner_id = ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const writeGroup = db.transaction(() => {
    for (let i = 0; i < group; i++) {
      const now = Date.now();
      insert.run(randomUUID(), 150, now, null, userId, now, now, funnelId, householdId, 1, userId);
    }
  });
  let rows = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < end) {
    writeGroup();
    rows += group;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return rows / elapsed;
}
