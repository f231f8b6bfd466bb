// The dashboard's Korean and English tables say the same things: same keys, no empty text, same placeholders;
// the live feed describes the same events in both languages.
import { describe, expect, it } from 'vitest';
import { DASHBOARD_TEXTS } from '../../client/src/dashboard/texts.ts';
import { FEED_TYPES, formatEvent } from '../../client/src/dashboard/event-text.ts';
import { lang } from '../../client/src/dashboard/texts.ts';
import {
  applyActionInPlace,
  createKernel,
  describeEvent,
  kernelLabels,
  parseScenario,
  tickInPlace,
  type KernelEvent,
} from '../../shared/kernel/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard texts', () => {
  it('has the same keys in Korean and English', () => {
    expect(Object.keys(DASHBOARD_TEXTS.ko).sort()).toEqual(Object.keys(DASHBOARD_TEXTS.en).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    for (const [key, en] of Object.entries(DASHBOARD_TEXTS.en)) {
      const ko = DASHBOARD_TEXTS.ko[key as keyof typeof DASHBOARD_TEXTS.ko];
      expect(en.trim(), key).not.toBe('');
      expect(ko.trim(), key).not.toBe('');
      expect(placeholders(ko), key).toEqual(placeholders(en));
    }
  });

  it("describes the same kernel events in the feed in both languages, in the kernel's words and labels", () => {
    // a two-threaded process racing on one core, so threads are P1·T1 and P1·T2 as in the game
    const parsed = parseScenario({
      quantum: 2,
      processes: [
        { name: 'w', threads: [{ program: ['cpu 3'] }, { program: ['cpu 3'] }] },
        { name: 'x', arrival: 2, length: 2 },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const s = createKernel(parsed.scenario, 1);
    const events: KernelEvent[] = [];
    for (let i = 0; i < 30; i++) {
      if (s.cores[0]!.running === null && s.readyQueue.length > 0) {
        const r = applyActionInPlace(s, { type: 'dispatch', core: 0, tid: s.readyQueue[0]! });
        if (r.ok) events.push(...r.events);
      }
      for (const irq of [...s.interrupts]) {
        const r = applyActionInPlace(s, { type: 'handle-interrupt', id: irq.id });
        if (r.ok) events.push(...r.events);
      }
      events.push(...tickInPlace(s));
    }
    const shown = events.filter((e) => FEED_TYPES.has(e.type));
    expect(new Set(shown.map((e) => e.type)).size).toBeGreaterThanOrEqual(4);
    const labels = kernelLabels(s);
    for (const e of shown) {
      expect(formatEvent(e, labels)).toBe(describeEvent(e, labels, lang()));
      expect(describeEvent(e, labels, 'ko').trim(), e.type).not.toBe('');
      expect(describeEvent(e, labels, 'en').trim(), e.type).not.toBe('');
    }
    expect(
      shown
        .filter((e) => e.type === 'dispatched')
        .map((e) => describeEvent(e, labels, 'en'))
        .join(' '),
    ).toContain('P1·T2');
    expect(formatEvent({ tick: 0, type: 'chosen', tid: 1, instr: 'cpu 1' }, labels)).toBeNull();
  });
});
