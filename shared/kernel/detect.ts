// The detectors: deadlock (a cycle in the wait-for graph of mutexes, and threads stuck for ever
// through semaphores, join and channels), starvation (a Ready thread
// waiting longer than the scenario's bound) and interrupts left pending too long. Races are detected
// where they happen, in `store`; out-of-order delivery in ipc.ts; leaks at process exit.
import type { Emit } from './machine.ts';
import type { Instr, KernelState, Thread } from './types.ts';

/** The threads each blocked thread waits for (a mutex's owner): the wait-for graph's edges. */
export function waitsFor(s: KernelState): Map<number, number> {
  const edges = new Map<number, number>();
  for (const t of Object.values(s.threads)) {
    if (t.state !== 'blocked' || t.blocked?.on !== 'lock') continue;
    const owner = s.locks[t.blocked.name]?.owner;
    if (owner !== null && owner !== undefined) edges.set(t.tid, owner);
  }
  return edges;
}

/**
 * Whether the wait-for graph can hold a cycle at all: some thread waiting for a lock must be waiting
 * for an owner that itself waits for a lock. A thread blocked on a lock always sits in that lock's
 * waiters (the property tests check it), so looking at the locks' waiters is enough. This is the
 * common case by far, and it spares the per-tick detector a walk over every thread (performance).
 */
function mayDeadlock(s: KernelState): boolean {
  for (const name in s.locks) {
    const lock = s.locks[name]!;
    if (lock.owner === null || lock.waiters.length === 0) continue;
    const owner = s.threads[lock.owner];
    if (owner && owner.state === 'blocked' && owner.blocked?.on === 'lock') return true;
  }
  return false;
}

/** Every cycle in the wait-for graph, each as its sorted thread ids. */
export function deadlockCycles(s: KernelState): number[][] {
  if (!mayDeadlock(s)) return [];
  const edges = waitsFor(s);
  const cycles: number[][] = [];
  const done = new Set<number>();
  for (const start of edges.keys()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    let at: number | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      path.push(at);
      onPath.add(at);
      at = edges.get(at);
    }
    if (at !== undefined && onPath.has(at)) cycles.push(path.slice(path.indexOf(at)).sort((a, b) => a - b));
    for (const p of path) done.add(p);
  }
  return cycles;
}

/**
 * Reports every deadlock cycle not reported before. A cycle's threads stay blocked until one of them
 * ends (killed, or its process crashed): none can unlock, and only an unlock or an ending hands a lock
 * on. Thread ids are never reused, so the same cycle cannot form twice and the reported keys never
 * need clearing; a new cycle among the survivors has other members and is reported as new.
 */
export function detectDeadlocks(s: KernelState, emit: Emit): void {
  for (const cycle of deadlockCycles(s)) {
    const key = cycle.join(',');
    if (s.reportedDeadlocks.includes(key)) continue;
    s.reportedDeadlocks.push(key);
    s.counters.deadlocks++;
    emit({ tick: s.tick, type: 'deadlock', tids: cycle });
  }
}

/** Whether a thread, now or later, may run this instruction (its program from pc on; a steered thread's palette). */
function mayRun(t: Thread, pred: (i: Instr) => boolean): boolean {
  for (let k = t.pc; k < t.program.length; k++) if (pred(t.program[k]!)) return true;
  return t.steered && t.palette.some(pred);
}

/** Instructions that may bring new threads (and so new wakers) into the machine. */
const breeds = (i: Instr) => i.op === 'fork' || i.op === 'spawn' || i.op === 'exec';

/**
 * Blocked threads that nothing can ever wake: every thread that could signal their semaphore, send to
 * or read from their channel, finish the child they join, or unlock their lock, is itself one of them.
 * This is deadlock in the wait-for graph of every kind of wait (semaphores, join, channels, locks), not
 * only mutex cycles. Computed as the complement of what can still move: running, ready and new threads
 * move, a device always completes, and a blocked thread moves once one of its possible wakers moves.
 */
