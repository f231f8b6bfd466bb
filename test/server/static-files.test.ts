// The game server's wire: a browser that accepts brotli or gzip gets the precompressed copy (right
// Content-Encoding, Vary and Content-Length, the same caching), one that does not gets the file itself;
// all decode to the same bytes. API JSON, and a built file without copies, are compressed on the fly.
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly the headers given (Node's fetch would decode the body and hide what was sent). */
function get(
  server: RunningServer,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: urlPath, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const SCRIPT = Buffer.from(
  Array.from({ length: 400 }, (_, i) => `export const line${i} = 'Kernel Crew 커널 크루 ${i}';\n`).join(''),
);
const PAGE = Buffer.from(
  `<!doctype html><html><head><script type="module" src="/assets/main-abc123.js"></script></head><body>${'<p>커널 크루</p>'.repeat(200)}</body></html>`,
);

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  // A built client as `vite build` leaves it: each text file with its .br and .gz copies.
  dir = mkdtempSync(path.join(tmpdir(), 'kc-static-'));
  mkdirSync(path.join(dir, 'assets'));
  const put = (name: string, body: Buffer, copies = true): void => {
    writeFileSync(path.join(dir, name), body);
    if (!copies) return;
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(body));
  };
  put('index.html', PAGE);
  put('assets/main-abc123.js', SCRIPT);
  put('assets/font-abc123.woff2', Buffer.from('not compressible'), false);
  put('sw.js', SCRIPT, false);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    clientDir: dir,
    database: { kind: 'sqlite', file: ':memory:' },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed static files', () => {
  it.each([
    ['br, gzip, deflate', 'br', brotliDecompressSync],
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding %s gets %s, which decodes to the file', async (accept, encoding, decode) => {
    const res = await get(server, '/assets/main-abc123.js', { 'accept-encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(decode(res.body).equals(SCRIPT)).toBe(true);
  });

  it('a client that accepts no encoding gets the file itself', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const res = await get(server, '/assets/main-abc123.js', headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(SCRIPT.length);
      expect(res.body.equals(SCRIPT)).toBe(true);
    }
  });

  it('the HTML and the game routes that fall back to it are compressed and revalidated, not cached blind', async () => {
    for (const route of ['/', '/join/K7M4QX']) {
      const res = await get(server, route, { 'accept-encoding': 'gzip, br' });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).equals(PAGE)).toBe(true);
      const etag = res.headers.etag;
      expect(etag).toBeTruthy();
      const again = await get(server, route, {
        'accept-encoding': 'gzip, br',
        'if-none-match': String(etag),
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('a file without compressed copies is sent as it is, and HEAD sends no body', async () => {
    const res = await get(server, '/assets/font-abc123.woff2', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('font/woff2');
    expect(res.body.toString()).toBe('not compressible');
    const head = await get(server, '/assets/main-abc123.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('a text file without copies (the service worker) is compressed on the fly, for a client that asks', async () => {
    const res = await get(server, '/sw.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(res.body).equals(SCRIPT)).toBe(true);
    const plain = await get(server, '/sw.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(SCRIPT)).toBe(true);
  });

  it('does not leave the client directory', async () => {
    expect((await get(server, '/assets/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get(server, '/../package.json')).status).not.toBe(200);
  });
});

describe('API JSON', () => {
  it('is compressed on the fly for a client that asks, and plain otherwise', async () => {
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'park@school.example',
        password: 'correct horse battery',
        displayName: 'Park',
      }),
    });
    expect(signup.status).toBe(202);
    const signin = await fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'park@school.example', password: 'correct horse battery' }),
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // Enough sessions that the list is worth compressing (the middleware leaves answers under 1 kB alone).
    for (let i = 0; i < 8; i += 1) {
      const made = await fetch(`${server.url}/api/teacher/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title: `3학년 2반 운영체제 ${i}` }),
      });
      expect(made.status).toBe(201);
    }
    const plain = await get(server, '/api/teacher/sessions', { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const [accept, decode] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const zipped = await get(server, '/api/teacher/sessions', { cookie, 'accept-encoding': accept });
      expect(zipped.headers['content-encoding']).toBe(accept);
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.body.length).toBeLessThan(plain.body.length);
      expect(decode(zipped.body).equals(plain.body)).toBe(true);
    }
  });
});
