// The HTTP API next to the rooms: create a class room (its code and host key), look a room up by its
// join code, list scenarios. Plain Node handlers, validated with zod, JSON in and out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchMaker } from '@colyseus/core';
import { z } from 'zod';
import { SPEED_MAX, SPEED_MIN } from '../../shared/protocol/messages.ts';
import type { ServerConfig } from '../config.ts';
import { resolveScenario, scenarioIds } from '../scenarios/catalog.ts';
import { ROOM_NAMES, findClassRoomByCode, freshHostKey, freshJoinCode, type ClassRoomCreateOptions, type CreationGrants } from '../rooms/directory.ts';

/** A Node request handler that may pass the request on. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const MAX_BODY = 64 * 1024;

const createBody = z.strictObject({
  scenario: z.union([z.string().max(60), z.record(z.string(), z.unknown())]).optional(),
  ticksPerSecond: z.number().min(SPEED_MIN).max(SPEED_MAX).optional(),
  maxPlayers: z.number().int().min(1).max(200).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  title: z.string().trim().min(1).max(60).optional(),
});

/** The JSON body of POST /api/rooms. */
export type CreateRoomRequest = z.input<typeof createBody>;

/** The JSON answer of POST /api/rooms. */
export interface CreateRoomResponse { roomId: string; code: string; hostKey: string }

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return { ok: false, status: 413, error: 'body too large' };
    chunks.push(chunk);
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
}

async function createRoom(req: IncomingMessage, res: ServerResponse, config: ServerConfig, grants: CreationGrants): Promise<void> {
  const body = await readJson(req);
  if (!body.ok) return send(res, body.status, { error: 'malformed', message: body.error });
  const parsed = createBody.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return send(res, 400, { error: 'malformed', message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
  }
  const scenario = resolveScenario(parsed.data.scenario);
  if (!scenario.ok) return send(res, 400, { error: 'bad-scenario', message: scenario.error });
  if ((parsed.data.maxPlayers ?? 0) > config.maxPlayers) {
    return send(res, 400, { error: 'malformed', message: `maxPlayers: at most ${config.maxPlayers}` });
  }
  const code = await freshJoinCode();
  const hostKey = freshHostKey();
  const options: ClassRoomCreateOptions = { ...parsed.data, ticket: grants.issue(), code, hostKey };
  const room = await matchMaker.createRoom(ROOM_NAMES.class, options);
  const answer: CreateRoomResponse = { roomId: room.roomId, code, hostKey };
  send(res, 201, answer);
}

async function roomByCode(res: ServerResponse, code: string): Promise<void> {
  const room = await findClassRoomByCode(decodeURIComponent(code));
  if (!room) return send(res, 404, { error: 'wrong-code', message: 'no open room has this code' });
  send(res, 200, { roomId: room.roomId, code: room.code });
}

/** Builds the /api handler; requests outside /api go to `next`. */
export function apiHandler(config: ServerConfig, grants: CreationGrants): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return next();
    const fail = (e: unknown) => {
      console.error('[api]', e);
      if (!res.headersSent) send(res, 500, { error: 'server-error', message: 'the server could not do this' });
    };
    const byCode = /^\/api\/rooms\/by-code\/([^/]{1,20})$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/api/rooms') createRoom(req, res, config, grants).catch(fail);
    else if (req.method === 'GET' && byCode) roomByCode(res, byCode[1]!).catch(fail);
    else if (req.method === 'GET' && url.pathname === '/api/scenarios') send(res, 200, { scenarios: scenarioIds() });
    else if (req.method === 'GET' && url.pathname === '/api/health') send(res, 200, { ok: true });
    else send(res, 404, { error: 'not-found', message: `no API route ${req.method} ${url.pathname}` });
  };
}
