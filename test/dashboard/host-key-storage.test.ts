// No host key is stored (issue 14): after a room is created, hosted, rotated and saved for crash
// recovery, neither its first nor its rotated host key (nor a host pass) appears anywhere in the
// database, on every backend; a database an older server wrote with plain keys is migrated.
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely/migration';
import { connect } from '../../server/db/connect.ts';
import { openDatabase } from '../../server/db/index.ts';
import { MIGRATIONS } from '../../server/db/migrations/index.ts';
import { keyHash } from '../../server/game/key-hash.ts';
import { viewerKeyFor } from '../../server/rooms/directory.ts';
import type { ClassRoom } from '../../server/rooms/ClassRoom.ts';
import { rotateKeyResponseSchema } from '../../shared/protocol/http-edge.ts';
import { BACKENDS, type FreshDatabase } from '../db/backends.ts';
import { boot } from '../server/harness.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function fresh(backend: (typeof BACKENDS)[number]): Promise<FreshDatabase> {
  const db = await backend.fresh();
  cleanup.push(() => db.dispose());
  return db;
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`host keys on ${backend.name}`, () => {
    it('appear nowhere in the database after creation, hosting, a snapshot and rotation', async () => {
      const db = await fresh(backend);
      const h = await boot({ database: db.config, saveRooms: true });
      cleanup.push(() => h.close());
      const created = await h.createRoom({ title: 'Period 2' });
      await h.host(created); // a host seat by the key, one by a pass: both closed by the rotation below
      await h.hostByPass(created);
      const student = await h.student(created, 'Minsu');
      const room = () => h.roomOf(created.roomId) as unknown as ClassRoom;
      await room().saved();
      let dump = await db.dump();
      expect(dump).not.toContain(created.hostKey);
      // the search reads the rows it should: the session and the room's snapshot are there
      expect(dump).toContain('Period 2');
      expect(dump).toContain(keyHash(created.hostKey));

      const teacher = await h.teacher();
      const res = await teacher.request('POST', `/api/teacher/sessions/${created.sessionId}/rotate-key`);
      const { live } = rotateKeyResponseSchema.parse(await res.json());
      const pass = await h.hostPass(created.sessionId);
      await room().saved();
      dump = await db.dump();
      expect(dump).toContain(keyHash(live.hostKey));
      for (const secret of [created.hostKey, live.hostKey, pass]) expect(dump).not.toContain(secret);
      await student.leave();
    });

    it('a settings row and a snapshot an older server wrote with the plain key are converted when read', async () => {
      const db = await fresh(backend);
      const first = await boot({ database: db.config, saveRooms: true });
      let running = first;
      cleanup.push(() => running.close());
      const created = await first.createRoom();
      const teacher = await first.teacher();
      await (first.roomOf(created.roomId) as unknown as ClassRoom).saved();
      await first.server.close(); // a shutdown keeps the room's snapshot (the harness's cleanup would close it for good)
      // As a server from before hashing wrote them (after this database's migration ran):
      const old = await openDatabase(db.config);
      const owner = (await old.teachers.findByEmail(teacher.email))!;
      await old.classSessions.updateSettings(created.sessionId, owner.id, {
        hostKey: created.hostKey,
        hostKeyHash: undefined,
        viewerKey: undefined,
      });
      const snap = (await old.snapshots.load(created.roomId))!;
      const doc = snap.actionLog as { create: Record<string, unknown> };
      const { hostKeyHash: _h, viewerKey: _v, ...create } = doc.create;
      await old.snapshots.save({
        ...snap,
        actionLog: { ...doc, create: { ...create, hostKey: created.hostKey } },
      });
      await old.close();
      expect(await db.dump()).toContain(created.hostKey);

      // The room comes back from that snapshot: its key still hosts, the page still shows its projector link.
      running = await boot({ database: db.config, saveRooms: true });
      const host = await running.host(created);
      expect(host.connection.isOpen).toBe(true);
      const again = await TeacherClient.signIn(running.server.url, teacher.email, 'correct horse battery');
      const page = (await (
        await again.request('GET', `/api/teacher/sessions/${created.sessionId}`)
      ).json()) as {
        live: { projectorPath: string } | null;
      };
      expect(page.live?.projectorPath).toBe(created.projectorPath);
      await (running.roomOf(created.roomId) as unknown as ClassRoom).saved();
      expect(await db.dump()).not.toContain(created.hostKey);
      await host.leave();
    });

    it('a database written with plain host keys is migrated to their hashes', async () => {
      const db = await fresh(backend);
      const legacyKey = 'legacy-host-key-0123456789abcdef';
      const first = await openDatabase(db.config);
      const teacher = await first.teachers.create({
        email: 'legacy@school.example',
        displayName: 'Legacy',
        passwordHash: 'x',
      });
      if (teacher === 'email-taken') throw new Error('fresh database');
      const session = await first.classSessions.create({
        teacherId: teacher.id,
        joinCode: 'ABCDEF',
        settings: { title: 'Old room', hostKey: legacyKey },
      });
      await first.snapshots.save({
        roomId: 'legacy-room',
        scenario: {},
        seed: 1,
        actionLog: { version: 1, create: { code: 'ABCDEF', hostKey: legacyKey } },
      });
      await first.close();
      // as a server before migration 0007 left it: 0007 and every later migration rolled back
      const raw = connect(db.config);
      const migrator = new Migrator({
        db: raw,
        provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
      });
      const back = await migrator.migrateTo('0006-solo-progress-undos');
      await raw.destroy();
      expect(back.error).toBeUndefined();
      expect(await db.dump()).toContain(legacyKey);

      const second = await openDatabase(db.config);
      cleanup.push(() => second.close());
      expect(await db.dump()).not.toContain(legacyKey);
      const kept = { hostKeyHash: keyHash(legacyKey), viewerKey: viewerKeyFor(legacyKey) };
      expect((await second.classSessions.get(session.id, teacher.id))?.settings).toEqual({
        title: 'Old room',
        ...kept,
      });
      const snap = await second.snapshots.load('legacy-room');
      expect((snap?.actionLog as { create: unknown }).create).toEqual({ code: 'ABCDEF', ...kept });
    });
  });
}
