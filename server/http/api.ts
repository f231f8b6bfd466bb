// The HTTP API next to the rooms that needs no sign-in: look a room up by its join code, list scenarios,
// health. Class rooms are created only by a signed-in teacher (POST /api/teacher/rooms, teacher-routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { scenarioIds } from '../scenarios/catalog.ts';
import { findClassRoomByCode } from '../rooms/directory.ts';
import { clientAddress } from './http-kit.ts';
import type { RateLimiter } from './rate-limit.ts';

/** A Node request handler that may pass the request on. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** What the public API needs: how to tell client addresses apart, and the budget of wrong join codes per address. */
export interface PublicApiOptions {
  trustProxy: number;
  /** Wrong codes per address: a few are typos; past the budget the address is locked out until it refills. */
  wrongCodes: RateLimiter;
  /** Finished round reports not yet stored (kept and retried): /api/health answers 503 while there are any. */
  unsavedReports: () => number;
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
    return send(res, 404, { error: 'wrong-code', message: 'no open room has this code' });
  }
  send(res, 200, { roomId: room.roomId, code: room.code });
}

/** Builds the /api handler; requests outside /api go to `next`. */
export function apiHandler(options: PublicApiOptions): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return next();
    const fail = (e: unknown) => {
      console.error('[api]', e);
      if (!res.headersSent)
        send(res, 500, { error: 'server-error', message: 'the server could not do this' });
    };
    const byCode = /^\/api\/rooms\/by-code\/([^/]{1,20})$/.exec(url.pathname);
    if (req.method === 'GET' && byCode) roomByCode(req, res, byCode[1]!, options).catch(fail);
    else if (req.method === 'GET' && url.pathname === '/api/scenarios')
      send(res, 200, { scenarios: scenarioIds() });
    else if (req.method === 'GET' && url.pathname === '/api/health') {
      const unsavedReports = options.unsavedReports();
      send(
        res,
        unsavedReports === 0 ? 200 : 503,
        unsavedReports === 0
          ? { ok: true }
          : {
              ok: false,
              unsavedReports,
              message: `${unsavedReports} finished round reports could not be stored yet (retried every few seconds): check the disk and the database`,
            },
      );
    } else send(res, 404, { error: 'not-found', message: `no API route ${req.method} ${url.pathname}` });
  };
}
