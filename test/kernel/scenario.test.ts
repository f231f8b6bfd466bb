// Programs and scenarios as data: every instruction parses and prints back, and bad input names its field.
import { describe, expect, it } from 'vitest';
import { formatInstr, parseInstr, parseScenario } from '../../shared/kernel/index.ts';

describe('instructions as text', () => {
  const all = [
    'cpu 3',
    'io disk',
    'io disk 4',
    'fork',
    'fork child',
    'exec ls',
    'spawn worker',
    'join',
    'lock m',
    'unlock m',
    'wait items',
    'signal items',
    'load seg.x',
    'add 0',
    'store x',
    'alloc 2',
    'free 1',
    'send pipe1 hello world',
    'recv pipe1',
    'fault',
    'exit',
  ];
  it.each(all)('parses and formats back "%s"', (text) => {
    const r = parseInstr(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatInstr(r.instr)).toBe(text);
  });

  it('refuses an unknown instruction, listing the known ones', () => {
    const r = parseInstr('jump 3');
    expect(r.ok === false && r.error).toMatch(/^unknown instruction "jump"; known: cpu, io, fork/);
  });

  it.each([
    ['cpu', 'cpu needs a number'],
    ['cpu -1', 'cpu: "-1" is not a whole number'],
    ['cpu 0', 'cpu: 0 must be between 1 and 10000'],
    ['exit now', '"exit" takes 0 arguments at most'],
    ['fork a b', '"fork" takes 1 argument at most'],
    ['io disk 2 3', '"io" takes 2 arguments at most'],
    ['recv c x', 'recv timeout: "x" is not a whole number'],
    ['lock', 'lock needs a name'],
    ['send ch', 'send needs a message'],
    ['load __proto__!', 'load: "__proto__!" is not a valid name'],
  ])('refuses "%s" with a reason', (text, error) => {
    expect(parseInstr(text)).toMatchObject({ ok: false, error });
  });
});

describe('scenario validation', () => {
  const bad = (json: unknown) => {
    const r = parseScenario(json);
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };

  it('fills defaults', () => {
    const r = parseScenario({ jobs: [{ name: 'A', length: 3 }] });
    expect(r.ok && r.scenario).toMatchObject({
      cores: 1,
      quantum: 0,
      switchCost: 0,
      auto: { interrupts: true, delivery: true },
    });
  });

  it('names the field of every error', () => {
    expect(
      bad({
        jobs: [
          { name: 'A', length: 3 },
          { name: 'B', arrival: 'soon', length: 2 },
        ],
      }),
    ).toMatch(/^jobs\[1\]\.arrival: /);
    expect(bad({ cores: 9, jobs: [{ name: 'A', length: 1 }] })).toMatch(/^cores: /);
    expect(bad({ jobs: [{ name: 'A', program: ['io disk 3'] }] })).toBe(
      'jobs[0].program[0]: no device named "disk" in "devices"',
    );
    expect(bad({ jobs: [{ name: 'A', program: ['cpu x'] }] })).toBe(
      'jobs[0].program[0]: cpu: "x" is not a whole number',
    );
    expect(bad({ jobs: [{ name: 'A' }] })).toBe(
      'jobs[0]: give exactly one of "length", "program" or "threads"',
    );
    expect(bad({ jobs: [] })).toBe('jobs: at least one process is needed');
    expect(
      bad({
        jobs: [
          { name: 'A', length: 1 },
          { name: 'A', length: 1 },
        ],
      }),
    ).toBe('jobs[1].name: "A" is used by two processes');
    expect(bad({ jobs: [{ name: 'A', length: 1, colour: 'red' }] })).toMatch(/^jobs\[0\]: /);
    expect(bad({ processes: [{ name: 'A', program: ['exec ls'] }] })).toBe(
      'processes[0].program[0]: no program named "ls" in "programs"',
    );
    expect(bad({ channels: [{ name: 'p', kind: 'pipe' }], processes: [{ name: 'A', length: 1 }] })).toMatch(
      /^channels\[0\]\.owner: /,
    );
    expect(
      bad({
        processes: [
          { name: 'B', parent: 'A', length: 1 },
          { name: 'A', length: 1 },
        ],
      }),
    ).toMatch(/^processes\[0\]\.parent: /);
    expect(bad('nonsense')).toMatch(/^scenario: /);
  });
});
