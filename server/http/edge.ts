// The first look at every HTTP request and WebSocket upgrade, before Colyseus, express or any route
// sees it: one body limit for every route (matchmaking included: 413 at once, the rest never read),
// malformed paths refused with 400, CORS only for the server's own origin and configured ones, the
// security headers, and a cap on each address's open connections. Offences are logged rate-limited.
import type http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { matchMaker } from '@colyseus/core';
import { offences } from '../rooms/frame-guard.ts';
import { MAX_JSON_BODY, clientAddress, isHttps } from './http-kit.ts';
import { RateLimiter } from './rate-limit.ts';
import { securityHeaders, type HeaderSetter } from './security-headers.ts';

/** Largest request body any route receives (the dashboard's JSON, matchmaking's join options, a custom scenario). */
export const MAX_BODY_BYTES = MAX_JSON_BODY;

/** Timeouts and header size of the HTTP server (node:http options): a slow client cannot hold a connection open. */
export function httpServerOptions(requestTimeoutSeconds: number): http.ServerOptions {
  const requestTimeout = Math.round(requestTimeoutSeconds * 1000);
  return {
    // The whole request, body included, must arrive within this; its headers within a third of it.
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, Math.max(2_000, Math.round(requestTimeout / 3))),
    // An idle keep-alive connection is closed after this.
    keepAliveTimeout: 5_000,
    // How often the server checks the two timeouts above (node's default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    maxHeaderSize: 16 * 1024,
  };
}

/** What the edge allows: origins besides the server's own, proxies in front, open connections per address. */
export interface EdgePolicy {
  /** Exact origins (scheme://host[:port]) allowed to call the API from a browser, besides the server's own. */
  allowedOrigins: readonly string[];
  /** Reverse proxies in front of this server (0: none). */
  trustProxy: number;
  /** Open connections (HTTP and WebSocket) one address may hold; not applied behind a proxy (every client shares its address). */
  maxConnectionsPerAddress: number;
  /** Extra frame-ancestors the pages may be framed by (none by default). */
  frameAncestors: readonly string[];
  /** WebSocket origins the pages may connect to besides their own (the room server's, when it is elsewhere). */
  connectSources: readonly string[];
  /** Matchmaking requests (each reserves a seat for 15 s) one address may make per minute, in a burst as large. */
  matchmakingPerMinute: number;
}

