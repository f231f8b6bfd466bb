// The teachers' dashboard in a real browser against the real game server: a teacher signs up, creates
// a room, a student joins with the code on a phone, the teacher starts and ends a round, and the report
// shows it (Gantt chart, the comparison with the classic policies, the student's row).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { LIMITS } from '../../shared/kernel/limits.ts';
import { CLIENT_DIST, ensureClientBuilt } from './build-client.ts';
import { failOnErrors, launchBrowser, openPage, POLL, waitForScene, type TestBrowser } from './browser.ts';

let server: RunningServer;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureClientBuilt();
  [server, tb] = await Promise.all([
    startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: CLIENT_DIST,
      database: { kind: 'sqlite', file: ':memory:' },
      ticksPerSecond: 8,
    }),
    launchBrowser(),
  ]);
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await server?.close();
});

describe('teachers dashboard', () => {
  it(
    'signs up, creates a room, a student joins, a round is played and its report shows',
    { timeout: 120_000 },
    async () => {
      const teacher = await openPage(tb.browser, { viewport: 'projector' });
      const student = await openPage(tb.browser, { viewport: 'phone' });
      try {
        const { page } = teacher;
        await page.goto(`${server.url}/dashboard`);
        await page.getByRole('heading', { name: 'Create an account' }).waitFor();
        await teacher.screenshot('dashboard-signin-en');
        await page.getByLabel('Your name').fill('Ms Kim');
        await page.locator('#signup-email').fill('kim@school.example');
        await page.locator('#signup-password').fill('correct horse battery');
        await page.getByRole('button', { name: 'Create an account' }).click();

        await page.getByRole('heading', { name: 'Create a room' }).waitFor();
        await page.getByLabel('Room title').fill('Period 3');
        await page.getByLabel('CPU cores').fill('3');
        await page.getByLabel('IPC channels').uncheck();
        await teacher.screenshot('dashboard-home-en');
        await page.getByRole('button', { name: 'Create room' }).click();

        const codeEl = page.getByTestId('join-code');
        await codeEl.waitFor();
        const code = (await codeEl.textContent())!.trim();
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
        await expect.poll(() => page.locator('.qr svg').count(), POLL).toBe(1);
        const qrBox = await page.locator('.qr').boundingBox();
        expect(qrBox!.width).toBeGreaterThanOrEqual(300); // big enough to scan from the back of a classroom
        // the link names the server's LAN address when it has one (a projected 127.0.0.1 would be useless to students)
        expect(await page.getByRole('link', { name: /join/ }).first().getAttribute('href')).toMatch(
          new RegExp(`^http://[^/]+:${new URL(server.url).port}/join/${code}$`),
        );
        expect(
          await page.getByRole('link', { name: 'Open the projector view' }).getAttribute('href'),
        ).toMatch(/^(http:\/\/[^/]+)?\/project#room=[\w-]+&key=[\w-]+$/);

        // A student joins with the code on a phone.
        await student.page.goto(`${server.url}/join/${code}`);
        await waitForScene(student.page, 'Join');
        await student.page.getByLabel('Nickname').fill('Minji');
        await student.page.getByRole('button', { name: 'Join', exact: true }).click();
        await expect.poll(() => page.locator('tr[data-seat] td').first().textContent(), POLL).toBe('Minji');
        expect(await page.locator('tr[data-seat]').first().textContent()).toContain('Online');
        await page.getByRole('heading', { name: 'Students (1)' }).waitFor();
        // The teacher moves Minji to watching, so bots run the machine and the Gantt chart fills.
        await page.getByLabel('Job for Minji').selectOption('spectator');
        await expect
          .poll(() => page.locator('tr[data-seat] td').nth(1).textContent(), POLL)
          .toBe('Spectator');

        await page.getByRole('button', { name: 'Start', exact: true }).click();
        // The role-card countdown (10 s by default) runs; the host skips it with the same button.
        await expect
          .poll(() => page.locator('.phase').textContent(), POLL)
          .toMatch(/the round starts in \d+ s/);
        await page.getByRole('button', { name: 'Start now' }).click();
        await expect.poll(() => page.locator('.phase').textContent(), POLL).toContain('running');
        await expect
          .poll(async () => Number(await page.locator('.metrics dd').first().textContent()), {
            timeout: 15_000,
            interval: 200,
          })
          .toBeGreaterThanOrEqual(12);
        await expect.poll(() => page.locator('.feed li').count(), POLL).toBeGreaterThan(0);
        await teacher.screenshot('dashboard-live-en');
        await page.getByRole('button', { name: 'End round' }).click();
        await expect.poll(() => page.locator('.phase').textContent(), POLL).toContain('ended');
        await page.getByRole('link', { name: 'Open the report' }).click();

        await page.getByRole('heading', { name: /Report — round 1/ }).waitFor();
        expect(await page.locator('svg.gantt').count()).toBe(1);
        expect(await page.locator('svg.gantt text.core').count()).toBe(3);
        expect(await page.locator('svg.gantt rect[fill^="#"]').count()).toBeGreaterThan(2); // bars of threads that ran
        const compare = page.locator('table.compare');
        for (const name of ['Class', 'FIFO', 'SJF', 'Round robin', 'Priority'])
          expect(await compare.getByRole('columnheader', { name, exact: true }).count()).toBe(1);
        expect(await page.getByRole('cell', { name: 'Minji' }).count()).toBe(1);
        const csv = page.getByRole('link', { name: /Download CSV/ });
        expect(await csv.getAttribute('href')).toMatch(
          /^\/api\/teacher\/sessions\/[\w-]+\/csv\?lang=en&tz=[\w%/+-]+$/,
        );
        await teacher.screenshot('dashboard-report-en');
        const sessionId = (await csv.getAttribute('href'))!.split('/')[4]!;

        await page.getByRole('button', { name: '한국어' }).click();
        await page.getByRole('heading', { name: /보고서 — 1 라운드/ }).waitFor();
        await teacher.screenshot('dashboard-report-ko');

        // The session page lists every student's jobs across the rounds: Minji watched round 1.
        await page.goto(`${server.url}/dashboard.html#/session/${sessionId}`);
        const roles = page.getByTestId('roles-across-rounds');
        await roles.waitFor();
        expect(await roles.locator('caption').textContent()).toContain('라운드별로 학생이 맡은 일');
        expect(await roles.getByRole('columnheader').allTextContents()).toEqual(['닉네임', '1 라운드']);
        expect(await roles.locator('tbody tr th').allTextContents()).toEqual(['Minji']);
        expect(await roles.locator('tbody tr td').allTextContents()).toEqual([
          expect.stringMatching(/^(\d+조 · )?관전자 · 0점$/),
        ]);
        await teacher.screenshot('dashboard-session-roles-ko');
        await page.waitForTimeout(100);
        failOnErrors(teacher, student);
      } finally {
        await teacher.context.close();
        await student.context.close();
      }
    },
  );

  it(
    "takes the create-a-room inputs' bounds from the limits the server serves",
    { timeout: 60_000 },
    async () => {
      const teacher = await openPage(tb.browser, { viewport: 'laptop' });
      try {
        const { page } = teacher;
        // Only the served table changes: cores up to 5, the quantum from 2 in steps of 2.
        await page.route('**/api/limits', async (route) => {
          const served = (await (await route.fetch()).json()) as {
            limits: Record<string, { min: number; max: number; step: number }>;
          };
          served.limits.cores!.max = 5;
          Object.assign(served.limits.quantum!, { min: 2, step: 2 });
          await route.fulfill({ json: served });
        });
        await page.goto(`${server.url}/dashboard`);
        await page.getByRole('heading', { name: 'Create an account' }).waitFor();
        await page.getByLabel('Your name').fill('Mr Limits');
        await page.locator('#signup-email').fill('limits@school.example');
        await page.locator('#signup-password').fill('correct horse battery');
        await page.getByRole('button', { name: 'Create an account' }).click();
        await page.getByRole('heading', { name: 'Create a room' }).waitFor();
        const cores = page.locator('#room-cores');
        expect(await cores.getAttribute('max')).toBe('5');
        expect(await cores.getAttribute('min')).toBe(String(LIMITS.cores.min));
        expect(await page.locator('#room-quantum').getAttribute('min')).toBe('2');
        expect(await page.locator('#room-quantum').getAttribute('step')).toBe('2');
        expect(await page.locator('#room-switch').getAttribute('max')).toBe(String(LIMITS.switchCost.max));
        failOnErrors(teacher);
      } finally {
        await teacher.context.close();
      }
    },
  );
});
