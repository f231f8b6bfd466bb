// The detectors: deadlock (a cycle in the wait-for graph of mutexes, and threads stuck for ever
// through semaphores, join and channels), starvation (a Ready thread
// waiting longer than the scenario's bound) and interrupts left pending too long. Races are detected
// where they happen, in `store`; out-of-order delivery in ipc.ts; leaks at process exit.
import type { Emit } from './machine.ts';
import type { KernelState } from './types.ts';

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

/**
 * Blocked threads that nothing can ever wake, once nothing else can happen: no thread is Running,
 * Ready or New, no device has work, no interrupt or message is pending and no process is still to
 * arrive. Then every waiter (on a semaphore, a channel, join or a lock) waits for another waiter: the
 * wait-for graph of every kind of wait is closed, a deadlock, not only mutex cycles. Checked in this
 * order so that a busy machine (the usual case) answers at the first running core.
 */
export function stuckThreads(s: KernelState): number[] {
  for (const c of s.cores) if (c.running !== null) return [];
  if (s.readyQueue.length > 0 || s.interrupts.length > 0 || s.pendingArrivals.length > 0) return [];
  for (const name in s.devices) {
    const d = s.devices[name]!;
    if (d.current !== null || d.queue.length > 0) return [];
  }
  for (const name in s.channels) if (s.channels[name]!.inFlight.length > 0) return [];
  const stuck: number[] = [];
  for (const tid in s.threads) {
    const t = s.threads[tid]!;
    if (t.state === 'new') return [];
    if (t.state === 'blocked' && t.blocked?.on === 'recv' && t.blocked.deadline !== undefined) return []; // it will time out
    if (t.state === 'blocked') stuck.push(t.tid);
  }
  return stuck.sort((a, b) => a - b);
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
