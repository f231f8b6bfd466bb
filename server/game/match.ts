// One class's machine over its rounds: the kernel state, the round's phase, the clock and the log.
// Knows nothing of Colyseus, so rooms stay thin and this is tested directly.
import { isFinished, machineMetrics, processMetrics, startKernel } from '../../shared/kernel/index.ts';
import type {
  InPlaceResult,
  KernelAction,
  KernelEvent,
  KernelState,
  Scenario,
  TimedAction,
} from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import {
  newScoreBook,
  scoredAct,
  scoredTick,
  type ScoreBook,
  type ScoreChange,
} from '../../shared/roles/score.ts';
import { STORY_EVENTS } from '../../shared/roles/class-story.ts';
import type { BaselineResult, PlayerResult, RoundEnd, RoundSummary } from '../../shared/protocol/summary.ts';
import type { BaselineJob } from './baseline-pool.ts';
import { hostEventsOf } from './baselines.ts';
import { classPolicy, playBots } from './bot-driver.ts';
import { RoundTimeline } from './round-timeline.ts';
import { TickClock } from './tick-clock.ts';

/** lobby: roles being set, clock stopped; running; paused; ended: summary shown until restart. */
export type Phase = 'lobby' | 'running' | 'paused' | 'ended';

/** What a room needs to start a match. */
export interface MatchOptions {
  scenario: Scenario;
  scenarioName: string;
  seed: number;
  ticksPerSecond: number;
  tickLimit: number;
}

/** Most events a round keeps for its debrief (the moments group them, so this bounds memory, not the story). */
export const STORY_MAX = 5000;

/** What one call to `step` did. */
export interface StepResult {
  ticks: number;
  events: KernelEvent[];
  ended: RoundEnd | null;
}

/** A class's machine and its rounds. */
export class Match {
  state: KernelState;
  phase: Phase = 'lobby';
  round = 1;
  slots: RoleSlot[] = [];
  /** Every accepted action of the round with its tick: the replay log. */
  log: TimedAction[] = [];
  /** Events not yet sent to clients. */
  pending: KernelEvent[] = [];
  /** What the scorer remembers of this round's machine (shared/roles/score.ts). */
  book: ScoreBook;
  /** Score changes of every job not yet handed to the seats. */
  scoreChanges: ScoreChange[] = [];
  /** The round's events its debrief tells (races, deadlocks, crashes, teacher events, warnings; at most STORY_MAX). */
  story: KernelEvent[] = [];
  /** The round's Gantt chart and notable events, for its summary. */
  timeline = new RoundTimeline();
  readonly clock: TickClock;

  constructor(readonly options: MatchOptions) {
    this.clock = new TickClock(options.ticksPerSecond);
    this.state = this.freshKernel();
    this.book = newScoreBook(this.state);
  }

  private freshKernel(): KernelState {
    const { state, events } = startKernel(structuredClone(this.options.scenario), this.options.seed);
    this.pending.push(...events);
    return state;
  }

  /** Applies a human's or the host's action now; the kernel's refusal comes back untouched. */
  act(action: KernelAction): InPlaceResult {
    const { result, changes } = scoredAct(this.book, this.state, this.slots, action);
    if (result.ok) {
      this.scoreChanges.push(...changes);
      this.keepStory(result.events);
      this.log.push({ tick: this.state.tick, action });
      this.pending.push(...result.events);
      this.timeline.note(result.events, this.state);
    }
    return result;
  }

  /** Advances the clock by elapsed wall time while running: bots play the unheld slots before each tick. */
  step(elapsedMs: number, humanSlots: ReadonlySet<string>): StepResult {
    if (this.phase !== 'running') return { ticks: 0, events: [], ended: null };
    const due = this.clock.advance(elapsedMs);
    const before = this.pending.length;
    let ticks = 0;
    let ended: RoundEnd | null = null;
    for (; ticks < due && ended === null; ticks++) ended = this.oneTick(humanSlots);
    if (ended !== null) this.phase = 'ended';
    return { ticks, events: this.pending.slice(before), ended };
  }

