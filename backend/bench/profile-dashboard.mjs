// Where the dashboard's start-up time goes: a CPU profile of loading the signed-in dashboard
// (20 funnels, 200 spendings) in Debian's Chromium with the CPU slowed 4× as Lighthouse's
// mobile run does; prints the functions with the most self time. Needs a build.
// node bench/profile-dashboard.mjs   (TIMELINE=regex: busiest frames per 25 ms; INCLUSIVE=regex: inclusive times)
import { signedInDashboard } from './lib/dashboard-page.mjs';

const { page, close } = await signedInDashboard({ name: 'profile', seedPort: 3985, apiPort: 3986 });
try {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.reload();
  // A plain wait: Playwright's own waiting (getByRole and the like) runs in the page and would fill the profile.
  await page.waitForTimeout(Number(process.env.WAIT_MS ?? 6000));
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map();
  profile.timeDeltas.forEach((d, i) => dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + d));
  const self = new Map();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
  }
  // Inclusive time: a node's own samples plus its children's (a function counted once per stack).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map();
  for (const [id, micros] of dt) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + micros / 1000);
    }
  }
  if (process.env.TIMELINE) {
    // Per 25 ms of the timeline: the busiest frames matching TIMELINE on the stack (inclusive).
    const re = new RegExp(process.env.TIMELINE);
    let t = profile.startTime;
    const windows = new Map();
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i];
      const w = Math.floor((t - profile.startTime) / 25000);
      const stack = [];
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at).callFrame;
        stack.push(`${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.columnNumber}`);
      }
      if (stack[0]?.startsWith('(idle)')) return;
      const hit = stack.find((k) => re.test(k)) ?? stack[0] ?? '?';
      const m = windows.get(w) ?? new Map();
      m.set(hit, (m.get(hit) ?? 0) + profile.timeDeltas[i] / 1000);
      windows.set(w, m);
    });
    for (const [w, m] of [...windows.entries()].sort((a, b) => a[0] - b[0])) {
      const busy = [...m.values()].reduce((a, b) => a + b, 0);
      if (busy < 5) continue;
      console.log(`${String(w * 25).padStart(5)} ms busy ${busy.toFixed(0).padStart(3)}: ${[...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ')}`);
    }
  }
  if (process.env.INCLUSIVE) {
    const re = new RegExp(process.env.INCLUSIVE);
    for (const [k, ms] of [...total.entries()].filter(([k]) => re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)} ms incl  ${k}`);
  }
  const top = [...self.entries()].filter(([k]) => !/^\((idle|program|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30));
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await close();
}
