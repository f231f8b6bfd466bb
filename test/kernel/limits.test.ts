// Limits are declared once (shared/kernel/limits.ts): the kernel refuses out-of-range numbers with its
// bilingual sentence, the validators derive from the same table, and docs/LIMITS.md is generated from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  describeRejection,
  inLimit,
  limitSchema,
  parseScenario,
  type LimitName,
} from '../../shared/kernel/index.ts';
import { limitsTable } from '../../shared/kernel/limits-doc.ts';
import { machine } from './harness.ts';

describe('limits', () => {
  it('inLimit and limitSchema agree on every declared range, at and beyond each end', () => {
    for (const name of Object.keys(LIMITS) as LimitName[]) {
      const l = LIMITS[name];
      for (const x of [l.min, l.max, l.min - l.step, l.max + l.step, l.min + l.step / 2, Number.NaN]) {
        expect(limitSchema(name).safeParse(x).success, `${name} ${x}`).toBe(inLimit(name, x));
      }
      expect(inLimit(name, l.min) && inLimit(name, l.max)).toBe(true);
      expect(inLimit(name, l.max + l.step)).toBe(false);
    }
  });

  it('scenarios take their ranges from the table (switch cost is one range everywhere)', () => {
    const at = (switchCost: number) => parseScenario({ processes: [{ name: 'a', length: 1 }], switchCost });
    expect(at(LIMITS.switchCost.max).ok).toBe(true);
    expect(at(LIMITS.switchCost.max + 1).ok).toBe(false);
    expect(parseScenario({ processes: [{ name: 'a', length: 1 }], cores: LIMITS.cores.max + 1 }).ok).toBe(
      false,
    );
  });

  it('the kernel refuses a quantum out of range with a sentence naming the range, in both languages', () => {
    const m = machine({ processes: [{ name: 'a', length: 3 }] });
    for (const quantum of [LIMITS.quantum.min - 1, LIMITS.quantum.max + 1, 1.5]) {
      const r = m.refuse({ type: 'set-quantum', quantum });
      expect(r.code).toBe('bad-quantum');
      expect(describeRejection(r, 'en')).toContain(`to ${LIMITS.quantum.max}, not ${quantum}`);
      expect(describeRejection(r, 'ko')).toContain(`${LIMITS.quantum.max}까지`);
    }
  });

  it('docs/LIMITS.md holds the table generated from limits.ts', () => {
    const doc = readFileSync(new URL('../../docs/LIMITS.md', import.meta.url), 'utf8');
    expect(doc).toContain(limitsTable());
  });
});