export function stuckThreads(s: KernelState): number[] {
  const live = Object.values(s.threads).filter((t) => t.state !== 'terminated');
  const blocked = live.filter((t) => t.state === 'blocked');
  if (!blocked.some((t) => t.blocked!.on !== 'device' && t.blocked!.on !== 'lock')) return [];
  if (s.pendingArrivals.length > 0) return []; // a process still to arrive may be the waker
  const moves = new Set(live.filter((t) => t.state !== 'blocked' || t.blocked!.on === 'device').map((t) => t.tid));
  // A moving thread that may create threads could create any waker: then nothing is certainly stuck.
  for (const tid of moves) if (mayRun(s.threads[tid]!, breeds)) return [];
  const wakers = (t: Thread): { all: boolean; tids: number[] } => {
    const b = t.blocked!;
    const others = live.filter((o) => o.tid !== t.tid);
    switch (b.on) {
      case 'device': return { all: false, tids: [] };
      case 'lock': {
        const owner = s.locks[b.name]?.owner;
        return { all: false, tids: owner == null ? [t.tid] : [owner] };
      }
      case 'semaphore': return { all: false, tids: others.filter((o) => mayRun(o, (i) => i.op === 'signal' && i.name === b.name)).map((o) => o.tid) };
      case 'recv': {
        const c = s.channels[b.channel];
        if (c && c.inFlight.length > 0) return { all: false, tids: [t.tid] };
        return { all: false, tids: others.filter((o) => mayRun(o, (i) => i.op === 'send' && i.channel === b.channel)).map((o) => o.tid) };
      }
      case 'send': return { all: false, tids: others.filter((o) => mayRun(o, (i) => i.op === 'recv' && i.channel === b.channel)).map((o) => o.tid) };
      case 'join': {
        const p = s.processes[t.pid]!;
        const kids = p.children.flatMap((c) => s.processes[c]!.threads).filter((k) => s.threads[k]!.state !== 'terminated');
        return { all: true, tids: kids };
      }
    }
  };
  const edges = new Map(blocked.map((t) => [t.tid, wakers(t)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const t of blocked) {
      if (moves.has(t.tid)) continue;
      const w = edges.get(t.tid)!;
      const free = w.tids.includes(t.tid) || (w.all ? w.tids.every((x) => moves.has(x)) : w.tids.some((x) => moves.has(x)));
      if (free) { moves.add(t.tid); changed = true; }
    }
  }
  return blocked.filter((t) => !moves.has(t.tid)).map((t) => t.tid).sort((a, b) => a - b);
}

/** Reports threads stuck for ever through semaphores, join or channels (mutex-only cycles are deadlockCycles'). */
export function detectStuck(s: KernelState, emit: Emit): void {
  const stuck = stuckThreads(s);
  if (stuck.length === 0) return;
  if (stuck.every((tid) => s.threads[tid]!.blocked!.on === 'lock')) return;
  const key = stuck.join(',');
  if (s.reportedDeadlocks.includes(key)) return;
  s.reportedDeadlocks.push(key);
  s.counters.deadlocks++;
  emit({ tick: s.tick, type: 'deadlock', tids: stuck });
}

/** Runs every detector once and reports what is new (at each tick boundary). */
export function detect(s: KernelState, emit: Emit): void {
  detectDeadlocks(s, emit);
  detectStuck(s, emit);
  for (const tid of s.readyQueue) {
    const t = s.threads[tid]!;
    if (!t.starvationReported && t.readyStreak > s.scenario.starvationBound) {
      t.starvationReported = true;
      s.counters.starvations++;
      emit({ tick: s.tick, type: 'starvation', tid, waited: t.readyStreak });
    }
  }
  for (const irq of s.interrupts) {
    const waited = s.tick - irq.raisedAt;
    if (!irq.reported && waited > s.scenario.interruptBound) {
      irq.reported = true;
      s.counters.unhandledInterrupts++;
      emit({ tick: s.tick, type: 'interrupt-unhandled', id: irq.id, waited });
    }
  }
}
