import { PostgresConfig } from '../src/config/app-config';
import { FixedCostScheduler } from '../src/fixed-costs/fixed-cost-scheduler';
import { copySqliteToPostgres } from '../src/database/sqlite-to-postgres';
import { FakeClock } from './support/fake-clock';
import { bearer, login, ON_POSTGRES, registerUser, startTestApp, TestApp } from './support/test-app';

/**
 * `stracker-admin migrate-to-postgres`: a family's SQLite database copied into PostgreSQL answers
 * every read exactly as before — shared and personal funnels, limits and rollover over periods,
 * fixed costs with a skip and their postings, spendings of two members. (Needs both engines: runs
 * with the PostgreSQL suite.)
 */
(ON_POSTGRES ? describe : describe.skip)('migrate-to-postgres', () => {
  it('copies everything, and the API on PostgreSQL answers as it did on SQLite', async () => {
    const clock = new FakeClock('2026-02-10T08:00:00Z');
    const lite = await startTestApp({ engine: 'sqlite', clock });
    let target: TestApp | null = null;
    let moved: TestApp | null = null;
    try {
      const anna = await registerUser(lite, 'anna');
      const a = bearer(anna.accessToken);
      const code = (await lite.http.post('/api/household/invites').set(a).expect(201)).body.code as string;
      const bert = await registerUser(lite, 'bert', { inviteCode: code });
      const b = bearer(bert.accessToken);
      const fuel = (await lite.http.post('/api/funnels').set(a).send({ name: 'Fuel', emoji: '⛽', color: '#123456', limit: 300, shared: true, rollover: true }).expect(201)).body;
      const [food] = (await lite.http.get('/api/funnels').set(a).expect(200)).body;
      await lite.http.put(`/api/funnels/${food.id}`).set(a).send({ name: 'Food', emoji: '🍞', color: '#ffa500', limit: 1500.5 }).expect(200);
      for (const [as, funnelId, amount, spentAt, note] of [
        [a, fuel.id, 120.25, '2026-01-20T10:00:00Z', 'backdated "quoted", with a comma'],
        [b, fuel.id, 80, '2026-02-03T10:00:00Z', null],
        [a, food.id, 42.1, '2026-02-09T10:00:00Z', 'Bäckerei 🥐'],
      ] as const) {
        await lite.http.post('/api/spendings').set(as).send({ funnelId, amount, spentAt, ...(note ? { note } : {}) }).expect(201);
      }
      const rent = (await lite.http.post('/api/fixed-costs').set(b).send({ funnelId: fuel.id, amount: 50, note: 'Parking', every: 'week', weekday: 3, startsOn: '2026-02-01' }).expect(201)).body;
      await lite.http.post(`/api/fixed-costs/${rent.id}/skips`).set(b).send({ dueOn: '2026-02-18' }).expect(200);
      clock.set('2026-02-12T08:00:00Z'); // Wednesday 11 February posted
      expect(await lite.app.get(FixedCostScheduler).postDue()).toBe(1);
      Object.assign(a, bearer((await login(lite, anna)).accessToken));
      Object.assign(b, bearer((await login(lite, bert)).accessToken));
      const answers = async (t: TestApp) => {
        const read = async (path: string, as: { Authorization: string }) => (await t.http.get(path).set(as).expect(200)).body;
        return {
          budget: await read('/api/budget', a),
          bertsBudget: await read('/api/budget', b),
          history: await read('/api/budget/history?periods=3', a),
          funnels: await read('/api/funnels', a),
          fixedCosts: await read('/api/fixed-costs', a),
          spendings: await read('/api/spendings', a),
          members: await read('/api/household', b),
        };
      };
      const before = await answers(lite);
      expect(before.budget.funnels.find((f: { id: string }) => f.id === fuel.id)).toMatchObject({ rollover: true, carried: 0, spent: 130, fixed: 100, upcoming: 50 });
      await lite.close();

      target = await startTestApp({ clock }); // an empty PostgreSQL database with the schema
      await target.close();
      const report = await copySqliteToPostgres(lite.database, target.config.database as PostgresConfig);
      expect(report.tables).toEqual(expect.arrayContaining([{ table: 'fixed_costs', rows: 1 }, { table: 'fixed_cost_occurrences', rows: 2 }, { table: 'spendings', rows: 4 }]));
      expect(report.sums).toEqual(expect.arrayContaining([{ column: 'spendings.amount_minor', sum: 29_235 }, { column: 'fixed_costs.amount_minor', sum: 5_000 }]));

      moved = await startTestApp({ database: target.database, clock });
      expect(await answers(moved)).toEqual(before);
      // And it goes on: the next Wednesday is skipped, the one after posts, once.
      clock.set('2026-02-26T08:00:00Z');
      expect(await moved.app.get(FixedCostScheduler).postDue()).toBe(1);
      expect(await moved.app.get(FixedCostScheduler).postDue()).toBe(0);
    } finally {
      await moved?.close();
      await target?.dispose();
      await lite.dispose();
    }
  });
});
