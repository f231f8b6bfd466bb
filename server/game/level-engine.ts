// A solo level as an engine: the level module's LevelSession is the authority (the player's moves, bots
// in every other role, the tick limit, undo by replay) and its evaluator gives the verdict; the round
// around it is the same Match a class plays. A level does not score moves (its stars are the verdict).
// A challenge (ChallengeEngine) ends the tick its kept condition breaks and is scored by the ticks it
// survived; a sandbox (SandboxEngine) has no goal and ends only when its machine is done.
import { isFinished } from '../../shared/kernel/index.ts';
import type { KernelAction, KernelEvent, KernelState, TimedAction } from '../../shared/kernel/index.ts';
import {
  ChallengeSession,
  LevelSession,
  levelDebrief,
  type Challenge,
  type Level,
} from '../../shared/levels/index.ts';
import type { ReplayObserver } from '../../shared/levels/play.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { RoundEnd } from '../../shared/protocol/summary.ts';
import type { ActOutcome, Engine, StepHooks } from './engine.ts';
import type { RoundTimeline } from './round-timeline.ts';

/** The verdict of one attempt (declared with the server's messages). */
export type { LevelVerdict } from '../../shared/protocol/server-messages.ts';

/** One attempt at a level. */
export class LevelEngine implements Engine {
  protected session: LevelSession;
  readonly fixedSlots: RoleSlot[];
  readonly startEvents: readonly KernelEvent[];

  constructor(readonly level: Level) {
    this.session = new LevelSession(level);
    this.fixedSlots = levelSlots(level);
    this.startEvents = this.session.events.slice();
  }

  get state(): KernelState {
    return this.session.state;
  }

  get log(): readonly TimedAction[] {
    return this.session.log;
  }

  act(action: KernelAction): ActOutcome {
    const before = this.session.events.length;
    const r = this.session.act(action);
    if (!r.ok) {
      // The room's edge lets only the player's own jobs through, so this is the kernel's refusal.
      const rejection =
        r.rejection.code === 'not-your-job'
          ? { code: 'no-such-thread' as const, params: { tid: 'tid' in action ? action.tid : -1 } }
          : r.rejection;
      return { result: { ok: false, rejection }, changes: [] };
    }
    // the player's move and the bots' answers to it
    return { result: { ok: true, events: this.session.events.slice(before) }, changes: [] };
  }

  step(_humans: ReadonlySet<string>, _slots: readonly RoleSlot[], hooks: StepHooks): boolean {
    if (this.session.over()) return false;
    hooks.sample(this.state);
    const before = this.session.events.length;
    this.session.step();
    hooks.events(this.session.events.slice(before));
    return true;
  }

  over(): RoundEnd | null {
    if (!this.session.over()) return null;
    // A solo attempt also ends the tick a deadlock freezes the machine (LevelSession.over); say so.
    if (isFinished(this.state)) return 'finished';
    return this.state.counters.deadlocks > 0 ? 'deadlock' : 'time-limit';
  }

  /** The session replayed without its last tick (LevelSession.undo); `observer` rebuilds the Gantt chart and notable events. */
  undo(observer: ReplayObserver): readonly KernelEvent[] | null {
    const next = this.session.undo(observer);
    if (!next) return null;
    this.session = next;
    return next.events;
  }

  verdict(endedBy: RoundEnd, attempt: number, timeline: RoundTimeline): LevelVerdict {
    const result = this.session.result();
    return {
      ...result,
      level: this.level.id,
      attempt,
      ticks: this.state.tick,
      endedBy,
      debrief: levelDebrief(this.level, this.session, result),
      timeline: timeline.cores.map((runs) => runs.map((r) => ({ ...r }))),
    };
  }
}

/** One attempt at a challenge: the level's engine, ending the first tick the kept condition breaks. */
export class ChallengeEngine extends LevelEngine {
  constructor(readonly challenge: Challenge) {
    super(challenge.level);
  }

  /** The attempt as the challenge module judges it (shared/levels/challenge.ts). */
  private run(): ChallengeSession {
    return new ChallengeSession(this.challenge, this.session);
  }

  override over(): RoundEnd | null {
    return this.run().broken() ? 'broken' : super.over();
  }

  override verdict(endedBy: RoundEnd, attempt: number, timeline: RoundTimeline): LevelVerdict {
    const run = this.run();
    const result = this.session.result();
    const stars = run.stars();
    return {
      ...result,
      passed: stars >= 1,
      stars,
      score: run.score(),
      level: this.challenge.spec.id,
      attempt,
      ticks: this.state.tick,
      endedBy,
      debrief: levelDebrief(this.level, this.session, result, false),
      timeline: timeline.cores.map((runs) => runs.map((r) => ({ ...r }))),
      challenge: { survived: run.score(), starTicks: [...this.challenge.spec.starTicks] },
    };
  }
}

/** One sandbox run: the level's engine with no goal and no stars. */
export class SandboxEngine extends LevelEngine {
  override verdict(endedBy: RoundEnd, attempt: number, timeline: RoundTimeline): LevelVerdict {
    const result = this.session.result();
    return {
      ...result,
      passed: false,
      stars: 0,
      score: 0,
      level: this.level.id,
      attempt,
      ticks: this.state.tick,
      endedBy,
      debrief: levelDebrief(this.level, this.session, result, false),
      timeline: timeline.cores.map((runs) => runs.map((r) => ({ ...r }))),
      sandbox: true,
    };
  }
}
