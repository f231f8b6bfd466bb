// Host keys are kept as hashes (issue 14): a class session's settings and a room's crash-recovery
// snapshot held the plain host key; each is rewritten with the key's hash (`hostKeyHash`, as the room
// and its reservation gate compare it) and the projector link's viewer key derived from it, and the
// plain key is dropped. The hash and the HMAC are written out here, frozen with the migration.
import { createHash, createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';

const keyHash = (key: string): string =>
  createHash('sha256').update(`kernel-crew key ${key}`).digest('base64url');

const viewerKeyFor = (hostKey: string): string =>
  createHmac('sha256', hostKey).update('kernel-crew projector viewer').digest('base64url').slice(0, 32);

/** The record without its plain host key, or null when it has none. */
function hashed(record: unknown): Record<string, unknown> | null {
  if (typeof record !== 'object' || record === null) return null;
  const { hostKey, ...rest } = record as Record<string, unknown>;
  if (typeof hostKey !== 'string') return null;
  return { ...rest, hostKeyHash: keyHash(hostKey), viewerKey: viewerKeyFor(hostKey) };
}

interface Tables {
  class_sessions: { id: string; settings_json: string };
  room_snapshots: { room_id: string; action_log_json: string };
}

/** Rewrites every settings row and snapshot that holds a plain host key. */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  const sessions = await db.selectFrom('class_sessions').select(['id', 'settings_json']).execute();
  for (const row of sessions) {
    if (!row.settings_json.includes('"hostKey"')) continue;
    const next = hashed(JSON.parse(row.settings_json));
    if (next)
      await db
        .updateTable('class_sessions')
        .set({ settings_json: JSON.stringify(next) })
        .where('id', '=', row.id)
        .execute();
  }
  const snapshots = await db.selectFrom('room_snapshots').select(['room_id', 'action_log_json']).execute();
  for (const row of snapshots) {
    if (!row.action_log_json.includes('"hostKey"')) continue;
    const doc = JSON.parse(row.action_log_json) as { create?: unknown };
    const create = hashed(doc.create);
    if (create)
      await db
        .updateTable('room_snapshots')
        .set({ action_log_json: JSON.stringify({ ...doc, create }) })
        .where('room_id', '=', row.room_id)
        .execute();
  }
}

/** Nothing to undo: a plain host key cannot be recovered from its hash (old servers then refuse these rooms' keys). */
export async function down(): Promise<void> {}
