// Row types of every table, as Kysely sees them; one definition shared by all repositories.
// Times are integer milliseconds since the epoch and JSON columns are text, so SQLite and PostgreSQL
// store and return exactly the same values.

/** Kysely's view of the whole database. */
export interface DatabaseSchema {
  teachers: TeachersTable;
  sessions: SessionsTable;
  class_sessions: ClassSessionsTable;
  rounds: RoundsTable;
  round_players: RoundPlayersTable;
  solo_progress: SoloProgressTable;
  room_snapshots: RoomSnapshotsTable;
  room_snapshot_log: RoomSnapshotLogTable;
  report_outbox: ReportOutboxTable;
  password_resets: PasswordResetsTable;
  server_secrets: { name: string; value: string };
  solo_claims: { browser_id: string; claimed_at: number };
}

/** A teacher's account; email is unique ignoring case (unique index on lower(email)). */
export interface TeachersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: number;
}

/** A signed-in browser: only the SHA-256 of its token is kept. */
export interface SessionsTable {
  token_hash: string;
  teacher_id: string;
  created_at: number;
  expires_at: number;
}

/** A class session: one hosted room from creation to end. */
export interface ClassSessionsTable {
  id: string;
  teacher_id: string;
  join_code: string;
  settings_json: string;
  created_at: number;
  ended_at: number | null;
}

/** One finished round of a class session with everything its report shows. */
export interface RoundsTable {
  id: string;
  session_id: string;
  round_number: number;
  scenario_id: string;
  started_at: number;
  ended_at: number;
  metrics_json: string;
  baselines_json: string;
  events_json: string;
  timeline_json: string;
  /** The students' predictions (RoundPredictions as JSON; null without any, and in rounds stored before migration 0009). */
  predictions_json: string | null;
}

/** One student's part in one round. */
export interface RoundPlayersTable {
  round_id: string;
  player_id: string;
  nickname: string;
  role: string;
  score: number;
  actions_count: number;
  refused_count: number;
  mean_latency_ms: number | null;
  actions_json: string;
  /** The crew's number in a room with crews (null without crews, and in rounds stored before migration 0008). */
  crew: number | null;
  /** Every job the student held in the round (JobSpan[] as JSON; null in rounds stored before migration 0008). */
  jobs_json: string | null;
}

/** Solo stars per level for a returning browser (no account). */
export interface SoloProgressTable {
  browser_id: string;
  level_id: string;
  stars: number;
  best_score: number;
  updated_at: number;
  /** Ticks undone in the attempt that set best_score; null when unknown (saved before undo was stored). */
  undos: number | null;
}

/** What is needed to rebuild a live room after a crash: scenario, seed and the timed actions so far. */
export interface RoomSnapshotsTable {
  room_id: string;
  scenario_json: string;
  seed: number;
  action_log_json: string;
  saved_at: number;
}

/** One appended chunk of a live room's action log (entries_json is a JSON array), ordered by seq. */
export interface RoomSnapshotLogTable {
  room_id: string;
  seq: number;
  entries_json: string;
}

/** A finished round journaled before its end was announced (kept, marked stored, until its session ends). */
export interface ReportOutboxTable {
  session_id: string;
  round_number: number;
  round_json: string;
  replay_json: string;
  summary_json: string;
  created_at: number;
  stored_at: number | null;
}

/** A one-time password reset link: only its token's SHA-256. */
export interface PasswordResetsTable {
  token_hash: string;
  teacher_id: string;
  expires_at: number;
}
