// The classic policies against the textbooks' own worked examples (OSTEP ch. 7, Silberschatz ch. 5).
import { describe, expect, it } from 'vitest';
import {
  comparableFigures,
  machineMetrics,
  parseScenario,
  processMetrics,
  type Scenario,
  type ScenarioInput,
} from '../../shared/kernel/index.ts';
import { runPolicy } from '../../shared/sim/run.ts';
import { machine } from './harness.ts';

function workload(input: ScenarioInput): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

const jobs = (...lengths: number[]) =>
  workload({ jobs: lengths.map((length, i) => ({ name: String.fromCharCode(65 + i), length })) });

describe('FIFO and the convoy effect', () => {
  it('a long job first makes everyone wait (OSTEP: A=100, B=C=10 → average turnaround 110)', () => {
    const r = runPolicy(jobs(100, 10, 10), 'fifo');
    expect(r.jobs.map((j) => j.completion)).toEqual([100, 110, 120]);
    expect(r.averages.turnaround).toBe(110);
    expect(r.utilization).toBe(1);
  });

  it('SJF runs the short jobs first: average turnaround 50', () => {
    const r = runPolicy(jobs(100, 10, 10), 'sjf');
    expect(r.jobs.map((j) => j.completion)).toEqual([120, 10, 20]);
    expect(r.averages.turnaround).toBe(50);
  });
});

