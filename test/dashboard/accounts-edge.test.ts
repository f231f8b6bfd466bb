// Accounts that tell no one who has one (issue 14): sign-up and "forgot password" answer the same, in
// about the same time, for a registered and a new email; a reset works without e-mail through a one-time
// link (the admin command on the server's machine, or the server's console), once, and signs out everywhere.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { boot, type Harness } from '../server/harness.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-accounts-'));
const file = path.join(dir, 'db.sqlite');
let h: Harness;
beforeAll(async () => {
  h = await boot({ database: { kind: 'sqlite', file }, authRatePerMinute: 1000 });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (p: string, body: unknown) =>
  fetch(`${h.server.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function timed(p: string, body: unknown) {
  const t0 = performance.now();
  const res = await post(p, body);
  const text = await res.text();
  return { status: res.status, text, cookie: res.headers.get('set-cookie'), ms: performance.now() - t0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it(
  'answers sign-up the same, in about the same time, for a taken and a new email',
  { timeout: 60_000 },
  async () => {
    const taken = `taken-${Date.now()}@school.example`;
    const first = await timed('/api/auth/signup', {
      email: taken,
      password: 'the first password',
      displayName: 'A',
    });
    expect(first.status).toBe(202);
    const news: number[] = [];
    const takens: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await timed('/api/auth/signup', {
        email: `new-${i}-${Date.now()}@school.example`,
        password: 'another password',
        displayName: 'B',
      });
      const again = await timed('/api/auth/signup', {
        email: taken.toUpperCase(),
        password: 'an attacker password',
        displayName: 'C',
      });
      expect([fresh.status, fresh.text, fresh.cookie]).toEqual([again.status, again.text, again.cookie]);
      expect(again.cookie).toBeNull();
      news.push(fresh.ms);
      takens.push(again.ms);
    }
    const ratio = median(takens) / median(news);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
    // The taken account is untouched: its password still signs in, the second one does not.
    await TeacherClient.signIn(h.server.url, taken, 'the first password');
    expect((await post('/api/auth/signin', { email: taken, password: 'an attacker password' })).status).toBe(
      401,
    );
  },
);

it(
  'resets a password through the admin command, once, and ends every session',
  { timeout: 90_000 },
  async () => {
    const teacher = await TeacherClient.signUp(h.server.url, 'Reset', 'the old password');
    const cli = await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli/admin.ts', 'reset-password', teacher.email],
      {
        env: { ...process.env, DATABASE_FILE: file, PUBLIC_URL: h.server.url },
      },
    );
    const link = /(http:\/\/\S+\/dashboard#\/reset\/(\S+))/.exec(cli.stdout);
    expect(link, cli.stdout).not.toBeNull();
    expect(link![1]!.startsWith(h.server.url)).toBe(true);
    const token = decodeURIComponent(link![2]!);
    expect((await post('/api/auth/reset', { token, password: 'short' })).status).toBe(400);
    const reset = await post('/api/auth/reset', { token, password: 'the new password' });
    expect(reset.status).toBe(200);
    // Signed out everywhere; the new password signs in, the old one does not; the link works once.
    expect((await teacher.request('GET', '/api/teacher/sessions')).status).toBe(401);
    await TeacherClient.signIn(h.server.url, teacher.email, 'the new password');
    expect(
      (await post('/api/auth/signin', { email: teacher.email, password: 'the old password' })).status,
    ).toBe(401);
    const again = await post('/api/auth/reset', { token, password: 'a third password' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'bad-reset-link' });
    // An unknown email: the command says so and fails.
    await expect(
      run(
        process.execPath,
        ['--import', 'tsx', 'server/cli/admin.ts', 'reset-password', 'nobody@school.example'],
        {
          env: { ...process.env, DATABASE_FILE: file },
        },
      ),
    ).rejects.toMatchObject({ code: 1 });
  },
);

it('answers "forgot password" the same for every email and logs the link only for a real account', async () => {
  const teacher = await TeacherClient.signUp(h.server.url, 'Forgot', 'the old password');
  const logged: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.join(' '));
  });
  try {
    const known = await timed('/api/auth/forgot', { email: teacher.email });
    const unknown = await timed('/api/auth/forgot', { email: 'nobody@school.example' });
    expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
    expect(known.status).toBe(202);
  } finally {
    spy.mockRestore();
  }
  const lines = logged.filter((l) => l.includes('/dashboard#/reset/'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(teacher.email);
  const token = decodeURIComponent(/#\/reset\/(\S+)/.exec(lines[0]!)![1]!);
  expect((await post('/api/auth/reset', { token, password: 'from the console' })).status).toBe(200);
  await TeacherClient.signIn(h.server.url, teacher.email, 'from the console');
});
