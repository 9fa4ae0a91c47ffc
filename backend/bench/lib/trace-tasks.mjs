// The renderer main thread's tasks in a Chromium trace, each with what filled it (script by file,
// style, layout, paint, timers …) and roughly what Lighthouse's simulation (Lantern) would count
// as blocking: it runs a task 4× slower, or 2× if the task laid the page out, and counts what a
// task spends beyond 50 ms after the first contentful paint. A trace with V8's sampling profiler
// in it (BENCH_LIGHTHOUSE_PROFILE=1) also names the functions with the most samples in each task
// (readable with an unmangled build: NG_BUILD_MANGLE=0 ng build). Used by trace-dashboard.mjs
// and lighthouse-tasks.mjs.
const SCRIPT = ['EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'XHRReadyStateChange', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.compile'];
const RENDER = ['UpdateLayoutTree', 'Layout', 'Paint', 'ParseHTML', 'ParseAuthorStyleSheet', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'PrePaint', 'Layerize', 'HitTest'];

export function traceTasks(events, { url, minMs = 10 } = {}) {
  // The page's navigation (about:blank and the like left out), on the renderer's main thread.
  const navEvent = events.find((e) => e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? '') && (!url || e.args.data.documentLoaderURL.startsWith(url)));
  const main = `${navEvent.pid}:${navEvent.tid}`;
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts);
  const nav = navEvent.ts;
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.ts >= nav && `${e.pid}:${e.tid}` === main)?.ts;
  const samples = profileSamples(events, navEvent.pid);
  const lines = [];
  let blocking = 0;
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.dur >= minMs * 1000 && e.ts >= nav)) {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const parts = new Map();
    for (const e of inside) {
      let key = null;
      if (SCRIPT.includes(e.name)) {
        const file = e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? '';
        key = `${e.name} ${file.split('/').pop()}`.trim();
      } else if (RENDER.includes(e.name)) key = e.name;
      if (key) parts.set(key, (parts.get(key) ?? 0) + e.dur / 1000);
    }
    const top = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ');
    const laidOut = inside.some((e) => e.name === 'Layout');
    const after = fcp ? Math.min(task.dur, task.ts + task.dur - fcp) / 1000 : task.dur / 1000;
    const blocks = Math.max(0, after * (laidOut ? 2 : 4) - 50);
    blocking += blocks;
    lines.push(`${((task.ts - nav) / 1000).toFixed(0).padStart(5)} ms  task ${(task.dur / 1000).toFixed(1).padStart(5)} ms${blocks ? ` (blocks ~${blocks.toFixed(0)})` : ''}: ${top}`);
    if (samples.length) {
      const self = new Map();
      for (const [ts, name] of samples) if (ts >= task.ts && ts <= task.ts + task.dur) self.set(name, (self.get(name) ?? 0) + 1);
      const busiest = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
      if (busiest.length) lines.push(`         samples: ${busiest.map(([k, n]) => `${k} ${n}`).join(' | ')}`);
    }
  }
  return { fcpMs: fcp ? (fcp - nav) / 1000 : undefined, lines, blocking };
}

/** The sampling profiler's samples of a renderer's main thread, as [timestamp, innermost function@file]. */
function profileSamples(events, pid) {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid);
  if (!profile) return [];
  const nodes = new Map();
  const samples = [];
  let ts = profile.args.data.startTime;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id)) {
    const cpu = chunk.args.data.cpuProfile ?? {};
    for (const node of cpu.nodes ?? []) nodes.set(node.id, node);
    const deltas = chunk.args.data.timeDeltas ?? [];
    (cpu.samples ?? []).forEach((id, i) => {
      ts += deltas[i];
      samples.push([ts, id]);
    });
  }
  return samples.map(([at, id]) => {
    const frame = nodes.get(id)?.callFrame;
    return [at, frame ? `${frame.functionName || '(anonymous)'}@${(frame.url || '').split('/').pop()}` : '?'];
  });
}
