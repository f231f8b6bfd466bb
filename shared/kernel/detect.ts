// The detectors: deadlock (a cycle in the wait-for graph of mutexes, and threads stuck for ever
// through semaphores, join and channels), starvation (a Ready thread
// waiting longer than the scenario's bound) and interrupts left pending too long. Races are detected
// where they happen, in `store`; out-of-order delivery in ipc.ts; leaks at process exit.
import { interruptWaited } from './interrupts.ts';
import type { Emit } from './machine.ts';
import type { Instr, KernelEventType, KernelState, Thread } from './types.ts';

/**
 * The faults the kernel detects, as event types: what a class stops to talk about. The feed and the screen
 * reader's live region mark them ⚠; a round's report lists them (with crashes, kills and refused IPC).
 */
export const FAULT_EVENTS: ReadonlySet<KernelEventType> = new Set<KernelEventType>([
  'lost-update',
  'deadlock',
  'livelock',
  'starvation',
  'out-of-order',
  'leak',
  'interrupt-unhandled',
  'fault',
]);

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

/** One step around a wait-for cycle: a thread, the lock it waits for, and that lock's holder (the next thread). */
export interface WaitForStep {
  tid: number;
  lock: string;
  holder: number;
}

/**
 * Every cycle in the wait-for graph of mutexes, each in the order it closes: thread → the lock it waits
 * for → that lock's holder → the lock the holder waits for → … back to the first thread, which is the
 * cycle's smallest thread id. What the machine view draws when a deadlock freezes it (issue 13); empty
 * when no thread waits for a lock whose holder waits too (the common case, answered without a walk).
 */
export function waitForCycles(s: KernelState): WaitForStep[][] {
  if (!mayDeadlock(s)) return [];
  const edges = waitsFor(s);
  const cycles: WaitForStep[][] = [];
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
    if (at !== undefined && onPath.has(at)) {
      const ring = path.slice(path.indexOf(at));
      const first = ring.indexOf(Math.min(...ring));
      cycles.push(
        [...ring.slice(first), ...ring.slice(0, first)].map((tid) => {
          const b = s.threads[tid]!.blocked as { on: 'lock'; name: string };
          return { tid, lock: b.name, holder: edges.get(tid)! };
        }),
      );
    }
    for (const p of path) done.add(p);
  }
  return cycles;
}

/** Every cycle in the wait-for graph, each as its sorted thread ids. */
export function deadlockCycles(s: KernelState): number[][] {
  return waitForCycles(s).map((c) => c.map((step) => step.tid).sort((a, b) => a - b));
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
  if (stuck.every((tid) => isReported(s, tid))) return; // already told when its cycle closed
  const key = stuck.join(',');
  if (s.reportedDeadlocks.includes(key)) return;
  s.reportedDeadlocks.push(key);
  s.counters.deadlocks++;
  emit({ tick: s.tick, type: 'deadlock', tids: stuck });
}

/**
 * Per program (by identity), the last index of each wake (`signal S`, `send CH`, `recv CH`) and of the
 * last instruction that creates code (fork, spawn, exec: the new code might wake anyone). A thread's
 * program only grows by appending (a steered thread's choices), so an entry stays right while the
 * length it was built for is unchanged. A memo of a pure function of the program: no state of its own.
 */
interface WakeIndex {
  length: number;
  at: Map<string, number>;
  newCode: number;
}
const wakeIndexes = new WeakMap<Instr[], WakeIndex>();

function wakeIndex(program: Instr[]): WakeIndex {
  const hit = wakeIndexes.get(program);
  if (hit && hit.length === program.length) return hit;
  const w: WakeIndex = { length: program.length, at: new Map(), newCode: -1 };
  program.forEach((i, k) => {
    if (i.op === 'signal') w.at.set(`signal ${i.name}`, k);
    else if (i.op === 'send' || i.op === 'recv') w.at.set(`${i.op} ${i.channel}`, k);
    else if (i.op === 'fork' || i.op === 'spawn' || i.op === 'exec') w.newCode = k;
  });
  wakeIndexes.set(program, w);
  return w;
}

/** Whether this thread may still do the wake `key` (e.g. "signal S"): in its program from its PC on, or (steered) among the choices it is offered. */
function mayWake(t: Thread, key: string): boolean {
  const w = wakeIndex(t.program);
  if (w.newCode >= t.pc || (w.at.get(key) ?? -1) >= t.pc) return true;
  if (!t.steered) return false;
  const pal = wakeIndex(t.palette);
  return pal.newCode >= 0 || pal.at.has(key);
}

/**
 * The threads deadlocked with `start`, or null: every thread that could wake it (a lock's owner, a
 * semaphore's possible signallers, a channel's possible senders or receivers, a joined child's threads)
 * is itself blocked in the same way, and so on, with no message, timeout, device or arrival that could
 * end a wait: the wait-for graph of every kind of wait is closed around it. Walks only from the thread
 * that just blocked and gives up at the first thread that can still move, which on a busy machine is
 * almost at once (performance: no search of the whole graph per action). Mutex-only cycles are left to
 * deadlockCycles, which reports the cycle itself.
 */
