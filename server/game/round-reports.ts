// The persistence seam for finished rounds: rooms hand every round's report here; the database
// module (server/db) plugs in behind the same interface, the in-memory one serves tests and dev.
import { createHash } from 'node:crypto';
import type { TimedAction } from '../../shared/kernel/index.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import type { PlayerActivity } from './player-activity.ts';
import type { BaselineJob } from './baseline-pool.ts';
import type { RoundPredictions } from '../../shared/roles/prediction.ts';

/** A stable pseudonym for a private player id in stored reports and CSVs: the id itself is a credential (it reclaims the seat). */
export function playerRef(playerId: string): string {
  return `s-${createHash('sha256').update(`kernel-crew player ${playerId}`).digest('base64url').slice(0, 16)}`;
}

/** A finished round as the room keeps it: the summary sent to clients plus what only the server knows. */
export interface RoundRecord {
  roomId: string;
  summary: RoundSummary;
  startedAt: number;
  endedAt: number;
  /**
   * Seat id → a pseudonym of the browser that held it (playerRef: a hash of its private player id), so a
   * report links one student's rounds without storing the id, which would let its reader take the seat.
   */
  playerIds: Record<string, string>;
  /** Every accepted action of the round, humans', bots' and the host's, for replays and timelines. */
  log: TimedAction[];
  /** Seat id → that player's actions, refusals and response latency this round. */
  activity?: Record<string, PlayerActivity>;
  /** The dashboard class session the round belongs to (teachers' rooms only). */
  session?: { id: string; teacherId: string };
  /** The students' end-of-round predictions, judged (added after the reveal; absent when the round had none). */
  predictions?: RoundPredictions;
}

/** Which stored round a later addition (its predictions) belongs to. */
export interface RoundRef {
  roomId: string;
  round: number;
  session?: { id: string; teacherId: string };
}

/** Where finished rounds go. */
export interface RoundReportSink {
  save(record: RoundRecord): Promise<void>;
  /** Adds a stored round's predictions (after its report is saved). */
  predictions?(round: RoundRef, predictions: RoundPredictions): Promise<void>;
  /** Told when a room closes for good (its class session, if any, ends). */
  roomClosed?(roomId: string, session?: { id: string; teacherId: string }): Promise<void>;
  /**
   * Writes a finished round durably the moment it ends (its baselines still to come): the room tells
   * no one the round ended before this resolves, so a crash right after the end loses nothing.
   */
  journal?(record: RoundRecord, job: BaselineJob): Promise<void>;
  /** How a journaled round of a session ended (its summary and whole log), for a room recovered after a crash. */
  journaled?(sessionId: string, round: number): Promise<JournaledEnd | undefined>;
}

/** A journaled round's end as a recovered room needs it. */
export interface JournaledEnd {
  summary: RoundSummary;
  log: TimedAction[];
}

/**
 * Keeps the most recent reports in memory (what tests read; the database keeps them all). Bounded:
 * a long-running server plays thousands of rounds, and each record holds the round's whole action
 * log, so an unbounded list grew the heap by about 1 MB a minute under load (docs/SCALING.md).
 */
export class MemoryRoundReports implements RoundReportSink {
  readonly records: RoundRecord[] = [];

  /** @param limit how many of the latest reports are kept (the oldest go first). */
  constructor(readonly limit = 50) {}

  /** Stores a report, forgetting the oldest beyond the limit. */
  async save(record: RoundRecord): Promise<void> {
    this.records.push(structuredClone(record));
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
  }

  /** Adds the predictions to the room's stored round. */
  async predictions(ref: RoundRef, predictions: RoundPredictions): Promise<void> {
    const record = this.records.find((r) => r.roomId === ref.roomId && r.summary.round === ref.round);
    if (record) record.predictions = structuredClone(predictions);
  }

  /** The reports of one room, oldest first. */
  forRoom(roomId: string): RoundRecord[] {
    return this.records.filter((r) => r.roomId === roomId);
  }
}
