// The ways a room is played, as data: what differs between a class and a solo room (admission, seating,
// host commands, scoring, crews, grace moves) is read from this table instead of being branched on in the
// room's game. A solo level is the solo mode with a level engine (engine.ts), not a mode of its own.
import { commandsOf, type HostCommand, type ModeName } from '../../shared/protocol/messages.ts';

/** What a mode decides. */
export interface Mode {
  /** Humans counted when the scenario's jobs are first laid out (a solo player takes one job; a class starts with none). */
  slotHumans: number;
  /** Jobs are dealt to the seats again when a round starts or restarts and when a player leaves the lobby (a class). */
  rebalances: boolean;
  /** The host is also the player: their moves score and they appear in the round's summary (a solo level). */
  hostPlays: boolean;
  /** The host commands this mode accepts (the message table's `modes` column); any other is refused. */
  commands: ReadonlySet<HostCommand['type']>;
  /** The class splits into crews, each with its own machine (crew.ts); else one machine for the room. */
  crews: boolean;
  /** Who may take a seat: anyone with the join code (the host with its key, projectors with theirs), or only the room's one player. */
  admission: 'join-code' | 'single-player';
  /** A student's job waits the grace time, then gets a "your turn" prompt and a bot's move (the solo player has the clock instead). */
  graceMoves: boolean;
  /** The host-player's moves are applied while the clock is paused (solo: think, then act; a class waits for its teacher). */
  actsWhilePaused: boolean;
  /** A retried round starts paused, so the player reads the machine before the first tick (solo). */
  retryPaused: boolean;
  /** Start opens a countdown in which every student reads their role card before the clock runs (class). */
  countsDown: boolean;
}

/** The table. */
export const MODES: Record<ModeName, Mode> = {
  class: {
    slotHumans: 0,
    rebalances: true,
    hostPlays: false,
    commands: commandsOf('class'),
    crews: true,
    admission: 'join-code',
    graceMoves: true,
    actsWhilePaused: false,
    retryPaused: false,
    countsDown: true,
  },
  solo: {
    slotHumans: 1,
    rebalances: false,
    hostPlays: true,
    commands: commandsOf('solo'),
    crews: false,
    admission: 'single-player',
    graceMoves: false,
    actsWhilePaused: true,
    retryPaused: true,
    countsDown: false,
  },
};
