// Crews (issue 16 item 1): a class splits into crews of about the teacher's size, each with its own
// machine on the same scenario, seed and live events; every student holds a job; late joiners fill the
// smallest crew; the teacher moves students between crews. Driven on RoomGame directly, without sockets.
import { describe, expect, it } from 'vitest';
import { beatsBaseline, crewCount, crewPlaces, splitCrews } from '../../shared/roles/crews.ts';
import { SPECTATOR } from '../../shared/roles/types.ts';
import { RoomGame, type RoomIO } from '../../server/game/room-game.ts';
import { keyHash } from '../../server/game/key-hash.ts';
import {
  RoomState,
  crewView,
  projectMachine,
  projectPlaces,
  projectStanding,
} from '../../server/rooms/projection.ts';
import { isFinished } from '../../shared/kernel/index.ts';
import { MemoryRoundReports } from '../../server/game/round-reports.ts';
import { resolveScenario } from '../../server/scenarios/catalog.ts';
import type { ServerMessages } from '../../shared/protocol/server-messages.ts';

const workshop = resolveScenario('class-workshop');
if (!workshop.ok) throw new Error(workshop.error);

/** A class room's game with a recording IO: what each crew was sent, by crew key. */
function classGame(crewSize = 5) {
  const toCrew: { crew: string; type: string; payload: unknown }[] = [];
  const sent: { seat: string; type: string; payload: unknown }[] = [];
  const io: RoomIO = {
    send: (seat, type, payload) => {
      sent.push({ seat, type, payload });
    },
    broadcast: () => undefined,
    broadcastCrew: (crew, type, payload) => {
      toCrew.push({ crew, type, payload });
    },
    disconnect: () => undefined,
  };
  const game = new RoomGame({
    kind: 'class',
    roomId: 'r1',
    code: 'ABCDEF',
    hostKeyHash: keyHash('host-key-123456'),
    maxPlayers: 60,
    abuseLimit: 100,
    crewSize,
    countdownSeconds: 0,
    match: {
      scenario: workshop.ok ? workshop.scenario : (undefined as never),
      scenarioName: 'class-workshop',
      seed: 7,
      ticksPerSecond: 10,
      tickLimit: 400,
    },
    reports: new MemoryRoundReports(),
    io,
  });
  let n = 0;
  const join = (nickname: string) => {
    n++;
    const a = game.admit(
      { secret: `player-${n}-xxxxxxxx`, nickname, code: 'ABCDEF', lang: 'en' },
      `session-${n}`,
    );
    if (!a.ok) throw new Error(a.message);
    return a.seat;
  };
  const host = game.admit(
    { secret: 'the-host-xxxxxxxx', hostKey: 'host-key-123456', lang: 'en' },
    'host-session',
  );
  if (!host.ok) throw new Error(host.message);
  return { game, join, host: host.seat, toCrew, sent };
}

describe('the crew rules', () => {
  it('crews of size−1 to size+1 where the class allows, never none', () => {
    expect(crewCount(1, 5)).toBe(1);
    expect(crewCount(6, 5)).toBe(1);
    expect(crewCount(7, 5)).toBe(2);
    expect(crewCount(24, 5)).toBe(4);
    expect(crewCount(30, 5)).toBe(6);
    expect(crewCount(40, 5)).toBe(8);
    for (let n = 2; n <= 60; n++) {
      const count = crewCount(n, 5);
      const sizes = Object.values(
        splitCrews(
          Array.from({ length: n }, (_, i) => `s${i}`),
          count,
        ),
      ).reduce(
        (acc, c) => {
          acc[c - 1]!++;
          return acc;
        },
        Array.from({ length: count }, () => 0),
      );
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(6);
    }
  });

  it("the teacher's moves come first, the others go to the smallest crew", () => {
    expect(splitCrews(['a', 'b', 'c', 'd'], 2, { a: 2, b: 2 })).toEqual({ a: 2, b: 2, c: 1, d: 1 });
  });
});

