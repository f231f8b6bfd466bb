// Crash recovery with real processes: play, kill -9, restart on the same database, rejoin with the same
// code and player ids; the machine comes back exactly as replay() rebuilds it at the last saved tick
// (hashState), everyone gets their seat back and play continues. SIGTERM keeps the finished round.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { hashState, type Scenario } from '../../shared/kernel/index.ts';
import { openDatabase } from '../../server/db/index.ts';
import { replayCrews, replayRoom, type RoomDocument } from '../../server/game/room-snapshot.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import type { SyncedRoomState } from '../../server/rooms/projection.ts';
import { movesFor } from '../../server/tools/client-strategy.ts';
import { ROLES_SCENARIO } from '../server/fixtures.ts';
import { until } from '../server/harness.ts';
import { startServerProcess, type ServerProcess } from './processes.ts';
import { crewOf } from '../../shared/protocol/state.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-recovery-'));
const env = { DATABASE_FILE: path.join(dir, 'db.sqlite') };
const running: ServerProcess[] = [];
/** Every role has work, and a long job keeps the round going well past the kill. */
const LONG = {
  ...ROLES_SCENARIO,
  processes: ROLES_SCENARIO.processes.map((p) => (p.name === 'calc' ? { ...p, length: 2000 } : p)),
};
afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

type Seat = { room: Room<unknown, SyncedRoomState>; seat: string; timer?: NodeJS.Timeout };

async function join(
  url: string,
  roomId: string,
  options: Record<string, unknown>,
  play: boolean,
): Promise<Seat> {
  const room = await new Client(url.replace('http', 'ws')).joinById<SyncedRoomState>(roomId, options);
  const s: Seat = { room, seat: '' };
  room.onMessage('welcome', (w: { seat: string }) => {
    s.seat = w.seat;
  });
  for (const t of ['events', 'rejected', 'error', 'summary']) room.onMessage(t, () => undefined);
  await until('welcome and state', () => s.seat !== '' && room.state?.crews?.size > 0);
  if (play)
    s.timer = setInterval(() => {
      const me = room.state.players.get(s.seat);
      if (me) for (const [t, p] of movesFor(room.state, s.seat)) room.send(t, p);
    }, 60);
  return s;
}

/** The saved room in a database file, replayed: its document, every crew's tick and machine hash (crew 1 first). */
async function savedRoom(
  file: string,
): Promise<{ doc: RoomDocument; roomId: string; ticks: number[]; hashes: string[] }> {
  const db = await openDatabase({ kind: 'sqlite', file });
  try {
    const { roomId } = (await db.snapshots.list())[0]!;
    const snap = (await db.snapshots.load(roomId))!;
    const doc = snap.actionLog as RoomDocument;
    const { entries } = await db.snapshots.readLog(roomId);
    const scenario = snap.scenario as Scenario;
    const crews = replayCrews(scenario, snap.seed, doc, entries);
    return {
      doc,
      roomId,
      ticks: [doc.tick, ...(doc.crews ?? []).map((c) => c.tick)],
      hashes: [
        hashState(replayRoom(scenario, snap.seed, doc, entries).state),
        ...[...crews.values()].map((m) => hashState(m.state)),
      ],
    };
  } finally {
    await db.close();
  }
}

/** The first test's room: its document and crew 1's machine hash. */
async function savedMachine(): Promise<{ doc: RoomDocument; hash: string; roomId: string }> {
  const { doc, roomId, hashes } = await savedRoom(env.DATABASE_FILE);
  return { doc, roomId, hash: hashes[0]! };
}

