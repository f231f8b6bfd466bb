// The score is the OS outcome, computed by the kernel's rules and explained: literal cases (a lost
// update costs the student whose store caused it, a freed core dispatched at once, an idle core),
// and properties (fast-check): the same moves always give the same scores, and a move pair that
// changes nothing (preempt, then dispatch the same thread back) always loses points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  legalMoves,
  parseScenario,
  startKernel,
  type KernelState,
  type ScenarioInput,
} from '../../shared/kernel/index.ts';
import { roleSlots } from '../../shared/roles/assign.ts';
import {
  SCORE_POINTS,
  TIMED_CODES,
  newScoreBook,
  scoredAct,
  scoredTick,
  totals,
  type ScoreBook,
  type ScoreChange,
} from '../../shared/roles/score.ts';
import { describeScore } from '../../shared/roles/score-texts.ts';
import type { RoleSlot, ScoreMode } from '../../shared/roles/types.ts';
import classWorkshop from '../../server/scenarios/class-workshop.json' with { type: 'json' };

function start(input: ScenarioInput, seed = 1): { s: KernelState; book: ScoreBook } {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  const { state } = startKernel(r.scenario, seed);
  return { s: state, book: newScoreBook(state) };
}

const RACE: ScenarioInput = {
  cores: 2,
  quantum: 0,
  switchCost: 0,
  processes: [
    {
      name: 'counter',
      arrival: 0,
      vars: { count: 0 },
      threads: [
        { program: ['load count', 'add 1', 'store count', 'exit'] },
        { program: ['load count', 'cpu 1', 'add 1', 'store count', 'exit'] },
      ],
    },
  ],
};
const RACE_SLOTS: RoleSlot[] = [
  { key: 'scheduler', role: 'scheduler', cores: [0, 1] },
  { key: 'thread:counter:0', role: 'thread', process: 'counter', thread: 0 },
  { key: 'thread:counter:1', role: 'thread', process: 'counter', thread: 1 },
];

/** One core, two threads ready at once: the scheduler's decisions are "b first (least work), then a". */
const TWO: ScenarioInput = {
  cores: 1,
  quantum: 0,
  switchCost: 0,
  processes: [
    { name: 'a', arrival: 0, length: 3 },
    { name: 'b', arrival: 0, length: 2 },
  ],
};

