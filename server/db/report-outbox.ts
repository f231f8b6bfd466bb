// Finished rounds journaled before their end is announced (migration 0003): what a crash right after a
// round ends must not lose. A row is marked stored once the full report is in `rounds`, and kept until
// its class session ends, so a room brought back after a crash comes back with its round ended.
import type { Kysely } from 'kysely';
import { fromJson, toJson } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';

/** One journaled round: the stored form without baselines, what replays it, and the summary players saw. */
export interface JournaledRound {
  sessionId: string;
  roundNumber: number;
  /** The FinishedRound to store (its baselines are computed from the replay's job when it is). */
  round: unknown;
  /** `{job, log}`: the baselines' job and the round's whole action log (to rebuild the machine as it ended). */
  replay: unknown;
  summary: unknown;
  createdAt: number;
  /** When its full report was stored in `rounds`; null while it is still to store. */
  storedAt: number | null;
}

/** The report outbox repository. */
export interface ReportOutboxRepository {
  /** Journals a finished round (a second journal of the same round replaces the first). */
  put(entry: Omit<JournaledRound, 'createdAt' | 'storedAt'>): Promise<void>;
  /** The journaled rounds whose report is not stored yet, oldest first. */
  unstored(): Promise<JournaledRound[]>;
  /** One session's journaled round, if any. */
  find(sessionId: string, roundNumber: number): Promise<JournaledRound | undefined>;
  /** Its report is in `rounds` now. */
  markStored(sessionId: string, roundNumber: number): Promise<void>;
  /** Forgets a session's journal (its room closed for good, or the session was deleted). */
  removeSession(sessionId: string): Promise<void>;
}

/** Builds the outbox repository over a Kysely instance. */
export function reportOutboxRepository(db: Kysely<DatabaseSchema>): ReportOutboxRepository {
  const toEntry = (r: DatabaseSchema['report_outbox']): JournaledRound => ({
    sessionId: r.session_id,
    roundNumber: r.round_number,
    round: fromJson(r.round_json),
    replay: fromJson(r.replay_json),
    summary: fromJson(r.summary_json),
    createdAt: r.created_at,
    storedAt: r.stored_at,
  });
  return {
    async put({ sessionId, roundNumber, round, replay, summary }) {
      const values = {
        round_json: toJson(round, 'round'),
        replay_json: toJson(replay, 'replay'),
        summary_json: toJson(summary, 'summary'),
        created_at: Date.now(),
        stored_at: null,
      };
      await db
        .insertInto('report_outbox')
        .values({ session_id: sessionId, round_number: roundNumber, ...values })
        .onConflict((oc) => oc.columns(['session_id', 'round_number']).doUpdateSet(values))
        .execute();
    },
    async unstored() {
      const rows = await db
        .selectFrom('report_outbox')
        .selectAll()
        .where('stored_at', 'is', null)
        .orderBy('created_at')
        .orderBy('session_id')
        .orderBy('round_number')
        .execute();
      return rows.map(toEntry);
    },
    async find(sessionId, roundNumber) {
      const row = await db
        .selectFrom('report_outbox')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('round_number', '=', roundNumber)
        .executeTakeFirst();
      return row && toEntry(row);
    },
    async markStored(sessionId, roundNumber) {
      await db
        .updateTable('report_outbox')
        .set({ stored_at: Date.now() })
        .where('session_id', '=', sessionId)
        .where('round_number', '=', roundNumber)
        .execute();
    },
    async removeSession(sessionId) {
      await db.deleteFrom('report_outbox').where('session_id', '=', sessionId).execute();
    },
  };
}
