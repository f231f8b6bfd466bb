// legalMoves(state, slot) is exactly what the kernel accepts from that job: every move it lists is
// accepted, and every move the kernel would accept from the job (from a wide set of candidates) is listed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  applyActionInPlace,
  formatInstr,
  legalMoves,
  type KernelAction,
  type KernelState,
} from '../../shared/kernel/index.ts';
import { botMoves } from '../../shared/bots/index.ts';
import { classPolicy } from '../../server/game/bot-driver.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import { MACHINES, walk } from './walk.ts';

const key = (a: KernelAction) => JSON.stringify(a);

/** Everything a holder of `slot` could try to send, legal or not. */
function candidates(s: KernelState, slot: RoleSlot): KernelAction[] {
  const tids = Object.keys(s.threads).map(Number);
  switch (slot.role) {
    case 'scheduler':
      return slot.cores.flatMap((core) => [
        { type: 'preempt', core } as KernelAction,
        ...tids.flatMap((tid): KernelAction[] => [
          { type: 'dispatch', core, tid },
          { type: 'replace', core, tid },
        ]),
      ]);
    case 'interrupt': {
      const top = Math.max(0, ...s.interrupts.map((i) => i.id)) + 2;
      return Array.from({ length: top }, (_, id): KernelAction => ({ type: 'handle-interrupt', id }));
    }
    case 'ipc': {
      const c = s.channels[slot.channel];
      return (c?.inFlight ?? [])
        .flatMap((m) => [m.id, m.id + 1000])
        .map((message): KernelAction => ({ type: 'deliver', channel: slot.channel, message }));
    }
    case 'thread': {
      const tid = slotThreadId(s, slot);
      const t = tid === null ? undefined : s.threads[tid];
      if (!t) return [];
      const locks = Object.keys(s.locks);
      const texts = new Set([
        ...t.palette.map(formatInstr),
        'exit',
        'cpu 1',
        ...locks.map((l) => `unlock ${l}`),
        ...locks.map((l) => `lock ${l}`),
      ]);
      return [...texts].map((instr): KernelAction => ({ type: 'choose', tid: t.tid, instr }));
    }
  }
}

/** A walk's seed, the ticks it stops at and the jobs left idle (as absent people leave theirs). */
const walkArbitraries = (m: (typeof MACHINES)[number]) =>
  [
    fc.integer({ min: 1, max: 1000 }),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 })
      .map((xs) => xs.sort((a, b) => a - b)),
    fc.subarray(m.slots.map((s) => s.key)),
  ] as const;

describe('legalMoves', () => {
  it.each(MACHINES.map((m) => [m.name, m] as const))(
    '%s: lists exactly the moves the kernel accepts from each job',
    (_, m) => {
      fc.assert(
        fc.property(...walkArbitraries(m), (seed, ticks, idle) => {
          for (const s of walk(m, seed, ticks, new Set(idle))) {
            for (const slot of m.slots) {
              const legal = legalMoves(s, slot);
              const listed = new Set(legal.map(key));
              expect(listed.size).toBe(legal.length);
              for (const a of legal)
                expect(applyAction(s, a).ok, `${slot.key} at ${s.tick}: ${key(a)}`).toBe(true);
              for (const a of candidates(s, slot)) {
                if (applyAction(s, a).ok)
                  expect(
                    listed.has(key(a)),
                    `${slot.key} at ${s.tick}: accepted but not listed ${key(a)}`,
                  ).toBe(true);
              }
            }
          }
        }),
        { numRuns: 8, seed: 12 },
      );
    },
  );

  it.each(MACHINES.map((m) => [m.name, m] as const))(
    '%s: the role bots pick only among the legal moves of the job they play',
    (_, m) => {
      let moves = 0;
      fc.assert(
        fc.property(...walkArbitraries(m), (seed, ticks, idle) => {
          for (const s of walk(m, seed, ticks, new Set(idle))) {
            for (const slot of m.slots) {
              // as a room's driver plays them: each move applied before the next is checked
              const copy = structuredClone(s);
              for (const a of botMoves(copy, slot, classPolicy(copy))) {
                const listed = new Set(legalMoves(copy, slot).map(key));
                expect(listed.has(key(a)), `${slot.key} at ${copy.tick}: bot chose ${key(a)}`).toBe(true);
                applyActionInPlace(copy, a);
                moves++;
              }
            }
          }
        }),
        { numRuns: 4, seed: 31 },
      );
      expect(moves).toBeGreaterThan(0);
    },
  );
});
