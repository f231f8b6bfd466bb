// The live region's pacing: the machine's sentences at most once a tick and once a second, repeats
// counted, warnings first, a busy tick cut short; the player's own move's result or refusal at once.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../client/src/i18n/index.ts';
import { Announcer, SAY_GAP_MS, SAY_MAX } from '../../client/src/views/sr-announcer.ts';
import type { KernelEvent } from '../../shared/kernel/types.ts';

afterEach(() => setLanguage('en'));

const admitted = (tick: number, pid: number): KernelEvent => ({ tick, type: 'admitted', pid });
const said = (e: KernelEvent) => (e.type === 'admitted' ? `P${e.pid} admitted` : e.type);
const notable = (e: KernelEvent) => e.type === 'deadlock';

describe('the announcer', () => {
  it('groups a tick, counts repeats, puts warnings first and waits a tick and a second for the next', () => {
    const a = new Announcer();
    a.events(
      [admitted(1, 1), admitted(1, 1), admitted(1, 1), { tick: 1, type: 'deadlock', tids: [1, 2] }],
      said,
      notable,
    );
    expect(a.take(5000)).toEqual({ text: '⚠ deadlock · P1 admitted ×3' });
    expect(a.take(5001)).toEqual({ waitMs: 0 });
    a.events([admitted(2, 2)], said, notable);
    expect(a.take(5100)).toEqual({ waitMs: SAY_GAP_MS - 100 });
    expect(a.take(5000 + SAY_GAP_MS)).toEqual({ text: 'P2 admitted' });
    a.events(
      Array.from({ length: SAY_MAX + 2 }, (_, i) => admitted(3, i + 10)),
      said,
      notable,
    );
    const busy = a.take(10_000);
    expect('text' in busy && busy.text.endsWith('and 2 more')).toBe(true);
  });

  it("says the player's own move at once: the kernel's sentence for it, or the refusal's reason", () => {
    setLanguage('ko');
    const a = new Announcer();
    a.events([admitted(1, 1)], said, notable);
    expect('text' in a.take(0)).toBe(true);
    a.sent({ type: 'dispatch', payload: { core: 0, tid: 4 } }, -1);
    a.events(
      [{ tick: 1, type: 'dispatched', core: 0, tid: 4, switched: false }, admitted(1, 2)],
      (e) => (e.type === 'dispatched' ? 'P4 → 코어 0 디스패치' : said(e)),
      notable,
    );
    // the same tick, no time since: the own result is not held back (and brings the tick's other news)
    expect(a.take(1)).toEqual({ text: '내 행동: P4 → 코어 0 디스패치 · P2 admitted' });
    a.sent({ type: 'dispatch', payload: { core: 0, tid: 4 } }, -1);
    a.refused('dispatch', '코어 0은 이미 P4를 실행 중입니다.');
    expect(a.take(2)).toEqual({ text: '거절됨: 코어 0은 이미 P4를 실행 중입니다.' });
  });
});
