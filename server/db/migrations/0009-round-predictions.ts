// The students' end-of-round predictions (issue 15, predict then reveal): which policy did best and the
// class's average waiting, judged at the reveal and kept with the round's report. Nullable: rounds stored
// before, and rounds played without a prediction, have none.
import type { Kysely } from 'kysely';

/** Adds rounds.predictions_json (RoundPredictions: the answer, the tally and each student's pick). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rounds').addColumn('predictions_json', 'text').execute();
}

/** Drops the column again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rounds').dropColumn('predictions_json').execute();
}
