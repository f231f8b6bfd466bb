// A solo level played on the room clock: the level module's LevelSession is the authority (the player's
// moves, bots in every other role, the tick limit), dressed as a Match so the classroom, the synced
// state and the round summary work unchanged. The level's verdict comes from evaluateLevel.
import { isFinished } from '../../shared/kernel/index.ts';
import type { InPlaceResult, KernelAction, KernelEvent } from '../../shared/kernel/index.ts';
import { LevelSession, levelDebrief, type Level } from '../../shared/levels/index.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { RoundEnd } from '../../shared/protocol/summary.ts';
import { Match, type StepResult } from './match.ts';
import { RoundTimeline } from './round-timeline.ts';

/** The verdict of one attempt (declared with the server's messages). */
export type { LevelVerdict } from '../../shared/protocol/server-messages.ts';

/** A Match whose machine is a LevelSession; `onVerdict` hears each attempt's result once. */
export class LevelMatch extends Match {
  session: LevelSession;
  verdict: LevelVerdict | null = null;

  constructor(
    readonly level: Level,
    ticksPerSecond: number,
    private readonly onVerdict: (v: LevelVerdict) => void,
  ) {
    super({
      scenario: level.scenarioParsed,
      scenarioName: level.id,
      seed: level.seed,
      ticksPerSecond,
      tickLimit: level.tickLimit,
    });
    this.session = this.attach();
  }

  /** Starts a fresh attempt and makes its machine the match's. */
  private attach(): LevelSession {
    const session = new LevelSession(this.level);
    this.session = session;
    this.state = session.state;
    this.log = session.log;
    this.slots = levelSlots(this.level);
    this.verdict = null;
    this.pending.push(...session.events);
    return session;
  }

  /** Events the session recorded since `before` (the player's, the kernel's and the bots'). */
  private since(before: number): KernelEvent[] {
    const fresh = this.session.events.slice(before);
    this.pending.push(...fresh);
    this.timeline.note(fresh, this.state);
    return fresh;
  }

  override act(action: KernelAction): InPlaceResult {
    const before = this.session.events.length;
    const r = this.session.act(action);
    if (!r.ok) {
      // The room's edge lets only the player's own jobs through, so this is the kernel's refusal.
      if (r.rejection.code === 'not-your-job')
        return {
          ok: false,
          rejection: { code: 'no-such-thread', params: { tid: 'tid' in action ? action.tid : -1 } },
        };
      return { ok: false, rejection: r.rejection };
    }
    return { ok: true, events: this.since(before) };
  }

  override step(elapsedMs: number): StepResult {
    if (this.phase !== 'running') return { ticks: 0, events: [], ended: null };
    const due = this.clock.advance(elapsedMs);
    const start = this.pending.length;
    let ticks = 0;
    let ended: RoundEnd | null = this.session.over() ? this.endedBy() : null;
    for (; ticks < due && ended === null; ticks++) ended = this.oneLevelTick();
    if (ended !== null) this.finish(ended);
    return { ticks, events: this.pending.slice(start), ended };
  }

  override stepOnce(): RoundEnd | null {
    if (this.phase !== 'paused') return null;
    const ended = this.session.over() ? this.endedBy() : this.oneLevelTick();
    if (ended !== null) this.finish(ended);
    return ended;
  }

  /** The session replayed without its last tick (LevelSession.undo), with the Gantt chart and notable events rebuilt. */
  override undo(): readonly KernelEvent[] | null {
    const timeline = new RoundTimeline();
    const next = this.session.undo({
      beforeTick: (s) => timeline.sample(s),
      events: (e, s) => timeline.note(e, s),
    });
    if (!next) return null;
    this.session = next;
    this.state = next.state;
    this.log = next.log;
    this.timeline = timeline;
    this.pending = []; // the undone tick's events, not yet sent, belong to a past that no longer happened
    return next.events;
  }

  private oneLevelTick(): RoundEnd | null {
    this.timeline.sample(this.state);
    const before = this.session.events.length;
    this.session.step();
    this.since(before);
    return this.session.over() ? this.endedBy() : null;
  }

  // A solo attempt also ends the tick a deadlock freezes the machine (LevelSession.over); say so.
  private endedBy(): RoundEnd {
    if (isFinished(this.state)) return 'finished';
    return this.state.counters.deadlocks > 0 ? 'deadlock' : 'time-limit';
  }

  private finish(endedBy: RoundEnd): void {
    this.phase = 'ended';
    const result = this.session.result();
    this.verdict = {
      ...result,
      level: this.level.id,
      attempt: this.round,
      ticks: this.state.tick,
      endedBy,
      debrief: levelDebrief(this.level, this.session, result),
      timeline: this.timeline.cores.map((runs) => runs.map((r) => ({ ...r }))),
    };
    this.onVerdict(this.verdict);
  }

  override end(): boolean {
    if (!super.end()) return false;
    this.finish('host');
    return true;
  }

  override restart(): void {
    this.round++;
    this.pending = [];
    this.timeline = new RoundTimeline();
    this.attach();
    this.clock.reset();
    this.phase = 'lobby';
  }
}
