// Solo rooms playing a challenge or a sandbox with real SDK clients: a challenge ends the tick its kept
// condition breaks and reports the ticks survived; playing the role lasts longer and earns stars; a
// malformed or oversized sandbox, or an unknown challenge, is refused in the player's language and
// creates no room; a valid sandbox runs with no goal until its machine is done.
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelAction } from '../../shared/kernel/index.ts';
import { LIMITS } from '../../shared/kernel/index.ts';
import {
  CHALLENGES,
  ChallengeSession,
  goalHolds,
  type PlayerScript,
  type SandboxSetup,
} from '../../shared/levels/index.ts';
import type { LevelVerdict } from '../../server/game/level-engine.ts';
import { hostOnly, toMessage } from '../../shared/protocol/actions.ts';
import { crewOf } from '../../shared/protocol/state.ts';
import { dispatchBy } from '../levels/scripts.ts';
import { boot, collect, seatSecret, until, type Harness, type Player } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

const scheduler = CHALLENGES.find((c) => c.spec.id === 'challenge-scheduler')!;

function message(a: KernelAction): [string, object] {
  const m = toMessage(a);
  if (!m || hostOnly(m.type)) throw new Error(`a player does not send ${a.type}`);
  return [m.type, m.payload ?? {}];
}

async function open(options: Record<string, unknown>): Promise<{ room: Player; results: LevelVerdict[] }> {
  const room = (await h.colyseus.sdk.create('solo', {
    secret: seatSecret(),
    lang: 'en',
    ...options,
  })) as unknown as Player;
  const results = collect<LevelVerdict>(room, 'level-result');
  for (const type of ['events', 'summary', 'welcome', 'rejected']) room.onMessage(type, () => undefined);
  await room.waitForInitialState();
  return { room, results };
}

/**
 * Plays with the clock paused, one Step at a time: the script reads the room's machine and its moves go
 * over the wire before each tick, so the run does not depend on how fast this machine is.
 */
async function playStepped(
  room: Player,
  results: LevelVerdict[],
  script: PlayerScript,
): Promise<LevelVerdict> {
  const match = () => h.roomOf(room.roomId).game.match;
  room.send('host:start');
  room.send('host:pause');
  await until('paused', () => match().phase === 'paused');
  const deadline = Date.now() + 60_000;
  while (results.length === 0) {
    if (Date.now() > deadline) throw new Error('no level-result');
    const m = match();
    const tick = m.state.tick;
    const logged = m.log.length;
    const moves = m.phase === 'paused' ? script(m.state) : [];
    for (const a of moves) {
      const [type, payload] = message(a);
      room.send(type, payload);
    }
    if (moves.length > 0)
      await until('moves taken in', () => match().log.length > logged || results.length > 0, 2000).catch(
        () => undefined,
      );
    if (results.length > 0 || match().phase !== 'paused') break;
    room.send('solo:step');
    // waits for the patch, as a screen does (one Step per patch keeps under the room's message rate)
    await until(
      'one tick',
      () => crewOf(room.state, null)?.machine?.tick === tick + 1 || results.length > 0,
      5000,
    );
  }
  await until('the verdict', () => results.length > 0);
  return results[0]!;
}

describe('solo challenges', () => {
  it('ends on the first tick its kept condition breaks, and reports the ticks survived', async () => {
    const { room, results } = await open({ challengeId: scheduler.spec.id, ticksPerSecond: 20 });
    expect(room.state.scenario).toBe(scheduler.spec.id);
    const match = () => h.roomOf(room.roomId).game.match;
    room.send('host:start');
    await until('the verdict', () => results.length > 0, 20_000);
    const v = results[0]!;
    expect(v).toMatchObject({ level: scheduler.spec.id, endedBy: 'broken', passed: false, stars: 0 });
    // ended at the tick the condition broke: it is broken now and held one tick earlier (the kernel's own run)
    const tick = match().state.tick;
    expect(v.ticks).toBe(tick);
    expect(v.challenge).toEqual({ survived: tick, starTicks: scheduler.spec.starTicks });
    expect(v.score).toBe(tick);
    expect(v.figures.starvations).toBeGreaterThan(0);
    const replay = new ChallengeSession(scheduler);
    while (!replay.broken()) replay.session.step();
    expect(replay.score()).toBe(tick);
    expect(tick).toBeLessThan(scheduler.spec.starTicks[0]);
    expect(match().phase).toBe('ended');
    await room.leave();
  });

  it('lasts longer when the role is played, and earns stars for the ticks survived', async () => {
    const { room, results } = await open({ challengeId: scheduler.spec.id, ticksPerSecond: 0.25 });
    const v = await playStepped(
      room,
      results,
      dispatchBy(() => 0, [0]),
    );
    expect(v.endedBy).toBe('broken');
    expect(v.challenge!.survived).toBeGreaterThanOrEqual(scheduler.spec.starTicks[0]);
    expect(v.stars).toBe(scheduler.spec.starTicks.filter((t) => v.challenge!.survived >= t).length);
    expect(v.passed).toBe(true);
    expect(goalHolds(scheduler.keep, v.figures)).toBe(false);
    await room.leave();
  }, 90_000);

  it('refuses an unknown challenge in the player’s language, creating no room', async () => {
    const before = (await matchMaker.query({ name: 'solo' })).length;
    const error = (await h.colyseus.sdk
      .create('solo', { challengeId: 'no-such-challenge', secret: seatSecret(), lang: 'ko' })
      .catch((e: unknown) => e)) as { code: number; message: string };
    expect(error.code).toBe(400);
    expect(error.message).toMatch(/^bad-challenge: .*no-such-challenge.*[가-힣]/);
    expect((await matchMaker.query({ name: 'solo' })).length).toBe(before);
  });
});

