// The comparison at the end of a round: the same scenario, seed and host live events, played
// entirely by bots under each classic policy.
import {
  applyActionInPlace,
  createKernel,
  isFinished,
  machineMetrics,
  tickInPlace,
} from '../../shared/kernel/index.ts';
import type { KernelState, Scenario, TimedAction } from '../../shared/kernel/index.ts';
import { roleSlots } from '../../shared/roles/assign.ts';
import { replaysIntoBaselines } from '../../shared/protocol/actions.ts';
import { BASELINE_POLICIES, type BaselineResult } from '../../shared/protocol/summary.ts';
import { scenarioForPolicy } from '../../shared/sim/run.ts';
import { playBots } from './bot-driver.ts';

/** Round robin's time slice in a baseline when the scenario itself has no timer. */
const BASELINE_QUANTUM = 4;

/** Runs one policy until the machine finishes or `tickLimit` passes. */
export function runBaseline(
  scenario: Scenario,
  seed: number,
  hostEvents: readonly TimedAction[],
  policy: BaselineResult['policy'],
  tickLimit: number,
): BaselineResult {
  // Each policy runs as the textbook defines it: a timer only for round robin.
  const state = createKernel(
    scenarioForPolicy(scenario, policy, scenario.quantum > 0 ? scenario.quantum : BASELINE_QUANTUM),
    seed,
  );
  const slots = roleSlots(scenario, 0);
  const none = new Set<string>();
  let k = 0;
  while (!isFinished(state) && state.tick < tickLimit) {
    while (k < hostEvents.length && hostEvents[k]!.tick <= state.tick) {
      const { action } = hostEvents[k++]!;
      // A time slice is round robin's alone: FIFO, SJF and priority stay the textbook's, with no timer.
      if (action.type === 'set-quantum' && policy !== 'rr') continue;
      applyActionInPlace(state, action);
    }
    playBots(state, slots, none, { kind: policy }, (a) => applyActionInPlace(state, a));
    if (isFinished(state)) break; // the last process ended on being dispatched: the clock stops here
    tickInPlace(state);
  }
  return { policy, finished: isFinished(state), metrics: machineMetrics(state) };
}

/**
 * The host's actions of a class round as the baselines replay them: a kill names the scenario process
 * it hit (its pid may differ in another run), and live events stay at their ticks.
 */
export function hostEventsOf(state: KernelState, log: readonly TimedAction[]): TimedAction[] {
  const names = new Map(Object.entries(state.arrivedPids).map(([name, pid]) => [pid, name]));
  return log
    .filter((e) => replaysIntoBaselines(e.action))
    .map((e) => {
      if (e.action.type !== 'kill' || e.action.process !== undefined) return e;
      const name = names.get(e.action.pid);
      return name === undefined ? e : { tick: e.tick, action: { ...e.action, process: name } };
    });
}

/** Every baseline, in the fixed order the report shows them. */
export function runBaselines(
  scenario: Scenario,
  seed: number,
  hostEvents: readonly TimedAction[],
  tickLimit: number,
): BaselineResult[] {
  return BASELINE_POLICIES.map((p) => runBaseline(scenario, seed, hostEvents, p, tickLimit));
}
