// The dashboard's calls to the server's API (same origin; the session cookie travels by itself).

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

/** The API, one function per endpoint. */
export const api = {
  me: () => call<{ teacher: Teacher | null; reason?: string }>('GET', '/api/auth/me'),
  signIn: (email: string, password: string) =>
    call<{ teacher: Teacher }>('POST', '/api/auth/signin', { email, password }),
  signUp: (email: string, password: string, displayName: string) =>
    call<{ teacher: Teacher }>('POST', '/api/auth/signup', { email, password, displayName }),
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
  endSession: (id: string) => call<unknown>('POST', `/api/teacher/sessions/${encodeURIComponent(id)}/end`),
  report: (id: string) => call<{ report: unknown }>('GET', `/api/teacher/rounds/${encodeURIComponent(id)}`),
  csvUrl: (sessionId: string) => `/api/teacher/sessions/${encodeURIComponent(sessionId)}/csv`,
};
