// Solo challenge progress for a returning browser (no account): stars and best score per level, never
// lowered, and the undo count of the attempt that set the best score.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, SoloProgressTable } from './schema.ts';

/** A browser's result on one level. */
export interface SoloProgress {
  levelId: string;
  stars: number;
  bestScore: number;
  /** Ticks undone in the attempt that set the best score (fewer wins a tie); null when unknown. */
  undos: number | null;
  updatedAt: number;
}

/** The solo progress repository. */
export interface SoloProgressRepository {
  /** Every level the browser has played, by level id. */
  get(browserId: string): Promise<SoloProgress[]>;
  /** Records a finished attempt, keeping the best stars and best score so far; returns what is now stored. */
  set(
    browserId: string,
    result: { levelId: string; stars: number; score: number; undos?: number },
  ): Promise<SoloProgress>;
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
      return rows.map(toProgress);
    },

    async set(browserId, { levelId, stars, score, undos }) {
      if (!Number.isSafeInteger(stars) || stars < 0)
        throw new RangeError(`stars must be a non-negative integer, got ${stars}`);
      if (!Number.isSafeInteger(score)) throw new RangeError(`score must be an integer, got ${score}`);
      if (undos !== undefined && (!Number.isSafeInteger(undos) || undos < 0))
        throw new RangeError(`undos must be a non-negative integer, got ${undos}`);
      // One atomic upsert; CASE instead of max()/greatest() because the two backends spell those differently.
      const row = await db
        .insertInto('solo_progress')
        .values({
          browser_id: browserId,
          level_id: levelId,
          stars,
          best_score: score,
          undos: undos ?? null,
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
            // The undo count goes with the best score: a better score brings its own, an equal one
            // brings a smaller count.
            undos: eb
              .case()
              .when('excluded.best_score', '>', eb.ref('solo_progress.best_score'))
              .then(eb.ref('excluded.undos'))
              .when(
                eb.and([
                  eb('excluded.best_score', '=', eb.ref('solo_progress.best_score')),
                  eb('excluded.undos', 'is not', null),
                  eb.or([
                    eb('solo_progress.undos', 'is', null),
                    eb('excluded.undos', '<', eb.ref('solo_progress.undos')),
                  ]),
                ]),
              )
              .then(eb.ref('excluded.undos'))
              .else(eb.ref('solo_progress.undos'))
              .end(),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toProgress(row);
    },
  };
}

function toProgress(r: SoloProgressTable): SoloProgress {
  return {
    levelId: r.level_id,
    stars: r.stars,
    bestScore: r.best_score,
    undos: r.undos,
    updatedAt: r.updated_at,
  };
}
