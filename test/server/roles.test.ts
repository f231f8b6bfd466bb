// Role rules on literal scenarios: the jobs a class size gets, fair assignment, rotation between
// rounds, host overrides and newcomers.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/kernel/index.ts';
import type { Scenario } from '../../shared/kernel/index.ts';
import { assignRoles, roleSlots, slotForLateJoiner } from '../../shared/roles/assign.ts';
import { SPECTATOR } from '../../shared/roles/types.ts';

function scenario(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

const machine = scenario({
  cores: 4,
  processes: [
    { name: 'a', length: 3 },
    {
      name: 'w',
      threads: [
        { program: ['cpu 1', 'exit'], steered: true },
        { program: ['cpu 1', 'exit'], steered: true },
      ],
    },
  ],
  channels: [
    { name: 'q', kind: 'mq' },
    { name: 'seg', kind: 'shm' },
  ],
  sharedMemory: {},
  auto: { interrupts: false, delivery: false },
});

describe('roleSlots', () => {
  it('lists one scheduler for the whole CPU, the interrupt handler, steered threads and channels (not shared memory)', () => {
    expect(roleSlots(machine, 1).map((s) => s.key)).toEqual([
      'scheduler',
      'interrupt',
      'thread:w:0',
      'thread:w:1',
      'ipc:q',
    ]);
  });
  it('splits the scheduler one per core only when the class is larger than the jobs', () => {
    expect(roleSlots(machine, 5).filter((s) => s.role === 'scheduler')).toHaveLength(1);
    expect(
      roleSlots(machine, 6)
        .filter((s) => s.role === 'scheduler')
        .map((s) => s.key),
    ).toEqual(['scheduler:0+2', 'scheduler:1+3']);
    const many = roleSlots(machine, 40).filter((s) => s.role === 'scheduler');
    expect(many.map((s) => s.key)).toEqual(['scheduler:0', 'scheduler:1', 'scheduler:2', 'scheduler:3']);
  });
  it('offers no interrupt or channel job when the kernel does that work itself', () => {
    const auto = { ...machine, auto: { interrupts: true, delivery: true } };
    expect(roleSlots(auto, 3).map((s) => s.role)).toEqual(['scheduler', 'thread', 'thread']);
  });
});

describe('assignRoles', () => {
  const slots = roleSlots(machine, 3);
  it('fills jobs in priority order; extra players watch', () => {
    expect(assignRoles(slots, ['p1', 'p2'], 0)).toEqual({ p1: 'scheduler', p2: 'interrupt' });
    const big = assignRoles(slots, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], 0);
    expect(big.p6).toBe(SPECTATOR);
  });
  it('rotates jobs between rounds so every player gets a turn', () => {
    const seats = ['p1', 'p2', 'p3'];
    const seen = new Map<string, Set<string>>(seats.map((s) => [s, new Set()]));
    for (let round = 0; round < 3; round++) {
      const a = assignRoles(slots, seats, round);
      expect(new Set(Object.values(a)).size).toBe(3);
      for (const s of seats) seen.get(s)!.add(a[s]!);
    }
    for (const s of seats) expect(seen.get(s)!.size).toBe(3);
  });
  it("honours the host's overrides first, the latest winning, and never gives one job to two players", () => {
    const a = assignRoles(slots, ['p1', 'p2', 'p3'], 0, { p2: 'scheduler', p3: 'scheduler' });
    expect(a.p3).toBe('scheduler');
    expect(Object.values(a).filter((k) => k === 'scheduler')).toHaveLength(1);
  });
  it('gives a newcomer the first job nobody holds', () => {
    expect(slotForLateJoiner(slots, new Set(['scheduler', 'interrupt']))).toBe('thread:w:0');
    expect(slotForLateJoiner(slots, new Set(slots.map((s) => s.key)))).toBe(SPECTATOR);
  });
});
