// The one place that reaches into Colyseus internals: the per-client frame handler the frame guard
// wraps (Room.prototype._onMessage), the protocol codes it lets through, and the TCP socket under a
// ws-transport client that a frame's patch and messages are corked on. colyseusInternalsProblems()
// says what an upgrade broke; a test runs it, so an incompatible Colyseus fails the suite, not a class.
import { Protocol, Room, type Client } from '@colyseus/core';
import { GAME_FRAME_CODES, guardFrames } from './frame-guard.ts';

/** A socket that can batch writes. */
interface Corkable {
  cork(): void;
  uncork(): void;
  writable?: boolean;
}

/** The TCP socket under a client's WebSocket (ws transport), or null for another transport. */
export function socketOf(client: Client): Corkable | null {
  const socket = (client as unknown as { ref?: { _socket?: Partial<Corkable> } }).ref?._socket;
  return socket && typeof socket.cork === 'function' && typeof socket.uncork === 'function'
    ? (socket as Corkable)
    : null;
}

/** Corks every client's socket so one frame's patch and queued messages leave in one write; returns them to uncork. */
export function corkSockets(clients: Iterable<Client>): Corkable[] {
  const corked: Corkable[] = [];
  for (const client of clients) {
    const socket = socketOf(client);
    if (socket && socket.writable) {
      socket.cork();
      corked.push(socket);
    }
  }
  return corked;
}

/** Puts the frame guard in front of a room class's frame handler. */
export function installFrameGuard(roomClass: abstract new (...args: never[]) => Room): void {
  guardFrames(roomClass);
}

/** What this Colyseus version no longer offers of what the adapter relies on (empty when compatible). */
export function colyseusInternalsProblems(): string[] {
  const problems: string[] = [];
  if (typeof (Room.prototype as unknown as { _onMessage?: unknown })._onMessage !== 'function')
    problems.push('Room.prototype._onMessage is gone: the frame guard cannot wrap it');
  const expected = {
    JOIN_ROOM: GAME_FRAME_CODES.join,
    LEAVE_ROOM: GAME_FRAME_CODES.leave,
    ROOM_DATA: GAME_FRAME_CODES.data,
    PING: GAME_FRAME_CODES.ping,
  };
  for (const [name, code] of Object.entries(expected)) {
    const actual = (Protocol as unknown as Record<string, number>)[name];
    if (actual !== code) problems.push(`Protocol.${name} is ${actual}, the frame guard expects ${code}`);
  }
  return problems;
}
