// How the machine is presented, computed once: thread and process labels ("P3", "P3·T2"), the figures
// every screen shows (by the textbook definitions, undefined figures as null) and the fault counts.
// The server projects these; the game's views and the dashboard draw them and compute nothing.
import { machineMetrics } from './metrics.ts';
import type { KernelState, ThreadState } from './types.ts';
import { threadLabel, unknownThreadLabel } from './labels.ts';

/** Gives a thread id its label; event sentences take one so any reader of the machine can word them. */
export type LabelOf = (tid: number) => string;

/**
 * A process's state as its PCB shows it, from its threads' states: Terminated when it has ended, else
 * Running if a thread runs, Ready if one waits in the ready queue, Blocked if all live ones wait, New before admission.
 */
export function processState(terminated: boolean, threadStates: readonly ThreadState[]): ThreadState {
  if (terminated) return 'terminated';
  for (const s of ['running', 'ready', 'blocked', 'new'] as const) if (threadStates.includes(s)) return s;
  // A live process with no thread of its own is the kernel's init, waiting for its children (wait()).
  return threadStates.length === 0 ? 'blocked' : 'terminated';
}

/** The label function of a kernel state. */
export function kernelLabels(s: KernelState): LabelOf {
  return (tid) => {
    const t = s.threads[tid];
    const p = t ? s.processes[t.pid] : undefined;
    return p ? threadLabel(p.pid, p.threads, tid) : unknownThreadLabel(tid);
  };
}

/**
 * A semaphore drawn as a shelf of permits: as many slots as its initial value (more if signals have
 * raised it above that), `available` of them filled, the rest taken. Who holds a taken permit is not
 * known: a semaphore has no owner (any thread may signal it), so the shelf names only who waits.
 */
export function semaphoreShelf(s: KernelState, name: string): { slots: number; available: number } {
  const value = s.semaphores[name]?.value ?? 0;
  return { slots: Math.max(s.scenario.semaphores[name] ?? 0, value), available: value };
}

/** The fault counters a screen lists, in the order it lists them. */
export const FAULT_KEYS = [
  'lostUpdates',
  'deadlocks',
  'starvations',
  'livelocks',
  'outOfOrder',
  'leaks',
  'unhandledInterrupts',
  'faults',
  'messagesDropped',
] as const;
/** One fault counter's name. */
export type FaultKey = (typeof FAULT_KEYS)[number];

/** The machine's figures as every screen shows them. */
export interface ScreenFigures {
  /** Busy core ticks / all core ticks (0..1). */
  utilization: number;
  /** Processes completed per 100 ticks. */
  throughput: number;
  completed: number;
  /** Averages over finished processes, null before one has finished (see comparableFigures). */
  response: number | null;
  turnaround: number | null;
  waiting: number | null;
  interruptLatency: number | null;
  switches: number;
  switchTicks: number;
  /** Of `switches`, those between two threads of one process (cheaper: threadSwitchCost). */
  threadSwitches: number;
  /** Loads and stores that missed their core's cache (each cost the scenario's cacheMissCost more). */
  cacheMisses: number;
  /** Of `switches`, those to another process that flushed a core's warm cache. */
  cacheFlushes: number;
  faults: Record<FaultKey, number>;
  /** Every fault counted in `faults`, added up. */
  faultTotal: number;
}

/** The figures of a machine now. */
export function screenFigures(s: KernelState): ScreenFigures {
  const m = machineMetrics(s);
  const c = m.comparable;
  const faults = Object.fromEntries(FAULT_KEYS.map((k) => [k, s.counters[k]])) as Record<FaultKey, number>;
  return {
    utilization: m.utilization,
    throughput: m.throughput,
    completed: m.completed,
    response: c.response,
    turnaround: c.turnaround,
    waiting: c.waiting,
    interruptLatency: c.interruptLatency,
    switches: m.contextSwitches,
    switchTicks: m.switchTicks,
    threadSwitches: m.threadSwitches,
    cacheMisses: m.cacheMisses,
    cacheFlushes: m.cacheFlushes,
    faults,
    faultTotal: FAULT_KEYS.reduce((n, k) => n + faults[k], 0),
  };
}
