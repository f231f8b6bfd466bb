// The dashboard's teacher controls in a real Chromium page, by clicks and keys (issue 14): the health
// line (an unsaved report warns, then clears once stored), renaming a student through the dialog
// (Escape cancels and gives the focus back), rotating the host key (the old key no longer opens the room
// as host, and the dashboard still runs it), the next round, deleting a session (a wrong join code is
// refused inside the dialog and keeps it; the right one deletes it from the list and the API) and
// deleting the account (a wrong password, then the right one); and a password reset link, whose result
// the sign-in page states (no browser alert).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/main.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';
import { failOnErrors, launchBrowser, openPage, POLL, type TestBrowser } from './browser.ts';
import { startGameServer } from './game-server.ts';
import { fillDisk } from '../dashboard/full-disk.ts';

let server: RunningServer;
let tb: TestBrowser;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  [server, tb] = await Promise.all([
    startGameServer({ database: { kind: 'sqlite', file: ':memory:' }, ticksPerSecond: 8 }),
    launchBrowser(),
  ]);
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await server?.close();
});

/** The refusals this test provokes on purpose (the browser logs each failed request). */
const EXPECTED = [
  /\/api\/health/, // 503 while a report is unsaved
  /(status of 400|HTTP 400).*\/api\/teacher\/sessions\/[\w-]+\)?$/, // the wrong join code
  /(status of 403|HTTP 403).*\/api\/auth\/account\)?$/, // the wrong password
];

/** A student (or a would-be host) joining over the room's WebSocket. */
async function join(
  roomId: string,
  options: Record<string, unknown>,
): Promise<Room<unknown, SyncedRoomState>> {
  const room = await new Client(server.url.replace('http', 'ws')).joinById<SyncedRoomState>(roomId, options);
  for (const type of ['welcome', 'events', 'rejected', 'error', 'summary', 'score', 'debrief'])
    room.onMessage(type, () => undefined);
  await expect
    .poll(() => room.state !== undefined && crewOf(room.state, null) !== undefined, POLL)
    .toBe(true);
  return room as Room<unknown, SyncedRoomState>;
}

/** The session as the API answers it to the signed-in page (its cookie), with the HTTP status. */
async function sessionApi(page: Page, id: string) {
  const res = await page.request.get(`${server.url}/api/teacher/sessions/${id}`);
  return {
    status: res.status(),
    body: res.ok()
      ? ((await res.json()) as { live: { roomId: string; projectorPath: string } | null })
      : null,
  };
}