const setup: SandboxSetup = {
  scenario: {
    cores: 1,
    processes: [
      { name: 'a', length: 3 },
      { name: 'b', arrival: 1, length: 2 },
    ],
  },
  policy: 'fifo',
  player: { role: 'scheduler' },
};

describe('solo sandboxes', () => {
  it('refuses a malformed sandbox at the edge, in the player’s language, and creates nothing', async () => {
    const before = (await matchMaker.query({ name: 'solo' })).length;
    const refused = async (sandbox: unknown, lang: 'ko' | 'en') =>
      (await h.colyseus.sdk
        .create('solo', { sandbox, secret: seatSecret(), lang })
        .then(() => null)
        .catch((e: unknown) => e)) as { code: number; message: string } | null;
    // a scenario the kernel refuses (99 cores), in Korean and in English
    const ko = await refused({ scenario: { cores: 99, processes: [] } }, 'ko');
    expect(ko?.code).toBe(400);
    expect(ko?.message).toMatch(/^bad-sandbox: 시나리오를 돌릴 수 없습니다/);
    const en = await refused({ scenario: { cores: 99, processes: [] } }, 'en');
    expect(en?.message).toMatch(/^bad-sandbox: The scenario cannot run/);
    // a role the machine has no place for, an unknown key, a setup bigger than a link may carry
    expect((await refused({ ...setup, player: { role: 'ipc', channels: ['nope'] } }, 'en'))?.message).toMatch(
      /^bad-sandbox: /,
    );
    expect((await refused({ ...setup, extra: 1 }, 'en'))?.message).toMatch(/^bad-sandbox: The sandbox setup/);
    const huge = { ...setup, scenario: { ...setup.scenario, note: 'x'.repeat(LIMITS.sandboxLink.max) } };
    expect((await refused(huge, 'ko'))?.message).toMatch(/^bad-sandbox: 링크가 너무 깁니다/);
    // more machine than a room may run: 30 threads for the sandbox's 10 000 ticks
    const many = {
      ...setup,
      scenario: { cores: 1, processes: Array.from({ length: 30 }, (_, i) => ({ name: `p${i}`, length: 1 })) },
    };
    expect((await refused(many, 'en'))?.message).toMatch(/^bad-sandbox: 30 threads/);
    // not one of these left a room behind
    expect((await matchMaker.query({ name: 'solo' })).length).toBe(before);
  });

  it('runs a valid sandbox with no goal until its machine is done', async () => {
    const { room, results } = await open({ sandbox: setup, ticksPerSecond: 0.25 });
    expect(room.state.scenario).toBe('sandbox');
    const v = await playStepped(
      room,
      results,
      dispatchBy(() => 0, [0]),
    );
    expect(v).toMatchObject({ level: 'sandbox', sandbox: true, endedBy: 'finished', stars: 0 });
    expect(v.ticks).toBe(5);
    await room.leave();
  });

  it('refuses two things to play at once', async () => {
    const error = (await h.colyseus.sdk
      .create('solo', { sandbox: setup, challengeId: scheduler.spec.id, secret: seatSecret(), lang: 'en' })
      .catch((e: unknown) => e)) as { code: number; message: string };
    expect(error.message).toMatch(/^bad-options: give one of levelId, challengeId and sandbox/);
  });
});
