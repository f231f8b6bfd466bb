// A round's end whose journal write fails (a full disk) is not let out (issue 14, item 6): nobody is told
// the round ended and the saved room does not turn "ended" while the report is durable nowhere; the
// write is retried, /api/health counts the report as unsaved meanwhile, and once the journal is stored
// the end goes out, the report is stored and the saved room comes back ended.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { loadRestoredRoom } from '../../server/rooms/recovery.ts';
import { boot, collect, until, type Harness } from '../server/harness.ts';
import { SHORT_SCENARIO } from '../server/fixtures.ts';
import { fillDisk } from './full-disk.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ saveRooms: true });
});
afterAll(async () => {
  await h.close();
});

it(
  "holds a round's end until its journal is stored, retrying the write, and never saves the room ended without it",
  { timeout: 60_000 },
  async () => {
    // the journal's writes fail as on a full disk, for as long as `disk.full` holds
    const disk = fillDisk(h.server.db.reportOutbox, 'put');
    const created = await h.createRoom({ scenario: SHORT_SCENARIO as never, ticksPerSecond: 20 });
    const host = await h.host(created);
    const summaries = collect(host, 'summary');
    await h.student(created, 'Seo');
    host.send('host:start');
    await until('the round runs', () => host.state.phase === 'running', 10_000);
    host.send('host:end-round');
    // Either the write is retried (the end held) or the end got out: the assertions below tell which.
    await until(
      'a retried journal write, or the end let out',
      () => disk.attempts >= 2 || host.state.phase === 'ended' || summaries.length > 0,
      15_000,
    );
    expect(host.state.phase).toBe('running');
    expect(summaries).toHaveLength(0);
    const health = await fetch(`${h.server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, unsavedReports: 1 });
    // What a crash now would bring back: the saved room is not an ended round whose report is lost.
    const saved = await loadRestoredRoom(h.server.db.snapshots, created.roomId);
    expect(saved?.doc.phase).not.toBe('ended');

    disk.full = false; // the disk has room again: the next retry stores the journal
    await until('the end goes out', () => host.state.phase === 'ended' && summaries.length === 1, 15_000);
    expect(await h.server.db.reportOutbox.find(created.sessionId, 1)).toBeDefined();
    const teacher = await h.teacher();
    const rounds = await eventually(
      async () =>
        (
          (await (await teacher.request('GET', `/api/teacher/sessions/${created.sessionId}`)).json()) as {
            rounds: unknown[];
          }
        ).rounds,
      (r) => r.length > 0,
    );
    expect(rounds).toHaveLength(1);
    // The saved room turns ended once the journal is stored (a crash now brings it back ended).
    const restored = await eventually(
      () => loadRestoredRoom(h.server.db.snapshots, created.roomId),
      (r) => r?.doc.phase === 'ended',
    );
    expect(restored?.doc.phase).toBe('ended');
    const after = await fetch(`${h.server.url}/api/health`);
    expect(await after.json()).toMatchObject({ ok: true, unsavedReports: 0 });
  },
);

it(
  'stops at shutdown with the journal write still failing, and leaves no snapshot saying the round ended',
  { timeout: 60_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-journal-'));
    const file = path.join(dir, 'kc.sqlite');
    try {
      const first = await boot({ saveRooms: true, database: { kind: 'sqlite', file } });
      const disk = fillDisk(first.server.db.reportOutbox, 'put'); // full until the server stops
      const created = await first.createRoom({ scenario: SHORT_SCENARIO as never, ticksPerSecond: 20 });
      const host = await first.host(created);
      host.send('host:start');
      await until('the round runs', () => host.state.phase === 'running', 10_000);
      // the snapshot of the running round is saved before the end
      await (first.roomOf(created.roomId) as unknown as { saved(): Promise<void> }).saved();
      host.send('host:end-round');
      await until('a retried journal write', () => disk.attempts >= 2, 15_000);
      await first.server.close(); // resolves: the held end does not hold the shutdown
      const second = await startServer({
        port: 0,
        host: '127.0.0.1',
        clientDir: '/nonexistent',
        database: { kind: 'sqlite', file },
      });
      try {
        const saved = await loadRestoredRoom(second.db.snapshots, created.roomId);
        expect(saved).not.toBeNull(); // the round as last saved (a running round is saved paused)
        expect(saved?.doc.phase).not.toBe('ended');
        expect(await second.db.reportOutbox.find(created.sessionId, 1)).toBeUndefined();
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

/** Reads `read` until `done` holds of its value (or 10 s pass); the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - start > 10_000) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}
