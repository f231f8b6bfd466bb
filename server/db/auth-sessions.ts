// Teachers' sign-in sessions, keyed by the SHA-256 of the token (the token itself is never stored).
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';
import type { Teacher } from './teachers.ts';

/** A stored session joined with its teacher. */
export interface StoredSession {
  tokenHash: string;
  teacher: Teacher;
  createdAt: number;
  expiresAt: number;
}

/** The sessions repository; expiry policy belongs to server/accounts, this only stores and finds. */
export interface SessionsRepository {
  /** Stores a new session for a teacher that ends at expiresAt (ms). */
  create(session: { tokenHash: string; teacherId: string; expiresAt: number }): Promise<void>;
  /** Finds a session by token hash with its teacher, expired or not, so accounts can tell "expired" from "unknown". */
  find(tokenHash: string): Promise<StoredSession | undefined>;
  /** Deletes one session (sign out); true when it existed. */
  delete(tokenHash: string): Promise<boolean>;
  /** Deletes every session that expired at or before `now`; returns how many. */
  deleteExpired(now: number): Promise<number>;
  /** Deletes every session of one teacher ("sign out everywhere"); how many. */
  deleteForTeacher(teacherId: string): Promise<number>;
}

/** Builds the sessions repository over a Kysely instance. */
export function sessionsRepository(db: Kysely<DatabaseSchema>): SessionsRepository {
  const query = (tokenHash: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('teachers', 'teachers.id', 'sessions.teacher_id')
      .select([
        'sessions.token_hash',
        'sessions.created_at',
        'sessions.expires_at',
        'teachers.id',
        'teachers.email',
        'teachers.display_name',
        'teachers.created_at as teacher_created_at',
      ])
      .where('sessions.token_hash', '=', tokenHash);
  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
  const toSession = (row: Row): StoredSession => ({
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    teacher: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      createdAt: row.teacher_created_at,
    },
  });

  return {
    async create({ tokenHash, teacherId, expiresAt }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash,
          teacher_id: teacherId,
          created_at: Date.now(),
          expires_at: expiresAt,
        })
        .execute();
    },

    async find(tokenHash) {
      const row = await query(tokenHash).executeTakeFirst();
      return row && toSession(row);
    },

    async delete(tokenHash) {
      const result = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteForTeacher(teacherId) {
      const result = await db.deleteFrom('sessions').where('teacher_id', '=', teacherId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
