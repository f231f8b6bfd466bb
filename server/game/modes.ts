// The ways a room is played, as data: what differs between a class and a solo level is read from this
// table instead of being branched on in the classroom. (Admission still branches on the kind in
// RoomGame.admit, which the room-admission rework owns; a team mode joins this table with class play.)
import type { HostCommand } from '../../shared/protocol/messages.ts';

/** A room's mode. */
export type ModeName = 'class' | 'solo';

/** What a mode decides. */
export interface Mode {
  /** Humans counted when the scenario's jobs are first laid out (a solo player takes one job; a class starts with none). */
  slotHumans: number;
  /** Jobs are dealt to the seats again when a round starts or restarts and when a player leaves the lobby (a class). */
  rebalances: boolean;
  /** The host is also the player: their moves score and they appear in the round's summary (a solo level). */
  hostPlays: boolean;
  /** The host commands this mode accepts; any other is refused. */
  commands: ReadonlySet<HostCommand['type']>;
  /** The host-player's moves are applied while the clock is paused (solo: think, then act; a class waits for its teacher). */
  actsWhilePaused: boolean;
  /** A retried round starts paused, so the player reads the machine before the first tick (solo). */
  retryPaused: boolean;
  /** Start opens a countdown in which every student reads their role card before the clock runs (class). */
  countsDown: boolean;
}

const COMMON: HostCommand['type'][] = [
  'start',
  'pause',
  'resume',
  'end-round',
  'restart',
  'speed',
  'lock',
  'late-join',
  'rename',
  'live-event',
  'kick',
];

/** The table. */
export const MODES: Record<ModeName, Mode> = {
  class: {
    slotHumans: 0,
    rebalances: true,
    hostPlays: false,
    commands: new Set([...COMMON, 'assign', 'rotate']),
    actsWhilePaused: false,
    retryPaused: false,
    countsDown: true,
  },
  solo: {
    slotHumans: 1,
    rebalances: false,
    hostPlays: true,
    commands: new Set([...COMMON, 'retry', 'take-job', 'step', 'undo']),
    actsWhilePaused: true,
    retryPaused: true,
    countsDown: false,
  },
};
