// Deleting (issue 14, docs/PRIVACY.md): a teacher deletes a past class session with its reports after
// typing its join code, and their account with all its data after typing their password.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { boot, collect, until, type Harness } from '../server/harness.ts';
import { SHORT_SCENARIO } from '../server/fixtures.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ authRatePerMinute: 1000 });
});
afterAll(async () => {
  await h.close();
});

async function playedSession(teacher: TeacherClient) {
  const created = await teacher.createRoom({ scenario: SHORT_SCENARIO as never, ticksPerSecond: 20 });
  const host = await h.host(created);
  const summaries = collect(host, 'summary');
  await h.student(created, 'Seo');
  host.send('host:start');
  host.send('host:end-round');
  await until('summary', () => summaries.length > 0, 15_000);
  const page = async () =>
    (await (await teacher.request('GET', `/api/teacher/sessions/${created.sessionId}`)).json()) as {
      rounds: { id: string }[];
    };
  const start = Date.now();
  while ((await page()).rounds.length === 0 && Date.now() - start < 10_000)
    await new Promise((r) => setTimeout(r, 50));
  return { created, roundId: (await page()).rounds[0]!.id };
}

it(
  'deletes a session and its reports only with its join code typed, and only for its teacher',
  { timeout: 60_000 },
  async () => {
    const teacher = await TeacherClient.signUp(h.server.url, 'Del');
    const { created, roundId } = await playedSession(teacher);
    const path = `/api/teacher/sessions/${created.sessionId}`;
    expect((await teacher.request('DELETE', path, {})).status).toBe(400);
    expect((await teacher.request('DELETE', path, { confirm: 'WRONG1' })).status).toBe(400);
    const other = await TeacherClient.signUp(h.server.url, 'Other');
    expect((await other.request('DELETE', path, { confirm: created.code })).status).toBe(404);
    expect((await teacher.request('GET', `/api/teacher/rounds/${roundId}`)).status).toBe(200);

    const res = await teacher.request('DELETE', path, { confirm: created.code.toLowerCase() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect((await teacher.request('GET', path)).status).toBe(404);
    expect((await teacher.request('GET', `/api/teacher/rounds/${roundId}`)).status).toBe(404);
    expect((await teacher.request('GET', `${path}/csv`)).status).toBe(404);
    await until('its room is closed', () => h.roomOf(created.roomId) === undefined);
  },
);

it(
  'deletes an account with all its data after the password, and nothing of another teacher',
  { timeout: 60_000 },
  async () => {
    const password = 'correct horse battery';
    const teacher = await TeacherClient.signUp(h.server.url, 'Leaving', password);
    const keeper = await TeacherClient.signUp(h.server.url, 'Staying', password);
    const { roundId } = await playedSession(teacher);
    const kept = await playedSession(keeper);
    expect(
      (await teacher.request('DELETE', '/api/auth/account', { password: 'not the password' })).status,
    ).toBe(403);
    const res = await teacher.request('DELETE', '/api/auth/account', { password });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => /Max-Age=0/.test(c))).toBe(true);
    expect((await teacher.request('GET', '/api/teacher/sessions')).status).toBe(401);
    await expect(TeacherClient.signIn(h.server.url, teacher.email, password)).rejects.toThrow(/401/);
    expect(await h.server.db.rounds.getReport(roundId, 'anyone')).toBeUndefined();
    // The other teacher's session and report are untouched.
    expect((await keeper.request('GET', `/api/teacher/rounds/${kept.roundId}`)).status).toBe(200);
  },
);
