// The durable journal of finished rounds: a round's report is written here the moment the round ends,
// before anyone is told it ended; marked stored once the full report (with baselines) is in `rounds`,
// and kept until its class session ends, so a room recovered after a crash knows its round had ended.
import type { Kysely } from 'kysely';

/** Creates report_outbox: one row per finished round whose report is not stored yet. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_outbox')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('round_number', 'integer', (c) => c.notNull())
    .addColumn('round_json', 'text', (c) => c.notNull())
    .addColumn('replay_json', 'text', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('stored_at', 'bigint')
    .addPrimaryKeyConstraint('report_outbox_pk', ['session_id', 'round_number'])
    .execute();
}

/** Drops the outbox. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_outbox').execute();
}
