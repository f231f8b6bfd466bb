// The textbook metrics: per process response = first run − arrival, turnaround = completion − arrival,
// waiting = ticks its threads spent in Ready; for the machine utilisation, throughput, context switches
// and the ticks lost to them, interrupt latency, and the counts of every detected fault.
import type { Counters, KernelState } from './types.ts';

/** One process's figures; null until the moment they refer to has happened. */
export interface ProcessMetrics {
  pid: number;
  name: string;
  arrival: number;
  firstRun: number | null;
  completion: number | null;
  response: number | null;
  turnaround: number | null;
  waiting: number;
  cpu: number;
}

/** The machine's figures. */
export interface MachineMetrics {
  elapsed: number;
  utilization: number;
  /** Processes completed per 100 ticks. */
  throughput: number;
  completed: number;
  contextSwitches: number;
  switchTicks: number;
  /** Of contextSwitches, those between threads of one process, and the ticks they cost. */
  threadSwitches: number;
  threadSwitchTicks: number;
  /** Loads and stores that missed their core's cache, and the process switches that flushed a cache (scenarios with a cacheMissCost). */
  cacheMisses: number;
  cacheFlushes: number;
  /** Foreground processes: the mean ticks from a keystroke (a keyboard request done) to the process running again. */
  meanUserWait: number;
  interruptsRaised: number;
  interruptsHandled: number;
  meanInterruptLatency: number;
  averages: { response: number; turnaround: number; waiting: number };
  /** The figures a screen or report may put side by side (comparableFigures): the averages and latency, null where not defined yet. */
  comparable: ComparableFigures;
  faults: Omit<
    Counters,
    | 'contextSwitches'
    | 'switchTicks'
    | 'threadSwitches'
    | 'threadSwitchTicks'
    | 'cacheMisses'
    | 'cacheFlushes'
    | 'userWaits'
    | 'userWaitTicks'
    | 'interruptsRaised'
    | 'interruptsHandled'
    | 'interruptLatencyTotal'
    | 'completed'
  >;
}

/** Figures for every process, in PID order. */
export function processMetrics(s: KernelState): ProcessMetrics[] {
  return Object.values(s.processes)
    .filter((p) => !p.system)
    .sort((a, b) => a.pid - b.pid)
    .map((p) => {
      let waiting = 0;
      let cpu = 0;
      for (const tid of p.threads) {
        waiting += s.threads[tid]!.readyTicks;
        cpu += s.threads[tid]!.cpuTicks;
      }
      return {
        pid: p.pid,
        name: p.name,
        arrival: p.arrival,
        firstRun: p.firstRun,
        completion: p.completion,
        response: p.firstRun === null ? null : p.firstRun - p.arrival,
        turnaround: p.completion === null ? null : p.completion - p.arrival,
        waiting,
        cpu,
      };
    });
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The machine's figures so far. Averages are over completed processes. */
export function machineMetrics(s: KernelState): MachineMetrics {
  let busy = 0;
  let total = 0;
  for (const c of s.cores) {
    busy += c.busyTicks;
    total += c.busyTicks + c.idleTicks + c.switchTicks;
  }
  const done = processMetrics(s).filter((p) => p.completion !== null);
  const c = s.counters;
  const m: Omit<MachineMetrics, 'comparable'> = {
    elapsed: s.tick,
    utilization: total === 0 ? 0 : round(busy / total),
    throughput: s.tick === 0 ? 0 : round((c.completed * 100) / s.tick),
    completed: c.completed,
    contextSwitches: c.contextSwitches,
    switchTicks: c.switchTicks,
    threadSwitches: c.threadSwitches,
    threadSwitchTicks: c.threadSwitchTicks,
    cacheMisses: c.cacheMisses,
    cacheFlushes: c.cacheFlushes,
    meanUserWait: c.userWaits === 0 ? 0 : round(c.userWaitTicks / c.userWaits),
    interruptsRaised: c.interruptsRaised,
    interruptsHandled: c.interruptsHandled,
    meanInterruptLatency:
      c.interruptsHandled === 0 ? 0 : round(c.interruptLatencyTotal / c.interruptsHandled),
    averages: {
      response: round(mean(done.map((p) => p.response ?? 0))),
      turnaround: round(mean(done.map((p) => p.turnaround ?? 0))),
      waiting: round(mean(done.map((p) => p.waiting))),
    },
    faults: {
      lostUpdates: c.lostUpdates,
      deadlocks: c.deadlocks,
      starvations: c.starvations,
      livelocks: c.livelocks,
      outOfOrder: c.outOfOrder,
      leaks: c.leaks,
      unhandledInterrupts: c.unhandledInterrupts,
      faults: c.faults,
      messagesDropped: c.messagesDropped,
      refusedIpc: c.refusedIpc,
    },
  };
  return { ...m, comparable: comparableFigures(m) };
}

/** The averages a reader may compare; null where they are not defined yet. */
export interface ComparableFigures {
  response: number | null;
  turnaround: number | null;
  waiting: number | null;
  interruptLatency: number | null;
}

/**
 * The figures a report or a screen may put side by side: the process averages are over finished
 * processes, so before one has finished they are undefined, not 0 (which would read as the best
 * possible); the interrupt latency likewise before an interrupt was handled. Shown as "—", never "best".
 */
export function comparableFigures(
  m: Pick<MachineMetrics, 'completed' | 'averages' | 'interruptsHandled' | 'meanInterruptLatency'>,
): ComparableFigures {
  const done = m.completed > 0;
  return {
    response: done ? m.averages.response : null,
    turnaround: done ? m.averages.turnaround : null,
    waiting: done ? m.averages.waiting : null,
    interruptLatency: m.interruptsHandled > 0 ? m.meanInterruptLatency : null,
  };
}
