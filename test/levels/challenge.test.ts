// Challenges: load that keeps rising until the machine breaks its condition, scored by ticks survived.
import { describe, expect, it } from 'vitest';
import { remainingWork } from '../../shared/bots/index.ts';
import type { KernelState } from '../../shared/kernel/index.ts';
import {
  CHALLENGES,
  CHALLENGE_TICK_LIMIT,
  CAMPAIGN,
  arrivalTicks,
  buildChallenge,
  playChallenge,
  type PlayerScript,
} from '../../shared/levels/index.ts';
import { dispatchBy, idle } from './scripts.ts';
import { CHALLENGE_PLAYS } from './solutions/challenges.ts';

const work = (s: Readonly<KernelState>, tid: number) => remainingWork(s as KernelState, s.threads[tid]!);
const byId = (id: string) => CHALLENGES.find((x) => x.spec.id === id)!;

it('has a challenge for every chapter, and a thinking play and naive plays for each', () => {
  expect(CHALLENGES.map((c) => c.spec.chapter).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  expect(Object.keys(CHALLENGE_PLAYS).sort()).toEqual(CHALLENGES.map((c) => c.spec.id).sort());
});

describe.each(CHALLENGES.map((c) => [c.spec.id, c] as const))('challenge %s', (id, challenge) => {
  const plays = CHALLENGE_PLAYS[id]!;

  it('gets harder as it goes: each arrival comes no later after the last than the one before, down to one tick', () => {
    const ticks = arrivalTicks(challenge.spec);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThanOrEqual(gaps[i - 1]!);
    expect(gaps.at(-1)).toBe(1);
    expect(gaps[0]).toBeGreaterThan(1);
  });

  it('ends when the condition breaks, and playing the role lasts longer than doing nothing', () => {
    const none = playChallenge(challenge, idle);
    const good = playChallenge(challenge, plays.thinking());
    expect(none.score).toBeLessThan(good.score);
    expect(none.stars).toBe(0);
    expect(good.stars).toBeGreaterThanOrEqual(1);
    expect(good.score, 'rising load must break the machine in the end').toBeLessThan(CHALLENGE_TICK_LIMIT);
  });

  it('is deterministic, so a personal best can be compared', () => {
    expect(playChallenge(challenge, plays.thinking())).toEqual(playChallenge(challenge, plays.thinking()));
  });

  it("has its own id, apart from the map's levels and checkpoints", () => {
    expect(CAMPAIGN.some((n) => n.id === challenge.spec.id)).toBe(false);
    expect(challenge.spec.title.ko).toMatch(/[가-힣]/);
    expect(challenge.spec.title.en).not.toMatch(/[가-힣]/);
  });
});

// The challenges of chapters 3, 5 and 6 are decisions: a player who thinks, a tick late, earns three
// stars; doing nothing and each plausible play that skips the decision fail early with none.
describe.each(['challenge-fork-server', 'challenge-races', 'challenge-queues'])(
  'the decision in %s',
  (id) => {
    const challenge = byId(id);
    const plays = CHALLENGE_PLAYS[id]!;

    it('a player who thinks survives to three stars', () => {
      const r = playChallenge(challenge, plays.thinking());
      expect(r.stars, `survived ${r.score} ticks`).toBe(3);
    });

    it('doing nothing and the naive plays fail early, with no star', () => {
      expect(plays.naive.length).toBeGreaterThanOrEqual(2);
      const first = challenge.spec.starTicks[0];
      for (const script of [() => idle, ...plays.naive]) {
        const r = playChallenge(challenge, script());
        expect(r.stars, `survived ${r.score} ticks`).toBe(0);
        expect(r.score).toBeLessThan(first);
      }
    });
  },
);

describe('the scheduler challenge', () => {
  it('is a decision: shortest-first starves the long jobs and fails sooner than taking turns fairly', () => {
    const c = byId('challenge-scheduler');
    expect(playChallenge(c, dispatchBy(work)).score).toBeLessThan(
      playChallenge(
        c,
        dispatchBy(() => 0),
      ).score,
    );
  });
});

describe('the fork-server challenge', () => {
  const c = byId('challenge-fork-server');

  it('ends on zombies when the server never joins, on the backlog when it joins after every fork', () => {
    const [forget, joinEach] = CHALLENGE_PLAYS['challenge-fork-server']!.naive as [
      () => PlayerScript,
      () => PlayerScript,
    ];
    // Each fails on its own bound: without that bound it lasts longer.
    const keeping = (keep: string) => buildChallenge({ ...c.spec, keep });
    expect(playChallenge(keeping('chan.req.buffered <= 3'), forget()).score).toBeGreaterThan(
      playChallenge(c, forget()).score,
    );
    expect(playChallenge(keeping('zombies <= 3'), joinEach()).score).toBeGreaterThan(
      playChallenge(c, joinEach()).score,
    );
  });
});

describe('the resident processes of a challenge', () => {
  it('are there from tick 0 under their own names, and only the jobs are cycled and numbered', () => {
    const c = byId('challenge-queues');
    const procs = c.level.scenarioParsed.processes;
    expect(procs[0]).toMatchObject({ name: 'logd', arrival: 0 });
    expect(procs.filter((p) => p.name === 'logd')).toHaveLength(1);
    expect(procs.slice(1, 8).map((p) => p.name)).toEqual([
      'web1',
      'db1',
      'mail1',
      'chat1',
      'game1',
      'disk1',
      'temp1',
    ]);
  });
});
