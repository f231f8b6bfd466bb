// The Colyseus internals the room relies on (the frame handler the guard wraps, the protocol codes it
// passes, the ws socket a frame is corked on) are still there: an incompatible Colyseus fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientState, SchemaSerializer, Protocol, type Client } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import {
  colyseusInternalsProblems,
  skipEmptyPatches,
  socketOf,
} from '../../server/rooms/colyseus-internals.ts';
import { RoomState, crewView } from '../../server/rooms/projection.ts';
import { boot, until, type Harness } from './harness.ts';
import { ROLES_SCENARIO } from './fixtures.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

describe('the Colyseus adapter', () => {
  it('finds every internal it patches in this Colyseus version', () => {
    expect(colyseusInternalsProblems()).toEqual([]);
  });

  it('reaches the TCP socket under a connected client, so patches are corked', async () => {
    const created = await h.createRoom({ scenario: ROLES_SCENARIO });
    await h.host(created);
    const room = h.roomOf(created.roomId);
    await until('the host is connected', () => room.clients.length === 1);
    const socket = socketOf(room.clients[0]!);
    expect(socket).not.toBeNull();
    expect(socket!.writable).toBe(true);
  });

  it('a joined client is not written an empty patch (the room installs the filter)', async () => {
    const created = await h.createRoom({ scenario: ROLES_SCENARIO });
    await h.host(created);
    const room = h.roomOf(created.roomId);
    await until('the host is connected', () => room.clients.length === 1);
    const client = room.clients[0]!;
    const ws = (client as unknown as { ref: { send: (...a: unknown[]) => void } }).ref;
    const send = ws.send.bind(ws);
    let writes = 0;
    ws.send = (...a: unknown[]) => {
      writes++;
      send(...a);
    };
    client.raw(Uint8Array.of(Protocol.ROOM_STATE_PATCH));
    expect(writes).toBe(0);
    client.send('welcome-probe', {});
    expect(writes).toBeGreaterThan(0); // other messages still reach the socket
  });
});

describe('patches that hold nothing for a client', () => {
  /** Two students of different crews, each with its crew's view, as Colyseus's own serializer writes to them. */
  function twoCrews(skip: boolean) {
    const state = new RoomState();
    const a = crewView(state, 'c1', 1);
    const b = crewView(state, 'c2', 2);
    const serializer = new SchemaSerializer();
    serializer.reset(state);
    const clients = [a, b].map((crew) => {
      const view = new StateView();
      view.add(crew);
      const frames: number[][] = [];
      const client = {
        state: ClientState.JOINED,
        view,
        raw: (data: Uint8Array) => void frames.push([...data]),
      } as unknown as Client;
      if (skip) skipEmptyPatches(client);
      return { client, frames };
    });
    const patch = () => {
      clients.forEach((c) => (c.frames.length = 0));
      serializer.applyPatches(
        clients.map((c) => c.client),
        state,
      );
    };
    patch(); // the set-up itself
    return { state, a, clients, patch };
  }

  it('Colyseus writes a bare patch code to a crew whose machine did not change; it is not sent', () => {
    for (const skip of [false, true]) {
      const { a, clients, patch } = twoCrews(skip);
      a.machine!.tick = 7; // only crew 1's machine (a filtered field) moves
      patch();
      expect(clients[0]!.frames).toHaveLength(1);
      expect(clients[0]!.frames[0]!.length).toBeGreaterThan(1);
      // without the filter crew 2's student gets the patch code alone; with it, nothing
      expect(clients[1]!.frames).toEqual(skip ? [] : [[Protocol.ROOM_STATE_PATCH]]);
    }
  });

  it('still sends every client a change they share', () => {
    const { state, clients, patch } = twoCrews(true);
    state.round = 2;
    patch();
    for (const c of clients) {
      expect(c.frames).toHaveLength(1);
      expect(c.frames[0]!.length).toBeGreaterThan(1);
    }
  });
});
