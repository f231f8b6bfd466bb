// What a code view needs besides the instructions: the names a program refers to (channels and
// their kinds, locks, semaphores, variables, called programs), from a scenario or a synced machine.
import type { ChannelKind } from '../kernel/limits.ts';
import type { Instr, Scenario } from '../kernel/types.ts';

/** A channel as a code view declares it. */
export interface CodeChannel {
  kind: ChannelKind;
  capacity: number;
}

/** Everything besides the program that a generated file declares, so that it is a complete unit. */
export interface CodeContext {
  /** The process's name and the thread's place in it, for the file's header. */
  process: string;
  /** 0: the process's main thread (its code is main); k > 0: a thread main starts. */
  threadIndex: number;
  channels: Record<string, CodeChannel>;
  locks: string[];
  /** Semaphore name → its initial value. */
  semaphores: Record<string, number>;
  /** The process's own variables (its data segment) → initial values. */
  vars: Record<string, number>;
  /** Shared-memory segment → its variables' initial values. */
  shared: Record<string, Record<string, number>>;
  /** Programs that spawn, fork or exec name (their code is generated as functions). */
  programs: Record<string, Instr[]>;
  devices: string[];
}

/** The context of thread `threadIndex` of scenario process `processName` (tests and tools). */
export function contextFromScenario(s: Scenario, processName: string, threadIndex: number): CodeContext {
  const p = s.processes.find((q) => q.name === processName);
  const shared: Record<string, Record<string, number>> = {};
  for (const seg of Object.keys(s.sharedMemory)) shared[seg] = { ...s.sharedMemory[seg] };
  return {
    process: processName,
    threadIndex,
    channels: Object.fromEntries(s.channels.map((c) => [c.name, { kind: c.kind, capacity: c.capacity }])),
    locks: [...s.locks],
    semaphores: { ...s.semaphores },
    vars: { ...(p?.vars ?? {}) },
    shared,
    programs: Object.fromEntries(Object.entries(s.programs).map(([k, v]) => [k, v.instructions])),
    devices: Object.keys(s.devices),
  };
}
