// Creating class rooms and finding them by join code: the only way a class room comes to exist, so
// every room has a unique code and a host key, and a client cannot mint rooms of its own.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { matchMaker } from '@colyseus/core';
import type { RoomTuning } from '../game/room-tuning.ts';
import {
  JOIN_CODE_LENGTH,
  isWellFormedJoinCode,
  joinCodeFromRandom,
  normalizeJoinCode,
} from '../../shared/protocol/join-code.ts';
import type { LeaderboardSetting } from '../../shared/protocol/server-messages.ts';
import type { ScoreMode } from '../../shared/roles/types.ts';
import { keyHash } from '../game/key-hash.ts';

/** Room type names registered with the matchmaker. */
export const ROOM_NAMES = { class: 'class', solo: 'solo' } as const;

/** Public matchmaking metadata of a class room (never secrets: the lobby listing can show it). */
export interface ClassRoomMetadata {
  code: string;
  title: string;
  /** The dashboard class session (an id, useless without the teacher's sign-in). */
  sessionId?: string;
}

/** Presence keys shared by every server process (RedisPresence when REDIS_URL is set). */
const TICKETS_KEY = 'kernel-crew:creation-tickets';
const CODES_KEY = 'kernel-crew:join-codes';

/**
 * One-time tickets proving a class room is created by this server's API, not by a client's create().
 * Kept in presence, so a room the matchmaker places on another process can spend a ticket issued here.
 */
export class CreationGrants {
  private readonly pending = new Set<string>();

  /** Issues a ticket for one room creation (queued to presence before any creation request can follow it). */
  issue(): string {
    const ticket = randomBytes(18).toString('base64url');
    this.pending.add(ticket);
    matchMaker.presence
      ?.hset(TICKETS_KEY, ticket, String(Date.now()))
      ?.catch((e: unknown) => console.error('[grants] presence', e));
    return ticket;
  }

  /** Spends a ticket; false when it was never issued (by any process) or already used. */
  async consume(ticket: unknown): Promise<boolean> {
    if (typeof ticket !== 'string' || ticket.length > 64) return false;
    const local = this.pending.delete(ticket);
    const shared = await matchMaker.presence.hdel(TICKETS_KEY, ticket);
    return local || shared;
  }
}

/** Records which room a join code opens, for every process's lookups. */
export async function registerJoinCode(code: string, roomId: string): Promise<void> {
  await matchMaker.presence.hset(CODES_KEY, code, roomId);
}

/** Forgets a join code when its room closes (only if it still points at that room). */
export async function releaseJoinCode(code: string, roomId: string): Promise<void> {
  if ((await matchMaker.presence.hget(CODES_KEY, code)) === roomId)
    await matchMaker.presence.hdel(CODES_KEY, code);
}

/** What a new class room is told by the API (merged into onCreate's options). */
export interface ClassRoomCreateOptions {
  ticket: string;
  code: string;
  /** keyHash of the host key (the key itself is handed to the teacher once and kept nowhere). */
  hostKeyHash: string;
  /** The projector link's read-only key (viewerKeyFor the host key). */
  viewerKey: string;
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
  leaderboard?: LeaderboardSetting;
  /** Seconds of the role-card countdown before each round (LIMITS.countdown; default ROUND_COUNTDOWN_SECONDS). */
  countdown?: number;
  /** How the room scores: 'no-speed' leaves out every time-based part (SCORE_MODES; default 'standard'). */
  scoring?: ScoreMode;
  /** The teacher's class session this room belongs to (dashboard rooms), so its rounds are stored there. */
  session?: RoomSession;
}

/** A dashboard room's class session and its teacher. */
export interface RoomSession {
  id: string;
  teacherId: string;
}

async function codeInUse(code: string): Promise<boolean> {
  const roomId = await matchMaker.presence.hget(CODES_KEY, code);
  if (!roomId) return false;
  return (await matchMaker.query({ roomId })).length > 0;
}

/** Draws a join code no open class room uses. */
export async function freshJoinCode(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = joinCodeFromRandom(Array.from({ length: JOIN_CODE_LENGTH }, () => randomInt(0, 1 << 30)));
    if (!(await codeInUse(code))) return code;
  }
  throw new Error('could not find a free join code');
}

/**
 * The projector link's read-only key, derived from the host key (one-way: it opens a watching seat and
 * never reveals the host key). Rotating the host key rotates it too.
 */
export function viewerKeyFor(hostKey: string): string {
  return createHmac('sha256', hostKey)
    .update('kernel-crew projector viewer')
    .digest('base64url')
    .slice(0, 32);
}

/** A long random secret that makes its holder the room's host. */
export function freshHostKey(): string {
  return randomBytes(24).toString('base64url');
}

/** What the server keeps of a host key: its hash, and the viewer key derived from it. */
export interface StoredRoomKeys {
  hostKeyHash: string;
  viewerKey: string;
}

/** The hash and viewer key of a host key (at creation and rotation, the only moments the key exists on the server). */
export function storedKeysOf(hostKey: string): StoredRoomKeys {
  return { hostKeyHash: keyHash(hostKey), viewerKey: viewerKeyFor(hostKey) };
}

/**
 * A record (session settings, a snapshot's create options) as it is kept now: one written before host
 * keys were hashed holds the plain `hostKey`, which is replaced here by its hash and viewer key.
 * Returns the record itself when it holds no plain key.
 */
export function withoutPlainHostKey<T extends object>(record: T): T {
  const { hostKey, ...rest } = record as T & { hostKey?: unknown };
  if (typeof hostKey !== 'string') return record;
  return { ...rest, ...storedKeysOf(hostKey) } as T;
}

/** How long a host pass (POST /api/teacher/sessions/:id/host-pass) opens its room, in seconds. */
export const HOST_PASS_SECONDS = 120;

/** A one-time pass that makes its holder the room's host once, within HOST_PASS_SECONDS. */
export function freshHostPass(): string {
  return randomBytes(24).toString('base64url');
}

/** The open class room with this join code, if any, on whichever process hosts it. */
export async function findClassRoomByCode(
  typed: string,
): Promise<{ roomId: string; code: string; clients: number; locked: boolean } | null> {
  const code = normalizeJoinCode(typed);
  if (!isWellFormedJoinCode(code)) return null;
  const roomId = await matchMaker.presence.hget(CODES_KEY, code);
  if (!roomId) return null;
  const room = (await matchMaker.query({ roomId }))[0];
  return room ? { roomId: room.roomId, code, clients: room.clients, locked: room.locked === true } : null;
}
