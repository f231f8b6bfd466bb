// Per-crew views against the real encoder and decoder: a student's decoded state holds its own crew's
// machine exactly as the server projected it, patch after patch, and no other crew's machine; the host
// holds every crew's. Crews are re-split while students hold state (the lobby does this as students
// arrive), machines grow new processes, threads and messages (instances a view does not take in by
// itself), and a late joiner arrives mid-way. Patches are encoded as Colyseus's SchemaSerializer does:
// the shared part once, then once per distinct view.
import { describe, expect, it } from 'vitest';
import type { StateView } from '@colyseus/schema';
import { Encoder, Reflection, type Decoder } from '@colyseus/schema';
import type { Client } from '@colyseus/core';
import { CrewViews } from '../../server/rooms/crew-views.ts';
import {
  RoomState,
  crewView,
  projectMachine,
  projectSlots,
  type Adopt,
} from '../../server/rooms/projection.ts';
import { MACHINES, walk } from '../kernel/walk.ts';
import type { KernelState } from '../../shared/kernel/index.ts';

interface FakeClient {
  view?: StateView;
  decoder?: Decoder;
  crew: string | undefined;
  /** Crews this client held before (it keeps their machine as it was then: nothing updates it). */
  held?: Set<string>;
}

/** The machines walked tick by tick, copied so each crew keeps its own. */
function frames(name: string, seed: number): KernelState[] {
  const m = MACHINES.find((x) => x.name === name)!;
  const out: KernelState[] = [];
  for (const s of walk(
    m,
    seed,
    Array.from({ length: 40 }, (_, i) => i),
    new Set(),
  ))
    out.push(structuredClone(s));
  return out;
}

describe('per-crew views', () => {
  it("each student's decoded machine is its crew's, exactly; other crews arrive as standings only", () => {
    const state = new RoomState();
    const encoder = new Encoder(state);
    const views = new CrewViews();
    const machines = {
      c1: frames('class-workshop', 1),
      c2: frames('class-workshop', 2),
      c3: frames(MACHINES.find((m) => m.name.startsWith('level'))!.name, 3),
    };
    const keys = Object.keys(machines) as (keyof typeof machines)[];
    let adopted = 0;
    const project = (tick: number): void => {
      keys.forEach((key, i) => {
        const crew = crewView(state, key, i + 1);
        const list = machines[key];
        const s = list[Math.min(tick, list.length - 1)]!;
        const adopt: Adopt = (o) => {
          adopted++;
          views.adopter(key)(o);
        };
        projectMachine(crew.machine, s, adopt);
        // a job's legal moves: a list that grows and shrinks
        projectSlots(
          crew,
          [
            [
              'j1',
              {
                role: 'scheduler',
                holder: '',
                cores: [0],
                tid: -1,
                channel: '',
                moves: Array.from({ length: (tick % 4) + 1 }, (_, n) => `m${tick}-${n}`),
              },
            ],
          ],
          adopt,
        );
      });
    };
    const clients: FakeClient[] = [
      { crew: undefined }, // the host
      { crew: 'c1' },
      { crew: 'c1' },
      { crew: 'c2' },
      { crew: 'c3' },
    ];
    const joined = new Set<FakeClient>();
    const join = (c: FakeClient): void => {
      const it = { offset: 0 };
      encoder.encodeAll(it);
      const bytes = encoder.encodeAllView(c.view!, it.offset, it);
      c.decoder = Reflection.decode(Reflection.encode(encoder));
      c.decoder.decode(bytes);
      joined.add(c);
    };
    const patch = (): void => {
      const it = { offset: 0 };
      encoder.encode(it);
      const shared = it.offset;
      const byView = new Map<StateView, Uint8Array>();
      for (const c of joined) {
        let bytes = byView.get(c.view!);
        if (!bytes) {
          bytes = encoder.encodeView(c.view!, shared, it).slice();
          byView.set(c.view!, bytes);
        }
        c.decoder!.decode(bytes);
      }
      encoder.discardChanges();
    };
    const check = (when: string): void => {
      for (const c of joined) {
        const got = c.decoder!.state as unknown as typeof state;
        state.crews.forEach((crew, key) => {
          const theirs = got.crews.get(key);
          expect(theirs?.tick, `${when}: ${key}'s standing`).toBe(crew.tick);
          if (c.crew === undefined || c.crew === key) {
            expect(theirs?.machine?.toJSON(), `${when}: ${key}'s machine for ${c.crew ?? 'host'}`).toEqual(
              crew.machine.toJSON(),
            );
            expect([...(theirs?.slots.get('j1')?.moves ?? [])]).toEqual([...crew.slots.get('j1')!.moves]);
          } else if (!c.held?.has(key)) {
            expect(theirs?.machine, `${when}: ${key}'s machine must not reach ${c.crew}`).toBeUndefined();
            expect(theirs?.slots.get('j1')?.moves ?? []).toHaveLength(0);
          }
        });
      }
    };
    const assign = (): void =>
      views.assign(
        state,
        clients.map((c) => ({ client: c as unknown as Client, crew: c.crew })),
      );

    project(0);
    assign();
    for (const c of clients) join(c);
    check('joined');
    adopted = 0;
    for (let tick = 1; tick < 40; tick++) {
      project(tick);
      const move = (c: FakeClient, to: string): void => {
        (c.held ??= new Set()).add(c.crew!);
        c.crew = to;
      };
      if (tick === 5) move(clients[1]!, 'c2'); // re-split: a student moves while holding state
      if (tick === 9) {
        move(clients[3]!, 'c3');
        move(clients[4]!, 'c1');
      }
      if (tick === 12) clients.push({ crew: 'c3' }); // a late joiner
      assign();
      if (tick === 12) join(clients.at(-1)!);
      patch();
      check(`tick ${tick}`);
    }
    // the machines grew instances after the first patch (the case a view missed by itself)
    expect(adopted).toBeGreaterThan(0);
    // and the students who moved share their new crew's view once caught up
    assign();
    expect(clients[2]!.view).toBe(clients[4]!.view);
    expect(clients[3]!.view).toBe(clients[5]!.view);
    expect(new Set(clients.slice(1).map((c) => c.view)).size).toBe(3);
  });
});
