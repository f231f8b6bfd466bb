// A teacher's session end to end with real SDK clients: create a room with the lesson's settings, play
// and end rounds, read the report and CSV back, keep other teachers out; on SQLite and PostgreSQL; a
// restart on the same SQLite file keeps every report.
import { afterEach, describe, expect, it } from 'vitest';
import { movesFor } from '../../server/tools/client-strategy.ts';
import { viewerKeyFor } from '../../server/rooms/directory.ts';
import { BACKENDS, type FreshDatabase } from '../db/backends.ts';
import { boot, until, welcomeOf, type Harness, type Player } from '../server/harness.ts';
import { WebClient } from './web-client.ts';
import { crewOf } from '../../shared/protocol/state.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** Students play their jobs like attentive humans until stopped. */
function play(students: Player[]): () => void {
  const timer = setInterval(() => {
    for (const s of students) {
      const seat = s.state.players.get(welcomeOf(s).seat);
      if (!seat) continue;
      for (const [type, payload] of movesFor(s.state, welcomeOf(s).seat).slice(0, 2)) s.send(type, payload);
    }
  }, 120);
  return () => clearInterval(timer);
}

async function roundsOf(web: WebClient, sessionId: string): Promise<Record<string, unknown>[]> {
  return (await web.get(`/api/teacher/sessions/${sessionId}/rounds`)).body.rounds as Record<
    string,
    unknown
  >[];
}

const quiet = new WeakSet<Player>();

async function playRound(
  h: Harness,
  host: Player,
  students: Player[],
  web: WebClient,
  sessionId: string,
  stored: number,
  midRound?: () => void,
): Promise<number> {
  for (const p of [host, ...students]) {
    if (quiet.has(p)) continue;
    quiet.add(p);
    for (const type of ['summary', 'rejected', 'error']) p.onMessage(type, () => undefined);
  }
  host.send('host:start');
  await until('running', () => host.state.phase === 'running');
  const stop = play(students);
  try {
    let enough = 25;
    if (midRound) {
      await until('ten ticks', () => crewOf(host.state, null)!.machine!.tick >= 10, 15_000);
      midRound();
      // Ten more ticks after the mid-round move, so its effect is told apart from the round's end.
      enough = Math.max(enough, crewOf(host.state, null)!.machine!.tick + 10);
    }
    await until('some ticks', () => crewOf(host.state, null)!.machine!.tick >= enough, 15_000);
  } finally {
    stop();
  }
  host.send('host:end-round');
  await until('ended', () => host.state.phase === 'ended');
  const endTick = crewOf(host.state, null)!.machine!.tick;
  const start = Date.now();
  while ((await roundsOf(web, sessionId)).length < stored) {
    if (Date.now() - start > 10_000) throw new Error('round not stored');
    await new Promise((r) => setTimeout(r, 50));
  }
  void h;
  return endTick;
}

