// The end-of-round baselines run on worker threads (loaded through tsx, as the server runs its sources):
// the same answer as in the thread, and the event loop stays free while a heavy set of baselines runs.
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/kernel/scenario.ts';
import {
  BaselinePool,
  runBaselinesHere,
  type BaselineJob,
  type BaselineRunner,
} from '../../server/game/baseline-pool.ts';

const pool = new BaselinePool(1);
afterAll(async () => {
  await pool.close();
});

/** 96 threads (the class-room cap) of mixed CPU, I/O and locked updates: seconds of work for the classic policies. */
function heavyJob(tickLimit: number): BaselineJob {
  const thread = (k: number) => ({
    program: [
      'cpu 300',
      'io disk 2',
      'cpu 400',
      k % 2 ? 'lock m' : 'cpu 1',
      'load x',
      'add 1',
      'store x',
      k % 2 ? 'unlock m' : 'cpu 1',
      'cpu 500',
      'exit',
    ],
  });
  const parsed = parseScenario({
    cores: 8,
    quantum: 2,
    switchCost: 1,
    devices: { disk: 3 },
    locks: ['m'],
    processes: Array.from({ length: 48 }, (_, i) => ({
      name: `p${i}`,
      arrival: i % 20,
      vars: { x: 0 },
      threads: [thread(0), thread(1)],
    })),
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return { scenario: parsed.scenario, seed: 9, hostEvents: [], tickLimit };
}

/** The longest gap between 5 ms timer ticks (how long the event loop stalled) while `runner` computed the job, and its answer. */
async function loopWhile(
  runner: BaselineRunner,
  job: BaselineJob,
): Promise<{ maxMs: number; answer: unknown }> {
  let last = performance.now();
  let maxMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxMs = Math.max(maxMs, now - last);
    last = now;
  }, 5);
  await new Promise((r) => setTimeout(r, 20));
  const answer = await new Promise((resolve, reject) =>
    setTimeout(() => {
      runner(job).then(resolve, reject);
    }, 0),
  );
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(ticker);
  return { maxMs, answer };
}

describe('the baseline pool', () => {
  it(
    'answers exactly what the in-thread run answers, without blocking the event loop',
    { timeout: 60_000 },
    async () => {
      const job = heavyJob(10_000);
      await pool.run(heavyJob(50)); // the worker starts and loads the sources once
      const here = await loopWhile(runBaselinesHere, job);
      const off = await loopWhile(pool.run, job);
      expect(off.answer).toEqual(here.answer);
      // In the thread the loop stalls for the whole run; on the pool only for timer noise on a busy machine.
      expect(here.maxMs).toBeGreaterThan(100);
      expect(off.maxMs).toBeLessThan(Math.max(50, here.maxMs / 4));
    },
  );
});
