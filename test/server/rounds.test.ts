// Seats that survive connections, and rounds that end with the baseline comparison.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@colyseus/core';
import { BASELINE_POLICIES, type RoundSummary } from '../../shared/protocol/summary.ts';
import { CLOSE_CODES, JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import type { MemoryRoundReports } from '../../server/game/round-reports.ts';
import { RECENT_EVENTS } from '../../server/game/room-game.ts';
import {
  boot,
  collect,
  scoredScheduler,
  seatSecret,
  refusal,
  until,
  welcomeOf,
  type Harness,
  type Player,
} from './harness.ts';
import { ROLES_SCENARIO, SHORT_SCENARIO } from './fixtures.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

/** Cuts a client's connection from the server side, as a closed laptop lid or lost Wi-Fi would. */
function sever(roomId: string, player: Player): void {
  const serverClient = h.roomOf(roomId).clients.getById(player.sessionId) as Client & {
    ref: { terminate(): void };
  };
  serverClient.ref.terminate();
}

describe('reconnection', () => {
  it('a dropped player returns to the same seat, role and score while a bot held the role', async () => {
    const { created, host, kim, seat, secret: id } = await scoredScheduler(h);
    expect(crewOf(host.state, null)!.machine!.cores.at(1)!.running).toBe(-1); // the human scheduler left core 1 idle

    kim.reconnection.enabled = false;
    const dropped = new Promise<void>((resolve) => kim.onLeave(() => resolve()));
    sever(created.roomId, kim);
    await dropped;
    await until('host sees the player away', () => host.state.players.get(seat)?.connected === false);
    // The score is the machine's outcome now (a scheduler leaving a Ready thread waiting loses points while
    // present), so what must survive is the score the seat held while away: nothing is credited to it meanwhile.
    const game = h.roomOf(created.roomId).game;
    const kept = game.seats.get(seat)!.score;
    await until(
      'a bot schedules meanwhile',
      () => crewOf(host.state, null)!.machine!.cores.at(1)!.running !== -1,
    );
    expect(host.state.players.get(seat)!.slot).toBe('scheduler');

    const back = (await h.colyseus.sdk.reconnect(kim.reconnectionToken)) as unknown as Player;
    const welcome = (await back.waitForMessage('welcome')) as { seat: string; slot: string };
    expect(welcome).toMatchObject({ seat, slot: 'scheduler' });
    expect(game.seats.get(seat)!.score).toBe(kept);
    await until('host sees the player back', () => host.state.players.get(seat)?.connected === true);

    // a page reload: a new connection with the same player id takes the seat back
    const closedOld = new Promise<number>((resolve) => back.onLeave((code) => resolve(code)));
    const reloaded = await h.join(created.roomId, { secret: id, nickname: 'Kim', code: created.code });
    expect(welcomeOf(reloaded)).toMatchObject({ seat, slot: 'scheduler' });
    expect(await closedOld).toBe(CLOSE_CODES.replaced);
    await until('one seat, still connected', () => host.state.players.get(seat)?.connected === true);
    expect([...host.state.players.values()].filter((p) => p.nickname === 'Kim')).toHaveLength(1);
  });

  it('a reload after the drop resumes by player id and frees the held seat', async () => {
    const created = await h.createRoom({ maxPlayers: 1 });
    const host = await h.host(created);
    const id = seatSecret();
    const first = await h.join(created.roomId, { secret: id, nickname: 'Lee', code: created.code });
    const seat = welcomeOf(first).seat;
    first.reconnection.enabled = false;
    sever(created.roomId, first);
    await until('away', () => host.state.players.get(seat)?.connected === false);
    // the held seat does not count against capacity for newcomers…
    const other = await h.student(created, 'Park');
    await other.leave();
    // …and the same browser comes back to its own seat
    const again = await h.join(created.roomId, { secret: id, nickname: 'Lee', code: created.code });
    expect(welcomeOf(again).seat).toBe(seat);
    await until('back', () => host.state.players.get(seat)?.connected === true);
  });

  it('a kicked player is disconnected and cannot return', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const id = seatSecret();
    const student = await h.join(created.roomId, { secret: id, nickname: 'Choi', code: created.code });
    const closed = new Promise<number>((resolve) => student.onLeave((code) => resolve(code)));
    host.send('host:kick', { player: welcomeOf(student).seat });
    expect(await closed).toBe(CLOSE_CODES.kicked);
    expect(await refusal(h.join(created.roomId, { secret: id, nickname: 'Choi', code: created.code }))).toBe(
      JOIN_ERRORS.kicked,
    );
    // A new browser id does not bring them back under the same nickname (or a case variant of it).
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), nickname: 'CHOI', code: created.code })),
    ).toBe(JOIN_ERRORS.kicked);
  });

  it('the host can remove a second host (someone who got hold of the host key), not themself', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const rogue = await h.host(created);
    const errors = collect<{ code: string }>(host, 'error');
    host.send('host:kick', { player: welcomeOf(host).seat });
    await until('own seat refused', () => errors.some((e) => e.code === 'no-such-player'));
    const closed = new Promise<number>((resolve) => rogue.onLeave((code) => resolve(code)));
    host.send('host:kick', { player: welcomeOf(rogue).seat });
    expect(await closed).toBe(CLOSE_CODES.kicked);
  });

  it('the projector link opens a watching seat: no job, no controls, not among the players, and never the host key', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const student = await h.student(created, 'Yuna');
    const viewerKey = decodeURIComponent(/key=([^&]+)/.exec(created.projectorPath)![1]!);
    expect(viewerKey).not.toBe(created.hostKey);
    const projector = await h.join(created.roomId, { secret: seatSecret(), viewerKey, lang: 'en' });
    const errors = collect<{ code: string }>(projector, 'error');
    projector.send('host:start');
    projector.send('host:kick', { player: welcomeOf(student).seat });
    await until('refused', () => errors.length >= 2);
    expect(host.state.phase).toBe('lobby');
    expect(student.connection.isOpen).toBe(true);
    expect(host.state.players.has(welcomeOf(projector).seat)).toBe(false);
    expect(welcomeOf(projector).slot).toBe('spectator');
    // the projector receives the machine (every crew's)
    await until(
      'the projector has the machine',
      () => (crewOf(projector.state, null)?.machine?.cores.length ?? 0) > 0,
    );
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), viewerKey: 'x'.repeat(32), lang: 'en' })),
    ).toBe(JOIN_ERRORS['bad-host-key']);
    // The projector is not a player of the round's report either.
    const summaries = collect<RoundSummary>(host, 'summary');
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
    host.send('host:end-round');
    await until('summary', () => summaries.length > 0, 15_000);
    expect(summaries[0]!.players.map((p) => p.nickname)).toEqual(['Yuna']);
  });
});