describe('teacher controls in the dashboard', () => {
  it(
    'health line, rename, host-key rotation, next round, session and account deletion',
    { timeout: 120_000 },
    async () => {
      const teacher = await openPage(tb.browser, { viewport: 'laptop', expectedErrors: EXPECTED });
      const rooms: Room[] = [];
      try {
        const { page } = teacher;
        await page.goto(`${server.url}/dashboard`);
        await page.getByRole('heading', { name: 'Create an account' }).waitFor();
        await page.getByLabel('Your name').fill('Ms Park');
        await page.locator('#signup-email').fill('park@school.example');
        await page.locator('#signup-password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Create an account' }).click();
        await page.getByRole('heading', { name: 'Create a room' }).waitFor();

        // The health line says what /api/health says: every report saved.
        const health = page.locator('#health');
        await expect
          .poll(() => health.textContent(), POLL)
          .toBe('Server OK: every report is saved (SQLite).');
        expect(await health.getAttribute('data-level')).toBe('ok');

        await page.getByLabel('Room title').fill('Period 5');
        // The creation's answer is the one place the host key appears (the page does not keep it).
        const creation = page.waitForResponse(
          (r) => r.url().endsWith('/api/teacher/rooms') && r.request().method() === 'POST',
        );
        await page.getByRole('button', { name: 'Create room' }).click();
        const firstKey = ((await (await creation).json()) as { hostKey: string }).hostKey;
        const codeEl = page.getByTestId('join-code');
        await codeEl.waitFor();
        const code = (await codeEl.textContent())!.trim();
        const sessionId = new URL(page.url()).hash.replace('#/live/', '');
        const before = (await sessionApi(page, sessionId)).body!.live!;
        // The page answers no host key: the live page hosted with a one-time host pass.
        expect(before).not.toHaveProperty('hostKey');
        const student = await join(before.roomId, {
          secret: 'controls-student-secret',
          nickname: 'Seo',
          code,
          lang: 'en',
        });
        rooms.push(student);
        let studentLeft = false;
        student.onLeave(() => {
          studentLeft = true;
        });
        const row = page.locator('tr[data-seat]');
        await expect.poll(() => row.locator('td').first().textContent(), POLL).toBe('Seo');

        // Rename: Escape cancels and the focus goes back to the button; then the dialog renames.
        const rename = row.getByRole('button', { name: 'Rename' });
        await rename.click();
        const dialog = page.getByRole('dialog', { name: 'Rename' });
        await dialog.waitFor();
        const nickname = dialog.getByLabel('New nickname');
        expect(await nickname.inputValue()).toBe('Seo');
        expect(await nickname.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        expect(await rename.evaluate((el) => el === document.activeElement)).toBe(true);
        await rename.click();
        await nickname.fill('Seo Jun');
        await nickname.press('Enter');
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(() => row.locator('td').first().textContent(), POLL).toBe('Seo Jun');
        await expect
          .poll(() => [...student.state.players.values()].some((p) => p.nickname === 'Seo Jun'), POLL)
          .toBe(true);

        // Rotate the host key: the old key no longer opens the room as its host; the page hosts on.
        await page.getByRole('button', { name: 'Change the host key' }).click();
        const rotate = page.getByRole('dialog', { name: 'Change the host key' });
        await rotate.getByRole('button', { name: 'Change the host key' }).click();
        await rotate.waitFor({ state: 'detached' });
        await expect
          .poll(() => page.locator('.live .status').textContent(), POLL)
          .toContain('host key was changed');
        const after = (await sessionApi(page, sessionId)).body!.live!;
        expect(after.roomId).toBe(before.roomId);
        expect(after.projectorPath).not.toBe(before.projectorPath);
        await expect(
          join(before.roomId, { secret: 'controls-old-host-secret', hostKey: firstKey, lang: 'en' }),
        ).rejects.toThrow(/bad-host-key/);
        const phase = page.locator('.phase');
        await expect.poll(() => phase.textContent(), POLL).toBe('Round 1: lobby');
        await page.getByRole('button', { name: 'Start', exact: true }).click();
        await expect.poll(() => phase.textContent(), POLL).toBe('Round 1: running');
        await expect.poll(() => student.state.phase, POLL).toBe('running');

        // The database refuses the report (a full disk): the health line warns until it is stored.
        const disk = fillDisk(server.db.rounds, 'save');
        await page.getByRole('button', { name: 'End round' }).click();
        await expect.poll(() => phase.textContent(), POLL).toBe('Round 1: ended');
        // the line looks at /api/health every 10 s
        await expect
          .poll(() => health.textContent(), { timeout: 30_000, interval: 200 })
          .toBe(
            '1 finished round reports are not saved yet; the server retries every few seconds. Check its disk and database.',
          );
        expect(await health.getAttribute('data-level')).toBe('warn');
        disk.full = false;
        // stored by the next retry (250 ms after a failure, doubling up to 10 s)
        await expect
          .poll(() => health.textContent(), { timeout: 30_000, interval: 200 })
          .toBe('Server OK: every report is saved (SQLite).');

        // The next round resets the machine: round 2 waits in the lobby at tick 0.
        await page.getByRole('button', { name: 'Next round' }).click();
        await expect.poll(() => phase.textContent(), POLL).toBe('Round 2: lobby');
        await expect.poll(() => crewOf(student.state, null)?.machine?.tick, POLL).toBe(0);

        // Delete the session through the dialog: a wrong code is refused in it and keeps the session.
        await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
        const listed = page.locator('tr', { hasText: code });
        await listed.getByRole('link', { name: 'Rounds and reports' }).click();
        await page.getByRole('button', { name: 'Delete this session' }).click();
        const del = page.getByRole('dialog', { name: 'Delete this session' });
        await del.getByLabel('Join code').fill('WRONG2');
        await del.getByRole('button', { name: 'Delete this session' }).click();
        await expect
          .poll(() => del.getByRole('alert').textContent(), POLL)
          .toBe("That is not this session's join code: nothing was deleted.");
        expect(await del.isVisible()).toBe(true);
        expect((await sessionApi(page, sessionId)).status).toBe(200);
        await del.getByLabel('Join code').fill(code.toLowerCase());
        await del.getByRole('button', { name: 'Delete this session' }).click();
        await del.waitFor({ state: 'detached' });
        await page.getByRole('heading', { name: 'My sessions' }).waitFor();
        expect(await page.getByText('No sessions yet.').count()).toBe(1);
        expect(await page.locator('tr', { hasText: code }).count()).toBe(0);
        expect((await sessionApi(page, sessionId)).status).toBe(404);
        await expect.poll(() => studentLeft, POLL).toBe(true); // its room closed

        // Delete the account: the password field hides what is typed; a wrong password keeps the account.
        const me = async () =>
          ((await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { teacher: unknown })
            .teacher;
        await page.getByRole('button', { name: 'Delete my account' }).click();
        const gone = page.getByRole('dialog', { name: 'Delete my account' });
        const password = gone.getByLabel('Password');
        expect(await password.getAttribute('type')).toBe('password');
        await password.fill('not my password');
        await password.press('Enter');
        await expect
          .poll(() => gone.getByRole('alert').textContent(), POLL)
          .toBe('The password is wrong: your account was not deleted.');
        expect(await me()).toMatchObject({ email: 'park@school.example' });
        await password.fill(PASSWORD);
        await gone.getByRole('button', { name: 'Delete my account' }).click();
        await page.getByRole('heading', { name: 'Create an account' }).waitFor();
        expect(await page.getByRole('dialog').count()).toBe(0);
        expect(await me()).toBeNull();
        const signIn = await page.request.post(`${server.url}/api/auth/signin`, {
          data: { email: 'park@school.example', password: PASSWORD },
        });
        expect(signIn.status()).toBe(401);
        await teacher.screenshot('dashboard-account-deleted-en');
        failOnErrors(teacher);
      } finally {
        for (const room of rooms) if (room.connection.isOpen) await room.leave().catch(() => undefined);
        await teacher.context.close();
      }
    },
  );

  it(
    'a reset link sets a new password and the sign-in page says so, with no browser alert',
    { timeout: 60_000 },
    async () => {
      const email = 'kim@school.example';
      const signUp = await fetch(`${server.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email, password: PASSWORD, displayName: 'Mr Kim' }),
      });
      expect(signUp.status).toBe(202);
      // no mail configured: the one-time link goes to the server's console (the server runs in this process)
      const logged: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      };
      try {
        const forgot = await fetch(`${server.url}/api/auth/forgot`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: server.url },
          body: JSON.stringify({ email }),
        });
        expect(forgot.status).toBe(202);
      } finally {
        console.log = log;
      }
      const link = /(\/dashboard#\/reset\/\S+)/.exec(logged.find((l) => l.includes('#/reset/')) ?? '')?.[1];
      expect(link).toBeDefined();
      const teacher = await openPage(tb.browser, { viewport: 'laptop' });
      const dialogs: string[] = [];
      teacher.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      try {
        const { page } = teacher;
        await page.goto(`${server.url}${link!}`);
        await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
        await page.locator('#reset-password').fill('a brand new password');
        await page.getByRole('button', { name: 'Save the new password' }).click();
        // back on the sign-in page, which says what happened
        await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'Your password is changed' }).count(), POLL)
          .toBe(1);
        expect(dialogs).toEqual([]);
        await teacher.screenshot('dashboard-reset-notice');
        await page.locator('#signin-email').fill(email);
        await page.locator('#signin-password').fill('a brand new password');
        await page.locator('form[aria-labelledby="signin-h"] button[type="submit"]').click();
        await page.getByRole('heading', { name: 'Create a room' }).waitFor();
        failOnErrors(teacher);
      } finally {
        await teacher.context.close();
      }
    },
  );
});
