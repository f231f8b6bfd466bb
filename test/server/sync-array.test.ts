// The projection's array and map copies against the real encoder and decoder: whatever sequence of
// contents an array goes through (grown, shrunk, reordered, emptied, unchanged), the client decodes exactly
// the last one. syncArray keeps a plain copy of each array to skip the unchanged ones without reading the
// ArraySchema (a Proxy); this checks that copy never drifts from what was sent. It also found a bug of
// @colyseus/schema 5.0.34 (an array popped and then pushed past its old length before one patch decodes
// wrong, e.g. [0] → [] → [0, 1] arrives as [1, 1]), which syncArray works around.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Encoder, Reflection, StateView } from '@colyseus/schema';
import { RoomState, crewView, projectSlots, type SlotRecord } from '../../server/rooms/projection.ts';

const slot = (moves: string[], cores: number[]): SlotRecord => ({
  role: 'scheduler',
  holder: 'h',
  cores,
  tid: -1,
  channel: '',
  moves,
});

describe('syncArray and syncMap', () => {
  it('the client decodes exactly the last contents, patch after patch', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            moves: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
            cores: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
            slots: fc.subarray(['j1', 'j2', 'j3'], { minLength: 0 }),
            patch: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (steps) => {
          const state = new RoomState();
          const crew = crewView(state, 'c1', 1);
          const encoder = new Encoder(state);
          // a legal move list is filtered: it reaches the clients whose view holds the crew
          const view = new StateView();
          view.add(crew);
          const decoder = Reflection.decode(Reflection.encode(encoder));
          const it = { offset: 0 };
          encoder.encodeAll(it);
          decoder.decode(encoder.encodeAllView(view, it.offset, it));
          encoder.discardChanges();
          for (const step of steps) {
            projectSlots(
              crew,
              step.slots.map((key) => [key, slot(step.moves, step.cores)]),
              (created) => view.add(created as never),
            );
            // some frames project twice before a patch goes out
            if (!step.patch) continue;
            const at = { offset: 0 };
            encoder.encode(at);
            decoder.decode(encoder.encodeView(view, at.offset, at));
            encoder.discardChanges();
            const got = (decoder.state as unknown as typeof state).crews.get('c1')!;
            expect([...got.slots.keys()].sort()).toEqual([...step.slots].sort());
            for (const key of step.slots) {
              expect([...got.slots.get(key)!.moves]).toEqual(step.moves);
              expect([...got.slots.get(key)!.cores]).toEqual(step.cores);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