describe('the event feed of a late joiner', () => {
  type Batch = { tick: number; events: { tick: number; type: string }[]; replay?: boolean };
  const joinCollecting = async (
    created: { roomId: string; code: string },
    nickname: string,
  ): Promise<Batch[]> => {
    const room = await h.colyseus.sdk.joinById(created.roomId, {
      secret: seatSecret(),
      nickname,
      code: created.code,
      lang: 'en',
    });
    const got: Batch[] = [];
    room.onMessage('events', (m: Batch) => got.push(m));
    room.onMessage('welcome', () => undefined);
    return got;
  };

  it("starts with the round's latest events, marked as a replay, then live ones; a restarted round forgets the old ones", async () => {
    const created = await h.createRoom({ scenario: ROLES_SCENARIO, ticksPerSecond: 20, seed: 3 });
    const host = await h.host(created);
    host.send('host:start');
    await until('ten ticks', () => crewOf(host.state, null)!.machine!.tick >= 10);
    const late = await joinCollecting(created, 'Late');
    await until('the replay and a live batch', () => late.length >= 2);
    const [replay, ...live] = late;
    expect(replay!.replay).toBe(true);
    expect(replay!.events.length).toBeGreaterThan(0);
    expect(replay!.events.length).toBeLessThanOrEqual(RECENT_EVENTS);
    expect(replay!.events.some((e) => e.type === 'dispatched')).toBe(true);
    const ticks = replay!.events.map((e) => e.tick);
    expect(ticks).toEqual([...ticks].sort((a, b) => a - b)); // oldest first
    expect(live.every((b) => b.replay === undefined)).toBe(true);
    // nothing twice: the batch queued behind the next patch when the newcomer joined is not in the replay
    expect(live[0]!.events[0]!.tick).toBeGreaterThanOrEqual(ticks.at(-1)!);
    const replayed = new Set(replay!.events.map((e) => JSON.stringify(e)));
    expect(live.flatMap((b) => b.events).filter((e) => replayed.has(JSON.stringify(e)))).toEqual([]);

    host.send('host:end-round');
    await until('ended', () => host.state.phase === 'ended');
    host.send('host:restart');
    await until('lobby', () => host.state.phase === 'lobby' && crewOf(host.state, null)!.machine!.tick === 0);
    const next = await joinCollecting(created, 'Next');
    await new Promise((r) => setTimeout(r, 300));
    // at most the new machine's own tick-0 events (processes created), nothing of the old round
    for (const b of next) expect(b.events.every((e) => e.tick === 0)).toBe(true);
  });
});

