// Fails when generated files differ from what is committed: node scripts/check-clean.mjs PATH…
import { execFileSync } from 'node:child_process';

const paths = process.argv.slice(2);
const status = execFileSync('git', ['status', '--porcelain', '--', ...paths], { encoding: 'utf8' }).trim();
if (status) {
  console.error(`Generated files are stale; run \`npm run openapi\` and commit the result:\n${status}`);
  console.error(execFileSync('git', ['diff', '--stat', '--', ...paths], { encoding: 'utf8' }));
  process.exit(1);
}
console.log(`Up to date: ${paths.join(', ')}`);
