// The host's live events become ordinary, replayable kernel actions with the effect their names promise.
import { describe, expect, it } from 'vitest';
import { describeRejection, liveEventActions, type LiveEvent } from '../../shared/kernel/index.ts';
import { runWithBots } from '../../shared/sim/run.ts';
import { machine, type Sim } from './harness.ts';

function inject(m: Sim, e: LiveEvent): void {
  const r = liveEventActions(m.s, e);
  if (!r.ok) throw new Error(r.rejection.code);
  r.actions.forEach((a) => m.act(a));
}

describe('live events', () => {
  it('an I/O storm adds background processes that hammer the first device', () => {
    const m = machine({ devices: { disk: 2 }, processes: [{ name: 'A', length: 5 }] });
    inject(m, { kind: 'io-storm', size: 4 });
    const storm = Object.values(m.s.processes).filter((p) => p.name.startsWith('io-storm'));
    expect(storm).toHaveLength(4);
    expect(storm.every((p) => p.kind === 'background')).toBe(true);
    const noDevice = machine({ processes: [{ name: 'A', length: 5 }] });
    const refused = liveEventActions(noDevice.s, { kind: 'io-storm' });
    expect(refused.ok).toBe(false);
    // the host reads why in their own language
    if (!refused.ok) {
      expect(describeRejection(refused.rejection, 'en')).toBe(
        'That process cannot be created: this machine has no I/O device to storm.',
      );
      expect(describeRejection(refused.rejection, 'ko')).toBe(
        '그 프로세스는 만들 수 없습니다: 이 컴퓨터에는 입출력 요청을 몰아줄 장치가 없습니다.',
      );
    }
  });

  it('a fork bomb of depth d makes 2^d processes when it runs, and the process table stops a deep one', () => {
    const m = machine({ cores: 4, processes: [{ name: 'A', length: 1 }] });
    inject(m, { kind: 'fork-bomb', depth: 3 });
    const scenario = m.s.scenario;
    const r = runWithBots(
      {
        ...scenario,
        processes: [
          {
            ...scenario.processes[0]!,
            threads: [
              {
                program: [
                  { op: 'fork', program: null },
                  { op: 'fork', program: null },
                  { op: 'fork', program: null },
                  { op: 'cpu', n: 2 },
                ],
                steered: false,
                palette: [],
              },
            ],
          },
        ],
      },
      { kind: 'fifo' },
    );
    expect(r.state.processes[1]).toMatchObject({ name: 'init', system: true }); // a scenario that forks has init
    expect(Object.values(r.state.processes).filter((p) => !p.system)).toHaveLength(8);
    let failed = 0;
    const deep = runWithBots(
      {
        ...scenario,
        quantum: 1,
        processes: [
          {
            ...scenario.processes[0]!,
            threads: [
              {
                program: [
                  ...Array.from({ length: 9 }, () => ({ op: 'fork' as const, program: null })),
                  { op: 'cpu' as const, n: 50 },
                ],
                steered: false,
                palette: [],
              },
            ],
          },
        ],
      },
      { kind: 'rr' },
      {
        onEvent: (e) => {
          if (e.type === 'fork-failed') failed++;
        },
      },
    );
    expect(failed).toBeGreaterThan(0);
    expect(deep.finished).toBe(true);
    expect(Object.keys(deep.state.processes).length).toBeLessThan(512);
  });

  it('a crash kills the process on the lowest busy core, an extra core and a new quantum apply at once', () => {
    const m = machine({
      cores: 2,
      processes: [
        { name: 'A', length: 5 },
        { name: 'B', length: 5 },
      ],
    }).dispatch(1, 2);
    inject(m, { kind: 'crash' });
    expect(m.proc(2).faulted).toBe(true);
    expect(m.proc(1).terminated).toBe(false);
    inject(m, { kind: 'add-core' });
    inject(m, { kind: 'set-quantum', quantum: 3 });
    expect(m.s.cores).toHaveLength(3);
    expect(m.s.scenario.quantum).toBe(3);
  });
});
