// The roles' moves on the machine. Each action is checked completely before anything changes, so a
// refused action returns a typed rejection and leaves the state exactly as it was.
import { detectClosedWaits, detectDeadlocks, detectStuck } from './detect.ts';
import { settle } from './execute.ts';
import { handle } from './interrupts.ts';
import { deliver } from './ipc.ts';
import {
  MAX_PROCESSES,
  createProcess,
  label,
  leaveCore,
  liveProcesses,
  makeReady,
  newCore,
  switchCostOf,
  terminateProcess,
  warmCacheFor,
  type Emit,
} from './machine.ts';
import { LIMITS, inLimit } from './limits.ts';
import { problemParams } from './problems.ts';
import { formatInstr, parseInstr } from './program.ts';
import { checkProcessSpec } from './scenario.ts';
import type {
  Core,
  Instr,
  KernelAction,
  KernelEvent,
  KernelState,
  Rejection,
  RejectionCode,
  Thread,
} from './types.ts';

/** How many chosen instructions a steered thread may have waiting ahead of its PC. */
export const MAX_PLAN = 8;

/** The outcome of an in-place action: its events, or why it was refused (state untouched). */
export type InPlaceResult = { ok: true; events: KernelEvent[] } | { ok: false; rejection: Rejection };

const no = (code: RejectionCode, params: Rejection['params'] = {}): InPlaceResult => ({
  ok: false,
  rejection: { code, params },
});

/** Why a thread cannot be dispatched, or null when it is Ready. */
export function notReadyReason(s: KernelState, t: Thread): Rejection | null {
  if (t.state === 'ready') return null; // every dispatch asks: no label needed then
  const thread = label(s, t.tid);
  switch (t.state) {
    case 'new':
      return { code: 'thread-new', params: { thread } };
    case 'running':
      return { code: 'thread-running', params: { thread, core: t.core ?? 0 } };
    case 'terminated':
      return { code: 'thread-terminated', params: { thread } };
    case 'blocked': {
      const b = t.blocked!;
      switch (b.on) {
        case 'device': {
          // Its I/O may be done already, with the completion interrupt still waiting for the handler.
          const irq = s.interrupts.find((i) => i.kind === 'io' && i.tid === t.tid);
          if (irq) return { code: 'io-interrupt-pending', params: { thread, device: b.device, id: irq.id } };
          return { code: 'blocked-device', params: { thread, device: b.device } };
        }
        case 'lock': {
          const owner = s.locks[b.name]?.owner;
          return {
            code: 'blocked-lock',
            params: { thread, lock: b.name, owner: owner == null ? '-' : label(s, owner) },
          };
        }
        case 'semaphore':
          return { code: 'blocked-semaphore', params: { thread, semaphore: b.name } };
        case 'recv':
          return {
            code: 'blocked-recv',
            params: { thread, channel: b.channel, kind: s.channels[b.channel]?.spec.kind ?? '' },
          };
        case 'send':
          return {
            code: 'blocked-send',
            params: { thread, channel: b.channel, kind: s.channels[b.channel]?.spec.kind ?? '' },
          };
        case 'join':
          return { code: 'blocked-join', params: { thread } };
        case 'await':
          return { code: 'blocked-await', params: { thread, count: t.asyncPending } };
      }
    }
  }
}

/** The locks a thread will hold once its planned instructions have run (what `unlock` may name). */
export function locksHeldAfterPlan(t: Thread): Set<string> {
  const held = new Set(t.locksHeld);
  for (const i of t.program.slice(t.pc)) {
    if (i.op === 'lock') held.add(i.name);
    if (i.op === 'unlock') held.delete(i.name);
  }
  return held;
}

const same = (a: Instr, b: Instr) => JSON.stringify(a) === JSON.stringify(b);

