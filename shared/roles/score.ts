// Points for the OS outcome of each job, with the reason each time: a pure, replayable rule so the
// score a student sees beside the control, keeps across a reconnection and finds in the report is
// computed one way only, from the machine and never from clicks. Schedulers score utilisation
// (a core busy again soon), response (a thread's first turn) and their pick against the same-tick
// baseline choices (FIFO's and SJF's); interrupt handlers score latency; threads score finishing
// without breaking shared data (a lost update costs the thread whose store caused it); channels
// score delivering promptly and in order. A preempt costs more than any dispatch can earn back, so
// spamming moves that change nothing loses points. A room may score without speed (SCORE_MODES
// 'no-speed', an accommodation): then every part that depends on how soon a move came (a prompt
// dispatch, latency, an idle or starving wait, a late delivery) is left out and only the decision counts.
import { applyActionInPlace, tickInPlace, type InPlaceResult } from '../kernel/index.ts';
import type { KernelAction, KernelEvent, KernelState } from '../kernel/types.ts';
import { remainingWork } from '../bots/index.ts';
import { slotThreadId } from './slot-thread.ts';
import type { RoleSlot, ScoreMode } from './types.ts';

/** Why a job's score changed: a code and the figures its sentence names (score-texts.ts words it). */
export type ScoreReason =
  | { code: 'core-busy-fast'; core: number; ticks: number }
  | { code: 'core-busy'; core: number; ticks: number }
  | { code: 'core-idle'; core: number; ticks: number; ready: number }
  | { code: 'pick-like-sjf'; tid: number; work: number }
  | { code: 'pick-like-fifo'; tid: number }
  | { code: 'first-run'; tid: number; waited: number }
  | { code: 'preempt-cost'; core: number; tid: number }
  | { code: 'starvation'; tid: number; waited: number }
  | { code: 'irq-fast'; id: number; latency: number }
  | { code: 'irq-ok'; id: number; latency: number }
  | { code: 'irq-slow'; id: number; latency: number }
  | { code: 'irq-unhandled'; id: number; waited: number }
  | { code: 'thread-finished'; tid: number }
  | { code: 'thread-finished-broken'; tid: number; lost: number }
  | { code: 'lost-update'; tid: number; victim: number; var: string }
  | { code: 'deadlock'; tid: number; tids: number[] }
  | { code: 'fault'; tid: number }
  | { code: 'delivered-fast'; channel: string; waited: number }
  | { code: 'delivered'; channel: string; waited: number }
  | { code: 'out-of-order'; channel: string; seq: number; expected: number }
  | { code: 'core-dispatched'; core: number }
  | { code: 'irq-handled'; id: number }
  | { code: 'message-delivered'; channel: string };

/** A reason's code, for tests, the client's styling and the reports. */
export type ScoreCode = ScoreReason['code'];

/** One change of one job's score, at a tick. */
export interface ScoreChange {
  slot: string;
  tick: number;
  points: number;
  reason: ScoreReason;
}

/** Points per reason: declared once, quoted by the role cards and docs/CLASS.md. */
export const SCORE_POINTS = {
  'core-busy-fast': 2,
  'core-busy': 1,
  'core-idle': -2,
  'pick-like-sjf': 1,
  'pick-like-fifo': 1,
  'first-run': 1,
  'preempt-cost': -4,
  starvation: -1,
  'irq-fast': 3,
  'irq-ok': 1,
  'irq-slow': 0,
  'irq-unhandled': -2,
  'thread-finished': 4,
  'thread-finished-broken': 1,
  'lost-update': -4,
  deadlock: -3,
  fault: -3,
  'delivered-fast': 2,
  delivered: 1,
  'out-of-order': -3,
  'core-dispatched': 1,
  'irq-handled': 1,
  'message-delivered': 1,
} as const satisfies Record<ScoreCode, number>;

/** Ticks within which a freed core dispatched again, a handled interrupt or a delivered message counts as prompt. */
export const PROMPT_TICKS = 1;
/** Ticks of a core idling while threads are Ready that cost its scheduler `core-idle` (charged again each time). */
export const IDLE_CHARGE_TICKS = 3;
/** Interrupt latency up to which handling still earns `irq-ok`. */
export const IRQ_OK_TICKS = 3;

/** The reasons a 'no-speed' room never gives: each depends on how soon a move came. */
export const TIMED_CODES: ReadonlySet<ScoreCode> = new Set([
  'core-busy-fast',
  'core-busy',
  'core-idle',
  'starvation',
  'irq-fast',
  'irq-ok',
  'irq-slow',
  'irq-unhandled',
  'delivered-fast',
  'delivered',
]);