/** True when a browser on `origin` may read this server's answers: its own origin or a configured one. */
export function originAllowed(req: IncomingMessage, origin: string, policy: EdgePolicy): boolean {
  if (policy.allowedOrigins.includes(origin)) return true;
  const own = `${isHttps(req, policy.trustProxy) ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  return origin === own;
}

function refuse(res: ServerResponse, status: number, error: string, message: string, close = false): void {
  const socket = res.req.socket;
  const json = JSON.stringify({ error, message });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(json);
  // The rest of a refused body is never read. Closing at once would reset the connection while the
  // client is still sending, and a reset can lose the answer before the client reads it: instead the
  // socket stops reading (the client's sends stall, it reads the answer) and is destroyed a second later.
  if (close) {
    const lingering = socket as Socket & { destroySoon?: () => void };
    lingering.destroySoon = () => {
      socket.end();
      socket.pause();
      setTimeout(() => socket.destroy(), 1_000).unref();
    };
  }
}

/** The path's problem, or null: it must start with / and its %-escapes must decode. */
export function pathProblem(url: string | undefined): string | null {
  if (!url || !url.startsWith('/')) return 'the request target is not a path';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  try {
    decodeURIComponent(pathname);
  } catch {
    return 'the path has a malformed %-escape';
  }
  if (q >= 0) {
    try {
      new URLSearchParams(url.slice(q + 1)).forEach(() => undefined);
      decodeURIComponent(url.slice(q + 1).replace(/\+/g, ' '));
    } catch {
      return 'the query has a malformed %-escape';
    }
  }
  return null;
}

/** Decides a request at the edge; true when it may go on to Colyseus and the routes. */
function admitRequest(
  request: IncomingMessage,
  res: ServerResponse,
  policy: EdgePolicy,
  headers: HeaderSetter,
  matchmaking: RateLimiter,
): boolean {
  headers(request, res);
  const who = request.socket.remoteAddress ?? 'unknown';
  const problem = pathProblem(request.url);
  if (problem) {
    offences.note('http', who, `${problem}: ${String(request.url).slice(0, 60)}`);
    refuse(res, 400, 'malformed', problem);
    return false;
  }
  const origin = request.headers.origin;
  const allowed = typeof origin === 'string' && origin !== 'null' && originAllowed(request, origin, policy);
  if (typeof origin === 'string') res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
  if (request.method === 'OPTIONS') {
    if (!allowed) {
      refuse(res, 403, 'cross-origin', 'this origin may not call this server');
      return false;
    }
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
      'access-control-allow-headers': 'Content-Type, Accept, Authorization',
      'access-control-max-age': '600',
    });
    res.end();
    return false;
  }
  if (request.headers['transfer-encoding'] !== undefined) {
    refuse(res, 411, 'length-required', 'send a Content-Length with the body', true);
    return false;
  }
  // Every join reserves a seat for a while: an address cannot reserve a whole class's seats to lock it out.
  if (request.url!.startsWith('/matchmake/')) {
    const take = matchmaking.take(clientAddress(request, policy.trustProxy));
    if (!take.ok) {
      offences.note('http', who, 'matchmaking requests over the per-address limit');
      res.setHeader('retry-after', String(take.retryAfterSeconds));
      refuse(res, 429, 'rate-limited', `too many joins from this address: wait ${take.retryAfterSeconds} s`);
      return false;
    }
  }
  const length = Number(request.headers['content-length'] ?? 0);
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
    offences.note(
      'http',
      who,
      `body of ${String(request.headers['content-length'])} bytes on ${request.method} ${String(request.url).slice(0, 40)}`,
    );
    refuse(res, 413, 'too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`, true);
    return false;
  }
  return true;
}

/** Decides a WebSocket upgrade: a browser's must come from an allowed origin (programs send none). */
function admitUpgrade(request: IncomingMessage, socket: Socket, policy: EdgePolicy): boolean {
  const origin = request.headers.origin;
  if (pathProblem(request.url) === null && (origin === undefined || originAllowed(request, origin, policy)))
    return true;
  offences.note(
    'ws',
    request.socket.remoteAddress ?? 'unknown',
    `upgrade refused from origin ${String(origin).slice(0, 60)}`,
  );
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  return false;
}

/**
 * Puts the edge in front of an http.Server: its 'request' and 'upgrade' events pass admitRequest /
 * admitUpgrade before any listener (Colyseus binds its own at listen time), and connections beyond
 * the per-address cap are closed at once. Colyseus's own CORS headers (any origin, with credentials)
 * are switched off: the edge sets them.
 */
export function guardHttp(server: Server, policy: EdgePolicy): void {
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = () => ({});
  const headers = securityHeaders(policy);
  const matchmaking = new RateLimiter(policy.matchmakingPerMinute, policy.matchmakingPerMinute);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    if (policy.trustProxy > 0) return;
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > policy.maxConnectionsPerAddress) {
      offences.note('http', address, `more than ${policy.maxConnectionsPerAddress} open connections`);
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  (server as { emit: (event: string | symbol, ...args: unknown[]) => boolean }).emit = (event, ...args) => {
    if (
      event === 'request' &&
      !admitRequest(args[0] as IncomingMessage, args[1] as ServerResponse, policy, headers, matchmaking)
    )
      return true;
    if (event === 'upgrade' && !admitUpgrade(args[0] as IncomingMessage, args[1] as Socket, policy))
      return true;
    return emit(event, ...args);
  };
}
