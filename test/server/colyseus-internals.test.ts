// The Colyseus internals the room relies on (the frame handler the guard wraps, the protocol codes it
// passes, the ws socket a frame is corked on) are still there: an incompatible Colyseus fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colyseusInternalsProblems, socketOf } from '../../server/rooms/colyseus-internals.ts';
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
});
