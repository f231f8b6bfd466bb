// The answer of predict-then-reveal, from hand-computed figures: the best policy (most finished, then
// least waiting; ties all best), the class's waiting over every crew, its range, the tally and the phase.
import { describe, expect, it } from 'vitest';
import type { MachineMetrics } from '../../shared/kernel/index.ts';
import type { BaselinePolicy, BaselineResult } from '../../shared/protocol/summary.ts';
import {
  WAIT_BINS,
  advancePrediction,
  bestPolicies,
  classWaiting,
  judgePick,
  openPrediction,
  predict,
  roundAnswer,
  tallyPicks,
  waitBin,
} from '../../shared/roles/prediction.ts';

const m = (completed: number, waiting: number) =>
  ({ completed, averages: { waiting, response: 0, turnaround: 0 } }) as unknown as MachineMetrics;
const b = (policy: BaselinePolicy, completed: number, waiting: number): BaselineResult => ({
  policy,
  finished: true,
  metrics: m(completed, waiting),
});

describe('the answer', () => {
  it('the best policy finishes most, then waits least; equal ones are all best', () => {
    expect(
      bestPolicies([b('fifo', 6, 20), b('sjf', 6, 14.167), b('rr', 6, 29), b('priority', 6, 17)]),
    ).toEqual(['sjf']);
    // class-scheduling: SJF and priority tie at 4.1
    expect(
      bestPolicies([b('fifo', 10, 5.9), b('sjf', 10, 4.1), b('rr', 10, 6.4), b('priority', 10, 4.1)]),
    ).toEqual(['sjf', 'priority']);
    // finishing more beats waiting less
    expect(bestPolicies([b('fifo', 3, 1), b('sjf', 4, 9), b('rr', 4, 8), b('priority', 2, 0)])).toEqual([
      'rr',
    ]);
  });

  it("the class's waiting weights each crew by the processes it finished", () => {
    // crew 1: 4 done, 5 ticks each on average = 20; crew 2: 2 done at 11 = 22 → 42 / 6 = 7
    const crews = [{ metrics: m(4, 5) }, { metrics: m(2, 11) }];
    expect(classWaiting({ class: m(4, 5), crews } as never)).toBe(7);
    expect(classWaiting({ class: m(3, 2.25) })).toBe(2.3);
    expect(classWaiting({ class: m(0, 0) })).toBeNull();
  });

  it('the ranges are [0,5), [5,10), [10,20), 20 and more', () => {
    expect(WAIT_BINS.map((x) => [x.min, x.max])).toEqual([
      [0, 5],
      [5, 10],
      [10, 20],
      [20, null],
    ]);
    expect([0, 4.9, 5, 9.99, 10, 19.9, 20, 300].map(waitBin)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('a round without any finished process has no right range', () => {
    const answer = roundAnswer({ class: m(0, 0), baselines: [b('fifo', 1, 3)] });
    expect(answer).toEqual({ best: ['fifo'], waiting: null, bin: null });
    expect(judgePick({ policy: 'fifo', bin: 0 }, answer)).toEqual({ policyRight: true, binRight: false });
  });
});

describe('the picks', () => {
  it('counts each half, merges a second pick and refuses outside the phase', () => {
    expect(predict(null, 's1', { policy: 'rr' })).toEqual({ ok: false, refusal: 'prediction-not-open' });
    let phase = openPrediction(1, 30);
    for (const [seat, pick] of [
      ['s1', { policy: 'sjf' }],
      ['s2', { policy: 'fifo', bin: 2 }],
      ['s1', { bin: 1 }],
    ] as const) {
      const r = predict(phase, seat, pick);
      if (!r.ok) throw new Error(r.refusal);
      phase = r.phase;
    }
    expect(phase.picks.s1).toEqual({ policy: 'sjf', bin: 1 });
    expect(tallyPicks(Object.values(phase.picks))).toEqual({
      count: 2,
      policies: { fifo: 1, sjf: 1, rr: 0, priority: 0 },
      bins: [0, 1, 1, 0],
    });
    const later = advancePrediction(phase, 29_000);
    expect(later.due).toBe(false);
    expect(advancePrediction(later.phase, 1_000).due).toBe(true);
    expect(advancePrediction(openPrediction(1, 'until-reveal'), 1e9).due).toBe(false);
    const closed = { ...phase, revealed: true };
    expect(predict(closed, 's3', { bin: 0 })).toEqual({ ok: false, refusal: 'prediction-closed' });
  });
});
