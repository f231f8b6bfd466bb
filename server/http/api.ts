// The HTTP API next to the rooms that needs no sign-in: look a room up by its join code, list scenarios,
// health. Class rooms are created only by a signed-in teacher (POST /api/teacher/rooms, teacher-routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LANGS, LIMITS } from '../../shared/kernel/limits.ts';
import { HTTP_ROUTES, pathPattern, type HttpRoute } from '../../shared/protocol/http.ts';
import { scenarioIds } from '../scenarios/catalog.ts';
import { findClassRoomByCode } from '../rooms/directory.ts';
import { clientAddress, reply, sendError } from './http-kit.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { HealthResponse } from '../../shared/protocol/http-edge.ts';

/** A Node request handler that may pass the request on. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** What the public API needs: how to tell client addresses apart, and the budget of wrong join codes per address. */
export interface PublicApiOptions {
  trustProxy: number;
  /** Wrong codes per address: a few are typos; past the budget the address is locked out until it refills. */
  wrongCodes: RateLimiter;
  /** Finished round reports not yet stored (kept and retried): /api/health answers 503 while there are any. */
  unsavedReports: () => number;
  /** Which database the server uses and whether it answers (/api/health answers 503 when it does not). */
  database: () => HealthResponse['database'];
}

function lockedOut(res: ServerResponse, retryAfterSeconds: number): void {
  const json = JSON.stringify({
    error: 'rate-limited',
    message: `Too many wrong codes: wait ${retryAfterSeconds} s and try again.`,
    retryAfterSeconds,
  });
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
    'retry-after': String(retryAfterSeconds),
  });
  res.end(json);
}

async function roomByCode(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  options: PublicApiOptions,
): Promise<void> {
  const address = clientAddress(req, options.trustProxy);
  const blocked = options.wrongCodes.peek(address);
  if (!blocked.ok) return lockedOut(res, blocked.retryAfterSeconds);
  const room = await findClassRoomByCode(decodeURIComponent(code));
  if (!room) {
    options.wrongCodes.take(address);
    return sendError(res, 404, 'wrong-code', 'no open room has this code');
  }
  reply(res, HTTP_ROUTES.roomByCode, 200, { roomId: room.roomId, code: room.code });
}

function health(res: ServerResponse, options: PublicApiOptions): void {
  const unsavedReports = options.unsavedReports();
  const database = options.database();
  // A database waiting out a lock still works (queries queue); one whose latest query failed does not.
  const ok = unsavedReports === 0 && database.state !== 'failing';
  const problems = [
    ...(unsavedReports > 0
      ? [
          `${unsavedReports} finished round reports could not be stored yet (retried every few seconds): check the disk and the database`,
        ]
      : []),
    ...(database.state === 'failing'
      ? [`the ${database.kind} database fails: ${database.detail ?? ''}`]
      : []),
  ];
  const body: HealthResponse = {
    ok,
    unsavedReports,
    database,
    ...(ok ? {} : { message: problems.join('; ') }),
  };
  reply(res, HTTP_ROUTES.health, ok ? 200 : 503, body);
}

type PublicRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  options: PublicApiOptions,
  id: string,
  fail: (e: unknown) => void,
) => void;

/** The public routes: each one a declared route of shared/protocol/http.ts, its path pattern and its handler. */
export const PUBLIC_ROUTES: [declared: HttpRoute, pattern: RegExp, route: PublicRoute][] = [
  // A join code is short: longer text is no code at all (404 not-found, not a wrong code from the budget).
  [
    HTTP_ROUTES.roomByCode,
    /^\/api\/rooms\/by-code\/([^/]{1,20})$/,
    (q, s, o, code, fail) => void roomByCode(q, s, code, o).catch(fail),
  ],
  [
    HTTP_ROUTES.scenarioIds,
    pathPattern(HTTP_ROUTES.scenarioIds),
    (_q, s) => reply(s, HTTP_ROUTES.scenarioIds, 200, { scenarios: scenarioIds() }),
  ],
  [HTTP_ROUTES.health, pathPattern(HTTP_ROUTES.health), (_q, s, o) => health(s, o)],
  [
    HTTP_ROUTES.limits,
    pathPattern(HTTP_ROUTES.limits),
    (_q, s) => reply(s, HTTP_ROUTES.limits, 200, { limits: LIMITS, langs: [...LANGS] }),
  ],
];

/** Builds the /api handler; requests outside /api go to `next`, and unknown /api paths outside the dashboard's prefixes get 404. */
export function apiHandler(options: PublicApiOptions): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return next();
    const fail = (e: unknown) => {
      console.error('[api]', e);
      if (!res.headersSent) sendError(res, 500, 'server-error', 'the server could not do this');
    };
    for (const [declared, pattern, route] of PUBLIC_ROUTES) {
      const match = req.method === declared.method ? pattern.exec(url.pathname) : null;
      if (!match) continue;
      try {
        return route(req, res, options, match[1] ?? '', fail);
      } catch (error) {
        return fail(error);
      }
    }
    sendError(res, 404, 'not-found', `no API route ${req.method} ${url.pathname}`);
  };
}