describe('a class in crews', () => {
  it('every one of 17 students holds a job in one of 3 crews, and each crew has its own machine', () => {
    const { game, join } = classGame();
    const seats = Array.from({ length: 17 }, (_, i) => join(`Student${i}`));
    expect(game.crews).toHaveLength(3);
    for (const s of seats) expect(s.slot).not.toBe(SPECTATOR);
    const machines = new Set(game.crews.map((c) => c.match.state));
    expect(machines.size).toBe(3);
    // jobs are unique inside a crew
    for (const crew of game.crews) {
      const held = crew.players(game.seats).map((s) => s.slot);
      expect(new Set(held).size).toBe(held.length);
    }
  });

  it("a student's move changes only their crew's machine; a teacher's live event reaches every crew", () => {
    const { game, join, host, toCrew } = classGame();
    for (let i = 0; i < 12; i++) join(`Student${i}`);
    game.command({ type: 'start' }, host);
    for (let i = 0; i < 10; i++) game.update(100);
    const ticks = game.crews.map((c) => c.match.state.tick);
    expect(new Set(ticks).size).toBe(1); // the crews run in lockstep on the same clock
    expect(ticks[0]).toBeGreaterThan(0);
    const procs = game.crews.map((c) => Object.keys(c.match.state.processes).length);
    expect(game.command({ type: 'live-event', event: { kind: 'io-storm', size: 2 } }, host)).toBeNull();
    game.crews.forEach((c, i) => expect(Object.keys(c.match.state.processes).length).toBe(procs[i]! + 2));
    game.update(100);
    // each crew's events went to that crew, tagged with its key
    for (const crew of game.crews)
      expect(
        toCrew.some((m) => m.crew === crew.key && (m.payload as ServerMessages['events']).crew === crew.key),
      ).toBe(true);
  });

  it('a late joiner fills the smallest crew and takes a free job there; the teacher can move a student', () => {
    const { game, join, host } = classGame();
    const seats = Array.from({ length: 11 }, (_, i) => join(`Student${i}`));
    expect(game.crews).toHaveLength(2);
    game.command({ type: 'start' }, host);
    const sizes = () => game.crews.map((c) => c.players(game.seats).length);
    expect(sizes()).toEqual([6, 5]);
    const late = join('Late');
    expect(late.crew).toBe('c2');
    expect(late.slot).not.toBe(SPECTATOR);
    expect(sizes()).toEqual([6, 6]);
    // mid-round the teacher moves a student to crew 2: they take a free job there or watch it
    const moved = seats[0]!;
    expect(game.command({ type: 'move-crew', player: moved.id, crew: 2 }, host)).toBeNull();
    expect(moved.crew).toBe('c2');
    expect(game.command({ type: 'move-crew', player: moved.id, crew: 9 }, host)).toBe('no-such-crew');
  });

  it("the crew size is the teacher's, and one crew is today's game", () => {
    const { game, join, host } = classGame(12);
    for (let i = 0; i < 10; i++) join(`Student${i}`);
    expect(game.crews).toHaveLength(1);
    expect(game.command({ type: 'crew-size', size: 3 }, host)).toBeNull();
    expect(game.crews).toHaveLength(3);
  });

  it("at the round's end every crew has its result and its baselines", async () => {
    const { game, join, host } = classGame();
    for (let i = 0; i < 8; i++) join(`Student${i}`);
    game.command({ type: 'start' }, host);
    for (let i = 0; i < 5; i++) game.update(100);
    game.command({ type: 'end-round' }, host);
    await game.settled();
    const summary = game.lastSummary!;
    expect(summary.crews).toHaveLength(2);
    for (const c of summary.crews!) {
      expect(c.baselines.map((b) => b.policy)).toEqual(['fifo', 'sjf', 'rr', 'priority']);
      expect(c.seats).toHaveLength(4);
    }
    expect(summary.players.every((p) => p.crew === 1 || p.crew === 2)).toBe(true);
    // each crew's place in the race, and the classic policies it beat on its own workload
    expect(summary.crews!.map((c) => c.place).sort()).toEqual(
      [
        ...crewPlaces(
          summary.crews!.map((c) => ({
            number: c.crew,
            completed: c.metrics.completed,
            finished: c.finished,
            tick: c.ticks,
            utilization: c.metrics.utilization,
            faults: 0,
          })),
        ).values(),
      ].sort(),
    );
    for (const c of summary.crews!) {
      const want = c.baselines.filter((b) =>
        beatsBaseline(
          { completed: c.metrics.completed, waiting: c.metrics.averages.waiting },
          { completed: b.metrics.completed, waiting: b.metrics.averages.waiting },
        ),
      );
      expect(c.beats).toEqual(want.map((b) => b.policy));
    }
  });

  it("the synced state carries each crew's place, so the projector ranks nothing itself", () => {
    const { game, join, host } = classGame();
    for (let i = 0; i < 8; i++) join(`Student${i}`);
    game.command({ type: 'start' }, host);
    const [one, two] = game.crews;
    for (let i = 0; i < 60; i++) game.update(100);
    const state = new RoomState();
    for (const crew of game.crews) {
      const v = crewView(state, crew.key, crew.number);
      projectMachine(v.machine, crew.match.state);
      projectStanding(v, crew.match.state, isFinished(crew.match.state));
    }
    projectPlaces(state);
    const want = crewPlaces(
      [...state.crews.values()].map((c) => ({
        number: c.number,
        completed: c.completed,
        finished: c.finished,
        tick: c.tick,
        utilization: c.utilization,
        faults: c.faultTotal,
      })),
    );
    expect(state.crews.get(one!.key)!.place).toBe(want.get(1));
    expect(state.crews.get(two!.key)!.place).toBe(want.get(2));
    expect(new Set([state.crews.get(one!.key)!.place, state.crews.get(two!.key)!.place]).has(1)).toBe(true);
  });

  it('crews race on the machine result: more finished first, then fewer ticks, busier CPU, fewer faults; ties share a place', () => {
    const row = (
      number: number,
      completed: number,
      finished: boolean,
      tick: number,
      utilization: number,
      faults: number,
    ) => ({ number, completed, finished, tick, utilization, faults });
    const places = crewPlaces([
      row(1, 3, false, 50, 0.9, 0),
      row(2, 5, true, 40, 0.5, 2),
      row(3, 5, true, 35, 0.4, 3),
      row(4, 3, false, 50, 0.9, 0),
      row(5, 3, false, 50, 0.9, 1),
    ]);
    expect([...places.entries()]).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 3],
      [5, 5],
    ]);
    expect(beatsBaseline({ completed: 4, waiting: 3 }, { completed: 4, waiting: 5 })).toBe(true);
    expect(beatsBaseline({ completed: 3, waiting: 1 }, { completed: 4, waiting: 5 })).toBe(false); // finished fewer
    expect(beatsBaseline({ completed: 4, waiting: 5 }, { completed: 4, waiting: 5 })).toBe(false); // a tie is not a win
  });
});

