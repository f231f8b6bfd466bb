// Bots for every role, so that no round waits on an absent human and solo play works. Each bot reads
// the machine and returns the actions a correct, prompt player of that role would take now; the
// caller applies them. Bots are pure: same state, same actions.
import { cpuCost, dueMessages, channelCost, formatInstr } from '../kernel/index.ts';
import type { KernelAction, KernelState, Thread } from '../kernel/index.ts';
import type { PolicyKind } from '../kernel/limits.ts';
import { slotThreadId } from '../roles/slot-thread.ts';
import type { RoleSlot } from '../roles/types.ts';

/** The scheduling policies the scheduler bot plays, as in the textbooks (declared in limits.ts). */
export { POLICIES, type PolicyKind } from '../kernel/limits.ts';

/** A scheduler policy: a classic one, or an explicit schedule naming the thread each core runs at each tick. */
export type Policy =
  | { kind: PolicyKind }
  | { kind: 'schedule'; schedule: ReadonlyArray<number | null | ReadonlyArray<number | null>> };

/** CPU ticks a thread still needs: what SJF and STCF rank by. */
export function remainingWork(s: KernelState, t: Thread): number {
  let n = t.owed;
  const program = t.steered ? t.script.slice(t.scriptCursor) : t.program.slice(t.pc);
  for (const i of program) {
    n += cpuCost(i);
    if (i.op === 'send' || i.op === 'recv') {
      const c = s.channels[i.channel];
      if (c) n += channelCost(c);
    }
  }
  return n;
}

type Key = (t: Thread) => number[];

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function keyFor(s: KernelState, kind: PolicyKind): Key | null {
  const order = (t: Thread) => [s.processes[t.pid]!.arrival, t.pid, t.tid];
  switch (kind) {
    case 'fifo':
    case 'rr':
      return null; // the Ready queue's own order
    case 'sjf':
    case 'stcf':
      return (t) => [remainingWork(s, t), ...order(t)];
    case 'priority':
      return (t) => [s.processes[t.pid]!.priority, ...order(t)];
  }
}

function best(s: KernelState, key: Key | null): Thread | undefined {
  let pick: Thread | undefined;
  for (const tid of s.readyQueue) {
    const t = s.threads[tid]!;
    if (!pick) {
      pick = t;
      if (!key) return pick;
      continue;
    }
    if (key && compare(key(t), key(pick)) < 0) pick = t;
  }
  return pick;
}

/**
 * The scheduler's moves under a policy, for the given cores (all by default): fill free cores, and
 * under STCF and priority preempt a running thread when a strictly better one is Ready.
 */
export function schedulerBot(s: KernelState, policy: Policy, cores?: readonly number[]): KernelAction[] {
  const mine = cores ?? s.cores.map((c) => c.id);
  if (policy.kind === 'schedule') return followSchedule(s, policy.schedule, mine);
  const key = keyFor(s, policy.kind);
  const free = mine.filter((c) => s.cores[c] && s.cores[c]!.running === null);
  if (free.length > 0) {
    const t = best(s, key);
    return t ? [{ type: 'dispatch', core: free[0]!, tid: t.tid }] : [];
  }
  if ((policy.kind === 'stcf' || policy.kind === 'priority') && key) {
    const t = best(s, key);
    if (!t) return [];
    // Preempt the core running the worst thread, if the best Ready one beats it strictly.
    let worst: { core: number; k: number[] } | null = null;
    for (const c of mine) {
      const running = s.cores[c]?.running;
      if (running === null || running === undefined) continue;
      const k = key(s.threads[running]!);
      if (!worst || compare(k, worst.k) > 0) worst = { core: c, k };
    }
    if (worst && compare(key(t).slice(0, 1), worst.k.slice(0, 1)) < 0) {
      return [
        { type: 'preempt', core: worst.core },
        { type: 'dispatch', core: worst.core, tid: t.tid },
      ];
    }
  }
  return [];
}

function followSchedule(
  s: KernelState,
  schedule: ReadonlyArray<number | null | ReadonlyArray<number | null>>,
  mine: readonly number[],
): KernelAction[] {
  const row = schedule[s.tick];
  if (row === undefined) return [];
  const wanted = Array.isArray(row) ? row : [row];
  const out: KernelAction[] = [];
  for (const c of mine) {
    const want = (wanted[c] ?? null) as number | null;
    const core = s.cores[c];
    if (!core || core.running === want) continue;
    if (core.running !== null) {
      out.push({ type: 'preempt', core: c });
    }
    if (want !== null && s.threads[want]?.state === 'ready')
      out.push({ type: 'dispatch', core: c, tid: want });
    if (out.length > 0) return out;
  }
  return out;
}

/** The interrupt handler: handles every pending interrupt, oldest first. */
export function interruptBot(s: KernelState): KernelAction[] {
  if (s.scenario.auto.interrupts) return [];
  return [...s.interrupts]
    .sort((a, b) => a.raisedAt - b.raisedAt || a.id - b.id)
    .map((i) => ({ type: 'handle-interrupt', id: i.id }));
}

/** The channel role: delivers every due message in the order the channel promises. */
export function deliveryBot(s: KernelState, channels?: readonly string[]): KernelAction[] {
  if (s.scenario.auto.delivery) return [];
  const out: KernelAction[] = [];
  for (const name of channels ?? Object.keys(s.channels)) {
    const c = s.channels[name];
    if (!c) continue;
    for (const m of dueMessages(s, c)) out.push({ type: 'deliver', channel: name, message: m.id });
  }
  return out;
}

/** The thread role: when a steered thread has nothing planned, choose its next reference instruction. */
export function threadBot(s: KernelState, tid: number): KernelAction[] {
  const t = s.threads[tid];
  if (!t || !t.steered || t.state === 'terminated' || t.pc < t.program.length) return [];
  const next = t.script[t.scriptCursor];
  return [{ type: 'choose', tid, instr: next ? formatInstr(next) : 'exit' }];
}

/** Every steered thread's id, for assigning the thread role. */
export function steeredThreads(s: KernelState): number[] {
  return Object.values(s.threads)
    .filter((t) => t.steered && t.state !== 'terminated')
    .map((t) => t.tid);
}

/**
 * The moves the bot for one room job would make now: the same role bots the simulator settles, asked
 * for one slot (a room's bots play each job no present person holds, once per tick).
 */
export function botMoves(state: KernelState, slot: RoleSlot, policy: Policy): KernelAction[] {
  switch (slot.role) {
    case 'scheduler':
      return schedulerBot(state, policy, slot.cores);
    case 'interrupt':
      return interruptBot(state);
    case 'ipc':
      return deliveryBot(state, [slot.channel]);
    case 'thread': {
      const tid = slotThreadId(state, slot);
      return tid === null ? [] : threadBot(state, tid);
    }
  }
}
