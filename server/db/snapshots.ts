// Crash-recovery snapshots of live rooms (issue 7): the scenario, seed and action log replay the machine exactly.
import type { Kysely } from 'kysely';
import { fromJson, toJson } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';

/** What a room needs to rebuild its machine after a restart. */
export interface RoomSnapshot {
  roomId: string;
  scenario: unknown;
  seed: number;
  actionLog: unknown;
  savedAt: number;
}

/** The room snapshots repository. */
export interface SnapshotsRepository {
  /** Stores or replaces the snapshot of a room. */
  save(snapshot: { roomId: string; scenario: unknown; seed: number; actionLog: unknown }): Promise<void>;
  /** The latest snapshot of a room, if any. */
  load(roomId: string): Promise<RoomSnapshot | undefined>;
  /** Ids of every room with a snapshot, oldest save first, for recovery at start-up. */
  list(): Promise<{ roomId: string; savedAt: number }[]>;
  /** Forgets a room's snapshot and log (the room ended cleanly); true when a snapshot existed. */
  delete(roomId: string): Promise<boolean>;
  /** Appends chunk number `seq` (0, 1, …) of a room's action log: the entries since the last save. */
  appendLog(roomId: string, seq: number, entries: unknown[]): Promise<void>;
  /** A room's appended log, chunks concatenated in order, and how many chunks there are. */
  readLog(roomId: string): Promise<{ entries: unknown[]; chunks: number }>;
  /** Forgets a room's appended log (its round restarted with an empty log). */
  clearLog(roomId: string): Promise<void>;
}

/** Builds the snapshots repository over a Kysely instance. */
export function snapshotsRepository(db: Kysely<DatabaseSchema>): SnapshotsRepository {
  return {
    async save({ roomId, scenario, seed, actionLog }) {
      if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
      const row = {
        room_id: roomId,
        scenario_json: toJson(scenario, 'scenario'),
        seed,
        action_log_json: toJson(actionLog, 'action log'),
        saved_at: Date.now(),
      };
      await db
        .insertInto('room_snapshots')
        .values(row)
        .onConflict((oc) =>
          oc.column('room_id').doUpdateSet((eb) => ({
            scenario_json: eb.ref('excluded.scenario_json'),
            seed: eb.ref('excluded.seed'),
            action_log_json: eb.ref('excluded.action_log_json'),
            saved_at: eb.ref('excluded.saved_at'),
          })),
        )
        .execute();
    },

    async load(roomId) {
      const row = await db
        .selectFrom('room_snapshots')
        .selectAll()
        .where('room_id', '=', roomId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        roomId: row.room_id,
        scenario: fromJson(row.scenario_json),
        seed: row.seed,
        actionLog: fromJson(row.action_log_json),
        savedAt: row.saved_at,
      };
    },

    async list() {
      const rows = await db
        .selectFrom('room_snapshots')
        .select(['room_id', 'saved_at'])
        .orderBy('saved_at')
        .orderBy('room_id')
        .execute();
      return rows.map((r) => ({ roomId: r.room_id, savedAt: r.saved_at }));
    },

    async delete(roomId) {
      await db.deleteFrom('room_snapshot_log').where('room_id', '=', roomId).execute();
      const result = await db.deleteFrom('room_snapshots').where('room_id', '=', roomId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async appendLog(roomId, seq, entries) {
      if (!Number.isSafeInteger(seq) || seq < 0)
        throw new RangeError(`seq must be a non-negative integer, got ${seq}`);
      await db
        .insertInto('room_snapshot_log')
        .values({ room_id: roomId, seq, entries_json: toJson(entries, 'log chunk') })
        .execute();
    },

    async readLog(roomId) {
      const rows = await db
        .selectFrom('room_snapshot_log')
        .select('entries_json')
        .where('room_id', '=', roomId)
        .orderBy('seq')
        .execute();
      return { entries: rows.flatMap((r) => fromJson(r.entries_json) as unknown[]), chunks: rows.length };
    },

    async clearLog(roomId) {
      await db.deleteFrom('room_snapshot_log').where('room_id', '=', roomId).execute();
    },
  };
}
