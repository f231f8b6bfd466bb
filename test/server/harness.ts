// Room-test harness: a real server on a free port, real SDK clients, and helpers to create class
// rooms, join them and wait for what every client sees.
import { crewOf } from '../../shared/protocol/state.ts';
import net from 'node:net';
import { ColyseusTestServer } from '@colyseus/testing';
import type { Room as ClientRoom } from '@colyseus/sdk';
import { matchMaker } from '@colyseus/core';
import { startServer, type RunningServer, type StartOptions } from '../../server/main.ts';
import type {
  TeacherRoomRequest as CreateRoomRequest,
  TeacherRoomResponse as CreateRoomResponse,
} from '../../server/http/teacher-routes.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import type { KernelRoom } from '../../server/rooms/KernelRoom.ts';
import type { SyncedRoomState } from '../../server/rooms/projection.ts';
import { JOIN_ERRORS, REFUSED_AT_MATCHMAKING, joinRefusalOf } from '../../shared/protocol/errors.ts';
import { ROLES_SCENARIO } from './fixtures.ts';

/** A client room with our synced state's type. */
export type Player = ClientRoom<unknown, SyncedRoomState>;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** What joining a class room takes: its id, code and host key. */
export type RoomKeys = Pick<CreateRoomResponse, 'roomId' | 'code' | 'hostKey'>;

/** A booted server plus the @colyseus/testing wrapper around it. */
export interface Harness {
  server: RunningServer;
  colyseus: ColyseusTestServer;
  /** The test teacher every createRoom signs in as (signed up on first use). */
  teacher(): Promise<TeacherClient>;
  /** Creates a class room as the test teacher, through the one creation route (POST /api/teacher/rooms). */
  createRoom(body?: CreateRoomRequest): Promise<CreateRoomResponse>;
  join(roomId: string, options: Record<string, unknown>): Promise<Player>;
  host(created: RoomKeys, lang?: 'ko' | 'en'): Promise<Player>;
  /** Asks the session's route for a host pass as the test teacher (POST .../host-pass), as the dashboard does. */
  hostPass(sessionId: string): Promise<string>;
  /** Joins as the host with a fresh host pass, as the dashboard's live page does. */
  hostByPass(created: { roomId: string; sessionId: string }, secret?: string): Promise<Player>;
  student(created: RoomKeys, nickname: string, extra?: Record<string, unknown>): Promise<Player>;
  roomOf(roomId: string): KernelRoom;
  close(): Promise<void>;
}

let ids = 0;
/** A fresh seat secret, as a browser would keep in localStorage. */
export function seatSecret(): string {
  ids++;
  return `test-player-${ids}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Starts a server on a free port with test-friendly settings. */
export async function boot(options: StartOptions = {}): Promise<Harness> {
  const server = await startServer({
    port: await freePort(),
    host: '127.0.0.1',
    clientDir: '/nonexistent',
    database: { kind: 'sqlite', file: ':memory:' },
    roomsPerTeacherPerHour: 10_000,
    roomsPerAddressPerHour: 10_000,
    matchmakingPerMinute: 100_000,
    // Rounds start at once unless a test asks for the role-card countdown (test/server/countdown.test.ts).
    countdownSeconds: 0,
    ...options,
  });
  const colyseus = new ColyseusTestServer(server.colyseus);
  const join = async (roomId: string, opts: Record<string, unknown>) => {
    const room = (await colyseus.sdk.joinById(roomId, opts)) as unknown as Player;
    room.onMessage('welcome', (m: { seat: string; slot: string }) => welcomed.set(room, m));
    room.onMessage('events', () => undefined);
    await room.waitForInitialState();
    await until('welcome', () => welcomed.has(room));
    return room;
  };
  let teacher: Promise<TeacherClient> | null = null;
  const signedIn = () => (teacher ??= TeacherClient.signUp(server.url, 'Test teacher'));
  const passFor = async (sessionId: string): Promise<string> => {
    const res = await (await signedIn()).request('POST', `/api/teacher/sessions/${sessionId}/host-pass`);
    if (res.status !== 200) throw new Error(`host pass: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { hostPass: string }).hostPass;
  };
  return {
    server,
    colyseus,
    teacher: signedIn,
    async createRoom(body = {}) {
      return (await signedIn()).createRoom(body);
    },
    join,
    host: (created, lang = 'en') =>
      join(created.roomId, { secret: seatSecret(), hostKey: created.hostKey, lang }),
    hostPass: (sessionId) => passFor(sessionId),
    async hostByPass(created, secret = seatSecret()) {
      return join(created.roomId, { secret, hostPass: await passFor(created.sessionId), lang: 'en' });
    },
    student: (created, nickname, extra = {}) =>
      join(created.roomId, { secret: seatSecret(), nickname, code: created.code, lang: 'en', ...extra }),
    roomOf: (roomId) => matchMaker.getLocalRoomById(roomId) as unknown as KernelRoom,
    async close() {
      await colyseus.cleanup();
      await server.close();
    },
  };
}

/** Polls until `check` holds (state arrives in patches), failing with `what` after `ms`. */
export async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Collects every message of one type a client receives. */
export function collect<T = Record<string, unknown>>(room: Player, type: string): T[] {
  const got: T[] = [];
  room.onMessage(type, (m: T) => got.push(m));
  return got;
}

/** Expects a join to be refused, returning the refusal's numeric code (JOIN_ERRORS, also for one refused at matchmaking). */
export async function refusal(attempt: Promise<unknown>): Promise<number> {
  try {
    await attempt;
  } catch (e) {
    const { code, message } = e as { code: number; message: string };
    // refused at matchmaking (before a seat is reserved): the reason is named in the message
    const named = code === REFUSED_AT_MATCHMAKING ? joinRefusalOf(code, message) : undefined;
    return named ? JOIN_ERRORS[named] : code;
  }
  throw new Error('the join was accepted');
}

const welcomed = new WeakMap<Player, { seat: string; slot: string }>();

/** The seat and slot a client was told in its latest welcome message. */
export function welcomeOf(room: Player): { seat: string; slot: string } {
  const w = welcomed.get(room);
  if (!w) throw new Error('no welcome message received');
  return w;
}

/** A scheduler who has scored: student Kim holds the scheduler, the round runs and Kim's dispatch of calc on core 0 has earned points (reconnection and freed-seat cases start here). */
export async function scoredScheduler(h: Harness): Promise<{
  created: CreateRoomResponse;
  host: Player;
  kim: Player;
  seat: string;
  secret: string;
}> {
  const created = await h.createRoom({ scenario: ROLES_SCENARIO, ticksPerSecond: 10, seed: 3 });
  const host = await h.host(created);
  const secret = seatSecret();
  const kim = await h.join(created.roomId, { secret, nickname: 'Kim', code: created.code });
  const seat = welcomeOf(kim).seat;
  host.send('host:assign', { player: seat, slot: 'scheduler' });
  host.send('host:start');
  await until(
    'running',
    () => host.state.phase === 'running' && host.state.players.get(seat)?.slot === 'scheduler',
  );
  const calc = [...crewOf(kim.state, null)!.machine!.processes.values()]
    .find((p) => p.name === 'calc')!
    .threads.at(0)!;
  kim.send('dispatch', { core: 0, tid: calc });
  await until('scored', () => (host.state.players.get(seat)?.score ?? 0) > 0);
  return { created, host, kim, seat, secret };
}
