// Solo rooms playing campaign levels with real SDK clients: a scripted player doing a level's good
// solution earns 3 stars, a poor play none, a retry starts the same level again, unknown ids are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelAction, KernelEvent } from '../../shared/kernel/index.ts';
import type { PlayerScript } from '../../shared/levels/index.ts';
import type { LevelVerdict } from '../../server/game/level-engine.ts';
import { hostOnly, toMessage } from '../../shared/protocol/actions.ts';
import { SOLUTIONS } from '../levels/solutions.ts';
import { boot, collect, seatSecret, refusal, until, type Harness, type Player } from './harness.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

/** The client message a player sends for a kernel action (the ACTIONS table's inverse). */
function message(a: KernelAction): [string, object] {
  const m = toMessage(a);
  if (!m || hostOnly(m.type)) throw new Error(`a player does not send ${a.type}`);
  return [m.type, m.payload ?? {}];
}

async function openLevel(
  levelId: string,
  ticksPerSecond: number,
): Promise<{ room: Player; results: LevelVerdict[] }> {
  const room = (await h.colyseus.sdk.create('solo', {
    levelId,
    secret: seatSecret(),
    lang: 'en',
    ticksPerSecond,
  })) as unknown as Player;
  const results = collect<LevelVerdict>(room, 'level-result');
  room.onMessage('events', () => undefined);
  room.onMessage('summary', () => undefined);
  room.onMessage('welcome', () => undefined);
  room.onMessage('rejected', () => undefined);
  await room.waitForInitialState();
  return { room, results };
}

/**
 * Plays until a verdict arrives: the script reads the authoritative machine (as a player reads the
 * screen) and its moves go over the wire; after each batch it waits for the room to take them in.
 */