/** What the scorer remembers between ticks (plain data, kept beside the machine): its mode, how long each core has idled with work waiting, and who broke shared data. */
export interface ScoreBook {
  /** The room's scoring mode, an input of every score change (never branched on outside this file). */
  mode: ScoreMode;
  /** Core → consecutive ticks it has been free while threads were Ready. */
  idleWithWork: number[];
  /** Thread id → lost updates its stores caused. */
  lostBy: Record<string, number>;
}

/** A fresh book for a machine at its start, scoring by `mode`. */
export function newScoreBook(s: KernelState, mode: ScoreMode = 'standard'): ScoreBook {
  return { mode, idleWithWork: s.cores.map(() => 0), lostBy: {} };
}

/** Who holds what on this machine: the lookups every score change needs. */
interface Owners {
  core: (core: number) => string | undefined;
  thread: (tid: number) => string | undefined;
  interrupt: string | undefined;
  channel: (name: string) => string | undefined;
  schedulers: string[];
}

function owners(s: KernelState, slots: readonly RoleSlot[]): Owners {
  const byTid = new Map<number, string>();
  for (const slot of slots) {
    const tid = slotThreadId(s, slot);
    if (tid !== null) byTid.set(tid, slot.key);
  }
  return {
    core: (c) => slots.find((x) => x.role === 'scheduler' && x.cores.includes(c))?.key,
    thread: (tid) => byTid.get(tid),
    interrupt: slots.find((x) => x.role === 'interrupt')?.key,
    channel: (name) => slots.find((x) => x.role === 'ipc' && x.channel === name)?.key,
    schedulers: slots.filter((x) => x.role === 'scheduler').map((x) => x.key),
  };
}

function change(out: ScoreChange[], slot: string | undefined, tick: number, reason: ScoreReason): void {
  if (slot !== undefined) out.push({ slot, tick, points: SCORE_POINTS[reason.code], reason });
}

/** What a move's score depends on, read from the machine before the move changes it. */
type MoveContext =
  | {
      type: 'dispatch';
      core: number;
      tid: number;
      freeFor: number;
      fifo: number | undefined;
      sjf: number | undefined;
      sjfWork: number;
      work: number;
      firstRun: boolean;
      waited: number;
    }
  | { type: 'preempt'; core: number; tid: number | null }
  | { type: 'deliver'; channel: string; waited: number }
  | { type: 'other' };

function moveContext(book: ScoreBook, s: KernelState, a: KernelAction): MoveContext {
  if (a.type === 'dispatch') {
    const t = s.threads[a.tid];
    let sjf: number | undefined;
    let sjfWork = Infinity;
    for (const tid of s.readyQueue) {
      const w = remainingWork(s, s.threads[tid]!);
      if (w < sjfWork) {
        sjfWork = w;
        sjf = tid;
      }
    }
    return {
      type: 'dispatch',
      core: a.core,
      tid: a.tid,
      freeFor: book.idleWithWork[a.core] ?? 0,
      fifo: s.readyQueue[0],
      sjf,
      sjfWork,
      work: t ? remainingWork(s, t) : 0,
      firstRun: t?.firstRun === null,
      waited: t ? s.tick - t.arrival : 0,
    };
  }
  if (a.type === 'preempt') return { type: 'preempt', core: a.core, tid: s.cores[a.core]?.running ?? null };
  if (a.type === 'deliver') {
    const m = s.channels[a.channel]?.inFlight.find((x) => x.id === a.message);
    return { type: 'deliver', channel: a.channel, waited: m ? Math.max(0, s.tick - m.readyAt) : 0 };
  }
  return { type: 'other' };
}

function scoreMove(mode: ScoreMode, ctx: MoveContext, s: KernelState, who: Owners, out: ScoreChange[]): void {
  const tick = s.tick;
  const timed = mode === 'standard';
  switch (ctx.type) {
    case 'dispatch': {
      const slot = who.core(ctx.core);
      change(
        out,
        slot,
        tick,
        !timed
          ? { code: 'core-dispatched', core: ctx.core }
          : ctx.freeFor <= PROMPT_TICKS
            ? { code: 'core-busy-fast', core: ctx.core, ticks: ctx.freeFor }
            : { code: 'core-busy', core: ctx.core, ticks: ctx.freeFor },
      );
      // The same-tick baselines: SJF's pick (least work left) first, else FIFO's (the head of the Ready queue).
      if (ctx.work <= ctx.sjfWork && ctx.sjf !== undefined)
        change(out, slot, tick, { code: 'pick-like-sjf', tid: ctx.tid, work: ctx.work });
      else if (ctx.fifo === ctx.tid) change(out, slot, tick, { code: 'pick-like-fifo', tid: ctx.tid });
      if (ctx.firstRun) change(out, slot, tick, { code: 'first-run', tid: ctx.tid, waited: ctx.waited });
      return;
    }
    case 'preempt':
      if (ctx.tid !== null)
        change(out, who.core(ctx.core), tick, { code: 'preempt-cost', core: ctx.core, tid: ctx.tid });
      return;
    case 'deliver':
      change(
        out,
        who.channel(ctx.channel),
        tick,
        !timed
          ? { code: 'message-delivered', channel: ctx.channel }
          : ctx.waited <= PROMPT_TICKS
            ? { code: 'delivered-fast', channel: ctx.channel, waited: ctx.waited }
            : { code: 'delivered', channel: ctx.channel, waited: ctx.waited },
      );
      return;
    case 'other':
      return;
  }
}