it('resumes the round after kill -9 at the last saved point, with the same code, seats and machine', async () => {
  const first = await startServerProcess(env);
  running.push(first);
  const created = await (
    await TeacherClient.signUp(first.url)
  ).createRoom({ ticksPerSecond: 10, seed: 7, scenario: LONG });
  const hostId = 'host-browser-1';
  const host = await join(
    first.url,
    created.roomId,
    { secret: `${hostId}-secret`, hostKey: created.hostKey, lang: 'en' },
    false,
  );
  const ids = ['student-kim', 'student-lee', 'student-park'];
  const students = [];
  for (const id of ids)
    students.push(
      await join(
        first.url,
        created.roomId,
        { secret: `${id}-secret`, nickname: id.slice(8), code: created.code, lang: 'en' },
        true,
      ),
    );
  const seatsBefore = students.map((s) => s.seat);
  host.room.send('host:start');
  await until('the round runs a while', () => crewOf(host.room.state, null)!.machine!.tick >= 40, 15_000);
  await new Promise((r) => setTimeout(r, 3500)); // at least one periodic save after play
  for (const s of students) clearInterval(s.timer);
  await first.stop('SIGKILL');

  const saved = await savedMachine();
  expect(saved.roomId).toBe(created.roomId);
  expect(saved.doc.phase).toBe('running');
  expect(saved.doc.tick).toBeGreaterThanOrEqual(40);
  expect(saved.doc.logLength).toBeGreaterThan(0);

  const second = await startServerProcess(env);
  running.push(second);
  // The same join code finds the room again; the host and the students come back to their seats.
  const found = (await (await fetch(`${second.url}/api/rooms/by-code/${created.code}`)).json()) as {
    roomId: string;
  };
  expect(found.roomId).toBe(created.roomId);
  const host2 = await join(
    second.url,
    found.roomId,
    { secret: `${hostId}-secret`, hostKey: created.hostKey, lang: 'en' },
    false,
  );
  const back = [];
  for (const id of ids)
    back.push(
      await join(
        second.url,
        found.roomId,
        { secret: `${id}-secret`, nickname: id.slice(8), code: created.code, lang: 'en' },
        true,
      ),
    );
  expect(back.map((s) => s.seat)).toEqual(seatsBefore);
  const view = host2.room.state;
  const viewMachine = crewOf(view, null)!.machine!;
  expect(view.phase).toBe('paused');
  expect(viewMachine.tick).toBe(saved.doc.tick);
  // The restored server saves again at once; its machine hashes the same as the replay of the old save.
  await new Promise((r) => setTimeout(r, 500));
  expect((await savedMachine()).hash).toBe(saved.hash);

  host2.room.send('host:resume');
  await until(
    'play continues',
    () => crewOf(host2.room.state, null)!.machine!.tick >= saved.doc.tick + 20,
    15_000,
  );
  expect(host2.room.state.phase).toBe('running');

  // SIGTERM after the round ends waits for the last save: the ended round and its summary are kept.
  host2.room.send('host:end-round');
  await until('round ended', () => host2.room.state.phase === 'ended');
  for (const s of back) clearInterval(s.timer);
  expect(await second.stop('SIGTERM')).toBe(0);
  const final = await savedMachine();
  expect(final.doc.phase).toBe('ended');
  expect(final.doc.lastSummary?.roomCode).toBe(created.code);
}, 90_000);

it('brings every crew of a class back after kill -9, each machine at its own saved point', async () => {
  const own = { DATABASE_FILE: path.join(dir, 'crews.sqlite') };
  const first = await startServerProcess(own);
  running.push(first);
  const created = await (
    await TeacherClient.signUp(first.url)
  ).createRoom({ ticksPerSecond: 10, seed: 9, scenario: LONG });
  const hostOptions = { secret: 'crews-host-secret', hostKey: created.hostKey, lang: 'en' };
  const host = await join(first.url, created.roomId, hostOptions, false);
  host.room.send('host:crew-size', { size: 2 });
  const ids = ['kim', 'lee', 'park', 'choi'];
  const studentOptions = (id: string) => ({
    secret: `crews-${id}-secret`,
    nickname: id,
    code: created.code,
    lang: 'en',
  });
  const students = [];
  for (const id of ids) students.push(await join(first.url, created.roomId, studentOptions(id), true));
  await until('two crews', () => host.room.state.crews.size === 2);
  const crewsBefore = students.map((s) => host.room.state.players.get(s.seat)!.crew);
  expect(new Set(crewsBefore)).toEqual(new Set(['c1', 'c2']));
  host.room.send('host:start');
  await until(
    'both crews run a while',
    () => [...host.room.state.crews.values()].every((c) => (c.machine?.tick ?? 0) >= 30),
    20_000,
  );
  await new Promise((r) => setTimeout(r, 3500)); // at least one periodic save after play
  for (const s of students) clearInterval(s.timer);
  await first.stop('SIGKILL');

  const saved = () => savedRoom(own.DATABASE_FILE);
  const before = await saved();
  expect(before.doc.crews?.map((c) => c.number)).toEqual([2]);
  expect(before.ticks.every((t) => t >= 30)).toBe(true);
  // crew 2's own moves were saved with it (tagged entries of the one stored log)
  expect(before.doc.crews![0]!.logLength).toBeGreaterThan(0);

  const second = await startServerProcess(own);
  running.push(second);
  const host2 = await join(second.url, created.roomId, hostOptions, false);
  const back = [];
  for (const id of ids) back.push(await join(second.url, created.roomId, studentOptions(id), true));
  expect(back.map((s) => s.seat)).toEqual(students.map((s) => s.seat));
  const state = host2.room.state;
  expect(state.crews.size).toBe(2);
  expect(back.map((s) => state.players.get(s.seat)!.crew)).toEqual(crewsBefore);
  expect([state.crews.get('c1')!.machine!.tick, state.crews.get('c2')!.machine!.tick]).toEqual(before.ticks);
  // each student sees its own crew's machine where it was
  back.forEach((s, i) =>
    expect(crewOf(s.room.state, s.seat)!.machine!.tick).toBe(before.ticks[crewsBefore[i] === 'c1' ? 0 : 1]),
  );
  // the restored server saves again at once: every crew's machine hashes as the replay of the old save
  await new Promise((r) => setTimeout(r, 500));
  expect((await saved()).hashes).toEqual(before.hashes);
  host2.room.send('host:resume');
  await until(
    'both crews play on',
    () =>
      [...host2.room.state.crews.values()].every((c, i) => (c.machine?.tick ?? 0) >= before.ticks[i]! + 10),
    15_000,
  );
  for (const s of back) clearInterval(s.timer);
}, 120_000);
