// Playing a level: a session the Phaser scene drives (act, step, result), bots in every role but the
// player's (shared/sim/run.ts settleBots), the evaluator that turns a final machine into stars, and a
// scripted runner for tests and demos.
import {
  applyActionInPlace,
  createKernel,
  isFinished,
  tickInPlace,
  type Rejection,
  type Lang,
} from '../kernel/index.ts';
import type { KernelAction, KernelEvent, KernelState, TimedAction } from '../kernel/index.ts';
import { settleBots, type BotExclusions } from '../sim/run.ts';
import { goalFigures, goalHolds, type Goal } from './goal.ts';
import { stateFigures, Tracker, type Figures } from './figures.ts';
import type { Level } from './level.ts';
import { sendersAction } from '../protocol/actions.ts';
import { levelSlots } from '../roles/level-slots.ts';
import { slotThreadId } from '../roles/slot-thread.ts';

/** How a level attempt went. */
export interface LevelResult {
  passed: boolean;
  /** 0 when failed, else 1–3. */
  stars: number;
  /** Every figure the goal, the stars and the hints name, as measured. */
  figures: Figures;
  /** A score for the leaderboard and the progress store: stars first, then ticks saved. */
  score: number;
  /** How many times the player undid a tick in this attempt (0 for an attempt played straight through). */
  undos: number;
  /** True when nothing happened in the attempt (no move by the player, or no core ever ran): it earns nothing. */
  idle: boolean;
}

/** What a replay reports as it goes (the room's Gantt chart and notable events are rebuilt from it). */
export interface ReplayObserver {
  /** Called just before each tick runs. */
  beforeTick(s: Readonly<KernelState>): void;
  /** The events of one move or one tick, with the state they left. */
  events(events: readonly KernelEvent[], s: Readonly<KernelState>): void;
}

/** Why the level refused a player's action (not their role's job), or the kernel's own refusal. */
export type PlayRejection = Rejection | { code: 'not-your-job'; params: { action: string } };

// Counters a goal may read that are zero until something happens.
const ZERO_BY_DEFAULT = /^(events|recv|got|count|crashed|done|peak)\./;

function allFigures(level: Level): string[] {
  const names = new Set<string>();
  for (const g of [level.goal, ...level.stars, ...level.hints.map((h) => h.when ?? [])])
    for (const n of goalFigures(g)) names.add(n);
  return [...names];
}

/**
 * Judges a finished (or timed-out) attempt: passed, stars and the figures behind them. `extra` holds a
 * Tracker's figures and the session's `player.moves`. Passing is earning the first star: the goal and
 * the 1★ row both hold (so the stars always agree with the rows a result shows). An attempt in which
 * the player made no move, or no core ever did work, earns nothing whatever its figures say.
 */
export function evaluateLevel(
  level: Level,
  finalState: KernelState,
  extra: Figures = {},
  undos = 0,
): LevelResult {
  const all: Figures = { ...stateFigures(finalState), ...extra };
  for (const n of allFigures(level)) if (!(n in all) && ZERO_BY_DEFAULT.test(n)) all[n] = 0;
  const finished = isFinished(finalState);
  const worked = finalState.cores.some((c) => c.busyTicks > 0);
  const idle = extra['player.moves'] === 0 || !worked;
  let met = 0;
  while (met < level.stars.length && goalHolds(level.stars[met]!, all)) met++;
  const passed =
    !idle &&
    (finished || !level.mustFinish) &&
    finalState.tick <= level.tickLimit &&
    goalHolds(level.goal, all) &&
    met >= 1;
  const stars = !passed ? 0 : met === level.stars.length ? 3 : met;
  const figures: Figures = { finished: finished ? 1 : 0, elapsed: finalState.tick };
  for (const n of allFigures(level)) if (n in all) figures[n] = all[n]!;
  const score = passed ? stars * 10_000 + Math.max(0, level.tickLimit - finalState.tick) : 0;
  return { passed, stars, figures, score, idle, undos };
}

/** The hints to show after an attempt, in one language: those whose condition holds (or that have none). */
export function hintsFor(level: Level, result: LevelResult, lang: Lang): string[] {
  const shown = level.hints.filter((h) => h.when === null || goalHolds(h.when as Goal, result.figures));
  return (shown.length > 0 ? shown : level.hints).map((h) => h[lang]);
}

/** The bots' exclusions for a level: the player's jobs (levelSlots), resolved against the machine as it is now. */
export function playerJobs(level: Level, s: KernelState): BotExclusions & { tids: number[] } {
  const out: BotExclusions & { tids: number[] } = { tids: [] };
  for (const slot of levelSlots(level)) {
    if (slot.role === 'scheduler') out.cores = slot.cores;
    else if (slot.role === 'interrupt') out.interrupts = true;
    else if (slot.role === 'ipc') out.channels = [...(out.channels ?? []), slot.channel];
    else {
      const tid = slotThreadId(s, slot);
      if (tid !== null) out.tids.push(tid);
    }
  }
  if (level.player.role === 'thread') out.threads = out.tids;
  return out;
}

/**
 * Whether a move is the player's to make: the edge's own check (ACTIONS' `toAction`, run on the payload
 * the move would be sent with) from the seat of one of the level's jobs — the same rule a class room's
 * edge applies, so "whose move is this" is written once.
 */
