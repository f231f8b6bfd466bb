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
  projectPlayers,
  projectSlots,
  projectStanding,
  type Adopt,
  type PlayerRecord,
} from '../../server/rooms/projection.ts';
import { ClientState, SchemaSerializer, type Client as ColyseusClient } from '@colyseus/core';
import { skipEmptyPatches } from '../../server/rooms/colyseus-internals.ts';
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
        projectStanding(crew, s, false);
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
          expect(theirs?.number, `${when}: ${key}'s number`).toBe(crew.number);
          if (c.crew === undefined || c.crew === key) {
            expect(theirs?.tick, `${when}: ${key}'s standing`).toBe(crew.tick);
            expect(theirs?.machine?.toJSON(), `${when}: ${key}'s machine for ${c.crew ?? 'host'}`).toEqual(
              crew.machine.toJSON(),
            );
            expect([...(theirs?.slots.get('j1')?.moves ?? [])]).toEqual([...crew.slots.get('j1')!.moves]);
          } else if (!c.held?.has(key)) {
            expect(theirs?.tick, `${when}: ${key}'s standing must not reach ${c.crew}`).toBeUndefined();
            expect(theirs?.utilization).toBeUndefined();
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

  it("another crew's tick and a classmate's score write nothing to a student; the host receives both", () => {
    const state = new RoomState();
    const machines = { c1: frames('class-workshop', 1), c2: frames('class-workshop', 2) };
    const player = (crew: string, score: number): PlayerRecord => ({
      nickname: crew,
      slot: 'j1',
      role: 'scheduler',
      score,
      connected: true,
      host: false,
      crew,
      graceFactor: 1,
    });
    const views = new CrewViews();
    const project = (key: 'c1' | 'c2', tick: number, n: number): void => {
      const crew = crewView(state, key, n);
      projectMachine(crew.machine, machines[key][tick]!, views.adopter(key));
      projectStanding(crew, machines[key][tick]!, false);
    };
    project('c1', 0, 1);
    project('c2', 0, 2);
    projectPlayers(state, [
      ['s1', player('c1', 0)],
      ['s2', player('c2', 0)],
    ]);
    const serializer = new SchemaSerializer();
    serializer.reset(state);
    // as Colyseus's room writes to its clients, with the room's empty-patch filter
    const clients = [undefined, 'c1', 'c2'].map((crew) => {
      const frames: number[][] = [];
      const client = {
        state: ClientState.JOINED,
        raw: (data: Uint8Array) => void frames.push([...data]),
      } as unknown as ColyseusClient & { view?: StateView };
      skipEmptyPatches(client);
      return { client, crew, frames };
    });
    const patch = (): void => {
      views.assign(
        state,
        clients.map((c) => ({ client: c.client as unknown as Client, crew: c.crew })),
      );
      clients.forEach((c) => (c.frames.length = 0));
      serializer.applyPatches(
        clients.map((c) => c.client),
        state,
      );
    };
    patch();
    const [host, first, second] = clients;
    // crew 2 ticks and its student scores: crew 1's student is written nothing
    for (let tick = 1; tick < 10; tick++) {
      project('c2', tick, 2);
      projectPlayers(state, [
        ['s1', player('c1', 0)],
        ['s2', player('c2', tick)],
      ]);
      patch();
      expect(state.crews.get('c2')!.tick, 'the walk moves crew 2').toBe(machines.c2[tick]!.tick);
      expect(first!.frames, `tick ${tick}: crew 1's student`).toEqual([]);
      expect(second!.frames, `tick ${tick}: crew 2's student`).toHaveLength(1);
      expect(host!.frames, `tick ${tick}: the host`).toHaveLength(1);
    }
    // what the host holds: every crew's standing and every score (decoded from its own full state)
    const decode = (c: (typeof clients)[number]) => {
      const encoder = (serializer as unknown as { encoder: Encoder }).encoder;
      const it = { offset: 0 };
      encoder.encodeAll(it);
      const bytes = encoder.encodeAllView(c.client.view!, it.offset, it);
      const d = Reflection.decode(Reflection.encode(encoder));
      d.decode(bytes);
      return d.state as unknown as typeof state;
    };
    const atHost = decode(host!);
    expect(atHost.crews.get('c2')?.tick).toBe(machines.c2[9]!.tick);
    expect(atHost.players.get('s2')?.score).toBe(9);
    const atFirst = decode(first!);
    expect(atFirst.crews.get('c2')?.tick).toBeUndefined();
    expect(atFirst.players.get('s2')?.score).toBeUndefined();
    expect(atFirst.players.get('s2')?.nickname).toBe('c2'); // the roster still reaches everyone
    expect(atFirst.crews.get('c1')?.tick).toBe(machines.c1[0]!.tick);
  });
});
