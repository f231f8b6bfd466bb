// One-time password reset tokens: stored as hashes, spent once, expiring.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** The password resets repository. */
export interface PasswordResetsRepository {
  /** Records a reset token (its hash) for a teacher, valid until expiresAt (ms). */
  create(reset: { tokenHash: string; teacherId: string; expiresAt: number }): Promise<void>;
  /** Spends a token: the teacher it was for, or undefined when it is unknown, used or expired. */
  spend(tokenHash: string, now: number): Promise<string | undefined>;
}

/** Builds the repository over a Kysely instance. */
export function passwordResetsRepository(db: Kysely<DatabaseSchema>): PasswordResetsRepository {
  return {
    async create({ tokenHash, teacherId, expiresAt }) {
      await db
        .insertInto('password_resets')
        .values({ token_hash: tokenHash, teacher_id: teacherId, expires_at: expiresAt })
        .execute();
    },
    async spend(tokenHash, now) {
      const row = await db
        .deleteFrom('password_resets')
        .where('token_hash', '=', tokenHash)
        .returning(['teacher_id', 'expires_at'])
        .executeTakeFirst();
      return row && row.expires_at > now ? row.teacher_id : undefined;
    },
  };
}
