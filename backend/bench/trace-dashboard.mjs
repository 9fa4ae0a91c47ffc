// The dashboard's start-up as the browser's own tasks: loads the signed-in dashboard (20
// funnels, 200 spendings) in Debian's Chromium with a performance trace and prints every task
// of 10 ms or more (40 ms under Lighthouse's 4× slowdown, where 50 ms starts to block) with
// what filled it: script (by file), style, layout, paint, parsing, timers, network callbacks.
// node bench/trace-dashboard.mjs   (needs a build)
import { signedInDashboard } from './lib/dashboard-page.mjs';

const { url, browser, page, close } = await signedInDashboard({ name: 'trace', seedPort: 3987, apiPort: 3988 });
try {
  await page.goto('about:blank');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] });
  await page.goto(url);
  await page.waitForSelector('text=Recent spendings');
  await page.waitForTimeout(2500);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const events = trace.traceEvents ?? trace;
  // The renderer main thread: the one running the most RunTask time.
  const byThread = new Map();
  for (const e of events) if (e.name === 'RunTask' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur);
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(url))?.ts ?? onMain[0].ts;
  const fcp = events.find((e) => e.name === 'firstContentfulPaint')?.ts;
  console.log(`first contentful paint at ${fcp ? ((fcp - nav) / 1000).toFixed(0) : '?'} ms`);
  const min = Number(process.env.MIN_MS ?? 10) * 1000;
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.dur >= min && e.ts >= nav)) {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const parts = new Map();
    for (const e of inside) {
      let key = null;
      if (['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'XHRReadyStateChange', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.compile'].includes(e.name)) {
        const url = e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? '';
        key = `${e.name} ${url.split('/').pop()}`.trim();
      } else if (['UpdateLayoutTree', 'Layout', 'Paint', 'ParseHTML', 'ParseAuthorStyleSheet', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'PrePaint', 'Layerize', 'HitTest'].includes(e.name)) key = e.name;
      if (key) parts.set(key, (parts.get(key) ?? 0) + e.dur / 1000);
    }
    const top = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ');
    console.log(`${((task.ts - nav) / 1000).toFixed(0).padStart(5)} ms  task ${(task.dur / 1000).toFixed(1).padStart(5)} ms: ${top}`);
  }
} finally {
  await close();
}