  /** Exactly one tick while paused (a solo player's Step); returns how the round ended, if it did. */
  stepOnce(humanSlots: ReadonlySet<string>): RoundEnd | null {
    if (this.phase !== 'paused') return null;
    const ended = this.oneTick(humanSlots);
    if (ended !== null) this.phase = 'ended';
    return ended;
  }

  /**
   * Takes back the last tick and returns every event of the machine as it now is (for the feed to be
   * rewound), or null; a class machine keeps no replay of its own, so only a level's can.
   */
  undo(): readonly KernelEvent[] | null {
    return null;
  }

  /** Bots, then one kernel tick; how the round ended, if it did. */
  private oneTick(humanSlots: ReadonlySet<string>): RoundEnd | null {
    playBots(this.state, this.slots, humanSlots, classPolicy(this.state), (a) => this.act(a));
    // The clock stops with the last process (one that ends on being dispatched ends at this tick).
    if (isFinished(this.state)) return 'finished';
    this.timeline.sample(this.state);
    const { events, changes } = scoredTick(this.book, this.state, this.slots);
    this.pending.push(...events);
    this.scoreChanges.push(...changes);
    this.keepStory(events);
    this.timeline.note(events, this.state);
    if (isFinished(this.state)) return 'finished';
    if (this.state.tick >= this.options.tickLimit) return 'time-limit';
    return null;
  }

  private keepStory(events: readonly KernelEvent[]): void {
    for (const e of events) if (STORY_EVENTS.has(e.type) && this.story.length < STORY_MAX) this.story.push(e);
  }

  /** Takes the score changes gathered since the last call, for the seats that hold their jobs. */
  drainScores(): ScoreChange[] {
    const out = this.scoreChanges;
    this.scoreChanges = [];
    return out;
  }

  /** Takes the events gathered since the last call, for broadcasting. */
  drainEvents(): KernelEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** lobby → running. */
  start(): boolean {
    if (this.phase !== 'lobby') return false;
    this.clock.reset();
    this.phase = 'running';
    return true;
  }

  /** running → paused. */
  pause(): boolean {
    if (this.phase !== 'running') return false;
    this.phase = 'paused';
    return true;
  }

  /** paused → running. */
  resume(): boolean {
    if (this.phase !== 'paused') return false;
    this.clock.reset();
    this.phase = 'running';
    return true;
  }

  /** running or paused → ended (the host stops the round early). */
  end(): boolean {
    if (this.phase !== 'running' && this.phase !== 'paused') return false;
    this.phase = 'ended';
    return true;
  }

  /** Any phase → lobby of the next round, with a fresh machine from the same scenario and seed. */
  restart(): void {
    this.round++;
    this.log = [];
    this.pending = [];
    this.scoreChanges = [];
    this.story = [];
    this.timeline = new RoundTimeline();
    this.state = this.freshKernel();
    this.book = newScoreBook(this.state);
    this.clock.reset();
    this.phase = 'lobby';
  }

  /** Changes the clock's speed (ticks per second). */
  setSpeed(ticksPerSecond: number): void {
    this.clock.ticksPerSecond = ticksPerSecond;
  }

  /** What the round's baselines replay: the same scenario, seed and host events; a round ended before its machine finished is compared over the same number of ticks. */
  baselineJob(): BaselineJob {
    return {
      scenario: this.options.scenario,
      seed: this.options.seed,
      hostEvents: hostEventsOf(this.state, this.log),
      tickLimit: isFinished(this.state) ? this.options.tickLimit : this.state.tick,
    };
  }

  /** The round's report: the class's figures and the baselines (computed from baselineJob(), off the event loop). */
  summary(
    roomCode: string,
    endedBy: RoundEnd,
    players: PlayerResult[],
    now: Date,
    baselines: BaselineResult[],
  ): RoundSummary {
    return {
      roomCode,
      round: this.round,
      scenario: this.options.scenarioName,
      seed: this.options.seed,
      endedBy,
      finished: isFinished(this.state),
      ticks: this.state.tick,
      class: machineMetrics(this.state),
      processes: processMetrics(this.state),
      baselines,
      players,
      timeline: this.state.cores.map((_, i) => this.timeline.cores[i] ?? []),
      notable: this.timeline.notable,
      actions: this.log.length,
      endedAt: now.toISOString(),
    };
  }
}
