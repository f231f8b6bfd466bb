// The dashboard's calls to the server's API (same origin; the session cookie travels by itself). Each
// call is a declared route of shared/protocol/http.ts, and every answer is parsed with its schema.
import type { z } from 'zod';
import {
  HTTP_ROUTES,
  apiErrorSchema,
  pathOf,
  type HttpAnswerOf,
  type HttpBodyOf,
  type HttpRoute,
  type TeacherRoomRequest,
  type teacherSchema,
} from '../../../shared/protocol/http.ts';
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

/** A signed-in teacher, as the API answers it. */
export type Teacher = z.output<typeof teacherSchema>;
/** How to host a session's room while it is open. */
export type { LiveRoom } from '../../../shared/protocol/http.ts';
/** The settings a room is created with. */
export type RoomSettings = TeacherRoomRequest;

const R = HTTP_ROUTES;

/** Calls a declared route and parses its answer with the route's response schema (an answer that does not conform is an error). */
export async function call<Route extends HttpRoute>(
  route: Route,
  options: { params?: Record<string, string>; body?: HttpBodyOf<Route>; query?: Record<string, string> } = {},
): Promise<HttpAnswerOf<Route>> {
  const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
  let res: Response;
  try {
    res = await fetch(pathOf(route, options.params) + query, {
      method: route.method,
      credentials: 'same-origin',
      headers:
        options.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
  if (!res.ok) {
    const refusal = apiErrorSchema.safeParse(json);
    throw refusal.success
      ? new ApiError(res.status, refusal.data.error, refusal.data.message)
      : new ApiError(res.status, 'server-error', `HTTP ${res.status}`);
  }
  const answer = route.response.safeParse(json);
  if (!answer.success)
    throw new ApiError(
      res.status,
      'bad-answer',
      `${route.method} ${route.path}: ${answer.error.issues[0]?.message}`,
    );
  return answer.data as HttpAnswerOf<Route>;
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
  me: () => call(R.me),
  signIn: (email: string, password: string) => call(R.signIn, { body: { email, password } }),
  /** Sign-up answers the same for every email (it tells no one who has an account); then the account signs in. */
  signUp: async (email: string, password: string, displayName: string) => {
    await call(R.signUp, { body: { email, password, displayName } });
    return call(R.signIn, { body: { email, password } });
  },
  /** Asks for a reset link (the server's operator finds it in the server's console). */
  forgot: (email: string) => call(R.forgotPassword, { body: { email } }),
  /** Sets a new password with a reset link's token. */
  resetPassword: (token: string, password: string) => call(R.resetPassword, { body: { token, password } }),
  signOut: () => call(R.signOut),
  /** Ends every session of this teacher (a lost or shared device). */
  signOutEverywhere: () => call(R.signOutEverywhere),
  /** The kernel's declared ranges, which the create-a-room inputs take their min, max and step from. */
  limits: () => call(R.limits),
  scenarios: () => call(R.teacherScenarios),
  createRoom: (settings: RoomSettings) => call(R.createRoom, { body: settings }),
  sessions: () => call(R.sessions),
  session: (id: string) => call(R.session, { params: { id } }),
  /** A new host key for the session's open room: the old key and projector link stop working (docs/SECURITY.md). */
  rotateKey: (id: string) => call(R.rotateKey, { params: { id } }),
  /** A one-time pass to join the session's open room as its host (the server keeps no host key to hand out). */
  hostPass: (id: string) => call(R.hostPass, { params: { id } }),
  /** Deletes a session and its reports; `confirm` is its join code as the teacher typed it. */
  deleteSession: (id: string, confirm: string) =>
    call(R.deleteSession, { params: { id }, body: { confirm } }),
  /** Deletes the signed-in teacher's account and all its data; `password` confirms it. */
  deleteAccount: (password: string) => call(R.deleteAccount, { body: { password } }),
  endSession: (id: string) => call(R.endSession, { params: { id } }),
  report: (id: string) => call(R.roundReport, { params: { id } }),
  /** The CSV download's address, in the teacher's language and time zone. */
  csvUrl: (sessionId: string, lang: 'ko' | 'en') => {
    const query = new URLSearchParams({ lang, tz: Intl.DateTimeFormat().resolvedOptions().timeZone });
    return `${pathOf(R.sessionCsv, { id: sessionId })}?${query.toString()}`;
  },
};
