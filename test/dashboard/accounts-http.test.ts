// The dashboard's account endpoints over real HTTP: cookies, sign-in/out, expiry, refusals, rate limit, solo progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { WebClient } from './web-client.ts';

let clock = Date.now();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    clientDir: '/nonexistent',
    database: { kind: 'sqlite', file: ':memory:' },
    now: () => clock,
    sessionTtlHours: 1,
    authRatePerMinute: 1000,
  });
});
afterAll(async () => {
  await server.close();
});

describe('teacher accounts over HTTP', () => {
  it('signs up with an HttpOnly SameSite=Strict cookie, knows who is signed in, signs out', async () => {
    const web = new WebClient(server.url);
    const email = `kim-${Date.now()}@school.example`;
    const up = await web.post('/api/auth/signup', {
      email,
      password: 'correct horse battery',
      displayName: 'Kim',
    });
    expect(up.status).toBe(201);
    const setCookie = up.res.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^kc_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here
    expect(JSON.stringify(up.body)).not.toMatch(/token|hash/i);
    expect((await web.get('/api/auth/me')).body.teacher).toMatchObject({ email, displayName: 'Kim' });

    const out = await web.post('/api/auth/signout');
    expect(out.status).toBe(204);
    const after = await web.get('/api/auth/me');
    expect(after).toEqual({ status: 200, body: { teacher: null, reason: 'not-signed-in' } });
    expect(await web.get('/api/teacher/sessions')).toMatchObject({
      status: 401,
      body: { error: 'not-signed-in' },
    });

    expect((await web.post('/api/auth/signin', { email, password: 'wrong password!!' })).body).toMatchObject({
      error: 'bad-credentials',
    });
    expect(
      (
        await web.post('/api/auth/signin', {
          email: `nobody-${Date.now()}@school.example`,
          password: 'whatever it is',
        })
      ).status,
    ).toBe(401);
    const back = await web.post('/api/auth/signin', {
      email: email.toUpperCase(),
      password: 'correct horse battery',
    });
    expect(back.status).toBe(200);
    expect((await web.get('/api/auth/me')).status).toBe(200);
    expect(
      (await web.post('/api/auth/signup', { email, password: 'another long one', displayName: 'Kim 2' }))
        .status,
    ).toBe(409);
  });

  it('sets Secure on the cookie behind an https proxy only when TRUST_PROXY is on', async () => {
    const proxied = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
      trustProxy: 1,
    });
    try {
      const web = new WebClient(proxied.url);
      const res = await web.request(
        'POST',
        '/api/auth/signup',
        { email: 'lee@school.example', password: 'correct horse battery', displayName: 'Lee' },
        { 'x-forwarded-proto': 'https' },
      );
      expect(res.status).toBe(201);
      // Over https the cookie is __Host-: Secure, Path=/, no Domain, so no sibling site can set one.
      expect(res.headers.getSetCookie()[0]).toMatch(
        /^__Host-kc_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/,
      );
      expect(
        (await web.request('GET', '/api/teacher/sessions', undefined, { 'x-forwarded-proto': 'https' }))
          .status,
      ).toBe(200);
      // The plain-http name is not accepted over https.
      const token = web.cookie('__Host-kc_session')!;
      expect(
        (
          await fetch(`${proxied.url}/api/teacher/sessions`, {
            headers: { cookie: `kc_session=${token}`, 'x-forwarded-proto': 'https' },
          })
        ).status,
      ).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('signs out everywhere: every browser of the teacher, not another teacher', async () => {
    const laptop = new WebClient(server.url);
    const email = `everywhere-${Date.now()}@school.example`;
    expect(
      (
        await laptop.post('/api/auth/signup', {
          email,
          password: 'correct horse battery',
          displayName: 'Moon',
        })
      ).status,
    ).toBe(201);
    const phone = new WebClient(server.url);
    expect((await phone.post('/api/auth/signin', { email, password: 'correct horse battery' })).status).toBe(
      200,
    );
    const other = new WebClient(server.url);
    await other.signUp('Other');
    const out = await phone.post('/api/auth/signout-everywhere');
    expect(out).toMatchObject({ status: 200, body: { ended: 2 } });
    expect((await laptop.get('/api/teacher/sessions')).status).toBe(401);
    expect((await phone.get('/api/teacher/sessions')).status).toBe(401);
    expect((await other.get('/api/teacher/sessions')).status).toBe(200);
    expect((await new WebClient(server.url).post('/api/auth/signout-everywhere')).status).toBe(401);
  });

  it("does not use a session cookie planted next to the teacher's (cookie tossing)", async () => {
    const attacker = new WebClient(server.url);
    await attacker.signUp('Mallory');
    const teacher = new WebClient(server.url);
    await teacher.signUp('Han');
    // A same-site page sets the attacker's session with a longer Path, so the browser sends it first.
    teacher.plant('kc_session', attacker.cookie('kc_session')!, '/api/teacher');
    const created = await teacher.post('/api/teacher/rooms', { title: 'Han 3-1' });
    expect(created.status).toBe(401);
    expect((await attacker.get('/api/teacher/sessions')).body.sessions).toEqual([]);
  });

  it('behind TRUST_PROXY limits the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    const proxied = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
      trustProxy: 1,
      authRatePerMinute: 3,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${proxied.url}/api/auth/signin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.9.${i}, 192.0.2.7` },
          body: JSON.stringify({ email: 'kim@school.example', password: `guess number ${i}` }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      // Another client behind the same proxy is not locked out by the first one's guesses.
      const other = await fetch(`${proxied.url}/api/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.8' },
        body: JSON.stringify({ email: 'kim@school.example', password: 'a fair guess' }),
      });
      expect(other.status).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('refuses an expired session with session-expired', async () => {
    const web = new WebClient(server.url);
    await web.signUp('Park');
    expect((await web.get('/api/teacher/sessions')).status).toBe(200);
    clock += 2 * 3_600_000;
    try {
      expect(await web.get('/api/teacher/sessions')).toMatchObject({
        status: 401,
        body: { error: 'session-expired' },
      });
      expect(await web.get('/api/auth/me')).toMatchObject({ status: 200, body: { teacher: null } });
    } finally {
      clock = Date.now() + 3 * 3_600_000;
    }
  });

  it('refuses every dashboard endpoint without a sign-in (401, JSON error)', async () => {
    const web = new WebClient(server.url);
    for (const [method, path] of [
      ['GET', '/api/teacher/sessions'],
      ['POST', '/api/teacher/rooms'],
      ['GET', '/api/teacher/sessions/abc'],
      ['GET', '/api/teacher/sessions/abc/rounds'],
      ['GET', '/api/teacher/sessions/abc/csv'],
      ['GET', '/api/teacher/rounds/abc'],
      ['POST', '/api/teacher/sessions/abc/end'],
      ['GET', '/api/teacher/scenarios'],
    ] as const) {
      const res = await web.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toMatchObject({
        error: 'not-signed-in',
        message: expect.stringMatching(/sign in/i),
      });
    }
    const forged = await fetch(`${server.url}/api/teacher/sessions`, {
      headers: { cookie: 'kc_session=forged-token' },
    });
    expect(forged.status).toBe(401);
  });

  it('answers malformed bodies with 400 and the field at fault', async () => {
    const web = new WebClient(server.url);
    const notJson = await web.request('POST', '/api/auth/signin', '{"email":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'malformed', message: 'the body is not valid JSON' });
    expect(
      (
        await web.post('/api/auth/signup', {
          email: 'a@b.example',
          password: 'long enough pass',
          displayName: 'X',
          admin: true,
        })
      ).body,
    ).toMatchObject({ error: 'malformed', message: expect.stringContaining('admin') });
    expect(
      (
        await web.post('/api/auth/signup', {
          email: 'not-an-email',
          password: 'long enough pass',
          displayName: 'X',
        })
      ).body,
    ).toMatchObject({ error: 'malformed', message: expect.stringContaining('email') });
    expect(
      (await web.post('/api/auth/signup', { email: 'c@d.example', password: 'short', displayName: 'X' }))
        .status,
    ).toBe(400);
    expect((await web.post('/api/auth/signin', { email: 42 })).status).toBe(400);
    await web.signUp('Choi');
    const bad = await web.post('/api/teacher/rooms', { cores: 99, quantum: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/cores/);
    expect((await web.post('/api/teacher/rooms', { scenario: 'no-such-scenario' })).body).toMatchObject({
      error: 'bad-scenario',
    });
    const big = await web.request(
      'POST',
      '/api/teacher/rooms',
      JSON.stringify({ title: 'x'.repeat(70_000) }),
    );
    expect(big.status).toBe(413);
  });

  it('refuses a state-changing request from another site', async () => {
    const res = await fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('rate-limits sign-in and sign-up per address with 429 and Retry-After', async () => {
    const limited = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file: ':memory:' },
      authRatePerMinute: 3,
    });
    try {
      const web = new WebClient(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await web.post('/api/auth/signin', { email: 'x@y.example', password: 'guess number ' + i }))
            .status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const res = await web.request('POST', '/api/auth/signup', {
        email: 'x@y.example',
        password: 'correct horse battery',
        displayName: 'X',
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: 'rate-limited' });
    } finally {
      await limited.close();
    }
  });
});

describe('solo progress without an account', () => {
  it('keeps the best stars per level for a browser id and validates everything', async () => {
    const web = new WebClient(server.url);
    const browserId = `browser-${Date.now()}`;
    const { CAMPAIGN } = await import('../../shared/levels/index.ts');
    const levelId = CAMPAIGN[0]!.id;
    expect(await web.get(`/api/solo/progress?browserId=${browserId}`)).toEqual({
      status: 200,
      body: { progress: [] },
    });
    expect(
      (await web.request('PUT', '/api/solo/progress', { browserId, levelId, stars: 2, score: 40 })).status,
    ).toBe(200);
    expect(
      (await web.request('PUT', '/api/solo/progress', { browserId, levelId, stars: 1, score: 10 })).status,
    ).toBe(200);
    const got = await web.get(`/api/solo/progress?browserId=${browserId}`);
    expect(got.body.progress).toEqual([
      expect.objectContaining({ levelId, stars: 2, bestScore: 40, undos: null }),
    ]);
    // The undo count of the best attempt is kept with it (optional in the body, like before undo existed).
    expect(
      (await web.request('PUT', '/api/solo/progress', { browserId, levelId, stars: 2, score: 40, undos: 3 }))
        .status,
    ).toBe(200);
    expect((await web.get(`/api/solo/progress?browserId=${browserId}`)).body.progress).toEqual([
      expect.objectContaining({ levelId, bestScore: 40, undos: 3 }),
    ]);
    expect((await web.get('/api/solo/progress?browserId=no')).status).toBe(400);
    expect((await web.get('/api/solo/progress')).status).toBe(400);
    // A challenge's personal best is kept the same way, never lowered.
    const { CHALLENGES } = await import('../../shared/levels/index.ts');
    const challengeId = CHALLENGES[0]!.spec.id;
    expect(
      (
        await web.request('PUT', '/api/solo/progress', {
          browserId,
          levelId: challengeId,
          stars: 1,
          score: 57,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await web.request('PUT', '/api/solo/progress', {
          browserId,
          levelId: challengeId,
          stars: 0,
          score: 30,
        })
      ).status,
    ).toBe(200);
    expect((await web.get(`/api/solo/progress?browserId=${browserId}`)).body.progress).toContainEqual(
      expect.objectContaining({ levelId: challengeId, stars: 1, bestScore: 57 }),
    );
    for (const body of [
      { browserId, levelId: 'no-such-level', stars: 1, score: 1 },
      { browserId, levelId, stars: 4, score: 1 },
      { browserId: 'bad id!', levelId, stars: 1, score: 1 },
      { browserId, levelId, stars: 1, score: 1, undos: -2 },
    ]) {
      expect((await web.request('PUT', '/api/solo/progress', body)).status).toBe(400);
    }
  });
});
