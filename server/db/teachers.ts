// Teacher accounts as stored rows: create and look up by email (case-insensitively).
import { sql, type Kysely } from 'kysely';
import { isUniqueViolation, newId } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';

/** A teacher as the rest of the server sees one (never with the password hash). */
export interface Teacher {
  id: string;
  email: string;
  displayName: string;
  createdAt: number;
}

/** A teacher with the stored password hash, only for the sign-in check. */
export interface TeacherCredentials extends Teacher {
  passwordHash: string;
}

/** Data needed to create an account; the password is already hashed. */
export interface NewTeacher {
  email: string;
  displayName: string;
  passwordHash: string;
}

/** The teachers repository. */
export interface TeachersRepository {
  /** Creates an account, or reports that the email (ignoring case) is already registered. */
  create(teacher: NewTeacher): Promise<Teacher | 'email-taken'>;
  /** Finds an account by email, ignoring case. */
  findByEmail(email: string): Promise<TeacherCredentials | undefined>;
  /** One account by id (without its password hash), or undefined. */
  findById(teacherId: string): Promise<Teacher | undefined>;
  /** Deletes an account; its sessions, class sessions, rounds and resets go with it (foreign keys cascade). */
  remove(teacherId: string): Promise<boolean>;
  /** Replaces a password hash (after a password change, or to upgrade the hash parameters at sign-in). */
  setPasswordHash(teacherId: string, passwordHash: string): Promise<void>;
}

/** Builds the teachers repository over a Kysely instance. */
export function teachersRepository(db: Kysely<DatabaseSchema>): TeachersRepository {
  return {
    async create({ email, displayName, passwordHash }) {
      const row = {
        id: newId(),
        email,
        display_name: displayName,
        password_hash: passwordHash,
        created_at: Date.now(),
      };
      try {
        await db.insertInto('teachers').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) return 'email-taken';
        throw error;
      }
      return { id: row.id, email, displayName, createdAt: row.created_at };
    },

    async findByEmail(email) {
      const row = await db
        .selectFrom('teachers')
        .selectAll()
        .where(sql<string>`lower(email)`, '=', sql<string>`lower(${email})`)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        createdAt: row.created_at,
        passwordHash: row.password_hash,
      };
    },

    async findById(teacherId) {
      const row = await db.selectFrom('teachers').selectAll().where('id', '=', teacherId).executeTakeFirst();
      return (
        row && { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at }
      );
    },

    async remove(teacherId) {
      const result = await db.deleteFrom('teachers').where('id', '=', teacherId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async setPasswordHash(teacherId, passwordHash) {
      await db
        .updateTable('teachers')
        .set({ password_hash: passwordHash })
        .where('id', '=', teacherId)
        .execute();
    },
  };
}
