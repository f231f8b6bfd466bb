// The mutex level cannot be won without the lock, by any timing: every plan the player could choose
// from the palette without `lock m` either loses an update or misses the goal's 20 ticks. Checked by
// exhausting the waits before and between the two deposits, and by random plans of any shape.
import { describe, expect, it } from 'vitest';
import { levelById, playLevelThinking } from '../../shared/levels/index.ts';
import { steer } from './scripts.ts';

const level = levelById('mutex')!;
const deposit = ['load balance', 'add 1', 'store balance'];
const wait = (n: number) => Array.from({ length: n }, () => 'cpu 1');

/** Plays a plan as the fastest possible player (no reaction delay: the whole plan lined up while paused). */
function outcome(plan: string[]) {
  const r = playLevelThinking(level, steer('bank', [...plan, 'exit']), 0);
  return { passed: r.passed, lost: r.figures.lostUpdates ?? 0, elapsed: r.figures.elapsed ?? 0 };
}

describe('mutex: no interleaving without the lock wins', () => {
  it('the lock does win (the check below is not vacuous)', () => {
    expect(
      outcome(['lock m', ...deposit, 'unlock m', 'cpu 2', 'lock m', ...deposit, 'unlock m']).passed,
    ).toBe(true);
  });

  it('every wait before and between the two deposits loses an update or the time limit', () => {
    let lostOnes = 0;
    for (let before = 0; before <= 16; before++) {
      for (let between = 0; between <= 16; between++) {
        const r = outcome([...wait(before), ...deposit, ...wait(between), ...deposit]);
        expect(r.passed, `wait ${before}, deposit, wait ${between}, deposit: ${JSON.stringify(r)}`).toBe(
          false,
        );
        if (r.lost > 0) lostOnes++;
      }
    }
    // Most timings are lost updates, not just slow: the race is what the level is about.
    expect(lostOnes).toBeGreaterThan((17 * 17) / 2);
  });

  it('random plans of any shape without the lock never win', () => {
    let seed = 13;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ops = ['load balance', 'add 1', 'store balance', 'cpu 1', 'cpu 2'];
    for (let k = 0; k < 150; k++) {
      const plan = Array.from(
        { length: 3 + Math.floor(next() * 14) },
        () => ops[Math.floor(next() * ops.length)]!,
      );
      expect(outcome(plan).passed, plan.join(', ')).toBe(false);
    }
  });
});
