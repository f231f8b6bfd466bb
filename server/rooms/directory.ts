// Creating class rooms and finding them by join code: the only way a class room comes to exist, so
// every room has a unique code and a host key, and a client cannot mint rooms of its own.
import { randomBytes, randomInt } from 'node:crypto';
import { matchMaker } from '@colyseus/core';
import type { RoomTuning } from '../game/room-tuning.ts';
import { JOIN_CODE_LENGTH, isWellFormedJoinCode, joinCodeFromRandom, normalizeJoinCode } from '../../shared/protocol/join-code.ts';

/** Room type names registered with the matchmaker. */
export const ROOM_NAMES = { class: 'class', solo: 'solo' } as const;

/** Public matchmaking metadata of a class room (never secrets: the lobby listing can show it). */
export interface ClassRoomMetadata {
  code: string;
  title: string;
}

/** One-time tickets proving a class room is created by this server's API, not by a client's create(). */
export class CreationGrants {
  private readonly pending = new Set<string>();

  /** Issues a ticket for one room creation. */
  issue(): string {
    const ticket = randomBytes(18).toString('base64url');
    this.pending.add(ticket);
    return ticket;
  }

  /** Spends a ticket; false when it was never issued or already used. */
  consume(ticket: unknown): boolean {
    return typeof ticket === 'string' && this.pending.delete(ticket);
  }
}

/** What a new class room is told by the API (merged into onCreate's options). */
export interface ClassRoomCreateOptions {
  ticket: string;
  code: string;
  hostKey: string;
  scenario?: unknown;
  ticksPerSecond?: number;
  maxPlayers?: number;
  seed?: number;
  title?: string;
  /** Teachers' dashboard settings (server/game/room-tuning.ts): machine overrides and which jobs students play. */
  tuning?: RoomTuning;
  /** Whether students may join once a round is running (default true). */
  lateJoin?: boolean;
  /** Whether students see the class ranking (default true). */
  leaderboard?: boolean;
}

async function codeInUse(code: string): Promise<boolean> {
  const rooms = await matchMaker.query({ name: ROOM_NAMES.class });
  return rooms.some((r) => (r.metadata as ClassRoomMetadata | undefined)?.code === code);
}

/** Draws a join code no open class room uses. */
export async function freshJoinCode(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = joinCodeFromRandom(Array.from({ length: JOIN_CODE_LENGTH }, () => randomInt(0, 1 << 30)));
    if (!(await codeInUse(code))) return code;
  }
  throw new Error('could not find a free join code');
}

/** A long random secret that makes its holder the room's host. */
export function freshHostKey(): string {
  return randomBytes(24).toString('base64url');
}

/** The open class room with this join code, if any. */
export async function findClassRoomByCode(typed: string): Promise<{ roomId: string; code: string; clients: number; locked: boolean } | null> {
  const code = normalizeJoinCode(typed);
  if (!isWellFormedJoinCode(code)) return null;
  const rooms = await matchMaker.query({ name: ROOM_NAMES.class });
  const room = rooms.find((r) => (r.metadata as ClassRoomMetadata | undefined)?.code === code);
  return room ? { roomId: room.roomId, code, clients: room.clients, locked: room.locked === true } : null;
}
