// Every legal move of every job, applied by the kernel, emits the event answersMove names as its
// result (what the screen-reader mirror announces as "your move"), and no move answers another's.
import { describe, expect, it } from 'vitest';
import { applyActionInPlace, legalMoves } from '../../shared/kernel/index.ts';
import { hostOnly, toMessage, type PlayerMove } from '../../shared/protocol/actions.ts';
import { answersMove } from '../../shared/protocol/move-results.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import { MACHINES, walk } from './walk.ts';

describe('answersMove', () => {
  it.each(MACHINES.map((m) => [m.name, m] as const))(
    "%s: each legal move's kernel events hold its answer",
    (_, m) => {
      let checked = 0;
      for (const s of walk(m, 7, [0, 3, 9, 20], new Set(m.slots.map((x) => x.key)))) {
        for (const slot of m.slots) {
          const tid = slotThreadId(s, slot) ?? -1;
          const moves = legalMoves(s, slot);
          for (const action of moves) {
            const move = toMessage(action);
            if (!move || hostOnly(move.type)) continue;
            const next = structuredClone(s);
            const r = applyActionInPlace(next, action);
            expect(r.ok, `${m.name} ${slot.key} ${move.type}`).toBe(true);
            if (!r.ok) continue;
            expect(
              r.events.some((e) => answersMove(move as PlayerMove, e, tid)),
              `${m.name} ${slot.key} ${JSON.stringify(move)} → ${JSON.stringify(r.events)}`,
            ).toBe(true);
            // another of this job's moves is not answered by these events (a different core, thread, interrupt…)
            for (const other of moves) {
              const o = toMessage(other);
              if (!o || o === move || hostOnly(o.type) || o.type !== move.type) continue;
              if (JSON.stringify(o.payload) === JSON.stringify(move.payload) || o.type === 'choose') continue;
              expect(r.events.some((e) => answersMove(o as PlayerMove, e, tid))).toBe(false);
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});
