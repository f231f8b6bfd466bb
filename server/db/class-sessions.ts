// Class sessions: a room a teacher hosted, from creation to end; every read is scoped to its teacher.
import type { Kysely } from 'kysely';
import { fromJson, newId, toJson } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';

/** A hosted class session. `settings` is whatever the room was created with (scenario, cores, quantum, ...). */
export interface ClassSession {
  id: string;
  teacherId: string;
  joinCode: string;
  settings: unknown;
  createdAt: number;
  endedAt: number | null;
}

/** A class session in a teacher's history list, with how many rounds were stored. */
export interface ClassSessionSummary extends ClassSession {
  roundCount: number;
}

/** The class sessions repository. */
export interface ClassSessionsRepository {
  /** Records a new class session for a teacher; settings must be JSON-serialisable. */
  create(session: { teacherId: string; joinCode: string; settings: unknown }): Promise<ClassSession>;
  /** Marks a teacher's session ended (once); false when it is not theirs, unknown or already ended. */
  end(id: string, teacherId: string, endedAt?: number): Promise<boolean>;
  /** One of the teacher's sessions, or undefined when it is not theirs. */
  get(id: string, teacherId: string): Promise<ClassSession | undefined>;
  /** The teacher's sessions, newest first, for the dashboard's history list. */
  listForTeacher(teacherId: string): Promise<ClassSessionSummary[]>;
  /** Deletes a teacher's session with its rounds and their players (foreign keys cascade); false when it is not theirs. */
  remove(id: string, teacherId: string): Promise<boolean>;
  /** Replaces some settings fields of a teacher's session (a rotated host key's hash); a field set to undefined is removed; false when it is not theirs. */
  updateSettings(id: string, teacherId: string, patch: Record<string, unknown>): Promise<boolean>;
}

/** Builds the class sessions repository over a Kysely instance. */
export function classSessionsRepository(db: Kysely<DatabaseSchema>): ClassSessionsRepository {
  return {
    async create({ teacherId, joinCode, settings }) {
      const row = {
        id: newId(),
        teacher_id: teacherId,
        join_code: joinCode,
        settings_json: toJson(settings, 'settings'),
        created_at: Date.now(),
        ended_at: null,
      };
      await db.insertInto('class_sessions').values(row).execute();
      return {
        id: row.id,
        teacherId,
        joinCode,
        settings: fromJson(row.settings_json),
        createdAt: row.created_at,
        endedAt: null,
      };
    },

    async end(id, teacherId, endedAt = Date.now()) {
      const result = await db
        .updateTable('class_sessions')
        .set({ ended_at: endedAt })
        .where('id', '=', id)
        .where('teacher_id', '=', teacherId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async get(id, teacherId) {
      const row = await db
        .selectFrom('class_sessions')
        .selectAll()
        .where('id', '=', id)
        .where('teacher_id', '=', teacherId)
        .executeTakeFirst();
      return row && toClassSession(row);
    },

    async remove(id, teacherId) {
      const result = await db
        .deleteFrom('class_sessions')
        .where('id', '=', id)
        .where('teacher_id', '=', teacherId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async updateSettings(id, teacherId, patch) {
      const row = await db
        .selectFrom('class_sessions')
        .select('settings_json')
        .where('id', '=', id)
        .where('teacher_id', '=', teacherId)
        .executeTakeFirst();
      if (!row) return false;
      // JSON leaves out the fields the patch sets to undefined
      const settings = { ...(fromJson(row.settings_json) as Record<string, unknown>), ...patch };
      const result = await db
        .updateTable('class_sessions')
        .set({ settings_json: toJson(settings, 'settings') })
        .where('id', '=', id)
        .where('teacher_id', '=', teacherId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async listForTeacher(teacherId) {
      const rows = await db
        .selectFrom('class_sessions')
        .leftJoin('rounds', 'rounds.session_id', 'class_sessions.id')
        .selectAll('class_sessions')
        .select((eb) => eb.fn.count<number | string>('rounds.id').as('round_count'))
        .where('class_sessions.teacher_id', '=', teacherId)
        .groupBy([
          'class_sessions.id',
          'class_sessions.teacher_id',
          'class_sessions.join_code',
          'class_sessions.settings_json',
          'class_sessions.created_at',
          'class_sessions.ended_at',
        ])
        .orderBy('class_sessions.created_at', 'desc')
        .orderBy('class_sessions.id')
        .execute();
      return rows.map((row) => ({ ...toClassSession(row), roundCount: Number(row.round_count) }));
    },
  };
}

function toClassSession(row: DatabaseSchema['class_sessions']): ClassSession {
  return {
    id: row.id,
    teacherId: row.teacher_id,
    joinCode: row.join_code,
    settings: fromJson(row.settings_json),
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}
