// Predict, then reveal in a real browser: the teacher (dashboard, laptop, English) turns predictions on,
// plays a short class round and ends it; Alex (laptop, English) and 서연 (phone, Korean) pick by clicking on
// their screens while the comparison is held back; the teacher reveals from the live view; both screens
// then show the answer (the stored report's best policy and range marked right) and their own pick.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/main.ts';
import { failOnErrors, openPage, startWithBrowser, type TestBrowser, type TestPage } from './browser.ts';
import { joinInBrowser, startGameServer } from './game-server.ts';

let server: RunningServer;
let tb: TestBrowser;
startWithBrowser(
  () => startGameServer({ database: { kind: 'sqlite', file: ':memory:' } }),
  (a, b) => {
    server = a;
    tb = b;
  },
  180_000,
);

const WAIT = { timeout: 30_000, interval: 100 } as const;

/** The round's stored answer, read as the teacher's page reads reports. */
async function storedAnswer(page: Page, sessionId: string) {
  const rounds = (await (
    await page.request.get(`${server.url}/api/teacher/sessions/${sessionId}/rounds`)
  ).json()) as {
    rounds: { id: string }[];
  };
  const id = rounds.rounds[0]?.id;
  if (!id) return null;
  const body = (await (await page.request.get(`${server.url}/api/teacher/rounds/${id}`)).json()) as {
    report: { predictions?: { answer: { best: string[]; bin: number | null } } | null };
  };
  return body.report.predictions?.answer ?? null;
}

describe('predict, then reveal', () => {
  it('students predict by clicking, the teacher reveals from the dashboard, each screen shows the answer and its own pick (en and ko)', async () => {
    const pages: TestPage[] = [];
    try {
      const teacher = await openPage(tb.browser, { viewport: 'laptop' });
      pages.push(teacher);
      const { page } = teacher;
      await page.goto(`${server.url}/dashboard`);
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.getByLabel('Your name').fill('Ms Park');
      await page.locator('#signup-email').fill('park@predict.example');
      await page.locator('#signup-password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create a room' }).waitFor();
      await page.getByRole('button', { name: 'Create room' }).click();
      const codeEl = page.getByTestId('join-code');
      await codeEl.waitFor();
      const code = (await codeEl.textContent())!.trim();
      const sessionId = new URL(page.url()).hash.replace('#/live/', '');

      const alex = await openPage(tb.browser, { viewport: 'laptop', locale: 'en-US' });
      const seoyeon = await openPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' });
      pages.push(alex, seoyeon);
      await joinInBrowser(alex, server, code, 'Alex');
      await joinInBrowser(seoyeon, server, code, '서연');

      await page.locator('#live-predict').selectOption({ label: 'Until I reveal' });
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      const end = page.getByRole('button', { name: 'End round' });
      await expect.poll(() => end.isEnabled(), WAIT).toBe(true);
      // a round with something to compare: the clock at its fastest until a process has finished (the two
      // students do not play their jobs, so the machine waits on them until the bots step in)
      await page.locator('#live-speed').fill('20');
      await page.locator('#live-speed + button').click();
      const finished = page.locator('dt:text-is("Processes finished") + dd');
      await expect
        .poll(async () => Number(await finished.textContent()), { ...WAIT, timeout: 90_000 })
        .toBeGreaterThanOrEqual(1);
      await end.click();

      const panel = (p: TestPage) => p.page.locator('#predict-panel');
      for (const p of [alex, seoyeon])
        await expect.poll(() => panel(p).getAttribute('data-phase'), WAIT).toBe('open');
      // the comparison is held back: no answer anywhere on the students' screens yet
      expect(await panel(alex).locator('[data-right]').count()).toBe(0);

      const pick = async (p: TestPage, name: string) => {
        await panel(p).getByRole('button', { name, exact: true }).click();
        await expect
          .poll(() => panel(p).getByRole('button', { name, exact: true }).getAttribute('aria-pressed'), WAIT)
          .toBe('true');
      };
      await pick(alex, 'SJF');
      await pick(alex, '5–10 ticks');
      await pick(seoyeon, '라운드 로빈');
      await pick(seoyeon, '20틱 이상');
      await expect
        .poll(() => panel(alex).locator('.predict-status').textContent(), WAIT)
        .toContain('2 answered');
      await alex.screenshot('predict-open-laptop-en');
      await seoyeon.screenshot('predict-open-phone-ko');
      await expect
        .poll(() => page.locator('.predict-status').textContent(), WAIT)
        .toBe('Predicting: 2 answered');

      await page.getByRole('button', { name: 'Reveal now' }).click();
      for (const p of [alex, seoyeon])
        await expect.poll(() => panel(p).getAttribute('data-phase'), WAIT).toBe('revealed');
      await expect.poll(() => storedAnswer(page, sessionId), WAIT).not.toBeNull();
      const answer = (await storedAnswer(page, sessionId))!;
      // processes finished, so the class has an average waiting time and exactly one range is right
      expect(answer.bin).not.toBeNull();
      const BINS = {
        en: ['0–5 ticks', '5–10 ticks', '10–20 ticks', '20+ ticks'],
        ko: ['0–5틱', '5–10틱', '10–20틱', '20틱 이상'],
      } as const;
      const label = {
        en: { fifo: 'FIFO', sjf: 'SJF', rr: 'Round robin', priority: 'Priority' },
        ko: { fifo: 'FIFO', sjf: 'SJF', rr: '라운드 로빈', priority: '우선순위' },
      } as const;
      for (const [p, lang, mine] of [
        [alex, 'en', ['SJF', '5–10 ticks']],
        [seoyeon, 'ko', ['라운드 로빈', '20틱 이상']],
      ] as const) {
        const right = panel(p).locator('[data-question="policy"] [data-right] .name');
        expect((await right.allTextContents()).sort()).toEqual(
          answer.best.map((b) => label[lang][b as keyof (typeof label)['en']]).sort(),
        );
        // the one right range is the stored answer's, by its name on screen
        const rightBins = panel(p).locator('[data-question="bin"] [data-right] .name');
        expect(await rightBins.allTextContents()).toEqual([BINS[lang][answer.bin!]]);
        const own = panel(p).locator('[data-mine] .name');
        expect(await own.allTextContents()).toEqual(mine);
        await expect
          .poll(() => panel(p).locator('[data-mine] .marks').first().textContent(), WAIT)
          .toContain(lang === 'en' ? 'your pick' : '내 선택');
        expect(await panel(p).locator('.predict-verdict').textContent()).toMatch(
          lang === 'en' ? /Policy: / : /정책: /,
        );
      }
      await alex.screenshot('predict-reveal-laptop-en');
      await seoyeon.screenshot('predict-reveal-phone-ko');
      // the comparison is under it
      await panel(alex).getByRole('button', { name: 'See the comparison' }).click();
      await expect.poll(() => panel(alex).isHidden(), WAIT).toBe(true);
      failOnErrors(...pages);
    } finally {
      for (const p of pages) await p.context.close();
    }
  }, 180_000);
});
