// Checkpoint items: "predict the machine" questions get their answer from the kernel, and no
// question gives its answer away by length (the right choice is not the one long, careful sentence).
import { describe, expect, it } from 'vitest';
import { CHECKPOINTS } from '../../shared/levels/index.ts';
import { predictionQuestion, type Prediction } from '../../shared/levels/predict.ts';

const all = CHECKPOINTS.flatMap((c) => c.questions);

const race = (cores: number): Prediction => ({
  id: 'race',
  source: 'test',
  after: 6,
  scenario: {
    cores,
    processes: [
      {
        name: 'bank',
        vars: { balance: 0 },
        threads: [
          { program: ['load balance', 'add 1', 'store balance', 'exit'] },
          { program: ['load balance', 'add 1', 'store balance', 'exit'] },
        ],
      },
    ],
  },
  probe: { kind: 'var', process: 'bank', name: 'balance', values: [0, 1, 2, 3] },
  ask: { ko: '잔고는?', en: 'balance?' },
  explain: { ko: '설명', en: 'why' },
});

describe('predict the machine', () => {
  it('stands in the checkpoints beside recall questions', () => {
    const predicted = all.filter((q) => q.predict);
    expect(predicted.length).toBeGreaterThanOrEqual(5);
    expect(
      new Set(predicted.map((q) => q.answer)).size,
      'the right answer is not always the same option',
    ).toBeGreaterThan(1);
    for (const c of CHECKPOINTS.filter((x) => x.questions.some((q) => q.predict)))
      expect(c.questions.some((q) => !q.predict)).toBe(true);
  });

  it('computes the answer by running the kernel: the same race on one core or on two', () => {
    // Two cores: both threads read 0 in the same tick, one update is lost. One core: they run in turn.
    expect(predictionQuestion(race(2)).en.choices[predictionQuestion(race(2)).answer]).toBe('balance = 1');
    expect(predictionQuestion(race(1)).en.choices[predictionQuestion(race(1)).answer]).toBe('balance = 2');
  });

  it('shows the machine in words in both languages: every thread, its state and its next instructions', () => {
    const q = predictionQuestion(race(2));
    expect(q.en.machine?.[0]).toMatch(/^bank·T1: Running .*next: add 1, store balance, exit$/);
    expect(q.ko.machine?.[1]).toMatch(/^bank·T2: 실행 상태 .*다음 명령: add 1, store balance, exit$/);
    expect(q.ko.machine).toContain('bank.balance = 0');
  });
});

describe('every checkpoint question', () => {
  it.each(all.map((q) => [q.id, q] as const))(
    '%s: its choices are of similar length in both languages',
    (_id, q) => {
      for (const lang of ['ko', 'en'] as const) {
        const lengths = q[lang].choices.map((c) => [...c].length);
        const right = lengths[q.answer]!;
        const longestWrong = Math.max(...lengths.filter((_, i) => i !== q.answer));
        expect(
          right,
          `${lang}: the right choice stands out by length: ${q[lang].choices.join(' | ')}`,
        ).toBeLessThanOrEqual(1.4 * longestWrong + 4);
        expect(Math.max(...lengths), `${lang}: ${q[lang].choices.join(' | ')}`).toBeLessThanOrEqual(
          3 * Math.min(...lengths) + 6,
        );
      }
    },
  );
});