describe('SJF is optimal for average waiting', () => {
  it('matches Silberschatz (6, 8, 7, 3 → average waiting 7) and beats FIFO (10.25)', () => {
    expect(runPolicy(jobs(6, 8, 7, 3), 'sjf').averages.waiting).toBe(7);
    expect(runPolicy(jobs(6, 8, 7, 3), 'fifo').averages.waiting).toBe(10.25);
  });

  it('no order of the same jobs waits less on average than SJF', () => {
    const lengths = [6, 8, 7, 3];
    const perms = (xs: number[]): number[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    const sjf = runPolicy(jobs(...lengths), 'sjf').averages.waiting;
    for (const order of perms(lengths))
      expect(runPolicy(jobs(...order), 'fifo').averages.waiting).toBeGreaterThanOrEqual(sjf);
  });
});

describe('STCF preempts for a shorter job; SJF does not', () => {
  const late = workload({
    jobs: [
      { name: 'A', length: 100 },
      { name: 'B', arrival: 10, length: 10 },
      { name: 'C', arrival: 10, length: 10 },
    ],
  });

  it('STCF: average turnaround 50 (OSTEP)', () => {
    const r = runPolicy(late, 'stcf');
    expect(r.jobs.map((j) => j.completion)).toEqual([120, 20, 30]);
    expect(r.averages.turnaround).toBe(50);
  });

  it('SJF: average turnaround 103.333', () => {
    expect(runPolicy(late, 'sjf').averages.turnaround).toBe(103.333);
  });

  it('a running job keeps its core against an equal one', () => {
    const r = runPolicy(
      workload({
        jobs: [
          { name: 'A', length: 4 },
          { name: 'B', arrival: 1, length: 3 },
        ],
      }),
      'stcf',
    );
    expect(r.jobs.map((j) => j.completion)).toEqual([4, 7]);
  });
});

describe('round robin trades turnaround for response', () => {
  it('three jobs of 5 with a quantum of 1: response 1, turnaround 14 (SJF: 5 and 10)', () => {
    const rr = runPolicy(jobs(5, 5, 5), 'rr', { quantum: 1 });
    expect(rr.averages).toMatchObject({ response: 1, turnaround: 14 });
    expect(runPolicy(jobs(5, 5, 5), 'sjf').averages).toMatchObject({ response: 5, turnaround: 10 });
  });

  it('Silberschatz: 24, 3, 3 with a quantum of 4 wait 17/3 on average', () => {
    expect(runPolicy(jobs(24, 3, 3), 'rr', { quantum: 4 }).averages.waiting).toBe(5.667);
  });

  it('a job arriving at tick t queues before the job the timer preempts at t', () => {
    const r = runPolicy(
      workload({
        jobs: [
          { name: 'A', length: 3 },
          { name: 'B', arrival: 1, length: 1 },
        ],
      }),
      'rr',
      { quantum: 1, trace: true },
    );
    expect(r.trace!.map((row) => row.cores[0])).toEqual(['P1', 'P2', 'P1', 'P1']);
    expect(r.jobs[1]!.completion).toBe(2);
  });

  it('a short quantum wastes the machine on context switches', () => {
    const w = workload({
      switchCost: 1,
      jobs: [
        { name: 'A', length: 20 },
        { name: 'B', length: 20 },
        { name: 'C', length: 20 },
      ],
    });
    const short = runPolicy(w, 'rr', { quantum: 1 });
    const long = runPolicy(w, 'rr', { quantum: 10 });
    expect(short.contextSwitches).toBeGreaterThan(long.contextSwitches * 5);
    expect(short.metrics.switchTicks).toBe(short.contextSwitches);
    expect(short.utilization).toBeLessThan(0.55);
    expect(long.utilization).toBeGreaterThan(0.9);
    expect(short.ticks).toBe(60 + short.contextSwitches);
  });
});

describe('priority scheduling', () => {
  it('Silberschatz: smaller number first, average waiting 8.2', () => {
    const w = workload({
      jobs: [
        { name: 'P1', length: 10, priority: 3 },
        { name: 'P2', length: 1, priority: 1 },
        { name: 'P3', length: 2, priority: 4 },
        { name: 'P4', length: 1, priority: 5 },
        { name: 'P5', length: 5, priority: 2 },
      ],
    });
    const r = runPolicy(w, 'priority');
    expect(r.jobs.map((j) => j.waiting)).toEqual([6, 0, 16, 18, 1]);
    expect(r.averages.waiting).toBe(8.2);
  });

  it('preempts for a strictly more urgent arrival, not for an equal one', () => {
    const w = workload({
      jobs: [
        { name: 'A', length: 5, priority: 2 },
        { name: 'B', arrival: 1, length: 2, priority: 1 },
        { name: 'C', arrival: 2, length: 1, priority: 2 },
      ],
    });
    const r = runPolicy(w, 'priority');
    expect(r.jobs.map((j) => j.completion)).toEqual([7, 3, 8]);
  });
});

describe('I/O overlaps with computation', () => {
  it('the issue example: B computes, waits on the disk while the core is free, then finishes', () => {
    const w = workload({
      cores: 1,
      switchCost: 0,
      ioDevices: { disk: 5 },
      jobs: [
        { name: 'A', arrival: 0, length: 5 },
        { name: 'B', arrival: 2, priority: 1, program: ['cpu 3', 'io disk 4', 'cpu 2'] },
      ],
    });
    const r = runPolicy(w, 'fifo');
    expect(r.jobs).toEqual([
      { name: 'A', arrival: 0, firstRun: 0, completion: 5, response: 0, turnaround: 5, waiting: 0 },
      { name: 'B', arrival: 2, firstRun: 5, completion: 14, response: 3, turnaround: 12, waiting: 3 },
    ]);
    expect(r.utilization).toBe(0.714);
  });

  it('two cores run two jobs in parallel (parallelism), one core interleaves them (concurrency)', () => {
    const one = runPolicy(
      workload({
        cores: 1,
        jobs: [
          { name: 'A', length: 6 },
          { name: 'B', length: 6 },
        ],
      }),
      'rr',
      { quantum: 2 },
    );
    const two = runPolicy(
      workload({
        cores: 2,
        jobs: [
          { name: 'A', length: 6 },
          { name: 'B', length: 6 },
        ],
      }),
      'rr',
      { quantum: 2 },
    );
    expect(one.ticks).toBe(12);
    expect(two.ticks).toBe(6);
  });
});

describe('figures a report may compare', () => {
  it('averages over finished processes are undefined, not 0, until one finishes; the interrupt latency until one is handled', () => {
    const m = machine({
      cores: 1,
      switchCost: 0,
      processes: [
        { name: 'A', length: 3 },
        { name: 'B', length: 2 },
      ],
    })
      .dispatch(0, 1)
      .tick(2);
    expect(machineMetrics(m.s).averages.turnaround).toBe(0); // the raw mean of nothing
    expect(comparableFigures(machineMetrics(m.s))).toEqual({
      response: null,
      turnaround: null,
      waiting: null,
      interruptLatency: null,
    });
    m.tick(1);
    const done = machineMetrics(m.s);
    expect(done.completed).toBe(1);
    expect(comparableFigures(done)).toEqual({
      response: 0,
      turnaround: 3,
      waiting: 0,
      interruptLatency: null,
    });
    expect(
      comparableFigures({ ...done, interruptsHandled: 2, meanInterruptLatency: 1.5 }).interruptLatency,
    ).toBe(1.5);
  });
});

describe('response counts the context switch the job waits through', () => {
  it("level 8's numbers: ping arrives at 5, A ends at 6, the switch to ping costs 2 ticks, so ping first runs at 8: response 3, not 1", () => {
    const m = machine({
      cores: 1,
      switchCost: 2,
      processes: [
        { name: 'A', length: 6 },
        { name: 'ping', arrival: 5, length: 1 },
      ],
    })
      .dispatch(0, 1)
      .tick(6);
    expect(m.s.processes[1]!.completion).toBe(6);
    m.dispatch(0, 2).tick(3);
    const ping = processMetrics(m.s).find((p) => p.name === 'ping')!;
    expect(ping).toMatchObject({
      arrival: 5,
      firstRun: 8,
      completion: 9,
      response: 3,
      turnaround: 4,
      waiting: 1,
    });
    const a = processMetrics(m.s).find((p) => p.name === 'A')!;
    expect(a).toMatchObject({ firstRun: 0, response: 0 }); // the first dispatch on an empty core switches nothing
  });
});
