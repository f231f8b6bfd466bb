// The HTTP edge over real sockets: bodies bounded before Colyseus reads them (matchmaking included),
// malformed paths, slow clients, the per-address connection cap, origins (CORS and WebSocket) and the
// security headers, against a real server.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../server/main.ts';
import { MAX_BODY_BYTES } from '../../server/http/edge.ts';

let server: RunningServer;
const EVIL = 'http://evil.example:8080';
const FRIEND = 'http://dev.school.example:5173';

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    clientDir: '/nonexistent',
    database: { kind: 'sqlite', file: ':memory:' },
    requestTimeoutSeconds: 2,
    allowedOrigins: [FRIEND],
  });
});
afterAll(async () => {
  await server.close();
});

/** A raw connection: what the server answers (until it closes or `until` holds) and whether it closed. */
function raw(
  head: string,
  bodySize: number,
  until: (text: string) => boolean,
  ms = 8000,
): Promise<{ text: string; closed: boolean; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let text = '';
    let sent = 0;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed, sent });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(new Error(`no answer within ${ms} ms; got ${JSON.stringify(text.slice(0, 200))}`));
    }, ms);
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (until(text)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(head);
    if (bodySize > 0) {
      // Feed the body as fast as the server takes it, one 64 KiB chunk at a time.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const step = () => {
        if (done || sent >= bodySize) return;
        sent += chunk.length;
        if (socket.write(chunk)) setImmediate(step);
        else socket.once('drain', step);
      };
      step();
    }
  });
}

const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

describe('the HTTP edge', () => {
  it('answers 413 to a huge matchmaking body at once, without reading it', async () => {
    const size = 150 * 1024 * 1024;
    const head = `POST /matchmake/joinOrCreate/solo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
    const answer = await raw(head, size, (t) => t.includes('\r\n\r\n'));
    expect(status(answer.text)).toBe(413);
    expect(answer.sent).toBeLessThan(size / 4);
    // The server is not busy with the rest of it.
    const t0 = performance.now();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('answers 413 to an oversized dashboard body too, and 411 to a chunked one', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(MAX_BODY_BYTES), password: 'y' });
    const res = await fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: big,
    });
    expect(res.status).toBe(413);
    const chunked = await raw(
      'POST /matchmake/create/class HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
      0,
      (t) => t.includes('\r\n\r\n'),
    );
    expect(status(chunked.text)).toBe(411);
  });

  it('answers 400 to a malformed %-escape anywhere in the path', async () => {
    for (const path of [
      '/api/rooms/by-code/%E0%A4%A',
      '/%zz',
      '/api/teacher/sessions/%C0',
      '/matchmake/joinById/%ff%fe',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('malformed');
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('closes a connection whose headers or body never finish arriving', async () => {
    const headers = await raw('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 0, () => false);
    expect(headers.closed).toBe(true);
    const body = await raw(
      'POST /api/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email"',
      0,
      () => false,
    );
    expect(body.closed).toBe(true);
  });

  it('closes connections beyond the per-address cap', async () => {
    const capped = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
      maxConnectionsPerAddress: 8,
    });
    const sockets = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(capped.port, '127.0.0.1', () => resolve(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    try {
      const closed = await Promise.all(
        sockets.map(
          (s) =>
            new Promise<boolean>((resolve) => {
              if (s.destroyed) return resolve(true);
              s.once('close', () => resolve(true));
              s.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
              s.once('data', () => resolve(false));
            }),
        ),
      );
      expect(closed.filter(Boolean).length).toBe(4);
    } finally {
      for (const s of sockets) s.destroy();
      await capped.close();
    }
  });

  it('limits the seat reservations (matchmaking requests) one address makes, so it cannot lock a class out', async () => {
    const limited = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
      matchmakingPerMinute: 3,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await fetch(`${limited.url}/matchmake/joinById/nope${i}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            })
          ).status,
        );
      }
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(statuses.slice(0, 3)).not.toContain(429);
      expect((await fetch(`${limited.url}/api/health`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('lets only its own origin and configured ones read answers (no origin reflected with credentials)', async () => {
    const own = await fetch(`${server.url}/api/scenarios`, { headers: { origin: server.url } });
    expect(own.headers.get('access-control-allow-origin')).toBe(server.url);
    const evil = await fetch(`${server.url}/api/scenarios`, { headers: { origin: EVIL } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const mm = await fetch(`${server.url}/matchmake/joinOrCreate/solo`, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(mm.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = (origin: string) =>
      fetch(`${server.url}/matchmake/joinById/x`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const refused = await preflight(EVIL);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const friend = await preflight(FRIEND);
    expect(friend.status).toBe(204);
    expect(friend.headers.get('access-control-allow-origin')).toBe(FRIEND);
    expect(friend.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses a WebSocket from a browser page on another origin', async () => {
    const probe = (origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/whatever`, origin ? { origin } : {});
        ws.on('unexpected-response', (_q, r) => {
          ws.terminate();
          resolve(`status ${r.statusCode}`);
        });
        ws.on('error', () => resolve('error'));
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
      });
    expect(await probe(EVIL)).toBe('status 403');
    // Programs (the SDK in Node, the load tools) send no Origin; pages on the server's own origin or a configured one are let through to Colyseus.
    for (const origin of [undefined, `http://127.0.0.1:${server.port}`, FRIEND])
      expect(await probe(origin)).not.toBe('status 403');
  });

  it('sends the security headers on pages and API answers, and no X-Powered-By', async () => {
    for (const path of ['/', '/api/health', '/api/nope', '/api/teacher/sessions']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});
