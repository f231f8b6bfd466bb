// A full class of real SDK bot clients: everyone holds a job in a crew, and what one student receives stays
// within the bandwidth budget: initial state ≤ 16 KB and ≤ 4 KB/s, however many crews the class has. A
// student receives its own crew's machine only (server/rooms/crew-views.ts); before, every client received
// all six crews' machines: 13.8 KB of initial state and 14.7 KB/s.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBots } from '../../server/tools/bot-clients.ts';
import { boot, until, welcomeOf, type Harness, type Player } from './harness.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

function meter(room: Player): { bytes: number; frames: number[] } {
  const m = { bytes: 0, frames: [] as number[] };
  const original = room.connection.events.onmessage;
  room.connection.events.onmessage = (ev: MessageEvent) => {
    const n = (ev.data as ArrayBuffer).byteLength;
    m.bytes += n;
    m.frames.push(n);
    original?.(ev);
  };
  return m;
}

it('30 bot clients join by code, play their roles, and each client stays within the bandwidth budget', async () => {
  const created = await h.createRoom({ ticksPerSecond: 4, seed: 11 });
  const host = await h.host(created);
  const run = await runBots(
    { url: h.server.url.replace('http', 'ws'), code: created.code, players: 30, lang: 'en', thinkMs: 100 },
    () => undefined,
  );
  expect(run.stats.joined).toBe(30);
  await until('everyone seated', () => host.state.players.size === 31);
  // Every student holds a job (issue 16): the class splits into crews of 4–6, each with its own machine,
  // so nobody watches (before crews, 24 of these 30 were spectators of one machine).
  const students = [...host.state.players.values()].filter((p) => !p.host);
  for (const p of students) expect(['scheduler', 'interrupt', 'thread', 'ipc']).toContain(p.role);
  expect(students.filter((p) => p.role === 'spectator')).toHaveLength(0);
  expect(host.state.crews.size).toBe(6);
  for (const crew of host.state.crews.values())
    expect(students.filter((p) => host.state.crews.get(p.crew) === crew)).toHaveLength(5);

  // a late observer measures its initial state and then its steady traffic
  const observer = await h.student(created, 'Observer');
  // what the server encodes for this student's first full state (its own view)
  const room = h.roomOf(created.roomId);
  const serializer = (room as unknown as { _serializer: { getFullState(client: unknown): Uint8Array } })
    ._serializer;
  const initial = serializer.getFullState(room.clients.getById(observer.sessionId)).byteLength;
  const m = meter(observer);
  host.send('host:start');
  const seconds = 4;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const rate = m.bytes / seconds;
  console.log(
    `initial state ${initial} B; ${m.frames.length} frames, ${m.bytes} B in ${seconds} s = ${(rate / 1024).toFixed(2)} KB/s per client; tick ${crewOf(host.state, null)!.machine!.tick}`,
  );
  expect(initial).toBeGreaterThan(0);
  expect(initial).toBeLessThan(16 * 1024);
  expect(rate).toBeLessThan(4 * 1024);
  // its own crew's machine, and no other crew's (the host receives every crew's)
  const own = crewOf(observer.state, welcomeOf(observer).seat)!;
  expect(own.machine?.tick).toBeGreaterThan(0);
  expect(own.number).toBe(
    host.state.crews.get(host.state.players.get(welcomeOf(observer).seat)!.crew)!.number,
  );
  observer.state.crews.forEach((c) => {
    if (c !== own) expect(c.machine).toBeUndefined();
  });
  host.state.crews.forEach((c) => expect(c.machine?.tick).toBeGreaterThan(0));
  expect(run.stats.sent).toBeGreaterThan(0);
  // humans' moves reached the kernel: the log holds actions the bots' clients sent
  expect(
    h
      .roomOf(created.roomId)
      .game.seats.all()
      .some((s) => s.actions > 0),
  ).toBe(true);
  await run.stop();
}, 30_000);
