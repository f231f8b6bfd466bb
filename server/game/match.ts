// One machine over its rounds: the round's phase, the clock, the events for the wire and the timeline,
// around an engine (engine.ts) that is the machine itself: a class round's or a solo level's.
// Knows nothing of Colyseus, so rooms stay thin and this is tested directly.
import { isFinished, machineMetrics, processMetrics } from '../../shared/kernel/index.ts';
import type {
  InPlaceResult,
  KernelAction,
  KernelEvent,
  KernelState,
  Scenario,
  TimedAction,
} from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { ScoreChange } from '../../shared/roles/score.ts';
import type { ScoreMode } from '../../shared/roles/types.ts';
import { STORY_EVENTS } from '../../shared/roles/class-story.ts';
import type { BaselineResult, PlayerResult, RoundEnd, RoundSummary } from '../../shared/protocol/summary.ts';
import type { BaselineJob } from './baseline-pool.ts';
import { hostEventsOf } from './baselines.ts';
import { ClassEngine, type Engine, type EngineFactory, type StepHooks } from './engine.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
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
  /** How the class machine scores (SCORE_MODES; 'standard' when absent). */
  scoring?: ScoreMode;
}

/** Most events a round keeps for its debrief (the moments group them, so this bounds memory, not the story). */
export const STORY_MAX = 5000;

/** What one call to `step` did. */
export interface StepResult {
  ticks: number;
  events: KernelEvent[];
  ended: RoundEnd | null;
}

/** A round around an engine (a class machine or a solo level): phase, clock, events for the wire, timeline, score changes, story. */
export class Match {
  phase: Phase = 'lobby';
  round = 1;
  slots: RoleSlot[] = [];
  /** Events not yet sent to clients. */
  pending: KernelEvent[] = [];
  /** Score changes of every job not yet handed to the seats. */
  scoreChanges: ScoreChange[] = [];
  /** The round's events its debrief tells (races, deadlocks, crashes, teacher events, warnings; at most STORY_MAX). */
  story: KernelEvent[] = [];
  /** The round's Gantt chart and notable events, for its summary. */
  timeline = new RoundTimeline();
  /** The last attempt's verdict when the engine is a level. */
  verdict: LevelVerdict | null = null;
  readonly clock: TickClock;
  private engine: Engine;
  private readonly hooks: StepHooks = {
    sample: (st) => this.timeline.sample(st),
    events: (batch) => this.noteEvents(batch),
    scores: (changes) => this.scoreChanges.push(...changes),
  };

  /** `createEngine` makes each round's machine (default: the class machine of `options`); `onVerdict` hears each level attempt's verdict once. */
  constructor(
    readonly options: MatchOptions,
    private readonly createEngine: EngineFactory = () =>
      ClassEngine.fresh(options.scenario, options.seed, options.tickLimit, options.scoring),
    private readonly onVerdict?: (v: LevelVerdict) => void,
  ) {
    this.clock = new TickClock(options.ticksPerSecond);
    this.engine = this.adopt(createEngine());
  }

  /** The machine now. */
  get state(): KernelState {
    return this.engine.state;
  }

  /** Every accepted action of the round with its tick: the replay log. */
  get log(): readonly TimedAction[] {
    return this.engine.log;
  }

  /** Makes `engine` the round's machine (a fresh one, or one replayed after a crash). */
  adopt(engine: Engine): Engine {
    this.engine = engine;
    this.pending.push(...engine.startEvents);
    if (engine.fixedSlots) this.slots = engine.fixedSlots;
    this.verdict = null;
    return engine;
  }

  /** Applies a human's or the host's action now; the kernel's refusal comes back untouched, the score changes wait in drainScores. */
  act(action: KernelAction): InPlaceResult {
    const { result, changes } = this.engine.act(action, this.slots);
    if (result.ok) {
      this.scoreChanges.push(...changes);
      this.noteEvents(result.events);
    }
    return result;
  }

  private noteEvents(events: readonly KernelEvent[]): void {
    this.pending.push(...events);
    this.keepStory(events);
    this.timeline.note(events, this.state);
  }

  private keepStory(events: readonly KernelEvent[]): void {
    for (const e of events) if (STORY_EVENTS.has(e.type) && this.story.length < STORY_MAX) this.story.push(e);
  }

  /** Advances the clock by elapsed wall time while running: bots play the unheld slots before each tick. */
  step(elapsedMs: number, humanSlots: ReadonlySet<string>): StepResult {
    if (this.phase !== 'running') return { ticks: 0, events: [], ended: null };
    const due = this.clock.advance(elapsedMs);
    const before = this.pending.length;
    let ticks = 0;
    let ended = this.engine.over();
    while (ticks < due && ended === null) {
      const ticked = this.engine.step(humanSlots, this.slots, this.hooks);
      if (ticked) ticks++;
      ended = this.engine.over();
      if (!ticked) break;
    }
    if (ended !== null) this.finish(ended);
    return { ticks, events: this.pending.slice(before), ended };
  }

  /** Exactly one tick while paused (a solo player's Step), bots included; returns how the round ended, if it did. */
  stepOnce(humanSlots: ReadonlySet<string>): RoundEnd | null {
    if (this.phase !== 'paused') return null;
    let ended = this.engine.over();
    if (ended === null) {
      this.engine.step(humanSlots, this.slots, this.hooks);
      ended = this.engine.over();
    }
    if (ended !== null) this.finish(ended);
    return ended;
  }

  /**
   * Takes back the last tick (a level's engine replays without it; a class machine cannot): the Gantt
   * chart and notable events are rebuilt. Returns every event of the machine as it now is (for the feed
   * to be rewound), or null.
   */
  undo(): readonly KernelEvent[] | null {
    const timeline = new RoundTimeline();
    const events = this.engine.undo({
      beforeTick: (s) => timeline.sample(s),
      events: (e, s) => timeline.note(e, s),
    });
    if (!events) return null;
    this.timeline = timeline;
    this.pending = []; // the undone tick's events, not yet sent, belong to a past that no longer happened
    return events;
  }

  /** Takes the score changes gathered since the last call, for the seats that hold their jobs. */
  drainScores(): ScoreChange[] {
    const out = this.scoreChanges;
    this.scoreChanges = [];
    return out;
  }

  private finish(endedBy: RoundEnd): void {
    this.phase = 'ended';
    this.verdict = this.engine.verdict(endedBy, this.round, this.timeline);
    if (this.verdict) this.onVerdict?.(this.verdict);
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
    this.finish('host');
    return true;
  }

  /** Any phase → lobby of the next round, with a fresh machine from the same scenario and seed. */
  restart(): void {
    this.round++;
    this.pending = [];
    this.scoreChanges = [];
    this.story = [];
    this.timeline = new RoundTimeline();
    this.adopt(this.createEngine());
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
