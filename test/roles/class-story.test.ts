// The projector's story from literal events: a race names both students and the value left behind,
// repeated warnings fold into one line with ×N, and a debrief lists races and deadlocks first.
import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../shared/kernel/types.ts';
import { classMoments, keyMoments, momentLine } from '../../shared/roles/class-story.ts';

const names = (tid: number): string =>
  (({ 1: '서연', 2: 'Alex' }) as Record<number, string>)[tid] ?? `T${tid}`;

describe('class moments', () => {
  it('a race names the student who overwrote and the one overwritten, with the value now in the variable', () => {
    const events: KernelEvent[] = [
      { tick: 5, type: 'stored', tid: 1, var: 'count', value: 1 },
      { tick: 6, type: 'lost-update', var: 'count', tid: 2, overwritten: 1, pid: 3 },
      { tick: 6, type: 'stored', tid: 2, var: 'count', value: 1 },
    ];
    const [race] = classMoments(events, names);
    expect(race).toMatchObject({ kind: 'race', tick: 6, count: 1, who: ['서연', 'Alex'] });
    expect(momentLine(race!, 'en')).toBe("count: an update was lost (now 1) — Alex overwrote 서연's");
    expect(momentLine(race!, 'ko')).toBe('count: 갱신 손실 (지금 1) — Alex가 서연의 변경을 덮어씀');
  });

  it('groups repeated warnings and puts banners before them, in tick order', () => {
    const starving: KernelEvent[] = Array.from({ length: 11 }, (_, i) => ({
      tick: 10 + i,
      type: 'starvation',
      tid: 3 + (i % 2),
      waited: 20,
    }));
    const events: KernelEvent[] = [
      ...starving,
      { tick: 30, type: 'deadlock', tids: [1, 2] },
      { tick: 25, type: 'killed', pid: 4 },
    ];
    const moments = keyMoments(classMoments(events, names));
    expect(moments.map((m) => m.kind)).toEqual(['deadlock', 'teacher', 'warning']);
    expect(momentLine(moments[2]!, 'en')).toBe('starvation ×11');
    expect(momentLine(moments[0]!, 'en')).toBe('Deadlock: 서연, Alex wait for each other forever');
  });
});
