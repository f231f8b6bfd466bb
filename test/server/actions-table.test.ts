// The ACTIONS table is the one definition of a move: every legal move of every job, written as a
// message by toMessage, passes the edge for that job's holder and becomes exactly the same kernel action.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legalMoves } from '../../shared/kernel/index.ts';
import {
  ACTIONS,
  WIRE_MOVE_TYPES,
  hostOnly,
  replaysIntoBaselines,
  scores,
  toMessage,
} from '../../shared/protocol/actions.ts';
import {
  CLIENT_MESSAGE_TYPES,
  commandsOf,
  messageDocRows,
  messageTable,
  parseClientMessage,
  type Sender,
} from '../../shared/protocol/messages.ts';
import { MODES } from '../../server/game/modes.ts';

// the commands both modes accept, as they were listed by hand before the table had a modes column
const COMMON = [
  'start',
  'pause',
  'resume',
  'end-round',
  'restart',
  'speed',
  'lock',
  'late-join',
  'rename',
  'live-event',
  'kick',
];
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import { MACHINES, walk } from '../kernel/walk.ts';

describe('the ACTIONS table', () => {
  it('every legal move round-trips through its message for the job that may make it', () => {
    for (const m of MACHINES) {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 500 }), (seed) => {
          for (const s of walk(m, seed, [0, 3, 9, 20], new Set(m.slots.map((x) => x.key)))) {
            for (const slot of m.slots) {
              const sender: Sender = { role: slot.role, slot, tid: slotThreadId(s, slot), isHost: false };
              for (const a of legalMoves(s, slot)) {
                const msg = toMessage(a)!;
                expect(msg.type).toBe(a.type);
                expect(parseClientMessage(msg.type, msg.payload, sender), `${m.name} ${slot.key}`).toEqual({
                  ok: true,
                  kind: 'action',
                  action: a,
                });
              }
            }
          }
        }),
        { numRuns: 3, seed: 5 },
      );
    }
  });

  it('declares which moves the host alone sends, replay into baselines and score', () => {
    expect(WIRE_MOVE_TYPES.filter(hostOnly)).toEqual(['set-quantum', 'add-core', 'kill']);
    expect(WIRE_MOVE_TYPES.every((t) => CLIENT_MESSAGE_TYPES.includes(t))).toBe(true);
    expect(replaysIntoBaselines({ type: 'kill', pid: 1 })).toBe(true);
    expect(replaysIntoBaselines({ type: 'spawn-process', process: {} as never })).toBe(true);
    expect(replaysIntoBaselines({ type: 'dispatch', core: 0, tid: 1 })).toBe(false);
    expect(scores({ type: 'deliver', channel: 'q', message: 1 })).toBe(true);
    expect(scores({ type: 'set-quantum', quantum: 2 })).toBe(false);
    expect(toMessage({ type: 'spawn-process', process: {} as never })).toBeNull();
    expect(ACTIONS['spawn-process'].kind).toBe('internal');
  });

  it("gives each mode the host commands of its column, and the class none of the solo player's", () => {
    expect([...commandsOf('class')].sort()).toEqual(
      [
        ...COMMON,
        'assign',
        'rotate',
        'crew-size',
        'move-crew',
        'grace',
        'extra-time',
        'predict-time',
        'reveal',
      ].sort(),
    );
    expect([...commandsOf('solo')].sort()).toEqual([...COMMON, 'retry', 'take-job', 'step', 'undo'].sort());
    expect(MODES.class.commands).toEqual(commandsOf('class'));
    // the edge turns each host message into its command, whose type the modes name
    const host: Sender = { role: 'host', slot: null, tid: null, isHost: true };
    expect(parseClientMessage('solo:job', { slot: 'ipc:p' }, host)).toEqual({
      ok: true,
      kind: 'host',
      command: { type: 'take-job', slot: 'ipc:p' },
    });
    expect(parseClientMessage('host:speed', { ticksPerSecond: 4 }, host)).toMatchObject({
      command: { type: 'speed', ticksPerSecond: 4 },
    });
  });

  it('docs/PROTOCOL.md holds the message table generated from ACTIONS and the commands', () => {
    const doc = readFileSync(new URL('../../docs/PROTOCOL.md', import.meta.url), 'utf8');
    expect(doc).toContain(messageTable());
    expect(messageDocRows().map((r) => r.type)).toEqual(CLIENT_MESSAGE_TYPES);
  });
});
