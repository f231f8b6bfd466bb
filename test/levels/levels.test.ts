// Every level's proof: a scripted play that earns 3 stars and one that fails, both played as a human
// who thinks (each move lands one tick after the machine that prompted it); texts in both languages;
// every concept of issue 6 taught somewhere.
import { describe, expect, it } from 'vitest';
import {
  CONCEPT_IDS,
  CONCEPT_NAMES,
  LEVELS,
  THINKING_DELAY,
  hintsFor,
  playLevelThinking,
} from '../../shared/levels/index.ts';
import type { KernelAction } from '../../shared/kernel/index.ts';
import { SOLUTIONS, proofMoves } from './solutions.ts';

describe('the campaign', () => {
  it('has at least 20 levels with unique ids and orders', () => {
    expect(LEVELS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(LEVELS.map((l) => l.id)).size).toBe(LEVELS.length);
    expect(new Set(LEVELS.map((l) => l.order)).size).toBe(LEVELS.length);
  });

  it('teaches every concept of issue 6 in at least one level', () => {
    const taught = new Set(LEVELS.flatMap((l) => l.concepts));
    for (const c of CONCEPT_IDS) expect(taught.has(c), c).toBe(true);
  });

  it('has a name for every concept in both languages', () => {
    for (const c of CONCEPT_IDS) {
      expect(CONCEPT_NAMES[c].ko.trim()).not.toBe('');
      expect(CONCEPT_NAMES[c].en.trim()).not.toBe('');
    }
  });

  it('covers every role', () => {
    expect(new Set(LEVELS.map((l) => l.player.role))).toEqual(
      new Set(['scheduler', 'interrupt', 'thread', 'ipc']),
    );
  });

  it('has proofs for every level and none for levels that do not exist', () => {
    expect(Object.keys(SOLUTIONS).sort()).toEqual(LEVELS.map((l) => l.id).sort());
  });
});

describe.each(LEVELS.map((l) => [l.id, l] as const))('level %s', (id, level) => {
  it(`a good play earns three stars with a ${THINKING_DELAY}-tick reaction delay`, () => {
    const r = playLevelThinking(level, SOLUTIONS[id]!.good());
    expect(r.passed, JSON.stringify(r.figures)).toBe(true);
    expect(r.stars, JSON.stringify(r.figures)).toBe(3);
    expect(r.session.state.tick).toBeLessThanOrEqual(level.tickLimit);
  });

  it('a poor play fails with no stars, and gets hints', () => {
    const r = playLevelThinking(level, SOLUTIONS[id]!.poor());
    expect(r.passed, JSON.stringify(r.figures)).toBe(false);
    expect(r.stars).toBe(0);
    expect(r.score).toBe(0);
    for (const lang of ['ko', 'en'] as const) {
      const hints = hintsFor(level, r, lang);
      expect(hints.length).toBeGreaterThan(0);
      for (const h of hints) expect(h.trim()).not.toBe('');
    }
  });

  it('is a decision: a plausible naive play earns fewer stars than the solution', () => {
    const good = playLevelThinking(level, SOLUTIONS[id]!.good());
    const naive = playLevelThinking(level, SOLUTIONS[id]!.naive());
    expect(naive.stars, JSON.stringify(naive.figures)).toBeLessThan(good.stars);
    for (const other of SOLUTIONS[id]!.alsoNaive ?? []) {
      const r = playLevelThinking(level, other());
      expect(r.stars, JSON.stringify(r.figures)).toBeLessThan(good.stars);
    }
  });

  it('has its texts in both languages', () => {
    for (const lang of ['ko', 'en'] as const) {
      expect(level.title[lang].trim()).not.toBe('');
      expect(level.goalText[lang].trim()).not.toBe('');
      expect(level.card[lang].length).toBeGreaterThanOrEqual(3);
      expect(level.card[lang].length).toBeLessThanOrEqual(6);
      for (const s of level.card[lang]) expect(s.trim()).not.toBe('');
      for (const h of level.hints) expect(h[lang].trim()).not.toBe('');
    }
    expect(level.card.ko.length).toBe(level.card.en.length);
    // Korean texts are Korean (Hangul), English texts are not.
    expect(level.title.ko).toMatch(/[가-힣]/);
    expect(level.goalText.ko).toMatch(/[가-힣]/);
    expect(level.title.en).not.toMatch(/[가-힣]/);
  });

  it('hands its 3-star proof over as data: the moves, which replayed alone earn the same stars', () => {
    const moves = proofMoves(id);
    const byTick = new Map<number, KernelAction[]>();
    for (const m of moves) byTick.set(m.tick, [...(byTick.get(m.tick) ?? []), m.action]);
    const r = playLevelThinking(level, (s) => byTick.get(s.tick)?.splice(0) ?? [], 0);
    expect(r.stars, JSON.stringify(r.figures)).toBe(3);
  });

  it('is deterministic: the same play gives the same result', () => {
    const a = playLevelThinking(level, SOLUTIONS[id]!.good());
    const b = playLevelThinking(level, SOLUTIONS[id]!.good());
    expect(b.figures).toEqual(a.figures);
    expect(b.session.log).toEqual(a.session.log);
  });
});
