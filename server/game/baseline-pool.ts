// The end-of-round baselines (every classic policy replaying the round's workload) cost up to seconds of
// CPU for a big scenario: they run in a pool of worker threads (piscina), so a round ending in one room
// never stalls the ticks, patches and requests of the others.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Scenario, TimedAction } from '../../shared/kernel/index.ts';
import type { BaselineResult } from '../../shared/protocol/summary.ts';
import { runBaselines } from './baselines.ts';

/** What the baselines of one round need: plain data, copied to the worker. */
export interface BaselineJob {
  scenario: Scenario;
  seed: number;
  hostEvents: readonly TimedAction[];
  tickLimit: number;
}

/** Computes a round's baselines somewhere; the classroom only awaits the answer. */
export type BaselineRunner = (job: BaselineJob) => Promise<BaselineResult[]>;

/** In this thread (the headless CLI, unit tests of the classroom): same answer, blocks while it runs. */
export const runBaselinesHere: BaselineRunner = (job) =>
  Promise.resolve(runBaselines(job.scenario, job.seed, job.hostEvents, job.tickLimit));

/** The server's pool of baseline workers. */
export class BaselinePool {
  private readonly pool: Piscina;

  /** `threads` workers at most (default: one core less than the machine has, at least one, at most four), started on demand. */
  constructor(threads = Math.max(1, Math.min(4, availableParallelism() - 1))) {
    this.pool = new Piscina({
      filename: new URL('./baseline-worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  /** Runs one round's baselines on a worker. */
  readonly run: BaselineRunner = (job) => this.pool.run(job) as Promise<BaselineResult[]>;

  /** Stops the workers (after the tasks already queued). */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
