// Every server setting in one place, read from environment variables with classroom-friendly
// defaults; README lists them. Nothing else in server/ reads process.env.
import { LIMITS } from '../shared/kernel/limits.ts';
import { ROUND_COUNTDOWN_SECONDS } from './game/round-countdown.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseConfigFromEnv, type DatabaseConfig } from './db/config.ts';

/** The server's settings after defaults and validation. */
export interface ServerConfig {
  /** TCP port for HTTP, the API and WebSocket rooms (PORT, default 2567). */
  port: number;
  /** Interface to listen on (HOST, default 127.0.0.1; 0.0.0.0 to let students' devices connect). */
  host: string;
  /** Directory of the built client served at / (CLIENT_DIR, default dist/client). */
  clientDir: string;
  /** Most students in a class room, the host not counted (MAX_PLAYERS, default 60). */
  maxPlayers: number;
  /** Seconds a dropped player's seat is held for them (RECONNECT_SECONDS, default 60). */
  reconnectSeconds: number;
  /** Messages per second a client may send before it is disconnected (MAX_MESSAGES_PER_SECOND, default 30). */
  maxMessagesPerSecond: number;
  /** Malformed or forbidden messages within a minute before a client is disconnected (ABUSE_LIMIT, default 20). */
  abuseLimit: number;
  /** Default kernel speed in ticks per second for new rooms (TICKS_PER_SECOND, default 2). */
  ticksPerSecond: number;
  /** Ticks after which a round ends on its own (ROUND_TICK_LIMIT, default 900). */
  roundTickLimit: number;
  /** Default seconds of the role-card countdown before each round of new class rooms (ROUND_COUNTDOWN_SECONDS, default 10, LIMITS.countdown). */
  countdownSeconds: number;
  /** Minutes an empty class room is kept before it closes (ROOM_IDLE_MINUTES, default 30). */
  roomIdleMinutes: number;
  /** Where teachers, sessions and reports are stored: SQLite file DATABASE_FILE (default data/kernel-crew.sqlite) or PostgreSQL DATABASE_URL. */
  database: DatabaseConfig;
  /** Hours a teacher stays signed in (SESSION_TTL_HOURS, default 12). */
  sessionTtlHours: number;
  /** Sign-in and sign-up attempts per minute from one address (AUTH_RATE_PER_MINUTE, default 10). */
  authRatePerMinute: number;
  /** Class rooms one teacher may create per hour (ROOMS_PER_TEACHER_PER_HOUR, default 30). */
  roomsPerTeacherPerHour: number;
  /** Class rooms one client address may create per hour, whichever teacher signs in there (ROOMS_PER_ADDRESS_PER_HOUR, default 120). */
  roomsPerAddressPerHour: number;
  /** Wrong join codes one address may look up per minute before it is locked out (WRONG_CODES_PER_MINUTE, default 20; a lock-out lasts until the budget refills). */
  wrongCodesPerMinute: number;
  /** Reverse proxies in front of this server whose X-Forwarded-For / X-Forwarded-Proto are trusted (TRUST_PROXY: 0 = off, 1 or true = one, N = a chain of N; default 0). */
  trustProxy: number;
  /** Origins besides the server's own whose pages may call the API and open rooms (ALLOWED_ORIGINS, comma-separated; default none). */
  allowedOrigins: string[];
  /** Origins that may frame the projector page (FRAME_ANCESTORS, comma-separated; default none: no page may be framed). */
  frameAncestors: string[];
  /** Origins the pages may connect to besides their own, e.g. a room server at wss://rooms.school.example (CONNECT_SOURCES). */
  connectSources: string[];
  /** Matchmaking requests (joins; each reserves a seat for 15 s) one address may make per minute (MATCHMAKING_PER_MINUTE, default 120). */
  matchmakingPerMinute: number;
  /** Seconds a request (headers and body) may take to arrive; its headers get a third of it, at least 2 s (REQUEST_TIMEOUT_SECONDS, default 30). */
  requestTimeoutSeconds: number;
  /** Open HTTP/WebSocket connections one address may hold; not applied behind a proxy (MAX_CONNECTIONS_PER_ADDRESS, default 200). */
  maxConnectionsPerAddress: number;
  /** Redis shared by several server processes (REDIS_URL; unset: one process, in-memory presence). docs/SCALING.md. */
  redisUrl: string | null;
  /** host[:port][/path] clients use to reach this process directly when it hosts their room (PUBLIC_ADDRESS). */
  publicAddress: string | null;
  /** Save live class rooms for crash recovery and restore them at start-up (SAVE_ROOMS, default 1). */
  saveRooms: boolean;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${name} must be a number between ${min} and ${max} (got "${raw}")`);
  return n;
}

function proxyCount(raw: string | undefined): number {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || ['0', 'false', 'no', 'off'].includes(v)) return 0;
  if (['true', 'yes', 'on'].includes(v)) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(
      `TRUST_PROXY must be 0, 1, true or the number of proxies in front (up to 10) (got "${raw}")`,
    );
  return n;
}

/** A comma-separated list of exact origins (scheme://host[:port]), each checked. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const o of list) {
    let url: URL | null = null;
    try {
      url = new URL(o);
    } catch {
      /* reported below */
    }
    if (!url || !/^(https?|wss?):$/.test(url.protocol) || url.origin !== o.replace(/\/$/, ''))
      throw new Error(
        `${name} must list origins like https://school.example:8080, separated by commas (got "${o}")`,
      );
  }
  return list.map((o) => o.replace(/\/$/, ''));
}