/** Applies one action to the state in place; nothing changes when it is refused. */
export function applyActionInPlace(s: KernelState, a: KernelAction): InPlaceResult {
  const events: KernelEvent[] = [];
  const emit: Emit = (e) => events.push(e);
  const r = act(s, a, emit);
  if (r) return r;
  // Only a deadlock can appear between two ticks. Starvation and unhandled interrupts depend on
  // counters that move only with the tick (a Ready streak, an interrupt's age), and the boundary's
  // detector has already reported every case as of this tick; an action only resets a streak or raises
  // an interrupt of age 0. So after an action the deadlock detector is the only one with news.
  detectDeadlocks(s, emit);
  detectClosedWaits(s, emit);
  detectStuck(s, emit);
  return { ok: true, events };
}

function act(s: KernelState, a: KernelAction, emit: Emit): InPlaceResult | null {
  switch (a.type) {
    case 'dispatch': {
      const core = s.cores[a.core];
      if (!core) return no('no-such-core', { core: a.core });
      const t = s.threads[a.tid];
      if (!t) return no('no-such-thread', { tid: a.tid });
      if (core.running !== null) return no('core-busy', { core: a.core, thread: label(s, core.running) });
      const why = notReadyReason(s, t);
      if (why) return { ok: false, rejection: why };
      dispatchOn(s, core, t, emit);
      return null;
    }
    case 'replace': {
      // Everything is checked before the preempt, so a refused replace leaves the core as it was.
      const core = s.cores[a.core];
      if (!core) return no('no-such-core', { core: a.core });
      const t = s.threads[a.tid];
      if (!t) return no('no-such-thread', { tid: a.tid });
      if (core.running === null) return no('replace-idle', { core: a.core, thread: label(s, t.tid) });
      if (core.running === t.tid) return no('replace-same', { core: a.core, thread: label(s, t.tid) });
      const why = notReadyReason(s, t);
      if (why) return { ok: false, rejection: why };
      // As round robin has it: the preempted thread joins the tail of the ready queue, then the core
      // switches to the chosen one (one context switch, its cost as the scenario sets it).
      const old = s.threads[core.running]!;
      leaveCore(s, old);
      makeReady(s, old);
      emit({ tick: s.tick, type: 'preempted', core: a.core, tid: old.tid, by: 'scheduler' });
      dispatchOn(s, core, t, emit);
      return null;
    }
    case 'preempt': {
      const core = s.cores[a.core];
      if (!core) return no('no-such-core', { core: a.core });
      if (core.running === null) return no('core-idle', { core: a.core });
      const t = s.threads[core.running]!;
      leaveCore(s, t);
      makeReady(s, t);
      emit({ tick: s.tick, type: 'preempted', core: a.core, tid: t.tid, by: 'scheduler' });
      return null;
    }
    case 'handle-interrupt': {
      if (s.scenario.auto.interrupts) return no('interrupts-automatic');
      const irq = s.interrupts.find((i) => i.id === a.id);
      if (!irq) return no('no-such-interrupt', { id: a.id });
      handle(s, irq, emit);
      return null;
    }
    case 'choose': {
      const t = s.threads[a.tid];
      if (!t) return no('no-such-thread', { tid: a.tid });
      const thread = label(s, t.tid);
      if (!t.steered) return no('not-steered', { thread });
      if (t.state === 'terminated') return no('thread-terminated', { thread });
      const parsed = parseInstr(a.instr);
      if (!parsed.ok) return no('bad-instruction', { thread, ...problemParams(parsed.problem) });
      const instr = parsed.instr;
      if (!t.palette.some((p) => same(p, instr))) {
        return no('not-in-palette', {
          thread,
          instr: formatInstr(instr),
          palette: t.palette.map(formatInstr).join(', '),
        });
      }
      if (t.program.length - t.pc >= MAX_PLAN) return no('plan-full', { thread, max: MAX_PLAN });
      if (instr.op === 'unlock' && !locksHeldAfterPlan(t).has(instr.name))
        return no('unlock-not-held', { thread, lock: instr.name });
      t.program.push(instr);
      if (t.scriptCursor < t.script.length && same(t.script[t.scriptCursor]!, instr)) t.scriptCursor++;
      emit({ tick: s.tick, type: 'chosen', tid: t.tid, instr: formatInstr(instr) });
      if (t.state === 'running') settle(s, t, emit);
      return null;
    }
    case 'deliver': {
      if (s.scenario.auto.delivery) return no('delivery-automatic', { channel: a.channel });
      const c = s.channels[a.channel];
      if (!c) return no('no-such-channel', { channel: a.channel });
      const m = c.inFlight.find((x) => x.id === a.message);
      if (!m) return no('no-such-message', { channel: a.channel, message: a.message });
      if (m.readyAt > s.tick)
        return no('message-not-ready', { channel: a.channel, message: a.message, ticks: m.readyAt - s.tick });
      deliver(s, c, m, emit);
      return null;
    }
    case 'set-quantum': {
      if (!inLimit('quantum', a.quantum))
        return no('bad-quantum', {
          quantum: String(a.quantum),
          min: LIMITS.quantum.min,
          max: LIMITS.quantum.max,
        });
      s.scenario = { ...s.scenario, quantum: a.quantum };
      emit({ tick: s.tick, type: 'quantum-changed', quantum: a.quantum });
      return null;
    }
    case 'add-core': {
      if (s.cores.length >= LIMITS.cores.max) return no('too-many-cores', { max: LIMITS.cores.max });
      s.cores.push(newCore(s.cores.length));
      s.scenario = { ...s.scenario, cores: s.cores.length };
      emit({ tick: s.tick, type: 'core-added', core: s.cores.length - 1 });
      return null;
    }
    case 'kill': {
      const pid = a.process === undefined ? a.pid : s.arrivedPids[a.process];
      const p = pid === undefined ? undefined : s.processes[pid];
      if (!p) return no('no-such-process', { pid: pid ?? a.process ?? a.pid });
      if (p.terminated) return no('process-terminated', { pid: p.pid });
      if (p.system) return no('kill-init', { pid: p.pid });
      emit({ tick: s.tick, type: 'killed', pid: p.pid });
      s.counters.faults++;
      terminateProcess(s, p, true, emit);
      return null;
    }
    case 'spawn-process': {
      const problem = checkProcessSpec(s.scenario, a.process);
      if (problem) return no('bad-process', problemParams(problem));
      if (liveProcesses(s) >= MAX_PROCESSES) return no('process-table-full', { max: MAX_PROCESSES });
      createProcess(s, { ...a.process, arrival: s.tick }, null, emit);
      return null;
    }
  }
}