describe('score: literal cases', () => {
  it('a lost update costs the thread whose store overwrote the other, names both, and its finish scores less', () => {
    const { s, book } = start(RACE);
    const changes: ScoreChange[] = [];
    while (s.readyQueue.length === 0) changes.push(...scoredTick(book, s, RACE_SLOTS).changes);
    const [a, b] = s.processes[s.arrivedPids.counter!]!.threads as [number, number];
    changes.push(...scoredAct(book, s, RACE_SLOTS, { type: 'dispatch', core: 0, tid: a }).changes);
    changes.push(...scoredAct(book, s, RACE_SLOTS, { type: 'dispatch', core: 1, tid: b }).changes);
    for (let i = 0; i < 20 && s.threads[b]!.state !== 'terminated'; i++)
      changes.push(...scoredTick(book, s, RACE_SLOTS).changes);
    expect(s.processes[s.arrivedPids.counter!]!.vars.count).toBe(1);
    const lost = changes.filter((c) => c.reason.code === 'lost-update');
    expect(lost).toEqual([
      {
        slot: 'thread:counter:1',
        tick: expect.any(Number),
        points: SCORE_POINTS['lost-update'],
        reason: { code: 'lost-update', tid: b, victim: a, var: 'count' },
      },
    ]);
    const names = (tid: number) => (tid === a ? '서연' : 'Alex');
    expect(describeScore(lost[0]!.reason, 'en', names)).toBe(
      "race: Alex's store overwrote 서연's update to count (a lost update)",
    );
    expect(describeScore(lost[0]!.reason, 'ko', names)).toContain('갱신 손실');
    const finished = changes
      .filter((c) => c.reason.code.startsWith('thread-finished'))
      .map((c) => [c.slot, c.reason.code]);
    expect(finished).toEqual([
      ['thread:counter:0', 'thread-finished'],
      ['thread:counter:1', 'thread-finished-broken'],
    ]);
    const t = totals(changes);
    expect(t['thread:counter:0']).toBeGreaterThan(t['thread:counter:1']!);
  });

  it('a freed core dispatched at once earns more than one left idle, and idling with Ready threads costs', () => {
    const slots: RoleSlot[] = [{ key: 'scheduler', role: 'scheduler', cores: [0] }];
    const { s, book } = start(TWO);
    const changes: ScoreChange[] = [];
    while (s.readyQueue.length < 2) changes.push(...scoredTick(book, s, slots).changes);
    // Three ticks of an idle core while two threads wait.
    for (let i = 0; i < 3; i++) changes.push(...scoredTick(book, s, slots).changes);
    expect(changes.map((c) => c.reason)).toEqual([{ code: 'core-idle', core: 0, ticks: 3, ready: 2 }]);
    const late = scoredAct(book, s, slots, { type: 'dispatch', core: 0, tid: s.readyQueue[1]! }).changes;
    expect(late.map((c) => c.reason.code)).toEqual(['core-busy', 'pick-like-sjf', 'first-run']);
    // The thread finishes; the other one is dispatched on the same tick the core came free.
    while (s.cores[0]!.running !== null) scoredTick(book, s, slots);
    const fast = scoredAct(book, s, slots, { type: 'dispatch', core: 0, tid: s.readyQueue[0]! }).changes;
    expect(fast[0]!.reason).toEqual({ code: 'core-busy-fast', core: 0, ticks: 0 });
    expect(describeScore(fast[0]!.reason, 'en', String)).toBe('core 1 busy again within 1 tick');
    expect(describeScore(changes[0]!.reason, 'en', String)).toBe(
      'core 1 idle for 3 ticks while 2 threads were Ready',
    );
  });
});

/** Plays the class scenario for `ticks` ticks, the choice stream picking one legal move (or none) per slot and tick. */
function play(seed: number, choices: readonly number[], ticks: number): ScoreChange[] {
  const { s, book } = start(classWorkshop as ScenarioInput, seed);
  const slots = roleSlots(s.scenario, 6);
  const out: ScoreChange[] = [];
  let k = 0;
  for (let t = 0; t < ticks; t++) {
    for (const slot of slots) {
      const moves = legalMoves(s, slot);
      const c = choices[k++ % choices.length]!;
      const move = moves[c % (moves.length + 1)];
      if (move) out.push(...scoredAct(book, s, slots, move).changes);
    }
    out.push(...scoredTick(book, s, slots).changes);
  }
  return out;
}

