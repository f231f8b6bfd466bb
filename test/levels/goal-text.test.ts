// Every goal, star row and hint condition of every level (and challenge: its kept condition and its
// survival rows) reads as a sentence in both languages:
// no figure id, operator, `undefined` or particle fallback reaches the player (new levels are covered
// as soon as they are added), plus the sentences for a few literal conditions.
import { describe, expect, it } from 'vitest';
import { hasParticleFallback } from '../../shared/kernel/josa.ts';
import {
  CHALLENGES,
  LEVELS,
  clauseSentence,
  figureWords,
  goalSentences,
  knowsFigure,
  parseGoal,
  type Goal,
} from '../../shared/levels/index.ts';
import type { Level } from '../../shared/levels/index.ts';

const goal = (text: string): Goal => {
  const r = parseGoal(text);
  if (!r.ok) throw new Error(r.error);
  return r.goal;
};

function rawProblems(text: string, names: readonly string[], authored = false): string[] {
  const out: string[] = [];
  if (!authored && /<=|>=|==|!=|[<>]/.test(text)) out.push('an operator');
  if (/undefined|NaN|null|\[object/.test(text)) out.push('undefined');
  if (hasParticleFallback(text)) out.push('a particle fallback');
  for (const n of names) if (n.includes('.') && text.includes(n)) out.push(`the figure id ${n}`);
  if (
    /\b(averages|proc|var|chan|dev|events|peak|shm|recv|got|count|done|crashed|faults|player)\.[A-Za-z]/.test(
      text,
    )
  )
    out.push('a figure path');
  if (/명명 파이프/.test(text)) out.push('명명 파이프 (the notes say 명명된 파이프)');
  return out;
}

const conditions = (level: Level): { where: string; goal: Goal }[] => [
  { where: 'goal', goal: level.goal },
  ...level.stars.map((g, i) => ({ where: `stars[${i}]`, goal: g })),
  ...level.hints.flatMap((h, i) => (h.when ? [{ where: `hints[${i}].when`, goal: h.when }] : [])),
];

describe('every condition of every level and challenge as a sentence', () => {
  for (const level of [...LEVELS, ...CHALLENGES.map((c) => c.level)]) {
    it(level.id, () => {
      for (const { where, goal: g } of conditions(level)) {
        const names = g
          .flatMap((c) => [...c.left, ...c.right])
          .map((x) => x.term)
          .filter((x): x is string => typeof x === 'string');
        for (const n of names)
          expect(knowsFigure(n, level), `${level.id} ${where}: no words for ${n}`).toBe(true);
        for (const lang of ['ko', 'en'] as const) {
          for (const s of goalSentences(g, level, lang)) {
            expect(rawProblems(s, names), `${level.id} ${where} ${lang}: "${s}"`).toEqual([]);
            if (lang === 'ko') expect(s, s).toMatch(/[가-힣]/);
          }
          for (const n of names)
            expect(
              rawProblems(figureWords(n, 3, level, lang), names),
              figureWords(n, 3, level, lang),
            ).toEqual([]);
        }
      }
      for (const lang of ['ko', 'en'] as const) {
        for (const text of [
          level.title[lang],
          level.goalText[lang],
          ...level.card[lang],
          ...level.hints.map((h) => h[lang]),
        ])
          expect(rawProblems(text, [], true), text).toEqual([]);
      }
    });
  }
});

describe('sentences for literal conditions', () => {
  const level = LEVELS.find((l) => l.id === 'pcb-priority')!;
  it('says "never waits", not proc.music.waiting == 0', () => {
    expect(goalSentences(goal('proc.music.waiting == 0'), level, 'en')).toEqual([
      'music never waits in Ready',
    ]);
    expect(goalSentences(goal('proc.music.waiting == 0'), level, 'ko')).toEqual([
      'music은 준비 상태에서 한 틱도 기다리지 않는다',
    ]);
    expect(goalSentences(goal('proc.mail.waiting <= 4'), level, 'ko')).toEqual([
      'mail의 대기 시간(준비 상태에서 기다린 시간)이 4틱 이하이다',
    ]);
    expect(goalSentences(goal('proc.mail.waiting <= 1'), level, 'en')).toEqual([
      "mail's time waiting in Ready is at most 1 tick",
    ]);
  });
  it('words sums, figures against figures, flags, percentages and elapsed time', () => {
    expect(clauseSentence(goal('finished == 1')[0]!, level, 'ko')).toBe('모든 프로세스가 끝난다');
    expect(clauseSentence(goal('lostUpdates == 0')[0]!, level, 'en')).toBe('No update is lost');
    expect(clauseSentence(goal('utilization >= 0.9')[0]!, level, 'ko')).toBe('CPU 이용률이 90% 이상이다');
    expect(clauseSentence(goal('elapsed <= 16')[0]!, level, 'en')).toBe('Everything is done within 16 ticks');
    expect(clauseSentence(goal('proc.ls.ppid == proc.bash.pid')[0]!, level, 'en')).toBe(
      "ls's parent PID (PPID) equals bash's PID",
    );
    expect(clauseSentence(goal('proc.init.completion >= proc.vim.completion')[0]!, level, 'ko')).toBe(
      'init은 vim과 같거나 더 늦게 끝난다',
    );
    expect(clauseSentence(goal('var.shop.made - var.shop.sold <= 2')[0]!, level, 'ko')).toBe(
      'shop의 변수 made에서 shop의 변수 sold를 뺀 값이 2 이하이다',
    );
    expect(clauseSentence(goal('events.forked == 0')[0]!, level, 'en')).toBe('No fork happens');
    expect(clauseSentence(goal('events.forked == 0')[0]!, level, 'ko')).toBe(
      'fork가 한 번도 일어나지 않는다',
    );
    expect(clauseSentence(goal('proc.vim.depth == 3')[0]!, level, 'ko')).toBe(
      'vim의 프로세스 트리 깊이(최초의 프로세스가 0)가 3이다',
    );
    expect(clauseSentence(goal('2 >= proc.music.waiting')[0]!, level, 'en')).toBe(
      "music's time waiting in Ready is at most 2 ticks",
    );
  });
  it('returns an unknown figure raw, so the level test above fails on it', () => {
    expect(knowsFigure('bogus.figure')).toBe(false);
    expect(
      rawProblems(clauseSentence(goal('bogus.figure == 1')[0]!, undefined, 'en'), ['bogus.figure']),
    ).not.toEqual([]);
  });
});
