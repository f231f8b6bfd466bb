// One interface for a running machine, whatever the room plays: a class round (the kernel, bots in the
// jobs no human holds, the room's tick limit, the kernel's score) or a solo level (the level's session,
// its bots, its undo and verdict). The round around it (phase, clock, log of events, timeline: match.ts)
// is the same for both.
import { isFinished, startKernel } from '../../shared/kernel/index.ts';
import type {
  KernelAction,
  KernelEvent,
  KernelState,
  Scenario,
  TimedAction,
} from '../../shared/kernel/index.ts';
import type { ReplayObserver } from '../../shared/levels/play.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import {
  newScoreBook,
  scoredAct,
  scoredTick,
  type ScoreBook,
  type ScoreChange,
} from '../../shared/roles/score.ts';
import type { ScoreMode } from '../../shared/roles/types.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { RoundEnd } from '../../shared/protocol/summary.ts';
import { classPolicy, playBots } from './bot-driver.ts';
import type { RoundTimeline } from './round-timeline.ts';

/** What an engine's tick reports as it goes: the machine just before the kernel ticks, each batch of events, each batch of score changes. */
export interface StepHooks {
  sample(state: KernelState): void;
  events(batch: readonly KernelEvent[]): void;
  scores(changes: readonly ScoreChange[]): void;
}

/** One move's outcome: the kernel's answer and the score changes it caused (none where the engine does not score). */
export type ActOutcome = ReturnType<typeof scoredAct>;

/** A running machine: act, step, over, undo, verdict. */
export interface Engine {
  /** The machine now; it changes only through act, step and undo. */
  readonly state: KernelState;
  /** Every accepted action with its tick: the replay log. */
  readonly log: readonly TimedAction[];
  /** The events the machine started with (the boot). */
  readonly startEvents: readonly KernelEvent[];
  /** The jobs the engine fixes itself (a level's), or null when the room lays them out (a class). */
  readonly fixedSlots: RoleSlot[] | null;
  /** Applies one move now (the jobs `slots` name who scores); the kernel's refusal comes back untouched. */
  act(action: KernelAction, slots: readonly RoleSlot[]): ActOutcome;
  /** Bots play the jobs of `slots` no human holds, then the kernel ticks; false when the machine was over before the tick. */
  step(humanSlots: ReadonlySet<string>, slots: readonly RoleSlot[], hooks: StepHooks): boolean;
  /** Why the machine is over, or null while it runs. */
  over(): RoundEnd | null;
  /**
   * Takes back the last tick (replaying the machine, told to `observer`) and returns every event of the
   * machine as it now is, for the feed to be rewound; null when it cannot (a class machine keeps no replay).
   */
  undo(observer: ReplayObserver): readonly KernelEvent[] | null;
  /** The attempt's verdict for a level, with the round's timeline (null: a class round has none). */
  verdict(endedBy: RoundEnd, attempt: number, timeline: RoundTimeline): LevelVerdict | null;
}

/** Makes a fresh engine for each round or attempt. */
export type EngineFactory = () => Engine;

/** A class round's machine: the scenario from its seed, bots in the unheld jobs, the room's tick limit, the kernel's score. */
export class ClassEngine implements Engine {
  readonly fixedSlots = null;
  readonly startEvents: readonly KernelEvent[];
  /** What the scorer remembers of this machine (shared/roles/score.ts). */
  private readonly book: ScoreBook;

  /** A fresh machine, or (a room rebuilt after a crash) one already replayed with its log: the scorer starts from it, scoring by the room's `scoring`. */
  constructor(
    private readonly tickLimit: number,
    readonly state: KernelState,
    readonly log: TimedAction[] = [],
    startEvents: readonly KernelEvent[] = [],
    scoring: ScoreMode = 'standard',
  ) {
    this.startEvents = startEvents;
    this.book = newScoreBook(state, scoring);
  }

  /** The scenario's machine at tick 0. */
  static fresh(scenario: Scenario, seed: number, tickLimit: number, scoring?: ScoreMode): ClassEngine {
    const { state, events } = startKernel(structuredClone(scenario), seed);
    return new ClassEngine(tickLimit, state, [], events, scoring);
  }

  act(action: KernelAction, slots: readonly RoleSlot[]): ActOutcome {
    const outcome = scoredAct(this.book, this.state, slots, action);
    if (outcome.result.ok) this.log.push({ tick: this.state.tick, action });
    return outcome;
  }

  step(humanSlots: ReadonlySet<string>, slots: readonly RoleSlot[], hooks: StepHooks): boolean {
    playBots(this.state, slots, humanSlots, classPolicy(this.state), (a) => {
      const { result, changes } = this.act(a, slots);
      if (result.ok) {
        hooks.events(result.events);
        hooks.scores(changes);
      }
      return result;
    });
    // The clock stops with the last process (one that ends on being dispatched ends at this tick).
    if (isFinished(this.state)) return false;
    hooks.sample(this.state);
    const { events, changes } = scoredTick(this.book, this.state, slots);
    hooks.events(events);
    hooks.scores(changes);
    return true;
  }

  over(): RoundEnd | null {
    if (isFinished(this.state)) return 'finished';
    return this.state.tick >= this.tickLimit ? 'time-limit' : null;
  }

  undo(): null {
    return null;
  }

  verdict(): null {
    return null;
  }
}
