// Each student's crew and every job they held in a round (issue 16: the dashboard shows every student's roles
// across rounds, and the CSV every role a student held per round). Both nullable: rounds stored before say
// only the student's last role.
import type { Kysely } from 'kysely';

/** Adds round_players.crew (the crew's number, null without crews) and round_players.jobs_json (JobSpan[]). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('round_players').addColumn('crew', 'integer').execute();
  await db.schema.alterTable('round_players').addColumn('jobs_json', 'text').execute();
}

/** Drops the columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('round_players').dropColumn('jobs_json').execute();
  await db.schema.alterTable('round_players').dropColumn('crew').execute();
}
