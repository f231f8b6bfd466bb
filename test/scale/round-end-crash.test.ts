// kill -9 the moment a round ends (issue 14): the round's report is journaled before any client sees
// "ended", so after a restart on the same SQLite file the report is stored (baselines included) and the
// room comes back with that round ended, as it ended — not as a live round played again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import type { SyncedRoomState } from '../../server/rooms/projection.ts';
import { crewOf } from '../../shared/protocol/state.ts';
import { ROLES_SCENARIO } from '../server/fixtures.ts';
import { until } from '../server/harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-round-end-'));
const env = { DATABASE_FILE: path.join(dir, 'db.sqlite') };
const running: ServerProcess[] = [];
const LONG = {
  ...ROLES_SCENARIO,
  processes: ROLES_SCENARIO.processes.map((p) => (p.name === 'calc' ? { ...p, length: 2000 } : p)),
};
afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function join(url: string, roomId: string, options: Record<string, unknown>) {
  const room = await new Client(url.replace('http', 'ws')).joinById<SyncedRoomState>(roomId, options);
  for (const t of ['welcome', 'events', 'rejected', 'error', 'summary', 'score'])
    room.onMessage(t, () => undefined);
  await until('state', () => room.state !== undefined && crewOf(room.state, null) !== undefined);
  return room as Room<unknown, SyncedRoomState>;
}

it(
  'keeps the report and the ended round across kill -9 right after the round ends',
  { timeout: 90_000 },
  async () => {
    const first = await startServerProcess(env);
    running.push(first);
    const password = 'correct horse battery';
    const teacher = await TeacherClient.signUp(first.url, 'Crash', password);
    const created = await teacher.createRoom({ ticksPerSecond: 20, seed: 11, scenario: LONG });
    const hostOptions = { secret: 'crash-host-secret', hostKey: created.hostKey, lang: 'en' };
    const host = await join(first.url, created.roomId, hostOptions);
    await join(first.url, created.roomId, {
      secret: 'crash-student-kim-secret',
      nickname: 'Kim',
      code: created.code,
      lang: 'en',
    });
    host.send('host:start');
    await until('the round runs a while', () => crewOf(host.state, null)!.machine!.tick >= 20, 20_000);
    // The instant any client sees "ended", the server dies.
    let endedAt = -1;
    host.onStateChange((s) => {
      if (s.phase === 'ended' && endedAt < 0) {
        endedAt = crewOf(s, null)!.machine!.tick;
        first.proc.kill('SIGKILL');
      }
    });
    host.send('host:end-round');
    await until('the end is seen', () => endedAt >= 0, 20_000);
    await first.stop('SIGKILL');

    const second = await startServerProcess(env);
    running.push(second);
    const again = await TeacherClient.signIn(second.url, teacher.email, password);
    const page = (await (
      await again.request('GET', `/api/teacher/sessions/${created.sessionId}`)
    ).json()) as {
      rounds: { id: string; roundNumber: number }[];
      live: { roomId: string } | null;
    };
    // The report was stored from the journal at start-up, with the classic policies' baselines.
    expect(page.rounds.map((r) => r.roundNumber)).toEqual([1]);
    const report = (await (
      await again.request('GET', `/api/teacher/rounds/${page.rounds[0]!.id}`)
    ).json()) as {
      report: { baselines: unknown[]; metrics: { ticks: number } };
    };
    expect(report.report.baselines.length).toBeGreaterThan(0);
    expect(report.report.metrics.ticks).toBe(endedAt);
    // The room is back, with its round ended where it ended (not paused at an earlier save).
    expect(page.live?.roomId).toBe(created.roomId);
    // The snapshot kept only the host key's hash: the key from the creation still opens the recovered room.
    const host2 = await join(second.url, created.roomId, hostOptions);
    expect(host2.state.phase).toBe('ended');
    expect(host2.state.round).toBe(1);
    expect(crewOf(host2.state, null)!.machine!.tick).toBe(endedAt);
    // The next round still works, and its report is the session's second.
    host2.send('host:restart');
    await until('lobby of round 2', () => host2.state.phase === 'lobby' && host2.state.round === 2, 10_000);
    await host2.leave();
  },
);
