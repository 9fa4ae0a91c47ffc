// The dashboard's start-up as the browser's own tasks: loads the signed-in dashboard (20
// funnels, 200 spendings) in Debian's Chromium with a performance trace and prints every task
// of 10 ms or more (40 ms under Lighthouse's 4× slowdown, where 50 ms starts to block) with
// what filled it: script (by file), style, layout, paint, parsing, timers, network callbacks.
// node bench/trace-dashboard.mjs   (needs a build)
import { signedInDashboard } from './lib/dashboard-page.mjs';
import { traceTasks } from './lib/trace-tasks.mjs';

const { url, browser, page, close } = await signedInDashboard({ name: 'trace', seedPort: 3987, apiPort: 3988 });
try {
  await page.goto('about:blank');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] });
  await page.goto(url);
  // A plain wait: Playwright's waiting (waitForSelector and the like) evaluates its own script in the page.
  await page.waitForTimeout(Number(process.env.WAIT_MS ?? 4000));
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const { fcpMs, lines, blocking } = traceTasks(trace.traceEvents ?? trace, { url, minMs: Number(process.env.MIN_MS ?? 10) });
  console.log(`first contentful paint at ${fcpMs?.toFixed(0) ?? '?'} ms`);
  for (const line of lines) console.log(line);
  console.log(`blocking in Lighthouse's terms, roughly: ${blocking.toFixed(0)} ms`);
} finally {
  await close();
}