async function fresh(backend: (typeof BACKENDS)[number]): Promise<FreshDatabase> {
  const db = await backend.fresh();
  cleanup.push(() => db.dispose());
  return db;
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`a class session on ${backend.name}`, () => {
    it('creates, runs and ends a session; the report and CSV read back; another teacher gets 404', async () => {
      const db = await fresh(backend);
      const h = await boot({ database: db.config, authRatePerMinute: 1000 });
      cleanup.push(() => h.close());
      const web = new WebClient(h.server.url);
      await web.signUp('Han');
      const created = await web.post('/api/teacher/rooms', {
        scenario: 'class-workshop',
        title: 'Period 3',
        cores: 3,
        quantum: 3,
        switchCost: 2,
        ticksPerSecond: 20,
        roles: { interrupt: true, thread: true, ipc: false },
        lateJoin: false,
        leaderboard: false,
      });
      expect(created.status).toBe(201);
      const room = created.body as {
        sessionId: string;
        roomId: string;
        code: string;
        hostKey: string;
        joinPath: string;
        projectorPath: string;
      };
      expect(room.joinPath).toBe(`/join/${room.code}`);
      // The projector link carries the read-only viewer key, never the host key.
      expect(room.projectorPath).toBe(`/project#room=${room.roomId}&key=${viewerKeyFor(room.hostKey)}`);
      expect(room.projectorPath).not.toContain(room.hostKey);

      const host = await h.host(room);
      const minji = await h.student(room, 'Minji');
      const jisoo = await h.student(room, 'Jisoo');
      expect((welcomeOf(minji) as unknown as { leaderboard: boolean }).leaderboard).toBe(false);
      await until(
        'settings applied',
        () =>
          crewOf(host.state, null)!.machine!.cores.length === 3 &&
          crewOf(host.state, null)!.machine!.quantum === 3 &&
          host.state.lateJoin === false,
      );
      expect([...crewOf(host.state, null)!.slots.keys()].some((k) => k.startsWith('ipc:'))).toBe(false); // the IPC job was turned off

      await playRound(h, host, [minji, jisoo], web, room.sessionId, 1);
      const [first] = await roundsOf(web, room.sessionId);
      expect(first).toMatchObject({ roundNumber: 1, scenarioId: 'class-workshop', playerCount: 2 });

      const report = (await web.get(`/api/teacher/rounds/${String(first!.id)}`)).body.report as {
        players: {
          nickname: string;
          role: string;
          actionsCount: number;
          refusedCount: number;
          meanLatencyMs: number | null;
        }[];
        baselines: { policy: string }[];
        metrics: { class: { utilisation?: number }; ticks: number };
        timeline: { cores: unknown[] };
      };
      expect(report.players.map((p) => p.nickname).sort()).toEqual(['Jisoo', 'Minji']);
      expect(
        report.players.every((p) =>
          ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator'].includes(p.role),
        ),
      ).toBe(true);
      const active = report.players.filter((p) => p.actionsCount > 0);
      expect(active.length).toBeGreaterThan(0);
      expect(
        active.some(
          (p) => typeof p.meanLatencyMs === 'number' && p.meanLatencyMs >= 0 && p.meanLatencyMs < 10_000,
        ),
      ).toBe(true);
      expect(report.baselines.map((b) => b.policy).sort()).toEqual(['fifo', 'priority', 'rr', 'sjf']);
      expect(report.metrics.ticks).toBeGreaterThanOrEqual(25);
      expect(Array.isArray(report.timeline.cores)).toBe(true);

      const csv = await web.request('GET', `/api/teacher/sessions/${room.sessionId}/csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="kernel-crew-${room.code}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      const lines = (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^session_id,join_code,round_number/);
      expect(lines.slice(1).every((l) => l.includes('Minji') || l.includes('Jisoo'))).toBe(true);

      // Another teacher sees none of it.
      const other = new WebClient(h.server.url);
      await other.signUp('Other');
      expect((await other.get('/api/teacher/sessions')).body.sessions).toEqual([]);
      for (const path of [
        `/api/teacher/sessions/${room.sessionId}`,
        `/api/teacher/sessions/${room.sessionId}/rounds`,
        `/api/teacher/sessions/${room.sessionId}/csv`,
        `/api/teacher/rounds/${String(first!.id)}`,
      ]) {
        expect((await other.request('GET', path)).status, path).toBe(404);
      }
      expect((await other.post(`/api/teacher/sessions/${room.sessionId}/end`)).status).toBe(404);

      // The dashboard can take the live room back after a reload: with a host pass, as the page answers no host key.
      const live = (await web.get(`/api/teacher/sessions/${room.sessionId}`)).body.live as {
        roomId: string;
        projectorPath: string;
      } | null;
      expect(live).toMatchObject({ roomId: room.roomId, projectorPath: room.projectorPath });
      expect(live).not.toHaveProperty('hostKey');
      const pass = await web.post(`/api/teacher/sessions/${room.sessionId}/host-pass`);
      expect(pass.status).toBe(200);
      const back = await h.join(room.roomId, {
        secret: 'session-test-reload-host',
        hostPass: (pass.body as { hostPass: string }).hostPass,
        lang: 'en',
      });
      expect(back.connection.isOpen).toBe(true);
      await back.leave();

      // A second round, then the teacher closes the room.
      host.send('host:restart');
      await until('lobby', () => host.state.phase === 'lobby');
      // Mid-round the teacher rotates the jobs: each student's round 2 lists both jobs, in order,
      // the second from the tick of the rotation (not from the round's end).
      let rotatedAt = -1;
      const endTick = await playRound(h, host, [minji, jisoo], web, room.sessionId, 2, () => {
        rotatedAt = crewOf(host.state, null)!.machine!.tick;
        host.send('host:rotate');
      });
      expect((await roundsOf(web, room.sessionId)).map((r) => r.roundNumber)).toEqual([1, 2]);
      type Roles = {
        nickname: string;
        rounds: { roundNumber: number; role: string; jobs: { slot: string; fromTick: number }[] | null }[];
      };
      const students = (await web.get(`/api/teacher/sessions/${room.sessionId}`)).body.students as Roles[];
      expect(students.map((s) => s.nickname)).toEqual(['Jisoo', 'Minji']);
      for (const s of students) {
        expect(s.rounds.map((r) => r.roundNumber)).toEqual([1, 2]);
        const [one, two] = s.rounds;
        expect(one!.jobs).toHaveLength(1);
        expect(one!.jobs![0]!.fromTick).toBe(0);
        expect(one!.jobs![0]!.slot.split(':')[0]).toBe(one!.role);
        expect(two!.jobs).toHaveLength(2);
        expect(two!.jobs![0]!.fromTick).toBe(0);
        expect(two!.jobs![1]!.fromTick).toBeGreaterThanOrEqual(rotatedAt);
        expect(two!.jobs![1]!.fromTick).toBeLessThanOrEqual(endTick - 5);
        expect(two!.jobs![1]!.slot).not.toBe(two!.jobs![0]!.slot);
        expect(two!.jobs![1]!.slot.split(':')[0]).toBe(two!.role);
      }
      // Rotated: each took the other's job.
      const [a, b] = students.map((s) => s.rounds[1]!.jobs!);
      expect(a![1]!.slot).toBe(b![0]!.slot);
      expect(b![1]!.slot).toBe(a![0]!.slot);
      const ended = await web.post(`/api/teacher/sessions/${room.sessionId}/end`);
      expect(ended.status).toBe(200);
      expect((ended.body.session as { endedAt: number | null }).endedAt).toEqual(expect.any(Number));
      const list = (await web.get('/api/teacher/sessions')).body.sessions as {
        id: string;
        roundCount: number;
        live: boolean;
      }[];
      expect(list).toEqual([expect.objectContaining({ id: room.sessionId, roundCount: 2, live: false })]);
      expect(JSON.stringify(list)).not.toContain(room.hostKey);
      const csv2 = await (await web.request('GET', `/api/teacher/sessions/${room.sessionId}/csv`)).text();
      expect(csv2.trim().split('\r\n')).toHaveLength(5);
    });

    it('keeps every stored report across a server restart', async () => {
      const db = await fresh(backend);
      const first = await boot({ database: db.config, authRatePerMinute: 1000 });
      const web = new WebClient(first.server.url);
      const email = `restart-${Date.now()}@school.example`;
      expect(
        (
          await web.post('/api/auth/signup', {
            email,
            password: 'correct horse battery',
            displayName: 'Yoon',
          })
        ).status,
      ).toBe(202);
      expect((await web.post('/api/auth/signin', { email, password: 'correct horse battery' })).status).toBe(
        200,
      );
      const room = (await web.post('/api/teacher/rooms', { ticksPerSecond: 20 })).body as {
        sessionId: string;
        roomId: string;
        code: string;
        hostKey: string;
      };
      const host = await first.host(room);
      const student = await first.student(room, 'Seo');
      await playRound(first, host, [student], web, room.sessionId, 1);
      const before = (
        await web.get(`/api/teacher/rounds/${String((await roundsOf(web, room.sessionId))[0]!.id)}`)
      ).body;
      await first.close();

      const second = await boot({ database: db.config, authRatePerMinute: 1000 });
      cleanup.push(() => second.close());
      const again = new WebClient(second.server.url);
      expect(
        (await again.post('/api/auth/signin', { email, password: 'correct horse battery' })).status,
      ).toBe(200);
      const sessions = (await again.get('/api/teacher/sessions')).body.sessions as {
        id: string;
        roundCount: number;
        endedAt: number | null;
      }[];
      expect(sessions).toEqual([
        expect.objectContaining({ id: room.sessionId, roundCount: 1, endedAt: expect.any(Number) }),
      ]);
      const rounds = await roundsOf(again, room.sessionId);
      const after = (await again.get(`/api/teacher/rounds/${String(rounds[0]!.id)}`)).body;
      expect(after).toEqual(before);
    });
  });
}
