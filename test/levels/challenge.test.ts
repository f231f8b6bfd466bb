// Challenges: load that keeps rising until the machine breaks its condition, scored by ticks survived.
import { describe, expect, it } from 'vitest';
import { remainingWork } from '../../shared/bots/index.ts';
import type { KernelState } from '../../shared/kernel/index.ts';
import {
  CHALLENGES,
  CHALLENGE_TICK_LIMIT,
  CAMPAIGN,
  arrivalTicks,
  playChallenge,
} from '../../shared/levels/index.ts';
import { dispatchBy, handleAll, idle } from './scripts.ts';

const work = (s: Readonly<KernelState>, tid: number) => remainingWork(s as KernelState, s.threads[tid]!);

describe.each(CHALLENGES.map((c) => [c.spec.id, c] as const))('challenge %s', (_id, challenge) => {
  const cores = Array.from({ length: challenge.level.scenarioParsed.cores }, (_, i) => i);
  const played = challenge.level.player.role === 'interrupt' ? handleAll : dispatchBy(() => 0, cores);

  it('gets harder as it goes: each arrival comes no later after the last than the one before, down to one tick', () => {
    const ticks = arrivalTicks(challenge.spec);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThanOrEqual(gaps[i - 1]!);
    expect(gaps.at(-1)).toBe(1);
    expect(gaps[0]).toBeGreaterThan(1);
  });

  it('ends when the condition breaks, and playing the role lasts longer than doing nothing', () => {
    const none = playChallenge(challenge, idle);
    const good = playChallenge(challenge, played);
    expect(none.score).toBeLessThan(good.score);
    expect(none.stars).toBe(0);
    expect(good.stars).toBeGreaterThanOrEqual(1);
    expect(good.score, 'rising load must break the machine in the end').toBeLessThan(CHALLENGE_TICK_LIMIT);
  });

  it('is deterministic, so a personal best can be compared', () => {
    expect(playChallenge(challenge, played)).toEqual(playChallenge(challenge, played));
  });

  it("has its own id, apart from the map's levels and checkpoints", () => {
    expect(CAMPAIGN.some((n) => n.id === challenge.spec.id)).toBe(false);
    expect(challenge.spec.title.ko).toMatch(/[가-힣]/);
    expect(challenge.spec.title.en).not.toMatch(/[가-힣]/);
  });
});

describe('the scheduler challenge', () => {
  it('is a decision: shortest-first starves the long jobs and fails sooner than taking turns fairly', () => {
    const c = CHALLENGES.find((x) => x.spec.id === 'challenge-scheduler')!;
    expect(playChallenge(c, dispatchBy(work)).score).toBeLessThan(
      playChallenge(
        c,
        dispatchBy(() => 0),
      ).score,
    );
  });
});
