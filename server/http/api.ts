// The HTTP API next to the rooms that needs no sign-in: look a room up by its join code, list scenarios,
// health. Class rooms are created only by a signed-in teacher (POST /api/teacher/rooms, teacher-routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { scenarioIds } from '../scenarios/catalog.ts';
import { findClassRoomByCode } from '../rooms/directory.ts';

/** A Node request handler that may pass the request on. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function roomByCode(res: ServerResponse, code: string): Promise<void> {
  const room = await findClassRoomByCode(decodeURIComponent(code));
  if (!room) return send(res, 404, { error: 'wrong-code', message: 'no open room has this code' });
  send(res, 200, { roomId: room.roomId, code: room.code });
}

/** Builds the /api handler; requests outside /api go to `next`. */
export function apiHandler(): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return next();
    const fail = (e: unknown) => {
      console.error('[api]', e);
      if (!res.headersSent) send(res, 500, { error: 'server-error', message: 'the server could not do this' });
    };
    const byCode = /^\/api\/rooms\/by-code\/([^/]{1,20})$/.exec(url.pathname);
    if (req.method === 'GET' && byCode) roomByCode(res, byCode[1]!).catch(fail);
    else if (req.method === 'GET' && url.pathname === '/api/scenarios') send(res, 200, { scenarios: scenarioIds() });
    else if (req.method === 'GET' && url.pathname === '/api/health') send(res, 200, { ok: true });
    else send(res, 404, { error: 'not-found', message: `no API route ${req.method} ${url.pathname}` });
  };
}
