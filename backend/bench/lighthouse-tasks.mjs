// The tasks of traces Lighthouse recorded (compare-lighthouse.mjs with KEEP_TRACES=dir keeps them):
//   node bench/lighthouse-tasks.mjs dir/*.json   (MIN_MS=10: shorter tasks are left out)
import { readFileSync } from 'node:fs';
import { traceTasks } from './lib/trace-tasks.mjs';

for (const file of process.argv.slice(2)) {
  const trace = JSON.parse(readFileSync(file, 'utf8'));
  const { fcpMs, lines, blocking } = traceTasks(trace.traceEvents ?? trace, { minMs: Number(process.env.MIN_MS ?? 10) });
  console.log(`${file}: first contentful paint at ${fcpMs?.toFixed(0) ?? '?'} ms`);
  for (const line of lines) console.log(line);
  console.log(`blocking in Lighthouse's terms, roughly: ${blocking.toFixed(0)} ms (observed first paint; Lighthouse's own is simulated)`);
}
