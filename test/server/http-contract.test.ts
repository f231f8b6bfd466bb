// The HTTP contract: every route the server registers is declared in shared/protocol/http.ts, and every
// declared route answers a real request with a body its response schema accepts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    await call('signUp', 202, { body: { email, password, displayName: 'Contract' } });
    await call('signIn', 200, { body: { email, password } });
    await call('signOut', 204);
    // The reset link goes to the server's console (no mail configured): the server runs in this process.
    const console_ = vi.spyOn(console, 'log');
    await call('forgotPassword', 202, { body: { email } });
    const link = console_.mock.calls.map((c) => String(c[0])).find((l) => l.includes('#/reset/'));
    console_.mockRestore();
    const resetToken = decodeURIComponent(/#\/reset\/(\S+)/.exec(link ?? '')?.[1] ?? '');
    await call('resetPassword', 200, { body: { token: resetToken, password } });
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
    await until('ticks', () => crewOf(host.state, null)!.machine!.tick >= 5);
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
    const stored = (await call('roundReport', 200, { params: { id: rounds[0]!.id } })) as {
      report: { metrics: { class: { comparable: unknown } } };
    };
    expect(Object.keys(stored.report.metrics.class.comparable as object)).toEqual([
      'response',
      'turnaround',
      'waiting',
      'interruptLatency',
    ]);
    // A report stored before metrics carried their comparable figures is answered with them (the server's
    // kernel rule), not refused: the same round again, its figures stripped of them.
    const me = (await call('me', 200)) as { teacher: { id: string } };
    const full = (await h.server.db.rounds.getReport(rounds[0]!.id, me.teacher.id))!;
    const strip = (m: unknown) => {
      const { comparable: _, ...rest } = m as Record<string, unknown>;
      return rest;
    };
    const legacyId = await h.server.db.rounds.save({
      ...full,
      roundNumber: 99,
      metrics: { ...(full.metrics as object), class: strip((full.metrics as { class: unknown }).class) },
      baselines: (full.baselines as { metrics: unknown }[]).map((b) => ({ ...b, metrics: strip(b.metrics) })),
    });
    const legacy = (await call('roundReport', 200, { params: { id: legacyId } })) as typeof stored;
    expect(legacy.report.metrics.class.comparable).toEqual(stored.report.metrics.class.comparable);
    await call('sessionCsv', 200, { params: { id: room.sessionId }, query: '?lang=ko&tz=Asia%2FSeoul' });
    const browserId = 'contract-browser-0001';
    const { token } = (await call('soloToken', 200, { body: { browserId } })) as { token: string };
    await call('putSoloProgress', 200, {
      body: { browserId, token, levelId: 'boot-hello', stars: 2, score: 10 },
    });
    await call('getSoloProgress', 200, { query: `?browserId=${browserId}` });
    await host.leave();
    await call('rotateKey', 200, { params: { id: room.sessionId } });
    await call('hostPass', 200, { params: { id: room.sessionId } });
    await call('endSession', 200, { params: { id: room.sessionId } });
    await call('deleteSession', 200, { params: { id: room.sessionId }, body: { confirm: room.code } });
    await call('signOutEverywhere', 200);
    await call('signIn', 200, { body: { email, password } });
    await call('deleteAccount', 200, { body: { password } });
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