function scoreEvents(book: ScoreBook, events: readonly KernelEvent[], who: Owners, out: ScoreChange[]): void {
  const timed = book.mode === 'standard';
  for (const e of events) {
    switch (e.type) {
      case 'interrupt-handled': {
        const reason: ScoreReason = !timed
          ? { code: 'irq-handled', id: e.id }
          : e.latency <= PROMPT_TICKS
            ? { code: 'irq-fast', id: e.id, latency: e.latency }
            : e.latency <= IRQ_OK_TICKS
              ? { code: 'irq-ok', id: e.id, latency: e.latency }
              : { code: 'irq-slow', id: e.id, latency: e.latency };
        change(out, who.interrupt, e.tick, reason);
        break;
      }
      case 'interrupt-unhandled':
        if (!timed) break;
        change(out, who.interrupt, e.tick, { code: 'irq-unhandled', id: e.id, waited: e.waited });
        break;
      case 'lost-update':
        book.lostBy[e.tid] = (book.lostBy[e.tid] ?? 0) + 1;
        change(out, who.thread(e.tid), e.tick, {
          code: 'lost-update',
          tid: e.tid,
          victim: e.overwritten,
          var: e.var,
        });
        break;
      case 'thread-exited': {
        const lost = book.lostBy[e.tid] ?? 0;
        change(
          out,
          who.thread(e.tid),
          e.tick,
          lost === 0
            ? { code: 'thread-finished', tid: e.tid }
            : { code: 'thread-finished-broken', tid: e.tid, lost },
        );
        break;
      }
      case 'deadlock':
        for (const tid of e.tids)
          change(out, who.thread(tid), e.tick, { code: 'deadlock', tid, tids: e.tids });
        break;
      case 'fault':
        change(out, who.thread(e.tid), e.tick, { code: 'fault', tid: e.tid });
        break;
      case 'out-of-order':
        change(out, who.channel(e.channel), e.tick, {
          code: 'out-of-order',
          channel: e.channel,
          seq: e.seq,
          expected: e.expected,
        });
        break;
      case 'starvation':
        if (!timed) break;
        for (const slot of who.schedulers)
          change(out, slot, e.tick, { code: 'starvation', tid: e.tid, waited: e.waited });
        break;
      default:
        break;
    }
  }
}

/** Applies a move in place, as the kernel does, and returns its result with the score changes it earned. */
export function scoredAct(
  book: ScoreBook,
  s: KernelState,
  slots: readonly RoleSlot[],
  action: KernelAction,
): { result: InPlaceResult; changes: ScoreChange[] } {
  const ctx = moveContext(book, s, action);
  const result = applyActionInPlace(s, action);
  const changes: ScoreChange[] = [];
  if (result.ok) {
    const who = owners(s, slots);
    scoreMove(book.mode, ctx, s, who, changes);
    scoreEvents(book, result.events, who, changes);
  }
  return { result, changes };
}

/** Advances the machine one tick in place and returns its events with the score changes they caused (idle cores included). */
export function scoredTick(
  book: ScoreBook,
  s: KernelState,
  slots: readonly RoleSlot[],
): { events: KernelEvent[]; changes: ScoreChange[] } {
  // A core free for the whole tick while threads sat in Ready: its scheduler left the CPU unused.
  const ready = s.readyQueue.length;
  const freeBefore = s.cores.map((c) => c.running === null);
  const events = tickInPlace(s);
  const changes: ScoreChange[] = [];
  const who = owners(s, slots);
  scoreEvents(book, events, who, changes);
  s.cores.forEach((c, core) => {
    const idle =
      freeBefore[core] === true && c.running === null && ready > 0 ? (book.idleWithWork[core] ?? 0) + 1 : 0;
    book.idleWithWork[core] = idle;
    if (book.mode === 'standard' && idle > 0 && idle % IDLE_CHARGE_TICKS === 0)
      change(changes, who.core(core), s.tick, { code: 'core-idle', core, ticks: idle, ready });
  });
  return { events, changes };
}

/** Each job's total from a list of changes. */
export function totals(changes: readonly ScoreChange[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of changes) out[c.slot] = (out[c.slot] ?? 0) + c.points;
  return out;
}