/** Reads the settings from an environment (process.env by default); throws with the variable's name on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: Math.trunc(num(env, 'PORT', 2567, 0, 65535)),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    clientDir: path.resolve(root, env.CLIENT_DIR && env.CLIENT_DIR !== '' ? env.CLIENT_DIR : 'dist/client'),
    maxPlayers: Math.trunc(num(env, 'MAX_PLAYERS', 60, 1, 200)),
    reconnectSeconds: num(env, 'RECONNECT_SECONDS', 60, 1, 3600),
    maxMessagesPerSecond: Math.trunc(num(env, 'MAX_MESSAGES_PER_SECOND', 30, 1, 1000)),
    abuseLimit: Math.trunc(num(env, 'ABUSE_LIMIT', 20, 1, 10_000)),
    ticksPerSecond: num(env, 'TICKS_PER_SECOND', 2, LIMITS.speed.min, LIMITS.speed.max),
    roundTickLimit: Math.trunc(num(env, 'ROUND_TICK_LIMIT', 900, 10, 1_000_000)),
    countdownSeconds: Math.trunc(
      num(
        env,
        'ROUND_COUNTDOWN_SECONDS',
        ROUND_COUNTDOWN_SECONDS,
        LIMITS.countdown.min,
        LIMITS.countdown.max,
      ),
    ),
    roomIdleMinutes: num(env, 'ROOM_IDLE_MINUTES', 30, 0.05, 24 * 60),
    database: databaseConfigFromEnv(env),
    sessionTtlHours: num(env, 'SESSION_TTL_HOURS', 12, 0.01, 24 * 365),
    authRatePerMinute: Math.trunc(num(env, 'AUTH_RATE_PER_MINUTE', 10, 1, 10_000)),
    roomsPerTeacherPerHour: Math.trunc(num(env, 'ROOMS_PER_TEACHER_PER_HOUR', 30, 1, 100_000)),
    roomsPerAddressPerHour: Math.trunc(num(env, 'ROOMS_PER_ADDRESS_PER_HOUR', 120, 1, 100_000)),
    wrongCodesPerMinute: Math.trunc(num(env, 'WRONG_CODES_PER_MINUTE', 20, 1, 10_000)),
    trustProxy: proxyCount(env.TRUST_PROXY),
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
    frameAncestors: origins(env, 'FRAME_ANCESTORS'),
    connectSources: origins(env, 'CONNECT_SOURCES'),
    matchmakingPerMinute: Math.trunc(num(env, 'MATCHMAKING_PER_MINUTE', 120, 1, 100_000)),
    requestTimeoutSeconds: num(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 600),
    maxConnectionsPerAddress: Math.trunc(num(env, 'MAX_CONNECTIONS_PER_ADDRESS', 200, 1, 100_000)),
    redisUrl: env.REDIS_URL?.trim() || null,
    publicAddress: env.PUBLIC_ADDRESS?.trim() || null,
    saveRooms: !['0', 'false', 'no'].includes((env.SAVE_ROOMS ?? '').trim().toLowerCase()),
  };
}
