import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The shape of the backend (docs: engineering.md, "The data layer"), checked on the source:
 * every query in a repository, no feature reaching into another's repository, and folders that
 * depend downward only (rules, i18n ← common/config ← database ← features ← app).
 */
const SRC = resolve(__dirname, '../src');

interface SourceFile {
  path: string; // relative to src, with forward slashes
  text: string;
  imports: string[]; // resolved, relative to src
}

function sources(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    const text = readFileSync(full, 'utf8');
    const imports = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) =>
      relative(SRC, resolve(dirname(full), m[1])).split('\\').join('/'),
    );
    return [{ path: relative(SRC, full).split('\\').join('/'), text, imports }];
  });
}

const FILES = sources();
const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0] : '(app)');

/** Lower number, lower layer: a folder may import its own layer's folders (features: without cycles) and lower ones. */
const LAYER: Record<string, number> = { rules: 0, i18n: 0, common: 1, config: 1, database: 2, '(app)': 4, bin: 4 };
const layerOf = (folder: string) => LAYER[folder] ?? 3; // every other folder is a feature

/** Text that is a query: SQL, or TypeORM's ways of building and running one. */
const QUERY = [
  /\b(SELECT\s[\s\S]*?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/,
  /createQueryBuilder|getRepository\(|InjectRepository|Repository<|\.dataSource\b|\bdb\.(manager|query|execute|groupCommit|insertMany)\b|EntityManager/,
];

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(FILES.some((f) => f.path === 'funnels/funnels.repository.ts')).toBe(true);
  });

  it('keeps every query in a *.repository.ts file (or in the database layer that runs them)', () => {
    const offenders = FILES.filter((f) => !f.path.endsWith('.repository.ts') && folderOf(f.path) !== 'database')
      .filter((f) => QUERY.some((pattern) => pattern.test(f.text)))
      .map((f) => `${f.path}: ${QUERY.map((p) => f.text.match(p)?.[0]).filter(Boolean)[0]}`);
    expect(offenders).toEqual([]);
  });

  it('lets no folder import another feature\'s repository', () => {
    const offenders = FILES.flatMap((f) =>
      f.imports.filter((target) => target.endsWith('.repository') && folderOf(target) !== folderOf(f.path)).map((target) => `${f.path} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has folders depend downward only: rules ← common, config ← database ← features ← app', () => {
    const offenders = FILES.flatMap((f) =>
      f.imports.filter((target) => layerOf(folderOf(target)) > layerOf(folderOf(f.path))).map((target) => `${f.path} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no cycle between feature folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of FILES) {
      const from = folderOf(f.path);
      if (layerOf(from) !== 3) continue;
      for (const target of f.imports) {
        const to = folderOf(target);
        if (to !== from && layerOf(to) === 3) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(edges.get('spendings')).toContain('funnels'); // the graph is really read
    expect([...new Set(cycles)]).toEqual([]);
  });
});
