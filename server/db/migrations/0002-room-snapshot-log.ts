// Crash recovery's append-only action log: a live room adds the actions since its last save as one
// chunk, so a save costs the new actions only, never the whole round's log.
import type { Kysely } from 'kysely';

/** Creates room_snapshot_log: one row per saved chunk of a room's action log, in order. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('room_snapshot_log')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entries_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_snapshot_log_pk', ['room_id', 'seq'])
    .execute();
}

/** Drops the log table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('room_snapshot_log').execute();
}