export function deadlockedWith(s: KernelState, start: number): number[] | null {
  // The common case first, without allocating: a lock waiter whose owner can still move.
  const first = s.threads[start]!.blocked;
  if (first?.on === 'lock') {
    const owner = s.locks[first.name]?.owner;
    if (owner !== null && owner !== undefined && s.threads[owner]!.state !== 'blocked') return null;
  }
  const seen = new Set<number>([start]);
  const todo = [start];
  let beyondLocks = false;
  while (todo.length > 0) {
    const t = s.threads[todo.pop()!]!;
    const b = t.blocked;
    if (t.state !== 'blocked' || b === null) return null;
    switch (b.on) {
      case 'device':
      case 'await':
        return null;
      case 'lock': {
        const owner = s.locks[b.name]?.owner;
        if (owner === null || owner === undefined || !follow(s, owner, seen, todo)) return null;
        break;
      }
      case 'semaphore':
        beyondLocks = true;
        if (!followWakers(s, `signal ${b.name}`, seen, todo)) return null;
        break;
      case 'recv':
      case 'send': {
        beyondLocks = true;
        const ch = s.channels[b.channel]!;
        if (ch.inFlight.length > 0 || ch.buffer.length > 0) return null;
        if (b.on === 'recv' && b.deadline !== undefined) return null; // it will time out
        if (!followWakers(s, `${b.on === 'recv' ? 'send' : 'recv'} ${b.channel}`, seen, todo)) return null;
        break;
      }
      case 'join':
        beyondLocks = true;
        for (const c of s.processes[t.pid]!.children) {
          const child = s.processes[c]!;
          if (child.terminated) continue;
          for (const tid of child.threads) if (!follow(s, tid, seen, todo)) return null;
        }
        break;
    }
  }
  return beyondLocks ? [...seen].sort((x, y) => x - y) : null;
}

/** Adds a thread that could wake a waiter to the walk; false when it can still move (so it may wake it). */
function follow(s: KernelState, tid: number, seen: Set<number>, todo: number[]): boolean {
  const w = s.threads[tid]!;
  if (w.state === 'terminated') return true;
  if (w.state !== 'blocked') return false;
  if (!seen.has(tid)) {
    seen.add(tid);
    todo.push(tid);
  }
  return true;
}

/** Follows every thread that may still do the wake `key`; false when one of them can still move. */
function followWakers(s: KernelState, key: string, seen: Set<number>, todo: number[]): boolean {
  if (s.pendingArrivals.length > 0) return false; // a process still to arrive may wake it
  for (const tid in s.threads) {
    const w = s.threads[tid]!;
    if (w.state !== 'terminated' && mayWake(w, key) && !follow(s, w.tid, seen, todo)) return false;
  }
  return true;
}

/**
 * Reports a deadlock through semaphores, join or channels the moment the block that closes it happens:
 * checked only from the threads that blocked on such a wait since the last check (an unchanged wait
 * cannot close a cycle). Keys are the threads' sorted ids, shared with the other two detectors.
 */
export function detectClosedWaits(s: KernelState, emit: Emit): void {
  const fresh = s.blockedNow;
  if (!fresh || fresh.length === 0) return;
  s.blockedNow = [];
  for (const tid of fresh) {
    if (isReported(s, tid)) continue;
    const tids = deadlockedWith(s, tid);
    if (tids === null) continue;
    s.reportedDeadlocks.push(tids.join(','));
    s.counters.deadlocks++;
    emit({ tick: s.tick, type: 'deadlock', tids });
  }
}

/** Whether this thread is already in a reported deadlock (its threads stay blocked, so one report is enough). */
function isReported(s: KernelState, tid: number): boolean {
  if (s.reportedDeadlocks.length === 0) return false;
  const id = String(tid);
  return s.reportedDeadlocks.some((key) => key.split(',').includes(id));
}

/**
 * Counts one more tick of a busy CPU without progress: cores paid context switches while no core did a
 * tick of useful work and no device served a request (instant instructions take no time and are not
 * work). More than the scenario's livelockBound such ticks in a row is a livelock, reported once per
 * run of such ticks: the threads keep being switched in and out (a scheduler preempting before the
 * switch is paid, over and over) and none gets anywhere. Any tick of work ends the run.
 */
export function watchLivelock(s: KernelState, emit: Emit): void {
  const w = (s.noProgress ??= { ticks: 0, tids: [], reported: false });
  w.ticks++;
  for (const c of s.cores) if (c.running !== null && !w.tids.includes(c.running)) w.tids.push(c.running);
  if (w.reported || w.ticks <= s.scenario.livelockBound) return;
  w.reported = true;
  s.counters.livelocks++;
  emit({ tick: s.tick, type: 'livelock', tids: [...w.tids].sort((a, b) => a - b), ticks: w.ticks });
}

/** Runs every detector once and reports what is new (at each tick boundary). */
export function detect(s: KernelState, emit: Emit): void {
  detectDeadlocks(s, emit);
  detectClosedWaits(s, emit);
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
    const waited = interruptWaited(s.tick, irq);
    if (!irq.reported && waited > s.scenario.interruptBound) {
      irq.reported = true;
      s.counters.unhandledInterrupts++;
      emit({ tick: s.tick, type: 'interrupt-unhandled', id: irq.id, waited });
    }
  }
}
