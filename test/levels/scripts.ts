// Building blocks for scripted players: each returns a PlayerScript that reads the machine and
// returns the moves a player of that role would make now.
import {
  MAX_PLAN,
  dueMessages,
  type KernelAction,
  type KernelState,
  type Thread,
} from '../../shared/kernel/index.ts';
import type { PlayerScript } from '../../shared/levels/index.ts';

/** The thread of the first process with this name (thread index k), if it has arrived. */
export function threadOf(s: Readonly<KernelState>, process: string, k = 0): Thread | undefined {
  const p = Object.values(s.processes)
    .filter((x) => x.name === process)
    .sort((a, b) => a.pid - b.pid)[0];
  const tid = p?.threads[k];
  return tid === undefined ? undefined : s.threads[tid];
}

/** The tid of the first Ready thread of a process with this name. */
export function readyOf(s: Readonly<KernelState>, process: string): number | undefined {
  return s.readyQueue.find((tid) => s.processes[s.threads[tid]!.pid]!.name === process);
}

/** A plan step: an instruction to choose, or a condition to wait for before going on. */
export type Step = string | ((s: Readonly<KernelState>) => boolean);

/**
 * Steers a thread through a plan: chooses its instructions in order as room allows, pausing at a
 * condition until it holds. The plan position is the number of instructions chosen so far.
 */
export function steer(process: string, plan: Step[], k = 0): PlayerScript {
  return (s) => {
    const t = threadOf(s, process, k);
    if (!t || !t.steered || t.state === 'terminated') return [];
    const instrs = plan.filter((p): p is string => typeof p === 'string');
    const chosen = t.program.length;
    if (chosen >= instrs.length || t.program.length - t.pc >= MAX_PLAN) return [];
    // Find the plan index of the next instruction and check the conditions before it.
    let seen = 0;
    for (const p of plan) {
      if (typeof p !== 'string') {
        if (seen === chosen && !p(s)) return [];
        continue;
      }
      if (seen === chosen) return [{ type: 'choose', tid: t.tid, instr: p }];
      seen++;
    }
    return [];
  };
}

/** Runs several scripts together (a player steering two threads). */
export function both(...scripts: PlayerScript[]): PlayerScript {
  return (s) => scripts.flatMap((f) => f(s));
}

/** A scheduler that fills each of its free cores with the Ready thread the ranking puts first. */
export function dispatchBy(
  rank: (s: Readonly<KernelState>, tid: number) => number,
  cores: number[] = [0],
): PlayerScript {
  return (s) => {
    for (const c of cores) {
      if (s.cores[c]!.running !== null) continue;
      const best = [...s.readyQueue].sort((a, b) => rank(s, a) - rank(s, b) || a - b)[0];
      if (best !== undefined) return [{ type: 'dispatch', core: c, tid: best }];
    }
    return [];
  };
}

/** The process name of a thread. */
export function nameOf(s: Readonly<KernelState>, tid: number): string {
  return s.processes[s.threads[tid]!.pid]!.name;
}

/** Ranks by a list of process names (earlier first; unknown last). */
export function byNames(...names: string[]) {
  return (s: Readonly<KernelState>, tid: number) => {
    const i = names.indexOf(nameOf(s, tid));
    return i < 0 ? names.length : i;
  };
}

/** The interrupt handler that handles everything pending at once. */
export const handleAll: PlayerScript = (s) =>
  s.interrupts.map((i): KernelAction => ({ type: 'handle-interrupt', id: i.id }));

/** The interrupt handler that handles nothing. */
export const idle: PlayerScript = () => [];

/** A preemptive scheduler: like dispatchBy, and it preempts a core whose thread ranks worse than the best Ready one. */
export function preemptBy(
  rank: (s: Readonly<KernelState>, tid: number) => number,
  cores: number[] = [0],
): PlayerScript {
  const fill = dispatchBy(rank, cores);
  return (s) => {
    const first = fill(s);
    if (first.length > 0) return first;
    const best = [...s.readyQueue].sort((a, b) => rank(s, a) - rank(s, b) || a - b)[0];
    if (best === undefined) return [];
    for (const c of cores) {
      const running = s.cores[c]!.running;
      if (running !== null && rank(s, best) < rank(s, running)) return [{ type: 'preempt', core: c }];
    }
    return [];
  };
}

/** The channel role played well: every due message, in the order the channel promises. */
export function deliverInOrder(channels: string[]): PlayerScript {
  return (s) =>
    channels.flatMap((name) => {
      const c = s.channels[name];
      return c
        ? dueMessages(s as KernelState, c).map((m): KernelAction => ({
            type: 'deliver',
            channel: name,
            message: m.id,
          }))
        : [];
    });
}

/** The channel role played badly: holds messages until two are ready (or everyone waits), then delivers the newest first. */
export function deliverNewestFirst(channels: string[]): PlayerScript {
  return (s) =>
    channels.flatMap((name) => {
      const c = s.channels[name];
      if (!c) return [];
      const ready = c.inFlight.filter((m) => m.readyAt <= s.tick).sort((a, b) => b.seq - a.seq);
      const writersDone = Object.values(s.threads).every(
        (t) => t.state === 'terminated' || t.state === 'blocked',
      );
      if (ready.length < 2 && !(writersDone && ready.length > 0)) return [];
      return ready.map((m): KernelAction => ({ type: 'deliver', channel: name, message: m.id }));
    });
}

/** The channel role that holds messages until `ready` says so, then delivers every due one in order. */
export function deliverWhen(channels: string[], ready: (s: Readonly<KernelState>) => boolean): PlayerScript {
  const deliver = deliverInOrder(channels);
  return (s) => (ready(s) ? deliver(s) : []);
}

/** Whether the process with this name can write no more now: it is blocked, has ended, or never came. */
export function writerStopped(s: Readonly<KernelState>, process: string): boolean {
  const t = threadOf(s, process);
  return !t || t.state === 'blocked' || t.state === 'terminated';
}

/**
 * Steers a thread one instruction at a time, as a player who looks before each choice: when it has no
 * chosen instruction left, `pick` reads the machine and names the next one (null: not yet).
 */
export function steerBy(
  process: string,
  pick: (s: Readonly<KernelState>, t: Thread) => string | null,
  k = 0,
): PlayerScript {
  return (s) => {
    const t = threadOf(s, process, k);
    if (!t || !t.steered || t.state === 'terminated' || t.pc < t.program.length) return [];
    const instr = pick(s, t);
    return instr === null ? [] : [{ type: 'choose', tid: t.tid, instr }];
  };
}
