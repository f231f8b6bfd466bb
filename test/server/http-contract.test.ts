// The HTTP contract: every route the server registers is declared in shared/protocol/http.ts, and every
// declared route answers a real request with a body its response schema accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crewOf } from '../../shared/protocol/state.ts';
import { z } from 'zod';
import { PUBLIC_ROUTES } from '../../server/http/api.ts';
import { DASHBOARD_ROUTES } from '../../server/http/dashboard-api.ts';
import { LIMITS } from '../../shared/kernel/limits.ts';
import {
  HTTP_ROUTES,
  apiErrorSchema,
  pathOf,
  type HttpRoute,
  type HttpRouteName,
} from '../../shared/protocol/http.ts';
import { WebClient } from '../dashboard/web-client.ts';
import { boot, until, type Harness } from './harness.ts';

const declared = new Map<HttpRoute, HttpRouteName>(
  Object.entries(HTTP_ROUTES).map(([name, r]) => [r, name as HttpRouteName]),
);
const registered: [HttpRoute, RegExp][] = [
  ...PUBLIC_ROUTES.map(([r, pattern]): [HttpRoute, RegExp] => [r, pattern]),
  ...DASHBOARD_ROUTES.map(([r]): [HttpRoute, RegExp] => [
    r,
    new RegExp(`^${r.path.replace(/:[a-z]+/g, '([^/]+)')}$`),
  ]),
];

describe('every registered route is declared', () => {
  it('each route the server registers is an entry of HTTP_ROUTES, with request and response schemas', () => {
    for (const [r] of registered) {
      expect(declared.has(r), `${r.method} ${r.path} is not declared in HTTP_ROUTES`).toBe(true);
      for (const part of [r.body, r.query, r.response]) expect(part).toBeInstanceOf(z.ZodType);
    }
  });

  it('each declared route is registered once, and its declared path reaches it', () => {
    for (const [r, name] of declared) {
      const hits = registered.filter(([x]) => x === r);
      expect(hits, `${name} is registered ${hits.length} times`).toHaveLength(1);
      expect(pathOf(r, { id: 'abc', code: 'K7Q2' })).toMatch(hits[0]![1]);
    }
  });
});

describe('every declared route answers what it declares', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await boot({ ticksPerSecond: 20 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a real request to each route gets an answer its response schema accepts', async () => {
    const web = new WebClient(h.server.url);
    const checked = new Set<HttpRouteName>();
    const call = async (
      name: HttpRouteName,
      status: number,
      options: { params?: Record<string, string>; body?: unknown; query?: string } = {},
    ): Promise<unknown> => {
      const r = HTTP_ROUTES[name];
      const res = await web.request(
        r.method,
        pathOf(r, options.params) + (options.query ?? ''),
        options.body,
      );
      expect(res.status, `${name}`).toBe(status);
      const raw =
        res.status === 204 ? null : r.response instanceof z.ZodString ? await res.text() : await res.json();
      const parsed = r.response.safeParse(raw);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
      checked.add(name);
      return parsed.data;
    };
    const email = `contract-${Math.random().toString(36).slice(2, 8)}@school.example`;
    const password = 'correct horse battery';
    await call('me', 200);
    await call('signUp', 201, { body: { email, password, displayName: 'Contract' } });
    await call('signOut', 204);
    await call('signIn', 200, { body: { email, password } });
    await call('me', 200);
    await call('scenarioIds', 200);
    await call('health', 200);
    const served = (await call('limits', 200)) as { limits: typeof LIMITS };
    expect(served.limits.quantum).toEqual(LIMITS.quantum);
    await call('teacherScenarios', 200);
    const room = (await call('createRoom', 201, { body: { title: 'Contract' } })) as {
      sessionId: string;
      roomId: string;
      code: string;
      hostKey: string;
    };
    await call('roomByCode', 200, { params: { code: room.code } });
    // One short round, so the session has a stored report.
    const host = await h.host(room);
    host.onMessage('summary', () => undefined);
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
    await until('ticks', () => crewOf(host.state, null)!.machine.tick >= 5);
    host.send('host:end-round');
    let rounds: { id: string }[] = [];
    await until(
      'stored round',
      () => {
        void web.get(pathOf(HTTP_ROUTES.sessionRounds, { id: room.sessionId })).then((r) => {
          rounds = (r.body.rounds as { id: string }[] | undefined) ?? [];
        });
        return rounds.length > 0;
      },
      15_000,
    );
    await call('sessions', 200);
    await call('session', 200, { params: { id: room.sessionId } });
    await call('sessionRounds', 200, { params: { id: room.sessionId } });
    await call('roundReport', 200, { params: { id: rounds[0]!.id } });
    await call('sessionCsv', 200, { params: { id: room.sessionId } });
    const browserId = 'contract-browser-0001';
    await call('putSoloProgress', 200, { body: { browserId, levelId: 'boot-hello', stars: 2, score: 10 } });
    await call('getSoloProgress', 200, { query: `?browserId=${browserId}` });
    await host.leave();
    await call('rotateKey', 200, { params: { id: room.sessionId } });
    await call('endSession', 200, { params: { id: room.sessionId } });
    await call('signOutEverywhere', 200);
    expect([...declared.values()].filter((n) => !checked.has(n))).toEqual([]);
  }, 60_000);

  it('refusals have the declared error shape', async () => {
    const web = new WebClient(h.server.url);
    for (const path of ['/api/teacher/sessions', '/api/rooms/by-code/ZZZZ', '/api/nothing-here']) {
      const res = await web.request('GET', path);
      expect(res.ok).toBe(false);
      expect(apiErrorSchema.safeParse(await res.json()).success).toBe(true);
    }
  });
});