function isPlayersMove(level: Level, s: KernelState, action: KernelAction): boolean {
  return levelSlots(level).some((slot) =>
    sendersAction({ role: slot.role, slot, tid: slotThreadId(s, slot), isHost: false }, action),
  );
}

/**
 * One attempt at a level, step by step: the scene calls `act` for each player move and `step` once per
 * tick; bots fill every other role. A retry is a new session.
 */
export class LevelSession {
  readonly state: KernelState;
  readonly log: TimedAction[] = [];
  /** The player's own accepted moves, in order, with their ticks (what an undo replays). */
  readonly moves: TimedAction[] = [];
  readonly events: KernelEvent[] = [];
  /** Refused player actions so far (the figure `player.refused`). */
  refused = 0;
  /** Ticks undone so far in this attempt (kept in its result). */
  undos = 0;
  private readonly tracker: Tracker;

  constructor(readonly level: Level) {
    this.state = createKernel(level.scenarioParsed, level.seed);
    this.tracker = new Tracker(level.track);
    this.tracker.observe(this.state, []);
    this.settle();
  }

  /** The player's move: applied when it is theirs to make and the kernel accepts it. */
  act(action: KernelAction): { ok: true; events: KernelEvent[] } | { ok: false; rejection: PlayRejection } {
    if (!isPlayersMove(this.level, this.state, action)) {
      this.refused++;
      return { ok: false, rejection: { code: 'not-your-job', params: { action: action.type } } };
    }
    const r = applyActionInPlace(this.state, action);
    if (!r.ok) {
      this.refused++;
      return r;
    }
    this.log.push({ tick: this.state.tick, action });
    this.moves.push({ tick: this.state.tick, action });
    this.record(r.events);
    this.settle();
    return { ok: true, events: r.events };
  }

  /** Advances one tick, then lets the bots act at the new tick. */
  step(): KernelEvent[] {
    if (this.over()) return [];
    const events = tickInPlace(this.state);
    this.record(events);
    this.settle();
    return events;
  }

  /**
   * The last tick undone, as a new session (null when there is nothing to undo): the player's moves made
   * at this tick are taken back, or, when there are none, the last tick and the moves made before it. The
   * kernel is deterministic, so the level is replayed from its start with the moves that remain; the new
   * session keeps the refusal count and counts one more undo.
   */
  undo(observer?: ReplayObserver): LevelSession | null {
    const now = this.state.tick;
    const target = this.moves.some((m) => m.tick === now) ? now : now - 1;
    if (target < 0) return null;
    const keep = this.moves.filter((m) => m.tick < target);
    const next = new LevelSession(this.level);
    let at = 0;
    while (true) {
      for (; at < keep.length && keep[at]!.tick === next.state.tick; at++) {
        const before = next.events.length;
        if (!next.act(keep[at]!.action).ok)
          throw new Error(`level ${this.level.id}: a replayed move was refused at tick ${next.state.tick}`);
        observer?.events(next.events.slice(before), next.state);
      }
      if (next.state.tick >= target) break;
      observer?.beforeTick(next.state);
      const before = next.events.length;
      next.step();
      observer?.events(next.events.slice(before), next.state);
    }
    next.refused = this.refused;
    next.undos = this.undos + 1;
    return next;
  }

  /**
   * True when the machine has finished, the tick limit is reached, or a deadlock froze it: a deadlock's
   * threads stay Blocked for good in solo play (no one kills them), so the attempt ends at once instead
   * of idling to the limit.
   */
  over(): boolean {
    return (
      isFinished(this.state) || this.state.tick >= this.level.tickLimit || this.state.counters.deadlocks > 0
    );
  }

  /** The attempt judged now (call when `over()`; earlier it judges the machine so far). */
  result(): LevelResult {
    return evaluateLevel(
      this.level,
      this.state,
      { ...this.tracker.figures(), 'player.refused': this.refused, 'player.moves': this.moves.length },
      this.undos,
    );
  }

  /** Every figure now, for a live panel next to the goal. */
  figures(): Figures {
    return {
      ...stateFigures(this.state),
      ...this.tracker.figures(),
      'player.refused': this.refused,
      'player.moves': this.moves.length,
    };
  }

  private record(events: readonly KernelEvent[]): void {
    this.events.push(...events);
    this.tracker.observe(this.state, events);
  }

  private settle(): void {
    const before = this.events.length;
    const batch: KernelEvent[] = [];
    settleBots(
      this.state,
      { kind: this.level.policy },
      this.log,
      (e) => batch.push(e),
      playerJobs(this.level, this.state),
    );
    if (batch.length > 0 || this.events.length !== before) this.record(batch);
  }
}

/** A scripted player: reads the machine and returns its moves for this moment (none to let time pass). */
export type PlayerScript = (state: Readonly<KernelState>) => KernelAction[];

/** Plays a whole level with a scripted player (tests, demos, a level editor's check). */
export function playLevel(
  level: Level,
  playerActions: PlayerScript,
): LevelResult & { session: LevelSession } {
  const session = new LevelSession(level);
  while (!session.over()) {
    for (let round = 0; round < 20; round++) {
      const actions = playerActions(session.state);
      let accepted = 0;
      for (const a of actions) if (session.act(a).ok) accepted++;
      if (accepted === 0) break;
    }
    session.step();
  }
  return { ...session.result(), session };
}
