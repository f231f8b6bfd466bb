// A class room as plain data for crash recovery: what replay() needs (scenario, seed, the round's log up
// to a tick) plus what the room adds around the kernel (code, host key hash, viewer key, seats by player id, phase). The
// machine itself is never stored: it is rebuilt by replaying the log, and its hash proves it.
import { replay, type KernelState, type Scenario, type TimedAction } from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import type { RoomGame } from './room-game.ts';
import { ClassEngine } from './engine.ts';
import type { Phase } from './match.ts';
import type { SeatsDump } from './seats.ts';
import type { LeaderboardSetting } from '../../shared/protocol/server-messages.ts';

/** How the room was created (what the API passed, minus the one-time ticket). */
export interface SavedCreateOptions {
  code: string;
  /** keyHash of the host key (a snapshot written before keys were hashed has `hostKey`: loadRestoredRoom converts it). */
  hostKeyHash: string;
  /** The projector link's read-only key. */
  viewerKey: string;
  title?: string;
  maxPlayers?: number;
  ticksPerSecond?: number;
  lateJoin?: boolean;
  leaderboard?: LeaderboardSetting;
  countdown?: number;
  session?: { id: string; teacherId: string };
}

/** Everything about a class room except its scenario, seed and action log. */
export interface RoomDocument {
  version: 1;
  create: SavedCreateOptions;
  scenarioName: string;
  round: number;
  phase: Phase;
  speed: number;
  locked: boolean;
  lateJoin: boolean;
  /** The machine's tick when saved and how many log entries it had taken in by then. */
  tick: number;
  logLength: number;
  slots: RoleSlot[];
  seats: SeatsDump;
  lastSummary: RoundSummary | null;
}

/** The room's current document. */
export function captureRoom(c: RoomGame, create: SavedCreateOptions): RoomDocument {
  const m = c.match;
  return {
    version: 1,
    create,
    scenarioName: m.options.scenarioName,
    round: m.round,
    phase: m.phase,
    speed: m.clock.ticksPerSecond,
    locked: c.locked,
    lateJoin: c.lateJoin,
    tick: m.state.tick,
    logLength: m.log.length,
    slots: m.slots,
    seats: c.seats.dump(),
    lastSummary: c.lastSummary,
  };
}

/** Rebuilds the machine a document describes by replaying the log (throws when the log does not fit the scenario). */
export function replayRoom(
  scenario: Scenario,
  seed: number,
  doc: RoomDocument,
  log: readonly TimedAction[],
): { state: KernelState; log: TimedAction[] } {
  const kept = log.slice(0, doc.logLength);
  if (kept.length < doc.logLength)
    throw new Error(`the saved log has ${kept.length} of ${doc.logLength} entries`);
  return { state: replay(structuredClone(scenario), seed, kept, doc.tick), log: kept };
}

/** Puts a freshly created classroom back where the document left it; a running round comes back paused. */
export function restoreRoom(
  c: RoomGame,
  doc: RoomDocument,
  machine: { state: KernelState; log: TimedAction[] },
): void {
  const m = c.match;
  m.round = doc.round;
  // The scorer's memory starts again from the restored machine (seat scores come back with the seats).
  m.adopt(new ClassEngine(m.options.tickLimit, machine.state, machine.log));
  m.pending = [];
  m.slots = doc.slots;
  m.phase = doc.phase === 'running' ? 'paused' : doc.phase;
  m.setSpeed(doc.speed);
  c.locked = doc.locked;
  c.lateJoin = doc.lateJoin;
  c.lastSummary = doc.lastSummary;
  c.seats.load(doc.seats);
}