describe('end of round', () => {
  it('a finished round sends the class metrics with FIFO, SJF, RR and priority side by side, and keeps the report', async () => {
    const created = await h.createRoom({ scenario: SHORT_SCENARIO, ticksPerSecond: 20, seed: 5 });
    const host = await h.host(created);
    const student = await h.student(created, 'Yoon');
    const summaries = collect<RoundSummary>(student, 'summary');
    // the student watches, so bots play every job and the machine finishes on its own
    host.send('host:assign', { player: welcomeOf(student).seat, slot: 'spectator' });
    await until('spectating', () => host.state.players.get(welcomeOf(student).seat)?.slot === 'spectator');
    host.send('host:start');
    await until('summary', () => summaries.length === 1, 10_000);
    const s = summaries[0]!;
    expect(s).toMatchObject({ roomCode: created.code, round: 1, endedBy: 'finished', finished: true });
    expect(s.class.completed).toBe(3);
    expect(s.baselines.map((b) => b.policy)).toEqual([...BASELINE_POLICIES]);
    for (const b of s.baselines) expect(b).toMatchObject({ finished: true, metrics: { completed: 3 } });
    // SJF minimises mean waiting on this workload; FIFO does not
    const waiting = Object.fromEntries(s.baselines.map((b) => [b.policy, b.metrics.averages.waiting]));
    expect(waiting.sjf).toBeLessThanOrEqual(waiting.fifo!);
    expect(s.players.map((p) => p.nickname)).toEqual(['Yoon']);
    // the Gantt chart: every busy tick of every core is in exactly one run, runs in order and never overlapping
    expect(s.timeline).toHaveLength(crewOf(host.state, null)!.machine!.cores.length);
    for (const [i, runs] of s.timeline.entries()) {
      const core = crewOf(host.state, null)!.machine!.cores.at(i)!;
      const running = runs.filter((r) => r.label !== 'switch').reduce((n, r) => n + r.to - r.from, 0);
      const switching = runs.filter((r) => r.label === 'switch').reduce((n, r) => n + r.to - r.from, 0);
      expect(running).toBe(core.busyTicks);
      expect(switching).toBe(core.switchTicks);
      for (let k = 1; k < runs.length; k++) expect(runs[k]!.from).toBeGreaterThanOrEqual(runs[k - 1]!.to);
    }
    expect(Array.isArray(s.notable)).toBe(true);
    await until('phase ended', () => host.state.phase === 'ended');
    const stored = (h.server.reports as MemoryRoundReports).forRoom(created.roomId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.summary.baselines).toHaveLength(4);
    expect(Object.values(stored[0]!.playerIds)).toHaveLength(1);
    // The stored report names the student by a pseudonym, never by the private id that reclaims the seat.
    expect(Object.values(stored[0]!.playerIds)[0]).toMatch(/^s-[A-Za-z0-9_-]{16}$/);

    // the next round rotates roles and starts from the same workload
    host.send('host:restart');
    await until(
      'round 2 lobby',
      () =>
        host.state.round === 2 &&
        host.state.phase === 'lobby' &&
        crewOf(host.state, null)!.machine!.tick === 0,
    );
  });

  it('the host can end a round early and still gets the comparison', async () => {
    const created = await h.createRoom({ ticksPerSecond: 1 });
    const host = await h.host(created);
    const summaries = collect<RoundSummary>(host, 'summary');
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
    host.send('host:end-round');
    await until('summary', () => summaries.length === 1);
    expect(summaries[0]).toMatchObject({ endedBy: 'host', finished: false });
    // Compared over the same ticks the class played, not against complete runs.
    const s = summaries[0]!;
    expect(s.baselines.map((b) => b.policy)).toEqual(['fifo', 'sjf', 'rr', 'priority']);
    expect(s.baselines.every((b) => b.metrics.elapsed === s.ticks && !b.finished)).toBe(true);
  });
});

describe('solo rooms', () => {
  it('one player takes the chosen job, runs the clock, and bots do the rest', async () => {
    const solo = (await h.colyseus.sdk.create('solo', {
      scenario: ROLES_SCENARIO,
      secret: seatSecret(),
      role: 'interrupt',
      lang: 'en',
      ticksPerSecond: 20,
    })) as unknown as Player;
    const welcome = (await solo.waitForMessage('welcome')) as { slot: string; host: boolean };
    expect(welcome).toMatchObject({ slot: 'interrupt', host: true });
    solo.send('host:start');
    await until(
      'bots schedule',
      () =>
        solo.state.phase === 'running' &&
        [...crewOf(solo.state, null)!.machine!.cores.values()].some((c) => c.running !== -1),
    );
    await until(
      'an interrupt waits for the player',
      () => crewOf(solo.state, null)!.machine!.interrupts.size > 0,
    );
    const id = [...crewOf(solo.state, null)!.machine!.interrupts.values()][0]!.id;
    solo.send('handle-interrupt', { id });
    await until('handled', () => !crewOf(solo.state, null)!.machine!.interrupts.has(String(id)));
    expect(
      await refusal(h.colyseus.sdk.joinById(solo.roomId, { secret: seatSecret(), nickname: 'Intruder' })),
    ).toBe(JOIN_ERRORS['room-full']);
  });
});
