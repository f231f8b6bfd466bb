// Seat reservations only for those who may sit: Colyseus reserves a seat (held ~15 s) before the
// room's onAuth sees the connection, so a class room's join is checked here, at the matchmaking call,
// against the room's code and key hashes kept in presence (any process of a scaled-out server can check).
import { matchMaker, ServerError } from '@colyseus/core';
import { REFUSED_AT_MATCHMAKING } from '../../shared/protocol/errors.ts';
import { normalizeJoinCode } from '../../shared/protocol/join-code.ts';
import { ROOM_NAMES } from './directory.ts';
import { keyHash } from '../game/key-hash.ts';

const GATES_KEY = 'kernel-crew:room-gates';
const GATED = Symbol('kernel-crew reservation gate');

/** What a join must show to get a seat reserved in a class room: its code, a host or viewer key, or a host pass (all hashed). */
interface Gate {
  code: string;
  /** keyHash of the host key and of the viewer key. */
  keys: string[];
  /** keyHash of each host pass not yet used → when it expires (ms since the epoch). */
  passes?: Record<string, number>;
}

/**
 * Records a class room's code and key hashes (keyHash: the room never has a plain host key) and its
 * open host passes for the gate; the room calls it again when its host key rotates or a pass is
 * issued or used.
 */
export async function registerRoomGate(
  roomId: string,
  code: string,
  keyHashes: string[],
  passes: Record<string, number> = {},
): Promise<void> {
  const gate: Gate = { code, keys: keyHashes, passes };
  await matchMaker.presence.hset(GATES_KEY, roomId, JSON.stringify(gate));
}

/** Forgets a closed room's gate. */
export async function releaseRoomGate(roomId: string): Promise<void> {
  await matchMaker.presence.hdel(GATES_KEY, roomId);
}

/**
 * Why a join would be refused before any seat is reserved, or null when it may go on to the room. The
 * HTTP route can only answer an HTTP status, so the refusal's name leads the message (joinRefusalOf).
 */
export async function gateRefusal(
  roomId: string,
  options: Record<string, unknown>,
): Promise<ServerError | null> {
  const raw = await matchMaker.presence.hget(GATES_KEY, roomId);
  if (!raw) return null; // not a class room (solo rooms check their one seat themselves)
  const gate = JSON.parse(raw) as Gate;
  if (typeof options.hostPass === 'string') {
    // the room checks it again with its own clock, and spends it
    const expires = gate.passes?.[keyHash(options.hostPass)];
    return expires !== undefined && expires > Date.now()
      ? null
      : new ServerError(REFUSED_AT_MATCHMAKING, 'bad-host-key: this host pass does not open this room');
  }
  const key =
    typeof options.hostKey === 'string'
      ? options.hostKey
      : typeof options.viewerKey === 'string'
        ? options.viewerKey
        : null;
  if (key !== null)
    return gate.keys.includes(keyHash(key))
      ? null
      : new ServerError(REFUSED_AT_MATCHMAKING, 'bad-host-key: this key does not open this room');
  const code = typeof options.code === 'string' ? normalizeJoinCode(options.code) : '';
  return code === gate.code
    ? null
    : new ServerError(REFUSED_AT_MATCHMAKING, 'wrong-code: this join code does not match the room');
}

/**
 * Puts the gate in front of the matchmaker's HTTP methods: joinById into a class room needs its code or
 * a key, and joining class rooms by name (join / joinOrCreate pick any room) is refused outright.
 */
export function installReservationGate(): void {
  const controller = matchMaker.controller as typeof matchMaker.controller & { [GATED]?: true };
  if (controller[GATED]) return; // one process may start several servers (tests)
  controller[GATED] = true;
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (
    method: string,
    roomName: string,
    clientOptions: Record<string, unknown> = {},
    authOptions?: unknown,
  ) => {
    if ((method === 'join' || method === 'joinOrCreate') && roomName === ROOM_NAMES.class) {
      throw new ServerError(REFUSED_AT_MATCHMAKING, 'wrong-code: class rooms are joined by code');
    }
    if (method === 'joinById') {
      const refusal = await gateRefusal(roomName, clientOptions);
      if (refusal) throw refusal;
    }
    return invoke(method, roomName, clientOptions, authOptions as never);
  };
}
