// Attacks from a real Chromium page on another origin of the same host (issue 14): a second local HTTP
// server on another port serves the attacker's page, in the browser where a teacher is signed in. The
// page cannot read the teacher's data, cannot open a room's WebSocket, and a session cookie it plants
// (cookie tossing: cookies ignore ports) makes the server treat the teacher as signed out, never as the attacker.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';

let server: RunningServer;
let attacker: http.Server;
let attackerUrl: string;
let tb: TestBrowser;

beforeAll(async () => {
  [server, tb] = await Promise.all([
    startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
    }),
    launchBrowser(),
  ]);
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>attacker</title><p>hello</p>');
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await tb?.close();
  await server?.close();
  await new Promise((r) => attacker?.close(r));
});

it(
  'a page on another origin reads nothing, opens no WebSocket, and its planted cookie signs no one in',
  { timeout: 90_000 },
  async () => {
    const teacher = await TeacherClient.signUp(server.url, 'Victim');
    const room = await teacher.createRoom();
    const intruder = await TeacherClient.signUp(server.url, 'Attacker');
    const context = await tb.browser.newContext();
    try {
      // The teacher is signed in in this browser (the dashboard's cookie for 127.0.0.1).
      const [name, value] = (teacher as unknown as { cookie: string }).cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
      const page = await context.newPage();
      await page.goto(attackerUrl);
      const target = server.url;
      const read = await page.evaluate(async (url) => {
        try {
          const res = await fetch(`${url}/api/teacher/sessions`, { credentials: 'include' });
          return `read ${res.status}: ${await res.text()}`;
        } catch (e) {
          return `blocked: ${String(e)}`;
        }
      }, target);
      expect(read).toMatch(/^blocked/);
      // A seat reservation the attacker got somehow: its WebSocket from this origin is refused.
      const reserve = (await (
        await fetch(`${server.url}/matchmake/joinById/${room.roomId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            code: room.code,
            nickname: 'Eve',
            secret: 'attacker-secret-0123456789',
            lang: 'en',
          }),
        })
      ).json()) as { sessionId: string; name: string; processId: string; roomId: string };
      const ws = await page.evaluate(
        ({ url, r }) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(
              `${url.replace('http', 'ws')}/${r.processId}/${r.roomId}?sessionId=${r.sessionId}`,
            );
            socket.onopen = () => resolve('open');
            socket.onerror = () => resolve('refused');
            setTimeout(() => resolve('timeout'), 10_000);
          }),
        { url: target, r: reserve },
      );
      expect(ws).toBe('refused');
      // Cookie tossing: the attacker's own session cookie, planted with a longer Path from its page.
      const [, intruderToken] = (intruder as unknown as { cookie: string }).cookie.split('=') as [
        string,
        string,
      ];
      await page.evaluate((token) => {
        document.cookie = `kc_session=${token}; Path=/api/teacher`;
      }, intruderToken);
      const dashboard = await context.newPage();
      await dashboard.goto(`${server.url}/api/teacher/sessions`);
      const answer = await dashboard.evaluate(() => document.body.innerText);
      expect(answer).toMatch(/not-signed-in/);
      const created = await dashboard.evaluate(async () => {
        const res = await fetch('/api/teacher/rooms', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        return res.status;
      });
      expect(created).toBe(401);
      const attackerSessions = (await (await intruder.request('GET', '/api/teacher/sessions')).json()) as {
        sessions: unknown[];
      };
      expect(attackerSessions.sessions).toEqual([]);
    } finally {
      await context.close();
    }
  },
);
