import BetterSqlite3 from 'better-sqlite3';
import { DataSource, QueryRunner } from 'typeorm';
import type { PostgresConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './migrations';
import { numberedPlaceholders } from './database.service';
import { checkPostgres } from './preflight';
import { assertStrackerDatabase, OperatorError } from './sqlite-file';

/** Rows per INSERT: well under PostgreSQL's 65 535 parameters for every table of ours. */
const ROWS_PER_INSERT = 500;
/** Money columns whose sums must match after the copy, besides every table's row count. */
const SUMMED = [
  ['spendings', 'amount_minor'],
  ['funnels', 'limit_minor'],
  ['funnel_limits', 'limit_minor'],
  ['fixed_costs', 'amount_minor'],
] as const;

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
  sums: Array<{ column: string; sum: number }>;
}

/**
 * Copies a family's SQLite database into an empty PostgreSQL database: the schema by the same
 * migrations the API runs, then every row, table by table in the order their foreign keys need,
 * in ONE transaction (all of it or nothing). Before the commit every table's row count and the
 * sums of the money columns are compared with the source; any difference rolls it all back.
 * Afterwards the tables are analysed and vacuumed, so the planner uses the indexes at once.
 * Refused: a source that is not a STracker database or is not at this version's schema, and a
 * target that holds any row already. The source is only read (the API may keep running on it;
 * what it writes after the copy began is not copied, so stop it first for the final copy).
 */
export async function copySqliteToPostgres(sourcePath: string, target: PostgresConfig, say: (line: string) => void = () => undefined): Promise<CopyReport> {
  assertStrackerDatabase(sourcePath);
  const source = new BetterSqlite3(sourcePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    assertSameSchemaVersion(source, sourcePath);
    await checkPostgres(target);
    const pg = new DataSource({ ...dataSourceOptions(target), entities: [] });
    await pg.initialize();
    try {
      await assertEmpty(pg, target);
      await pg.runMigrations({ transaction: 'all' });
      const tables = tablesInForeignKeyOrder(source);
      const runner = pg.createQueryRunner();
      try {
        await runner.startTransaction();
        // Reads see one snapshot of the source for the whole copy.
        source.prepare('BEGIN').run();
        const report: CopyReport = { tables: [], sums: [] };
        for (const table of tables) {
          const rows = await copyTable(source, runner, table);
          report.tables.push({ table, rows });
          say(`${table}: ${rows} ${rows === 1 ? 'row' : 'rows'}`);
        }
        report.sums = await compare(source, runner, tables);
        await runner.commitTransaction();
        // Statistics and the visibility map for the planner: without them a freshly filled table
        // is read whole instead of through its indexes (the budget's sums 70 times slower).
        say('ANALYZE and VACUUM…');
        await runner.query('VACUUM (ANALYZE)');
        return report;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      } finally {
        if (source.inTransaction) source.prepare('ROLLBACK').run();
        await runner.release();
      }
    } finally {
      await pg.destroy();
    }
  } finally {
    source.close();
  }
}

function assertSameSchemaVersion(source: BetterSqlite3.Database, path: string): void {
  const applied = (source.prepare('SELECT name FROM migrations ORDER BY id').all() as Array<{ name: string }>).map((m) => m.name);
  const known = MIGRATIONS.map((m) => m.name);
  if (applied.length > known.length || applied.some((name, i) => name !== known[i])) {
    throw new OperatorError(`${path} was written by a newer STracker (its schema has ${applied.at(-1)}); copy it with that version`);
  }
  if (applied.length < known.length) {
    throw new OperatorError(`${path} has an older schema; start this version of the API on it once (it brings the file up to date), stop it, then copy`);
  }
}

async function assertEmpty(pg: DataSource, target: PostgresConfig): Promise<void> {
  const tables = (await pg.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`)) as Array<{ name: string }>;
  const filled: string[] = [];
  for (const { name } of tables) {
    const [{ n }] = (await pg.query(`SELECT COUNT(*)::int AS n FROM "${name}"`)) as Array<{ n: number }>;
    if (n > 0) filled.push(`${name} (${n})`);
  }
  if (filled.length > 0) {
    throw new OperatorError(`${target.display} is not empty (${filled.join(', ')}); copy into a new, empty database (createdb …)`);
  }
}

/** Every table of the source but `migrations`, each after the tables its foreign keys point to. */
function tablesInForeignKeyOrder(source: BetterSqlite3.Database): string[] {
  const names = (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
  const needs = new Map(names.map((name) => [name, (source.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).all(name) as Array<{ table: string }>).map((fk) => fk.table).filter((t) => t !== name)]));
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const dependency of needs.get(name) ?? []) visit(dependency, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

async function copyTable(source: BetterSqlite3.Database, runner: QueryRunner, table: string): Promise<number> {
  const sourceColumns = (source.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as Array<{ name: string }>).map((c) => c.name);
  const targetTypes = new Map(
    ((await runner.query(`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [table])) as Array<{ name: string; type: string }>).map((c) => [c.name, c.type]),
  );
  const missing = sourceColumns.filter((c) => !targetTypes.has(c));
  if (missing.length > 0) throw new OperatorError(`The PostgreSQL schema has no ${table}.${missing.join(`, ${table}.`)}: are both at the same version?`);
  const booleans = sourceColumns.map((c) => targetTypes.get(c) === 'boolean');
  const list = sourceColumns.map((c) => `"${c}"`).join(', ');
  const tuple = `(${sourceColumns.map(() => '?').join(', ')})`;
  let copied = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const sql = numberedPlaceholders(`INSERT INTO "${table}" (${list}) VALUES ${batch.map(() => tuple).join(', ')}`, (i) => `$${i + 1}`);
    await runner.query(sql, batch.flat());
    copied += batch.length;
    batch = [];
  };
  for (const row of source.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((value, i) => (booleans[i] && value !== null ? value === 1 || value === true : typeof value === 'bigint' ? value.toString() : value)));
    if (batch.length >= ROWS_PER_INSERT) await flush();
  }
  await flush();
  return copied;
}

/** Row counts of every table and the money sums, source against target; throws on any difference. */
async function compare(source: BetterSqlite3.Database, runner: QueryRunner, tables: string[]): Promise<CopyReport['sums']> {
  const differences: string[] = [];
  for (const table of tables) {
    const { n: expected } = source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number };
    const [{ n }] = (await runner.query(`SELECT COUNT(*)::bigint AS n FROM "${table}"`)) as Array<{ n: string }>;
    if (Number(n) !== expected) differences.push(`${table}: ${expected} rows in SQLite, ${n} in PostgreSQL`);
  }
  const sums: CopyReport['sums'] = [];
  for (const [table, column] of SUMMED) {
    const { s: expected } = source.prepare(`SELECT COALESCE(SUM(${column}), 0) AS s FROM "${table}"`).get() as { s: number };
    const [{ s }] = (await runner.query(`SELECT COALESCE(SUM(${column}), 0)::text AS s FROM "${table}"`)) as Array<{ s: string }>;
    if (Number(s) !== expected) differences.push(`${table}.${column}: sum ${expected} in SQLite, ${s} in PostgreSQL`);
    sums.push({ column: `${table}.${column}`, sum: expected });
  }
  if (differences.length > 0) throw new OperatorError(`The copy does not match its source, so nothing was kept: ${differences.join('; ')}`);
  return sums;
}
