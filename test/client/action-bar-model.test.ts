// Every legal move is reachable through the action bar: the server's projection of each held job's
// legal moves, read back by the client's machine model, offered by the bar's model on some page (for a
// scheduler: with the card and core the canvas picks). Walks every level and the class workshop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barEntries, barPage, PAGE_SIZE, type Selection } from '../../client/src/views/action-bar-model.ts';
import { readMachine } from '../../client/src/views/machine-model.ts';
import {
  RoomState,
  crewView,
  projectMachine,
  projectPlayers,
  projectSlots,
} from '../../server/rooms/projection.ts';
import { legalMoves, type KernelState } from '../../shared/kernel/index.ts';
import { encodeMove, toMessage } from '../../shared/protocol/actions.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import { MACHINES, walk } from '../kernel/walk.ts';

const keyOf = (m: { type: string; payload?: unknown }) => `${m.type}:${JSON.stringify(m.payload ?? {})}`;

/** The synced state a client of `slot` would hold, projected as the room does. */
function synced(s: KernelState, slot: RoleSlot) {
  const state = new RoomState();
  state.phase = 'running';
  const crew = crewView(state, 'c1', 1);
  projectMachine(crew.machine, s);
  projectPlayers(state, [
    [
      'p1',
      {
        nickname: 'Mina',
        slot: slot.key,
        role: slot.role,
        score: 0,
        connected: true,
        host: false,
        crew: 'c1',
        graceFactor: 1,
      },
    ],
  ]);
  projectSlots(crew, [
    [
      slot.key,
      {
        role: slot.role,
        holder: 'p1',
        cores: slot.role === 'scheduler' ? slot.cores : [],
        tid: slotThreadId(s, slot) ?? -1,
        channel: slot.role === 'ipc' ? slot.channel : '',
        moves: legalMoves(s, slot).map((a) => encodeMove(toMessage(a)!)),
      },
    ],
  ]);
  return state;
}

/** Everything the bar offers across its pages (and, for a scheduler, across every card and core). */
function offered(s: KernelState, slot: RoleSlot): Set<string> {
  const model = readMachine(synced(s, slot), 'p1');
  const picks: (Selection | null)[] = [null];
  if (slot.role === 'scheduler')
    for (const core of slot.cores)
      for (const th of model.ready) picks.push({ tid: th.tid, label: th.label, core });
  const out = new Set<string>();
  for (const sel of picks) {
    for (const target of slot.role === 'scheduler' ? slot.cores : [undefined]) {
      const entries = barEntries(model, sel, target);
      const first = barPage(entries, 0);
      for (let page = 0; page < first.pages; page++) {
        const shown = barPage(entries, page);
        expect(shown.entries.length).toBeLessThanOrEqual(PAGE_SIZE);
        for (const e of shown.entries) if (e.action) out.add(keyOf(e.action));
      }
    }
  }
  return out;
}

describe('the action bar model', () => {
  it.each(MACHINES.map((m) => [m.name, m] as const))(
    '%s: offers every legal move of every job, and only those',
    (_, m) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1000 }),
          fc
            .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 })
            .map((xs) => xs.sort((a, b) => a - b)),
          (seed, ticks) => {
            for (const s of walk(m, seed, ticks, new Set(m.slots.map((x) => x.key)))) {
              for (const slot of m.slots) {
                const legal = new Set(legalMoves(s, slot).map((a) => keyOf(toMessage(a)!)));
                expect(offered(s, slot), `${m.name} ${slot.key} at tick ${s.tick}`).toEqual(legal);
              }
            }
          },
        ),
        { numRuns: 4, seed: 26 },
      );
    },
  );

  it("level 26's producer reaches exit: its 18 instructions span two pages", () => {
    const level = MACHINES.find((m) => m.name === 'level fastest-ipc')!;
    const producer = level.slots.find((x) => x.key === 'thread:producer:0')!;
    const [s] = [...walk(level, 1, [0], new Set([producer.key]))];
    const model = readMachine(synced(s!, producer), 'p1');
    const entries = barEntries(model, null);
    expect(entries.length).toBe(18);
    const last = barPage(entries, 1);
    expect(last.pages).toBe(2);
    expect(last.entries.map((e) => e.label)).toContain('exit');
    expect(barPage(entries, 0).entries.map((e) => e.label)).not.toContain('exit');
  });

  it('offers a legal move the screen has no place for, labelled by its move, so a new move needs no bar code', () => {
    const m = MACHINES.find((x) => x.slots.some((slot) => slot.role === 'interrupt'))!;
    const slot = m.slots.find((x) => x.role === 'interrupt')!;
    const [s] = [...walk(m, 1, [0], new Set([slot.key]))];
    const model = readMachine(synced(s!, slot), 'p1');
    const before = barEntries(model, null).length;
    // a projected move that no line of the interrupts list shows (as a move the bar was never taught would be)
    model.mine.moves.push({ type: 'handle-interrupt', payload: { id: 999 } });
    const entries = barEntries(model, null);
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toEqual({
      label: 'IRQ 999',
      action: { type: 'handle-interrupt', payload: { id: 999 } },
    });
  });
});
