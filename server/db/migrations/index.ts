// The ordered list of migrations, defined in code (no directory scanning), and the runner that applies them.
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as initial from './0001-initial.ts';
import * as snapshotLog from './0002-room-snapshot-log.ts';
import * as reportOutbox from './0003-report-outbox.ts';
import * as passwordResets from './0004-password-resets.ts';
import * as soloTokens from './0005-solo-tokens.ts';
import * as soloUndos from './0006-solo-progress-undos.ts';
import * as hashedHostKeys from './0007-hashed-host-keys.ts';
import * as roundPlayerJobs from './0008-round-player-jobs.ts';
import * as roundPredictions from './0009-round-predictions.ts';

/** Every migration by name; names sort in the order they must run. Append, never edit a shipped one. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-room-snapshot-log': snapshotLog,
  '0003-report-outbox': reportOutbox,
  '0004-password-resets': passwordResets,
  '0005-solo-tokens': soloTokens,
  '0006-solo-progress-undos': soloUndos,
  '0007-hashed-host-keys': hashedHostKeys,
  '0008-round-player-jobs': roundPlayerJobs,
  '0009-round-predictions': roundPredictions,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema to the latest version; safe to call on every start and from several processes at once. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const where = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(
      `Database migration failed${where}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
