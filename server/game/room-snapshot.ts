// A class room as plain data for crash recovery: what replay() needs (scenario, seed, the round's log up
// to a tick) plus what the room adds around the kernel (code, host key hash, viewer key, seats by player id, phase). The
// machine itself is never stored: it is rebuilt by replaying the log, and its hash proves it. A room of
// several crews saves each crew's tick, log length and jobs; their logs share one stored stream, each entry
// of crew 2 and later tagged with its crew (crew 1's entries stay plain, as a room of one crew saves them).
import { replay, type KernelState, type Scenario, type TimedAction } from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import type { RoomGame } from './room-game.ts';
import { ClassEngine } from './engine.ts';
import type { Phase } from './match.ts';
import type { SeatsDump } from './seats.ts';
import type { LeaderboardSetting } from '../../shared/protocol/server-messages.ts';
import type { Overrides } from '../../shared/roles/assign.ts';
import type { ScoreMode } from '../../shared/roles/types.ts';

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
  /** How the room scores (absent in rooms saved before it was a setting: 'standard'). */
  scoring?: ScoreMode;
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
  /** Students per crew the teacher asked for (absent in documents saved before crews were saved). */
  crewSize?: number;
  /** Crew 1's job choices for the lobby. */
  overrides?: Overrides;
  /** The crews after the first (crew 1 is the fields above). */
  crews?: SavedCrew[];
}

/** A crew after the first, as saved. */
export interface SavedCrew {
  number: number;
  tick: number;
  logLength: number;
  slots: RoleSlot[];
  overrides: Overrides;
}

/** One entry of the stored log: crew 1's action as it is, a later crew's tagged with its number. */
export type SavedLogEntry = TimedAction | { crew: number; action: TimedAction };

/** A crew's log entry as stored. */
export function savedEntry(crew: number, action: TimedAction): SavedLogEntry {
  return crew === 1 ? action : { crew, action };
}

/** The stored log's entries of one crew, in order. */
export function crewEntries(log: readonly unknown[], crew: number): TimedAction[] {
  const out: TimedAction[] = [];
  for (const e of log as SavedLogEntry[]) {
    const tagged = typeof e === 'object' && e !== null && 'crew' in e && 'action' in e;
    if (tagged ? e.crew === crew : crew === 1) out.push(tagged ? e.action : (e as TimedAction));
  }
  return out;
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
    crewSize: c.crewSize,
    overrides: c.crews[0]!.overrides,
    crews: c.crews.slice(1).map((crew) => ({
      number: crew.number,
      tick: crew.match.state.tick,
      logLength: crew.match.log.length,
      slots: crew.match.slots,
      overrides: crew.overrides,
    })),
  };
}

/** A replayed machine and the log it took in. */
export interface ReplayedMachine {
  state: KernelState;
  log: TimedAction[];
}

/** Rebuilds crew 1's machine a document describes by replaying the stored log (throws when the log does not fit the scenario). */
export function replayRoom(
  scenario: Scenario,
  seed: number,
  doc: RoomDocument,
  log: readonly unknown[],
): ReplayedMachine {
  return replayCrew(scenario, seed, doc.tick, doc.logLength, crewEntries(log, 1));
}

/** Rebuilds every later crew's machine (crew number → machine) from the same stored log. */
export function replayCrews(
  scenario: Scenario,
  seed: number,
  doc: RoomDocument,
  log: readonly unknown[],
): Map<number, ReplayedMachine> {
  return new Map(
    (doc.crews ?? []).map((c) => [
      c.number,
      replayCrew(scenario, seed, c.tick, c.logLength, crewEntries(log, c.number)),
    ]),
  );
}

function replayCrew(
  scenario: Scenario,
  seed: number,
  tick: number,
  logLength: number,
  entries: readonly TimedAction[],
): ReplayedMachine {
  const kept = entries.slice(0, logLength);
  if (kept.length < logLength) throw new Error(`the saved log has ${kept.length} of ${logLength} entries`);
  return { state: replay(structuredClone(scenario), seed, kept, tick), log: kept };
}

/**
 * Puts a freshly created classroom back where the document left it, every crew with its machine (crew 1's
 * is `machine`, the others' in `crews` by number); a running round comes back paused.
 */
export function restoreRoom(
  c: RoomGame,
  doc: RoomDocument,
  machine: ReplayedMachine,
  crews: ReadonlyMap<number, ReplayedMachine> = new Map(),
): void {
  if (doc.crewSize !== undefined) c.crewSize = doc.crewSize;
  const saved = doc.crews ?? [];
  c.setCrewCount(1 + saved.length);
  const restoreCrew = (n: number, slots: RoleSlot[], overrides: Overrides, replayed: ReplayedMachine) => {
    const crew = c.crews[n - 1]!;
    const m = crew.match;
    m.round = doc.round;
    // The scorer's memory starts again from the restored machine (seat scores come back with the seats).
    m.adopt(new ClassEngine(m.options.tickLimit, replayed.state, replayed.log, [], m.options.scoring));
    m.pending = [];
    m.slots = slots;
    m.phase = doc.phase === 'running' ? 'paused' : doc.phase;
    m.setSpeed(doc.speed);
    crew.overrides = overrides;
  };
  restoreCrew(1, doc.slots, doc.overrides ?? {}, machine);
  for (const s of saved) {
    const replayed = crews.get(s.number);
    if (replayed) restoreCrew(s.number, s.slots, s.overrides, replayed);
  }
  c.locked = doc.locked;
  c.lateJoin = doc.lateJoin;
  c.lastSummary = doc.lastSummary;
  c.seats.load(doc.seats);
}
