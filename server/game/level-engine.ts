// A solo level as an engine: the level module's LevelSession is the authority (the player's moves, bots
// in every other role, the tick limit) and its evaluator gives the verdict; the round around it is the
// same Match a class plays.
import { isFinished } from '../../shared/kernel/index.ts';
import type { InPlaceResult, KernelAction, KernelEvent, KernelState, TimedAction } from '../../shared/kernel/index.ts';
import { LevelSession, type Level } from '../../shared/levels/index.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { RoundEnd } from '../../shared/protocol/summary.ts';
import type { Engine, StepHooks } from './engine.ts';

/** The verdict of one attempt (declared with the server's messages). */
export type { LevelVerdict } from '../../shared/protocol/server-messages.ts';

/** One attempt at a level. */
export class LevelEngine implements Engine {
  private readonly session: LevelSession;
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

  act(action: KernelAction): InPlaceResult {
    const before = this.session.events.length;
    const r = this.session.act(action);
    if (!r.ok) {
      // The room's edge lets only the player's own jobs through, so this is the kernel's refusal.
      if (r.rejection.code === 'not-your-job') return { ok: false, rejection: { code: 'no-such-thread', params: { tid: 'tid' in action ? action.tid : -1 } } };
      return { ok: false, rejection: r.rejection };
    }
    // the player's move and the bots' answers to it
    return { ok: true, events: this.session.events.slice(before) };
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
    return isFinished(this.state) ? 'finished' : 'time-limit';
  }

  verdict(endedBy: RoundEnd, attempt: number): LevelVerdict {
    return { ...this.session.result(), level: this.level.id, attempt, ticks: this.state.tick, endedBy };
  }
}