/** Puts a Ready thread on a free core (dispatch, and the second half of replace): the switch cost, the figures, then its first instructions. */
function dispatchOn(s: KernelState, core: Core, t: Thread, emit: Emit): void {
  const at = s.readyQueue.indexOf(t.tid); // a Ready thread is in the queue exactly once
  if (at >= 0) s.readyQueue.splice(at, 1);
  const { switched, threadSwitch, cost } = switchCostOf(s, core.lastRan, t);
  if (switched) s.counters.contextSwitches++;
  if (threadSwitch) s.counters.threadSwitches++; // its ticks are counted as they are paid (runCore)
  core.running = t.tid;
  core.lastRan = t.tid;
  core.switchLeft = cost;
  core.threadSwitch = threadSwitch;
  core.sliceUsed = 0;
  const flushed = warmCacheFor(s, core, t);
  t.state = 'running';
  t.core = core.id;
  t.readyStreak = 0;
  // firstRun is set when the thread first works, after this switch (execute.ts markFirstRun)
  if (t.keyAt !== null) {
    s.counters.userWaits++;
    s.counters.userWaitTicks += s.tick - t.keyAt;
    t.keyAt = null;
  }
  emit({
    tick: s.tick,
    type: 'dispatched',
    core: core.id,
    tid: t.tid,
    switched,
    ...(flushed ? { flushed: true as const } : {}),
  });
  settle(s, t, emit);
}