async function play(
  room: Player,
  results: LevelVerdict[],
  script: PlayerScript,
  start = true,
): Promise<LevelVerdict> {
  const seen = results.length;
  const match = () => h.roomOf(room.roomId).game.match;
  if (start) room.send('host:start');
  await until('running', () => match().phase === 'running');
  const deadline = Date.now() + 30_000;
  while (results.length === seen) {
    if (Date.now() > deadline) throw new Error('no level-result');
    const m = match();
    const moves = m.phase === 'running' ? script(m.state) : [];
    if (moves.length > 0) {
      const logged = m.log.length;
      const tick = m.state.tick;
      for (const a of moves) {
        const [type, payload] = message(a);
        room.send(type, payload);
      }
      // Taken in when the log grows; refused moves leave it as it was, so also stop at the next tick.
      await until(
        'moves taken in',
        () => match().log.length > logged || match().state.tick !== tick || results.length > seen,
        2000,
      ).catch(() => undefined);
    } else {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return results[results.length - 1]!;
}

// These play in real time against the room's clock (5–20 ticks a second), with the test's script and the
// server in one process: on a CI machine at a load of 7+ a stall can let the machine run a few ticks
// before the script's moves arrive, costing a star. A retry plays the level again from the start; a
// level whose solution really stopped earning its stars fails every attempt.
describe('solo levels', { retry: 2 }, () => {
  it('the first level: good play earns 3 stars, poor play none, and a retry starts it again', async () => {
    const { room, results } = await openLevel('boot-hello', 20);
    expect(room.state.scenario).toBe('boot-hello');
    expect(room.state.tickLimit).toBe(40);
    const poor = await play(room, results, SOLUTIONS['boot-hello']!.poor());
    expect(poor).toMatchObject({ level: 'boot-hello', attempt: 1, passed: false, stars: 0 });
    expect(room.state.phase).toBe('ended');

    room.send('host:speed', { ticksPerSecond: 5 });
    room.send('solo:retry');
    // A retry waits, paused at tick 0, for the player to look before the clock starts.
    await until('a fresh attempt', () => room.state.phase === 'paused' && room.state.round === 2);
    expect(crewOf(room.state, null)!.machine!.tick).toBe(0);
    room.send('host:resume');
    const good = await play(room, results, SOLUTIONS['boot-hello']!.good(), false);
    expect(good).toMatchObject({ level: 'boot-hello', attempt: 2, passed: true, stars: 3 });
    expect(good.figures['done.hello']).toBe(2);
    await room.leave();
  });

  it.each(['first-dispatch', 'time-slice', 'boot-tree', 'anonymous-pipe'])(
    '%s: the scripted good play earns 3 stars over the wire',
    async (levelId) => {
      const { room, results } = await openLevel(levelId, 5);
      const verdict = await play(room, results, SOLUTIONS[levelId]!.good());
      expect(verdict).toMatchObject({ level: levelId, passed: true, stars: 3 });
      await room.leave();
    },
    40_000,
  );

  it('think, then act: with the clock paused, moves apply at once, Step runs exactly one tick, Undo takes the last one back', async () => {
    // ticksPerSecond 0.25: the clock would take 4 s a tick; every tick here comes from Step. The script
    // reads the room's machine, and each move or Step waits for the patch that shows it.
    const { room, results } = await openLevel('first-dispatch', 0.25);
    const match = () => h.roomOf(room.roomId).game.match;
    room.send('host:start');
    room.send('host:pause');
    await until('paused', () => match().phase === 'paused');
    const script = SOLUTIONS['first-dispatch']!.good();
    const errors = collect<{ code: string }>(room, 'error');
    const feeds = collect<{ tick: number; events: KernelEvent[]; replay?: boolean }>(room, 'events');
    let undone = false;
    const deadline = Date.now() + 30_000;
    while (results.length === 0) {
      if (Date.now() > deadline) throw new Error('no level-result');
      const m = match();
      const tick = m.state.tick;
      const logged = m.log.length;
      const moves = script(m.state);
      for (const a of moves) {
        const [type, payload] = message(a);
        room.send(type, payload);
      }
      if (moves.length > 0) await until('moves taken in while paused', () => match().log.length > logged);
      expect(match().state.tick).toBe(tick); // a move made while paused runs no tick
      if (tick === 3 && !undone) {
        // Undo the moves just made at tick 3, then tick 2 itself: the machine is as it was before tick 2's moves.
        undone = true;
        const replaced = match().state;
        room.send('solo:undo');
        await until('moves undone', () => match().state !== replaced);
        expect(match().state.tick).toBe(3);
        expect(match().log.length).toBe(logged);
        room.send('solo:undo');
        await until(
          'tick undone',
          () => match().state.tick === 2 && crewOf(room.state, null)!.machine!.tick === 2,
        );
        expect(match().phase).toBe('paused');
        // The feed is rewound with the machine: a replay of the replayed machine's events, none later than tick 2.
        await until('the feed rewound', () => feeds.some((f) => f.replay === true && f.tick === 2));
        const rewound = feeds.filter((f) => f.replay === true && f.tick === 2).at(-1)!;
        expect(rewound.events.length).toBeGreaterThan(0);
        expect(Math.max(...rewound.events.map((e) => e.tick))).toBeLessThanOrEqual(2);
        continue;
      }
      room.send('solo:step');
      // Waits for the patch, as a screen does (one step per patch keeps under the room's message rate).
      await until(
        'one tick',
        () => crewOf(room.state, null)!.machine!.tick === tick + 1 || results.length > 0,
      );
      expect(match().state.tick).toBe(tick + 1);
    }
    expect(results[0]).toMatchObject({ level: 'first-dispatch', passed: true, stars: 3, undos: 2 });
    expect(errors).toEqual([]);
    await room.leave();
  });

  it('the poor play of a level earns no star', async () => {
    const { room, results } = await openLevel('first-dispatch', 20);
    const verdict = await play(room, results, SOLUTIONS['first-dispatch']!.poor());
    expect(verdict.stars).toBe(0);
    await room.leave();
  });

  it('an attempt a deadlock froze ends at once and says so (endedBy deadlock, not time-limit)', async () => {
    const { room, results } = await openLevel('deadlock', 20);
    const verdict = await play(room, results, SOLUTIONS['deadlock']!.poor());
    expect(verdict).toMatchObject({ level: 'deadlock', passed: false, endedBy: 'deadlock' });
    expect(verdict.ticks).toBeLessThan(40);
    await room.leave();
  });

  it('the same player opening the room again after the end is told the verdict again', async () => {
    const id = seatSecret();
    const room = (await h.colyseus.sdk.create('solo', {
      levelId: 'boot-hello',
      secret: id,
      lang: 'en',
      ticksPerSecond: 20,
    })) as unknown as Player;
    const results = collect<LevelVerdict>(room, 'level-result');
    for (const type of ['events', 'summary', 'welcome']) room.onMessage(type, () => undefined);
    await room.waitForInitialState();
    await play(room, results, SOLUTIONS['boot-hello']!.poor());
    const again = (await h.colyseus.sdk.joinById(room.roomId, {
      secret: id,
      lang: 'en',
    })) as unknown as Player;
    for (const type of ['events', 'summary', 'welcome']) again.onMessage(type, () => undefined);
    const told = (await again.waitForMessage('level-result')) as LevelVerdict;
    expect(told).toMatchObject({ level: 'boot-hello', passed: false, stars: 0 });
    await again.leave();
  });

  it('refuses an unknown level id at the edge', async () => {
    // Colyseus reports a refused creation over HTTP (status 500) with the room's message.
    const error = await h.colyseus.sdk
      .create('solo', { levelId: 'no-such-level', secret: seatSecret(), lang: 'en' })
      .catch((e: unknown) => e as Error);
    expect((error as unknown as { code: number }).code).toBe(400);
    expect((error as Error).message).toBe('bad-options: no level has the id "no-such-level"');
    expect(
      await refusal(h.colyseus.sdk.create('solo', { levelId: 42, secret: seatSecret(), lang: 'en' })),
    ).toBe(400);
  });
});
