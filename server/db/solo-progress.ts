// Solo challenge progress for a returning browser (no account): stars and best score per level, never lowered.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** A browser's result on one level. */
export interface SoloProgress {
  levelId: string;
  stars: number;
  bestScore: number;
  updatedAt: number;
}

/** The solo progress repository. */
export interface SoloProgressRepository {
  /** Every level the browser has played, by level id. */
  get(browserId: string): Promise<SoloProgress[]>;
  /** Records a finished attempt, keeping the best stars and best score so far; returns what is now stored. */
  set(browserId: string, result: { levelId: string; stars: number; score: number }): Promise<SoloProgress>;
}

/** Builds the solo progress repository over a Kysely instance. */
export function soloProgressRepository(db: Kysely<DatabaseSchema>): SoloProgressRepository {
  return {
    async get(browserId) {
      const rows = await db
        .selectFrom('solo_progress')
        .selectAll()
        .where('browser_id', '=', browserId)
        .orderBy('level_id')
        .execute();
      return rows.map((r) => ({
        levelId: r.level_id,
        stars: r.stars,
        bestScore: r.best_score,
        updatedAt: r.updated_at,
      }));
    },

    async set(browserId, { levelId, stars, score }) {
      if (!Number.isSafeInteger(stars) || stars < 0)
        throw new RangeError(`stars must be a non-negative integer, got ${stars}`);
      if (!Number.isSafeInteger(score)) throw new RangeError(`score must be an integer, got ${score}`);
      // One atomic upsert; CASE instead of max()/greatest() because the two backends spell those differently.
      const row = await db
        .insertInto('solo_progress')
        .values({
          browser_id: browserId,
          level_id: levelId,
          stars,
          best_score: score,
          updated_at: Date.now(),
        })
        .onConflict((oc) =>
          oc.columns(['browser_id', 'level_id']).doUpdateSet((eb) => ({
            stars: eb
              .case()
              .when('excluded.stars', '>', eb.ref('solo_progress.stars'))
              .then(eb.ref('excluded.stars'))
              .else(eb.ref('solo_progress.stars'))
              .end(),
            best_score: eb
              .case()
              .when('excluded.best_score', '>', eb.ref('solo_progress.best_score'))
              .then(eb.ref('excluded.best_score'))
              .else(eb.ref('solo_progress.best_score'))
              .end(),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        levelId: row.level_id,
        stars: row.stars,
        bestScore: row.best_score,
        updatedAt: row.updated_at,
      };
    },
  };
}
