// Playing a level as a human who thinks: the scripted player reads the machine at tick t and its moves
// land at tick t + delay, on the machine as it is then. Star thresholds are checked this way, so that
// three stars never need a same-tick reflex (issue 13 item 2).
import {
  applyAction,
  applyActionInPlace,
  type KernelAction,
  type KernelState,
  type TimedAction,
} from '../kernel/index.ts';
import { LevelSession, type LevelResult, type PlayerScript } from './play.ts';
import type { Level } from './level.ts';

/** The reaction delay the campaign's star thresholds are set for: one tick at the default speed. */
export const THINKING_DELAY = 1;

/**
 * Everything the script would do seeing this machine: it is asked again after each of its moves (on a
 * copy, bots not acting), as a player lines up several moves from one look at the screen.
 */
function decide(state: Readonly<KernelState>, script: PlayerScript): KernelAction[] {
  const look = structuredClone(state) as KernelState;
  const out: KernelAction[] = [];
  for (let round = 0; round < 20; round++) {
    let accepted = 0;
    for (const a of script(look)) {
      if (applyActionInPlace(look, a).ok) {
        out.push(a);
        accepted++;
      }
    }
    if (accepted === 0) break;
  }
  return out;
}

/**
 * Plays a level with the player's moves applied `delay` ticks after the machine that prompted them.
 * A move the machine no longer allows by then is dropped, not sent: the player sees it is too late.
 * `moves` are the player's accepted moves with their ticks (the session's log also holds the bots').
 * `stop` ends the run early (a challenge ends when its kept condition breaks).
 */
export function playLevelThinking(
  level: Level,
  script: PlayerScript,
  delay = THINKING_DELAY,
  stop: (session: LevelSession) => boolean = () => false,
): LevelResult & { session: LevelSession; moves: TimedAction[] } {
  const session = new LevelSession(level);
  const queue: { at: number; actions: KernelAction[] }[] = [];
  const moves: TimedAction[] = [];
  const act = (a: KernelAction) => {
    if (session.act(a).ok) moves.push({ tick: session.state.tick, action: a });
  };
  while (!session.over() && !stop(session)) {
    while (queue.length > 0 && queue[0]!.at <= session.state.tick) {
      for (const a of queue.shift()!.actions) if (applyAction(session.state, a).ok) act(a);
    }
    if (delay === 0) for (const a of decide(session.state, script)) act(a);
    else {
      const actions = decide(session.state, script);
      if (actions.length > 0) queue.push({ at: session.state.tick + delay, actions });
    }
    session.step();
  }
  return { ...session.result(), session, moves };
}