describe('score: properties', () => {
  it('replaying the same moves gives the same score changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 60 }),
        (seed, choices) => {
          expect(play(seed, choices, 40)).toEqual(play(seed, choices, 40));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('preempting a thread and dispatching it straight back never raises a score (it always costs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 60 }),
        fc.nat(30),
        (seed, choices, ticks) => {
          const { s, book } = start(classWorkshop as ScenarioInput, seed);
          const slots = roleSlots(s.scenario, 6);
          let k = 0;
          for (let t = 0; t < ticks; t++) {
            for (const slot of slots) {
              const moves = legalMoves(s, slot);
              const move = moves[choices[k++ % choices.length]! % (moves.length + 1)];
              if (move) scoredAct(book, s, slots, move);
            }
            scoredTick(book, s, slots);
          }
          for (const [core, c] of s.cores.entries()) {
            if (c.running === null) continue;
            const tid = c.running;
            const pair = [
              ...scoredAct(book, s, slots, { type: 'preempt', core }).changes,
              ...scoredAct(book, s, slots, { type: 'dispatch', core, tid }).changes,
            ];
            expect(pair.reduce((n, x) => n + x.points, 0)).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a scheduler spamming preempt-and-redispatch every tick ends the round with fewer points than one that does not', () => {
    const run = (spam: boolean): number => {
      const { s, book } = start(classWorkshop as ScenarioInput, 7);
      const slots = roleSlots(s.scenario, 6);
      const changes: ScoreChange[] = [];
      for (let t = 0; t < 60; t++) {
        for (const slot of slots) {
          for (const move of legalMoves(s, slot)
            .filter((m) => m.type !== 'preempt')
            .slice(0, 1))
            changes.push(...scoredAct(book, s, slots, move).changes);
        }
        if (spam) {
          for (const [core, c] of s.cores.entries()) {
            if (c.running === null) continue;
            const tid = c.running;
            changes.push(
              ...scoredAct(book, s, slots, { type: 'preempt', core }).changes,
              ...scoredAct(book, s, slots, { type: 'dispatch', core, tid }).changes,
            );
          }
        }
        changes.push(...scoredTick(book, s, slots).changes);
      }
      const sum = Object.entries(totals(changes))
        .filter(([slot]) => slot.startsWith('scheduler'))
        .reduce((n, [, v]) => n + v, 0);
      expect(changes.some((c) => c.slot.startsWith('scheduler'))).toBe(true);
      return sum;
    };
    expect(run(true)).toBeLessThan(run(false));
  });
});

describe("score: a room scored without speed ('no-speed')", () => {
  const slots: RoleSlot[] = [{ key: 'scheduler', role: 'scheduler', cores: [0] }];
  /** Plays those two decisions, each `delay` ticks after the core is free with work waiting. */
  function decide(mode: ScoreMode, delay: number): ScoreChange[] {
    const r = parseScenario(TWO);
    if (!r.ok) throw new Error(r.error);
    const { state: s } = startKernel(r.scenario, 1);
    const book = newScoreBook(s, mode);
    const out: ScoreChange[] = [];
    const tick = () => out.push(...scoredTick(book, s, slots).changes);
    for (const name of ['b', 'a']) {
      while (s.readyQueue.length === 0 || s.cores[0]!.running !== null) tick();
      for (let i = 0; i < delay; i++) tick();
      const tid = s.readyQueue.find((t) => s.processes[s.threads[t]!.pid]!.name === name)!;
      out.push(...scoredAct(book, s, slots, { type: 'dispatch', core: 0, tid }).changes);
    }
    while (s.cores[0]!.running !== null) tick();
    return out;
  }
  const scored = (changes: readonly ScoreChange[]) => changes.map((c) => [c.reason.code, c.points]);

  it('gives the same decisions the same score made at once or 7 ticks late; the standard mode does not', () => {
    const fast = decide('no-speed', 0);
    const slow = decide('no-speed', 7);
    expect(scored(slow)).toEqual(scored(fast));
    expect(totals(slow)).toEqual(totals(fast));
    expect(fast.some((c) => TIMED_CODES.has(c.reason.code))).toBe(false);
    expect(slow.some((c) => TIMED_CODES.has(c.reason.code))).toBe(false);
    // the same two decisions under the standard rule: the slow scheduler scores less (prompt bonus lost, idle charged)
    const standardFast = totals(decide('standard', 0)).scheduler!;
    const standardSlow = totals(decide('standard', 7)).scheduler!;
    expect(standardSlow).toBeLessThan(standardFast);
    expect(totals(slow).scheduler).toBeGreaterThan(standardSlow);
  });

  it('words its reasons without time, in Korean and English', () => {
    const [dispatch] = decide('no-speed', 7);
    expect(dispatch!.reason).toEqual({ code: 'core-dispatched', core: 0 });
    expect(describeScore(dispatch!.reason, 'en', String)).toBe('dispatched a thread on core 1');
    expect(describeScore(dispatch!.reason, 'ko', String)).toBe('코어 1에 스레드를 디스패치함');
    expect(describeScore({ code: 'irq-handled', id: 4 }, 'ko', String)).toBe('인터럽트 #4를 처리함');
    expect(describeScore({ code: 'message-delivered', channel: 'mq' }, 'en', String)).toBe(
      'delivered a message on mq',
    );
  });
});
