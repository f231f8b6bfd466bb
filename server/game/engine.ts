// One interface for a running machine, whatever the room plays: a class round (the kernel, bots in the
// jobs no human holds, the room's tick limit) or a solo level (the level's session, its bots and verdict).
// The round around it (phase, clock, log of events, timeline: match.ts) is the same for both.
import { applyActionInPlace, isFinished, startKernel, tickInPlace } from '../../shared/kernel/index.ts';
import type { InPlaceResult, KernelAction, KernelEvent, KernelState, Scenario, TimedAction } from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { RoundEnd } from '../../shared/protocol/summary.ts';
import { classPolicy, playBots } from './bot-driver.ts';

/** What an engine's tick reports as it goes: the machine just before the kernel ticks, and each batch of events. */
export interface StepHooks {
  sample(state: KernelState): void;
  events(batch: readonly KernelEvent[]): void;
}

/** A running machine: act, step, over, verdict. */
export interface Engine {
  /** The machine now; it changes only through act and step. */
  readonly state: KernelState;
  /** Every accepted action with its tick: the replay log. */
  readonly log: readonly TimedAction[];
  /** The events the machine started with (the boot). */
  readonly startEvents: readonly KernelEvent[];
  /** The jobs the engine fixes itself (a level's), or null when the room lays them out (a class). */
  readonly fixedSlots: RoleSlot[] | null;
  /** Applies one move now; the kernel's refusal comes back untouched. */
  act(action: KernelAction): InPlaceResult;
  /** Bots play the jobs of `slots` no human holds, then the kernel ticks; false when the machine was over before the tick. */
  step(humanSlots: ReadonlySet<string>, slots: readonly RoleSlot[], hooks: StepHooks): boolean;
  /** Why the machine is over, or null while it runs. */
  over(): RoundEnd | null;
  /** The attempt's verdict for a level (null: a class round has none). */
  verdict(endedBy: RoundEnd, attempt: number): LevelVerdict | null;
}

/** Makes a fresh engine for each round or attempt. */
export type EngineFactory = () => Engine;

/** A class round's machine: the scenario from its seed, bots in the unheld jobs, the room's tick limit. */
export class ClassEngine implements Engine {
  readonly fixedSlots = null;
  readonly startEvents: readonly KernelEvent[];

  /** A fresh machine, or (a room rebuilt after a crash) one already replayed with its log. */
  constructor(private readonly tickLimit: number, readonly state: KernelState, readonly log: TimedAction[] = [], startEvents: readonly KernelEvent[] = []) {
    this.startEvents = startEvents;
  }

  /** The scenario's machine at tick 0. */
  static fresh(scenario: Scenario, seed: number, tickLimit: number): ClassEngine {
    const { state, events } = startKernel(structuredClone(scenario), seed);
    return new ClassEngine(tickLimit, state, [], events);
  }

  act(action: KernelAction): InPlaceResult {
    const result = applyActionInPlace(this.state, action);
    if (result.ok) this.log.push({ tick: this.state.tick, action });
    return result;
  }

  step(humanSlots: ReadonlySet<string>, slots: readonly RoleSlot[], hooks: StepHooks): boolean {
    playBots(this.state, slots, humanSlots, classPolicy(this.state), (a) => {
      const r = this.act(a);
      if (r.ok) hooks.events(r.events);
      return r;
    });
    // The clock stops with the last process (one that ends on being dispatched ends at this tick).
    if (isFinished(this.state)) return false;
    hooks.sample(this.state);
    hooks.events(tickInPlace(this.state));
    return true;
  }

  over(): RoundEnd | null {
    if (isFinished(this.state)) return 'finished';
    return this.state.tick >= this.tickLimit ? 'time-limit' : null;
  }

  verdict(): null {
    return null;
  }
}
