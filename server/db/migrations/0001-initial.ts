// The first schema: accounts, class sessions with their rounds and players, solo progress and room snapshots.
import { sql, type Kysely } from 'kysely';

/** Creates every table; written with portable types so it runs unchanged on SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teachers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teachers_email_lower_unique')
    .on('teachers')
    .unique()
    .expression(sql`lower(email)`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_teacher').on('sessions').column('teacher_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('class_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.id').onDelete('cascade'))
    .addColumn('join_code', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('class_sessions_teacher_created')
    .on('class_sessions')
    .columns(['teacher_id', 'created_at'])
    .execute();
  await db.schema.createIndex('class_sessions_join_code').on('class_sessions').column('join_code').execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('class_sessions.id').onDelete('cascade'))
    .addColumn('round_number', 'integer', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint', (c) => c.notNull())
    .addColumn('metrics_json', 'text', (c) => c.notNull())
    .addColumn('baselines_json', 'text', (c) => c.notNull())
    .addColumn('events_json', 'text', (c) => c.notNull())
    .addColumn('timeline_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('rounds_session_number_unique', ['session_id', 'round_number'])
    .execute();

  await db.schema
    .createTable('round_players')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('player_id', 'text', (c) => c.notNull())
    .addColumn('nickname', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('actions_count', 'integer', (c) => c.notNull())
    .addColumn('refused_count', 'integer', (c) => c.notNull())
    .addColumn('mean_latency_ms', 'double precision')
    .addColumn('actions_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_players_pk', ['round_id', 'player_id'])
    .execute();

  await db.schema
    .createTable('solo_progress')
    .addColumn('browser_id', 'text', (c) => c.notNull())
    .addColumn('level_id', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('best_score', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('solo_progress_pk', ['browser_id', 'level_id'])
    .execute();

  await db.schema
    .createTable('room_snapshots')
    .addColumn('room_id', 'text', (c) => c.primaryKey())
    .addColumn('scenario_json', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('action_log_json', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops everything 0001 created, children first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'room_snapshots',
    'solo_progress',
    'round_players',
    'rounds',
    'class_sessions',
    'sessions',
    'teachers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
