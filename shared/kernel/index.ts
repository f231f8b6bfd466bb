// The kernel's public face: pure functions of plain data. `state + action -> state + events` and
// `state + tick -> state + events`; the in-place variants serve loops that own their state (a room,
// a replay, a benchmark) and skip the copy.
import { applyActionInPlace } from './actions.ts';
import { buildKernel } from './machine.ts';
import { boundary, tickInPlace } from './tick.ts';
import type { ActionResult, KernelAction, KernelEvent, KernelState, Scenario, TimedAction } from './types.ts';

export type * from './types.ts';
export { applyActionInPlace, MAX_PLAN, notReadyReason, type InPlaceResult } from './actions.ts';
export { tickInPlace } from './tick.ts';
export {
  parseScenario,
  defaultPalette,
  CHANNEL_KINDS,
  SHM_ATTACH_COST,
  scenarioInput,
  type ScenarioInput,
  type ScenarioResult,
} from './scenario.ts';
export { parseInstr, formatInstr, cpuCost, OPS, type ParseResult } from './program.ts';
export {
  PROBLEMS,
  VALUE_TERMS,
  describeProblem,
  problemSentence,
  problemTexts,
  type Problem,
  type ProblemCode,
} from './problems.ts';
export { zodProblem } from './zod-problem.ts';
export {
  CHANNEL_TERMS,
  describeRejection,
  describeEvent,
  REJECTIONS,
  taskSentence,
  type Lang,
} from './texts.ts';
export {
  comparableFigures,
  machineMetrics,
  processMetrics,
  type ComparableFigures,
  type MachineMetrics,
  type ProcessMetrics,
} from './metrics.ts';
export { hashState } from './hash.ts';
export { threadLabel, unknownThreadLabel } from './labels.ts';
export { awaitsMove, legalMoves } from './legal-moves.ts';
export {
  FAULT_KEYS,
  kernelLabels,
  processState,
  screenFigures,
  semaphoreShelf,
  type FaultKey,
  type LabelOf,
  type ScreenFigures,
} from './presentation.ts';
export {
  LIMITS,
  LANGS,
  POLICIES,
  CHANNEL_KIND_NAMES,
  PROCESS_KINDS,
  inLimit,
  limitSchema,
  type Limit,
  type LimitName,
  type PolicyKind,
} from './limits.ts';
export { label, MAX_PROCESSES, threadSwitchCostOf } from './machine.ts';
export { pageTable, type PageMark } from './memory.ts';
export {
  FAULT_EVENTS,
  deadlockCycles,
  stuckThreads,
  waitForCycles,
  waitsFor,
  type WaitForStep,
} from './detect.ts';
export { dueMessages, hasMessageFor, isFull, isOrdered, isTwoWay, channelCost } from './ipc.ts';

/** The machine at tick 0, with the processes that arrive at 0 admitted, and what that produced. */
export function startKernel(scenario: Scenario, seed = 1): { state: KernelState; events: KernelEvent[] } {
  const state = buildKernel(scenario, seed);
  const events: KernelEvent[] = [];
  boundary(state, (e) => events.push(e));
  return { state, events };
}

/** The machine at tick 0. */
export function createKernel(scenario: Scenario, seed = 1): KernelState {
  return startKernel(scenario, seed).state;
}

/** Applies an action without touching the given state: the next state and events, or a refusal. */
export function applyAction(state: KernelState, action: KernelAction): ActionResult {
  const next = structuredClone(state);
  const r = applyActionInPlace(next, action);
  return r.ok ? { ok: true, state: next, events: r.events } : r;
}

/** Advances a copy of the machine by some ticks. */
export function advance(state: KernelState, ticks = 1): { state: KernelState; events: KernelEvent[] } {
  const next = structuredClone(state);
  const events: KernelEvent[] = [];
  for (let i = 0; i < ticks; i++) events.push(...tickInPlace(next));
  return { state: next, events };
}

/** True when every process has arrived and terminated. */
export function isFinished(s: KernelState): boolean {
  if (s.pendingArrivals.length > 0) return false;
  for (const p of Object.values(s.processes)) if (!p.terminated && !p.system) return false;
  return true;
}

/**
 * Rebuilds the machine from its scenario, seed and timed action log, up to `untilTick` (the actions
 * logged at that tick included). A logged action the kernel refuses means the log does not belong to
 * this scenario, and throws.
 */
export function replay(
  scenario: Scenario,
  seed: number,
  log: readonly TimedAction[],
  untilTick: number,
): KernelState {
  const state = createKernel(scenario, seed);
  let k = 0;
  for (;;) {
    while (k < log.length && log[k]!.tick <= state.tick) {
      const entry = log[k++]!;
      if (entry.tick < state.tick) throw new Error(`replay: the log is not in tick order at entry ${k - 1}`);
      const r = applyActionInPlace(state, entry.action);
      if (!r.ok)
        throw new Error(
          `replay: the action at tick ${entry.tick} (${entry.action.type}) was refused: ${r.rejection.code}`,
        );
    }
    if (state.tick >= untilTick) return state;
    tickInPlace(state);
  }
}
export { liveEventActions, LIVE_EVENTS, type LiveEvent } from './live-events.ts';
