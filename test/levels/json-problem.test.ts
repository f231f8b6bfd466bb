// The sandbox's own JSON reader agrees with the engine's JSON.parse on what is JSON, for every text one
// edit away from a real scenario, so it never calls good JSON broken nor lets a broken one through.
import { describe, expect, it } from 'vitest';
import { findJsonProblem } from '../../shared/levels/json-problem.ts';
import { LEVELS, sandboxFromLevel } from '../../shared/levels/index.ts';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('the JSON reader of the sandbox editor', () => {
  // a scenario as the editor shows it, with every kind of JSON value in it
  const scenario = JSON.stringify(sandboxFromLevel(LEVELS[0]!).scenario, null, 2);
  const source = `${scenario.slice(0, scenario.lastIndexOf('}'))}, "s": "a\\"b\\u00e9", "n": -1.5e3, "t": [true, false, null, {}, [], 0]\n}`;

  it('reads the source as JSON', () => {
    expect(parses(source)).toBe(true);
    expect(findJsonProblem(source)).toBeNull();
  });

  it('agrees with JSON.parse on every text one character deleted, replaced or inserted away', () => {
    const edits = ['', ',', '}', ']', '"', ':', 'x', '0', '\\', '\n', '-', '.'];
    let broken = 0;
    for (let i = 0; i < source.length; i++) {
      for (const c of edits) {
        for (const t of [
          source.slice(0, i) + c + source.slice(i + 1),
          source.slice(0, i) + c + source.slice(i),
        ]) {
          const problem = findJsonProblem(t);
          expect(problem === null, JSON.stringify(t.slice(Math.max(0, i - 10), i + 10))).toBe(parses(t));
          if (problem) {
            broken++;
            expect(problem.offset).toBeLessThanOrEqual(t.length);
          }
        }
      }
    }
    expect(broken).toBeGreaterThan(1000);
  });
});
