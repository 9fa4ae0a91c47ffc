import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

function idleAndTotal() {
  return cpus().reduce(
    (sum, cpu) => {
      const t = cpu.times;
      return { idle: sum.idle + t.idle, total: sum.total + t.user + t.nice + t.sys + t.idle + t.irq };
    },
    { idle: 0, total: 0 },
  );
}

/**
 * Waits until the machine is quiet: dirty pages written out (`sync`: the load phases before
 * leave gigabytes of database pages for the kernel to flush) and the CPUs at least `minIdle`
 * idle over a whole second, for at most `maxMs`. A measurement of the browser's main thread
 * must not share the cores with the leftovers of the server's load tests. Returns the idle
 * share of the last second.
 */
export async function settle({ minIdle = 0.9, maxMs = 60_000 } = {}) {
  try {
    execFileSync('sync');
  } catch {
    // not fatal: only a quieter start
  }
  const deadline = Date.now() + maxMs;
  let idle = 0;
  do {
    const before = idleAndTotal();
    await sleep(1000);
    const after = idleAndTotal();
    idle = (after.idle - before.idle) / Math.max(1, after.total - before.total);
  } while (idle < minIdle && Date.now() < deadline);
  return idle;
}