describe('no one freezes the class', () => {
  it('a job the machine waits on gets a "your turn" prompt at half the grace time, then a bot moves for it; the student keeps the seat', () => {
    const { game, join, host, toCrew, sent } = classGame();
    const kim = join('Kim');
    expect(kim.slot).toBe('scheduler');
    expect(game.command({ type: 'grace', seconds: 4 }, host)).toBeNull();
    game.command({ type: 'start' }, host);
    const crew = game.crews[0]!;
    // nobody dispatches: the scheduler's cores stay idle while threads are Ready (stepped, not wall time)
    const idle = () =>
      crew.match.state.cores.every((c) => c.running === null) && crew.match.state.readyQueue.length > 0;
    let steps = 0;
    while (!idle() && steps < 50) {
      game.update(100);
      steps++;
    }
    expect(idle()).toBe(true);
    for (let i = 0; i < 19; i++) game.update(100); // 1.9 s: not yet half of 4 s
    expect(sent.filter((m) => m.type === 'your-turn')).toHaveLength(0);
    for (let i = 0; i < 2; i++) game.update(100);
    expect(sent.filter((m) => m.type === 'your-turn')).toEqual([
      { seat: kim.id, type: 'your-turn', payload: { slot: 'scheduler', seconds: 4 } },
    ]);
    expect(toCrew.filter((m) => m.type === 'bot-moved')).toHaveLength(0);
    for (let i = 0; i < 20; i++) game.update(100);
    const moved = toCrew.filter((m) => m.type === 'bot-moved');
    expect(moved.length).toBeGreaterThan(0);
    expect(moved[0]!.payload).toMatchObject({ seat: kim.id, nickname: 'Kim', slot: 'scheduler' });
    expect(crew.match.state.cores.some((c) => c.running !== null)).toBe(true);
    expect(kim.slot).toBe('scheduler');
    // The bot's move scores nothing for the student (the kernel score charges the idle core meanwhile: that is theirs).
    const gains = sent.filter(
      (m) => m.type === 'score' && m.seat === kim.id && (m.payload as { points: number }).points > 0,
    );
    expect(gains).toEqual([]);
    expect(kim.roundScore).toBeLessThan(0);
  });

  it('grace 0 turns the prompts and the bot off', () => {
    const { game, join, host, toCrew, sent } = classGame();
    const kim = join('Kim');
    game.command({ type: 'grace', seconds: 0 }, host);
    game.command({ type: 'start' }, host);
    for (let i = 0; i < 200; i++) game.update(100);
    expect(sent.filter((m) => m.type === 'your-turn')).toHaveLength(0);
    expect(toCrew.filter((m) => m.type === 'bot-moved')).toHaveLength(0);
    expect(kim.slot).toBe('scheduler');
  });
});
