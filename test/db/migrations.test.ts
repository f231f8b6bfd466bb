// Migrations create the whole schema on a fresh database and are a no-op when the server restarts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConfig } from '../../server/db/index.ts';
import { BACKENDS, type FreshDatabase } from './backends.ts';

const TABLES = [
  'class_sessions',
  'kysely_migration',
  'kysely_migration_lock',
  'report_outbox',
  'room_snapshot_log',
  'room_snapshots',
  'round_players',
  'rounds',
  'sessions',
  'solo_progress',
  'teachers',
];

const DB_MODULE = fileURLToPath(new URL('../../server/db/index.ts', import.meta.url));

/** Runs openDatabase in a separate Node process (Node 24 strips the types itself); resolves to its exit code. */
function openInChildProcess(config: DatabaseConfig): Promise<number | null> {
  const script = `const { openDatabase } = await import(${JSON.stringify(DB_MODULE)});
    const db = await openDatabase(JSON.parse(process.env.KC_CONFIG)); await db.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, KC_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`migrations on ${backend.name}`, () => {
    let fresh: FreshDatabase | undefined;
    afterEach(async () => {
      await fresh?.dispose();
      fresh = undefined;
    });

    it('creates every table on first start (and the folder of the SQLite file)', async () => {
      fresh = await backend.fresh();
      expect(await fresh.tables()).toEqual([]);
      const db = await openDatabase(fresh.config);
      await db.close();
      expect(await fresh.tables()).toEqual(TABLES);
    });

    it('is idempotent on restart and keeps the data', async () => {
      fresh = await backend.fresh();
      const first = await openDatabase(fresh.config);
      const teacher = await first.teachers.create({
        email: 'kim@school.kr',
        displayName: 'Kim',
        passwordHash: 'x',
      });
      await first.close();
      for (let restart = 0; restart < 2; restart += 1) {
        const again = await openDatabase(fresh.config);
        expect(await again.teachers.findByEmail('kim@school.kr')).toMatchObject({ displayName: 'Kim' });
        await again.close();
      }
      expect(teacher).not.toBe('email-taken');
      expect(await fresh.tables()).toEqual(TABLES);
    });

    it('migrates once when three server processes start against the same database at once', async () => {
      fresh = await backend.fresh();
      const config = fresh.config;
      const outcomes = await Promise.all([1, 2, 3].map(() => openInChildProcess(config)));
      expect(outcomes).toEqual([0, 0, 0]);
      expect(await fresh.tables()).toEqual(TABLES);
    });
  });
}
