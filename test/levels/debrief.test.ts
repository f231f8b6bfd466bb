// The debrief of an attempt: the decisive moment from the kernel's events, the best figure measured by
// running the classic policies (or the bots) through the kernel, and the takeaways, for every level's
// good and poor proofs, in both languages.
import { describe, expect, it } from 'vitest';
import { hasParticleFallback } from '../../shared/kernel/josa.ts';
import {
  LEVELS,
  TAKEAWAYS,
  CONCEPT_IDS,
  botRun,
  headlineFigure,
  levelById,
  levelDebrief,
  parseSandbox,
  playLevel,
  type Level,
  type SandboxSetup,
} from '../../shared/levels/index.ts';
import { SOLUTIONS } from './solutions.ts';

function debriefOf(level: Level, which: 'good' | 'poor') {
  const r = playLevel(level, SOLUTIONS[level.id]![which]());
  return { r, d: levelDebrief(level, r.session, r) };
}

const clean = (text: string): boolean =>
  text.trim() !== '' && !/undefined|NaN|null/.test(text) && !hasParticleFallback(text);

describe('every level has a debrief in both languages', () => {
  it('has a takeaway for every concept', () => {
    for (const c of CONCEPT_IDS)
      for (const lang of ['ko', 'en'] as const) expect(clean(TAKEAWAYS[c][lang]), c).toBe(true);
  });
  for (const level of LEVELS) {
    it(level.id, () => {
      for (const which of ['good', 'poor'] as const) {
        const { d } = debriefOf(level, which);
        expect(d.takeaways.length).toBe(level.concepts.length);
        for (const lang of ['ko', 'en'] as const) {
          for (const text of [d.decisive?.text[lang], d.best?.text[lang], ...d.takeaways.map((x) => x[lang])])
            if (text !== undefined) expect(clean(text), text).toBe(true);
        }
      }
    });
  }
});

describe('the debrief\u2019s figures come from the kernel', () => {
  it('first dispatch: the best classic policy is SJF, average waiting (0 + 3 + 9 + 16) / 4 = 7', () => {
    const level = levelById('first-dispatch')!;
    expect(headlineFigure(level)).toEqual({ figure: 'averages.waiting', op: '<=' });
    expect(botRun(level, 'sjf').figures['averages.waiting']).toBe(7);
    expect(botRun(level, 'fifo').figures['averages.waiting']).toBe(10.25);
    const { d } = debriefOf(level, 'poor');
    expect(d.best).toMatchObject({ figure: 'averages.waiting', best: 7, by: 'SJF' });
    expect(d.best!.text.en).toContain('SJF');
    expect(d.decisive?.text.en).toMatch(/^At tick \d+, \d waited in Ready at once/);
  });

  it('a race: the tick, both threads and the values of the lost update', () => {
    const level = levelById('mutex')!;
    const { r, d } = debriefOf(level, 'poor');
    const lost = r.session.events.find((e) => e.type === 'lost-update');
    expect(lost).toBeDefined();
    expect(d.decisive?.tick).toBe(lost!.tick);
    expect(d.decisive?.text.en).toMatch(
      new RegExp(
        `^At tick ${lost!.tick} .+ stored balance = \\d+ over .+'s \\d+: both had read the same old value, so one update was lost\\.$`,
      ),
    );
    expect(d.decisive?.text.ko).toContain('갱신 하나가 손실되었습니다');
  });

  it('a deadlock is the decisive moment of a deadlocked attempt', () => {
    const level = levelById('deadlock')!;
    const { r, d } = debriefOf(level, 'poor');
    const dl = r.session.events.find((e) => e.type === 'deadlock');
    expect(dl).toBeDefined();
    expect(d.decisive?.tick).toBe(dl!.tick);
    expect(d.decisive?.text.en).toMatch(/^At tick \d+: Deadlock!/);
    expect(d.decisive?.text.ko).toContain('교착 상태');
    // the attempt ends the tick the deadlock is found, not at the tick limit
    expect(r.session.state.tick).toBe(dl!.tick);
    expect(r.session.state.tick).toBeLessThan(level.tickLimit);
    expect(r.passed).toBe(false);
  });
});

describe('a sandbox debrief teaches what its machine holds', () => {
  const conceptsOf = (scenario: SandboxSetup['scenario'], policy: SandboxSetup['policy'] = 'fifo') => {
    const r = parseSandbox({ scenario, policy, player: { role: 'scheduler' } });
    if (!r.ok) throw new Error(r.error.en);
    return r.level.concepts;
  };

  it('jobs alone: dispatch, whose takeaway names the price of shortest-first (starvation)', () => {
    expect(conceptsOf({ processes: [{ name: 'a', length: 3 }] })).toEqual(['dispatch']);
    expect(TAKEAWAYS.dispatch.en).toMatch(/SJF.*starvation/);
    expect(TAKEAWAYS.dispatch.ko).toMatch(/SJF.*기아/);
  });

  it('locks, a named pipe and a timer: the lock, the deadlock two locks allow, then the pipe (at most three)', () => {
    const concepts = conceptsOf({
      quantum: 2,
      locks: ['a', 'b'],
      channels: [{ name: 'p', kind: 'fifo' }],
      processes: [
        { name: 'w', program: ['lock a', 'lock b', 'send p hi', 'unlock b', 'unlock a', 'exit'] },
        { name: 'r', program: ['recv p', 'exit'] },
      ],
    });
    expect(concepts).toEqual(['race-lock', 'deadlock', 'ipc-named-pipe']);
  });

  it('threads doing I/O under a time slice: shared threads, blocking I/O, the timer', () => {
    const concepts = conceptsOf({
      quantum: 3,
      devices: { disk: 2 },
      processes: [{ name: 'p', threads: [{ program: ['io disk', 'exit'] }, { program: ['cpu 2', 'exit'] }] }],
    });
    expect(concepts).toEqual(['threads-share', 'blocked-io-interrupt', 'time-slice-timer']);
  });
});
