// The persistence module's front door: openDatabase(config) migrates and returns every repository over one query layer.
import { connect } from './connect.ts';
import { DatabaseStatus, type DatabaseState } from './status.ts';
import type { DatabaseConfig } from './config.ts';
import { migrateToLatest } from './migrations/index.ts';
import { teachersRepository, type TeachersRepository } from './teachers.ts';
import { sessionsRepository, type SessionsRepository } from './auth-sessions.ts';
import { classSessionsRepository, type ClassSessionsRepository } from './class-sessions.ts';
import { roundsRepository, type RoundsRepository } from './rounds.ts';
import { csvForSession, type CsvOptions } from './session-csv.ts';
import { soloProgressRepository, type SoloProgressRepository } from './solo-progress.ts';
import { snapshotsRepository, type SnapshotsRepository } from './snapshots.ts';
import { reportOutboxRepository, type ReportOutboxRepository } from './report-outbox.ts';
import { passwordResetsRepository, type PasswordResetsRepository } from './password-resets.ts';
import { soloTokensRepository, type SoloTokensRepository } from './solo-tokens.ts';

export { databaseConfigFromEnv, DEFAULT_DATABASE_FILE, type DatabaseConfig } from './config.ts';
export type { Teacher, TeacherCredentials, NewTeacher } from './teachers.ts';
export type { StoredSession } from './auth-sessions.ts';
export type { ClassSession, ClassSessionSummary } from './class-sessions.ts';
export type {
  FinishedRound,
  RoundPlayer,
  RoundReport,
  RoundSummary,
  StudentRoles,
  StudentRound,
} from './rounds.ts';
export type { SoloProgress } from './solo-progress.ts';
export type { RoomSnapshot } from './snapshots.ts';
export type { JournaledRound } from './report-outbox.ts';
export { CSV_COLUMNS } from './session-csv.ts';
export type {
  TeachersRepository,
  SessionsRepository,
  ClassSessionsRepository,
  RoundsRepository,
  SoloProgressRepository,
  SnapshotsRepository,
  ReportOutboxRepository,
  PasswordResetsRepository,
  SoloTokensRepository,
};

/** Everything the server stores, behind one object; which backend it is stays hidden except for `kind`. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly teachers: TeachersRepository;
  readonly sessions: SessionsRepository;
  readonly classSessions: ClassSessionsRepository;
  readonly rounds: RoundsRepository;
  /** One of the teacher's sessions as CSV (one row per student per round), or undefined when it is not theirs. */
  csvForSession(sessionId: string, teacherId: string, options?: CsvOptions): Promise<string | undefined>;
  readonly soloProgress: SoloProgressRepository;
  readonly snapshots: SnapshotsRepository;
  /** Finished rounds journaled at their end, until their report is stored (a crash loses none). */
  readonly reportOutbox: ReportOutboxRepository;
  /** One-time password reset links (their token hashes). */
  readonly passwordResets: PasswordResetsRepository;
  /** Signed solo tokens: who may write a browser id's solo progress. */
  readonly soloTokens: SoloTokensRepository;
  /** How the database is doing, from the queries it ran (for /api/health; asks the database nothing). */
  status(): { state: DatabaseState; detail?: string };
  /** Closes the SQLite file or the PostgreSQL pool; call once at shutdown. */
  close(): Promise<void>;
}

/** Opens the database, bringing its schema to the latest migration, and returns the repositories. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const status = new DatabaseStatus();
  const db = connect(config, status);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    kind: config.kind,
    teachers: teachersRepository(db),
    sessions: sessionsRepository(db),
    classSessions: classSessionsRepository(db),
    rounds: roundsRepository(db),
    csvForSession: (sessionId, teacherId, options) => csvForSession(db, sessionId, teacherId, options),
    soloProgress: soloProgressRepository(db),
    snapshots: snapshotsRepository(db),
    reportOutbox: reportOutboxRepository(db),
    passwordResets: passwordResetsRepository(db),
    soloTokens: soloTokensRepository(db, process.env.SOLO_TOKEN_SECRET?.trim() || undefined),
    status: () => status.now(),
    close: () => db.destroy(),
  };
}
