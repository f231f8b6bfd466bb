// Solo progress remembers how many ticks the best attempt undid (issue 13: the result records that undo
// was used). The column is nullable: rows saved before it existed, and saves from clients that do not
// send it, say nothing about undo.
import type { Kysely } from 'kysely';

/** Adds solo_progress.undos (null: unknown). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('solo_progress').addColumn('undos', 'integer').execute();
}

/** Drops the column again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('solo_progress').dropColumn('undos').execute();
}
