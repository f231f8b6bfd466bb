// The dashboard's calls to the server's API (same origin; the session cookie travels by itself).
import { healthResponseSchema, type HealthResponse } from '../../../shared/protocol/http-edge.ts';

/** A refusal from the API: the stable code and the server's sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A signed-in teacher. */
export interface Teacher {
  id: string;
  email: string;
  displayName: string;
  createdAt: number;
}

/** A session in the history list. */
export interface SessionRow {
  id: string;
  joinCode: string;
  createdAt: number;
  endedAt: number | null;
  roundCount: number;
  live: boolean;
  settings: { title?: string; scenario?: string } | null;
}

/** A stored round in a session's list. */
export interface RoundRow {
  id: string;
  roundNumber: number;
  scenarioId: string;
  startedAt: number;
  endedAt: number;
  playerCount: number;
}

/** How to host a session's room while it is open. */
export interface LiveRoom {
  roomId: string;
  code: string;
  hostKey: string;
  joinPath: string;
  projectorPath: string;
  joinOrigin?: string | null;
  loopback?: boolean;
}

/** The settings a room is created with. */
export interface RoomSettings {
  title?: string;
  scenario?: string;
  cores?: number;
  quantum?: number;
  switchCost?: number;
  ticksPerSecond?: number;
  roles?: { interrupt: boolean; thread: boolean; ipc: boolean };
  lateJoin?: boolean;
  leaderboard?: boolean | 'off' | 'crew' | 'all';
  maxPlayers?: number;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
  if (!res.ok)
    throw new ApiError(res.status, json.error ?? 'server-error', json.message ?? `HTTP ${res.status}`);
  return json as T;
}

/** The server's health (GET /api/health answers 503 with the same body when something is wrong); null when it does not answer. */
async function health(): Promise<HealthResponse | null> {
  try {
    const parsed = healthResponseSchema.safeParse(await (await fetch('/api/health')).json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The API, one function per endpoint. */
export const api = {
  health,
  me: () => call<{ teacher: Teacher | null; reason?: string }>('GET', '/api/auth/me'),
  signIn: (email: string, password: string) =>
    call<{ teacher: Teacher }>('POST', '/api/auth/signin', { email, password }),
  /** Sign-up answers the same for every email (it tells no one who has an account); then the account signs in. */
  signUp: async (email: string, password: string, displayName: string) => {
    await call<unknown>('POST', '/api/auth/signup', { email, password, displayName });
    return call<{ teacher: Teacher }>('POST', '/api/auth/signin', { email, password });
  },
  /** Asks for a reset link (the server's operator finds it in the server's console). */
  forgot: (email: string) => call<unknown>('POST', '/api/auth/forgot', { email }),
  /** Sets a new password with a reset link's token. */
  resetPassword: (token: string, password: string) =>
    call<{ teacher: Teacher }>('POST', '/api/auth/reset', { token, password }),
  signOut: () => call<void>('POST', '/api/auth/signout'),
  /** Ends every session of this teacher (a lost or shared device). */
  signOutEverywhere: () => call<{ ended: number }>('POST', '/api/auth/signout-everywhere'),
  scenarios: () =>
    call<{
      scenarios: {
        id: string;
        cores: number;
        quantum: number;
        switchCost: number;
        title?: { ko: string; en: string };
        goal?: { ko: string; en: string };
        question?: { ko: string; en: string };
      }[];
      defaults: { ticksPerSecond: number; maxPlayers: number };
    }>('GET', '/api/teacher/scenarios'),
  createRoom: (settings: RoomSettings) =>
    call<LiveRoom & { sessionId: string }>('POST', '/api/teacher/rooms', settings),
  sessions: () => call<{ sessions: SessionRow[] }>('GET', '/api/teacher/sessions'),
  session: (id: string) =>
    call<{ session: SessionRow; rounds: RoundRow[]; live: LiveRoom | null }>(
      'GET',
      `/api/teacher/sessions/${encodeURIComponent(id)}`,
    ),
  /** A new host key for the session's open room: the old key and projector link stop working (docs/SECURITY.md). */
  rotateKey: (id: string) =>
    call<{ live: LiveRoom; closedSeats: number }>(
      'POST',
      `/api/teacher/sessions/${encodeURIComponent(id)}/rotate-key`,
    ),
  /** Deletes a session and its reports; `confirm` is its join code as the teacher typed it. */
  deleteSession: (id: string, confirm: string) =>
    call<{ deleted: boolean }>('DELETE', `/api/teacher/sessions/${encodeURIComponent(id)}`, { confirm }),
  /** Deletes the signed-in teacher's account and all its data; `password` confirms it. */
  deleteAccount: (password: string) =>
    call<{ deleted: boolean }>('DELETE', '/api/auth/account', { password }),
  endSession: (id: string) => call<unknown>('POST', `/api/teacher/sessions/${encodeURIComponent(id)}/end`),
  report: (id: string) => call<{ report: unknown }>('GET', `/api/teacher/rounds/${encodeURIComponent(id)}`),
  csvUrl: (sessionId: string) => `/api/teacher/sessions/${encodeURIComponent(sessionId)}/csv`,
};
