// The end-of-round comparison and the headless runner tell the textbook's figures (issue 11, items 6 and 9).
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type ScenarioInput } from '../../shared/kernel/index.ts';
import { runPolicy } from '../../shared/sim/run.ts';
import { hostEventsOf, runBaseline } from '../../server/game/baselines.ts';
import { Match } from '../../server/game/match.ts';
import { roleSlots } from '../../shared/roles/assign.ts';

function scenario(input: ScenarioInput): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

// A 4-tick job: 1 tick of CPU, then 3 of disk; it ends when it is dispatched after its I/O, at tick 4.
const IO_JOB = scenario({ devices: { disk: 3 }, processes: [{ name: 'A', program: ['cpu 1', 'io disk'] }] });
// The parent ends on being dispatched after its join: the clock must stop there too.
const JOIN_JOB = scenario({
  programs: { kid: ['cpu 3'] },
  processes: [{ name: 'sh', program: ['fork kid', 'join'] }],
});

describe('the clock stops when the last process ends', () => {
  it('the runner reports ticks and utilisation up to the last completion, after I/O and after join', () => {
    const io = runPolicy(IO_JOB, 'fifo');
    expect(io).toMatchObject({ ticks: 4, utilization: 0.25 });
    expect(io.metrics.throughput).toBe(25);
    expect(io.jobs[0]!.completion).toBe(4);
    const join = runPolicy(JOIN_JOB, 'fifo');
    expect(join).toMatchObject({ ticks: 3, utilization: 1 });
  });

  it('the end-of-round baselines and the class round stop there too', () => {
    for (const policy of ['fifo', 'sjf', 'rr', 'priority'] as const) {
      expect(runBaseline(IO_JOB, 1, [], policy, 1000).metrics).toMatchObject({
        elapsed: 4,
        utilization: 0.25,
      });
    }
    const match = new Match({
      scenario: IO_JOB,
      scenarioName: 'io',
      seed: 1,
      ticksPerSecond: 10,
      tickLimit: 100,
    });
    match.slots = roleSlots(IO_JOB, 0);
    match.start();
    let ended = null;
    for (let i = 0; i < 20 && ended === null; i++) ended = match.step(100, new Set()).ended;
    expect(ended).toBe('finished');
    expect(match.state.tick).toBe(4);
  });
});

describe("baselines are the textbook's", () => {
  const two = scenario({
    processes: [
      { name: 'long', length: 8 },
      { name: 'short', arrival: 1, length: 2 },
    ],
  });

  it('a host set-quantum gives round robin its slice and leaves FIFO, SJF and priority without a timer', () => {
    const events = [{ tick: 0, action: { type: 'set-quantum' as const, quantum: 1 } }];
    const fifo = runBaseline(two, 1, events, 'fifo', 1000);
    expect(fifo.metrics.contextSwitches).toBe(1); // long runs to the end, then short: FIFO
    expect(fifo.metrics.averages.turnaround).toBe((8 + 9) / 2);
    const rr = runBaseline(two, 1, events, 'rr', 1000);
    expect(rr.metrics.contextSwitches).toBeGreaterThan(2);
  });

  it('a host kill names the scenario process, so the baseline kills the same one whatever its pid there', () => {
    // In the class run "victim" got pid 2; a replay where it is pid 3 must still kill "victim".
    const s = scenario({
      processes: [
        { name: 'a', length: 5 },
        { name: 'victim', length: 50 },
      ],
    });
    const match = new Match({ scenario: s, scenarioName: 's', seed: 1, ticksPerSecond: 10, tickLimit: 100 });
    expect(match.act({ type: 'kill', pid: 2 }).ok).toBe(true);
    const events = hostEventsOf(match.state, match.log);
    expect(events[0]!.action).toEqual({ type: 'kill', pid: 2, process: 'victim' });
    const swapped = scenario({
      processes: [
        { name: 'x', length: 1 },
        { name: 'a', length: 5 },
        { name: 'victim', length: 50 },
      ],
    });
    const b = runBaseline(swapped, 1, events, 'fifo', 1000);
    expect(b.finished).toBe(true);
    expect(b.metrics.faults.faults).toBe(1);
    expect(b.metrics.elapsed).toBe(6); // x and a ran; victim was killed at tick 0
  });
});
