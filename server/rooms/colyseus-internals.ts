// The one place that reaches into Colyseus internals: the per-client frame handler the frame guard
// wraps (Room.prototype._onMessage), the protocol codes it lets through, and the TCP socket under a
// ws-transport client that a frame's patch and messages are corked on. colyseusInternalsProblems()
// says what an upgrade broke; a test runs it, so an incompatible Colyseus fails the suite, not a class.
import { Protocol, Room, type Client } from '@colyseus/core';
import { GAME_FRAME_CODES, guardFrames } from './frame-guard.ts';
import { patchFrames } from '../metrics.ts';

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

/** What a patch with no change for its client is on the wire: the patch code alone. */
const EMPTY_PATCH_LENGTH = 1;
const quieted = new WeakSet<object>();

/**
 * Stops sending a client patches that hold nothing for it. Colyseus writes every client a patch each frame
 * anything in the room changed; with per-crew views some are the bare patch code (only another crew's
 * machine moved: 12 % of frames in a 4 × 20 load run). Each costs a socket write here and a state-change callback (a redraw) on the client.
 * A timed frame (input sequencing) is longer and still goes out; so does every other message.
 */
export function skipEmptyPatches(client: Client): void {
  if (quieted.has(client)) return;
  quieted.add(client);
  const raw = client.raw.bind(client);
  client.raw = (data, options, cb) => {
    if (data[0] === Protocol.ROOM_STATE_PATCH) {
      if (data.length === EMPTY_PATCH_LENGTH) {
        patchFrames.skipped++;
        cb?.();
        return;
      }
      patchFrames.sent++;
    }
    raw(data, options, cb);
  };
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
  if (typeof (Protocol as unknown as Record<string, unknown>).ROOM_STATE_PATCH !== 'number')
    problems.push('Protocol.ROOM_STATE_PATCH is gone: empty patches cannot be told apart');
  for (const [name, code] of Object.entries(expected)) {
    const actual = (Protocol as unknown as Record<string, number>)[name];
    if (actual !== code) problems.push(`Protocol.${name} is ${actual}, the frame guard expects ${code}`);
  }
  return problems;
}
