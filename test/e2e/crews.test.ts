// A class of nine in three crews, in a real browser: Alex on a laptop (English), 서연 on a phone (Korean)
// and seven SDK classmates. Every student holds a job; the projector (Korean, 1920×1080) shows the three
// crews side by side, each machine small (what runs on each core, the Ready count) with its figures and
// every student's name, and its own crew's jobs with names; Alex's move changes his score
// with its reason beside the controls; at the end every screen's report has the crews' places and the
// podium. Idle classmates are played by the grace bots (1 s), so every crew's machine runs.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../server/main.ts';
import {
  failOnErrors,
  openPage,
  startWithBrowser,
  waitForScene,
  type TestBrowser,
  type TestPage,
} from './browser.ts';
import { createRoom, joinInBrowser, joinSdk, startGameServer, type SdkRoom } from './game-server.ts';

let server: RunningServer;
let tb: TestBrowser;

startWithBrowser(
  startGameServer,
  (a, b) => {
    server = a;
    tb = b;
  },
  180_000,
);

const WAIT = { timeout: 30_000, interval: 100 } as const;
const CLASSMATES = ['Minsu', 'Jisoo', '하린', 'Tom', '유나', 'Sam', '도윤'];

const role = (page: Page): Promise<string | null> =>
  page.evaluate(() => window.__kc?.machine()?.role ?? null);

describe('three crews in one class', () => {
  it('gives every student a job, races the crews on the projector with names, scores a move with its reason and ends on a podium', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 4, seed: 5 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    host.send('host:crew-size', { size: 3 });
    host.send('host:grace', { seconds: 1 });
    const pages: TestPage[] = [];
    const open = async (viewport: 'projector' | 'laptop' | 'phone', locale: string): Promise<TestPage> => {
      const p = await openPage(tb.browser, { viewport, locale });
      pages.push(p);
      return p;
    };
    const classmates: SdkRoom[] = [];
    try {
      const laptop = await open('laptop', 'en-US');
      const phone = await open('phone', 'ko-KR');
      await joinInBrowser(laptop, server, room.code, 'Alex');
      await joinInBrowser(phone, server, room.code, '서연');
      for (const nickname of CLASSMATES)
        classmates.push(await joinSdk(server, room.roomId, { nickname, code: room.code }));
      await expect.poll(() => [...host.state.players.values()].filter((p) => !p.host).length, WAIT).toBe(9);

      host.send('host:start');
      await expect.poll(() => host.state.crews.size, WAIT).toBe(3);
      // every one of the nine holds a job in a crew of three: nobody watches
      await expect
        .poll(() => [...host.state.players.values()].filter((p) => !p.host && p.slot !== '').length, WAIT)
        .toBe(9);
      const sizes = [...host.state.crews.keys()].map(
        (key) => [...host.state.players.values()].filter((p) => !p.host && p.crew === key).length,
      );
      expect(sizes.sort()).toEqual([3, 3, 3]);
      for (const p of [laptop, phone]) {
        await waitForScene(p.page, 'Machine');
        await expect.poll(() => role(p.page), WAIT).toMatch(/^(scheduler|interrupt|thread|ipc)$/);
      }

      // Alex moves (the first move his bar offers); his score strip says what it earned and why
      const bar = laptop.page.getByTestId('action-bar');
      await expect
        .poll(async () => {
          const button = bar.locator('button[data-action]:not([disabled])').first();
          if ((await button.count()) > 0) await button.click({ timeout: 1_000 }).catch(() => undefined);
          return (await laptop.page.getByTestId('score-change').textContent()) ?? '';
        }, WAIT)
        .toMatch(/^[+−]\d+: \S/);
      expect(await laptop.page.getByTestId('score-total').textContent()).toMatch(/^Score -?\d+/);
      await laptop.screenshot('crews-laptop-en');
      // the phone's status line (what to do now) is shown whole, not cut with an ellipsis
      await expect
        .poll(() => phone.page.getByTestId('action-bar').locator('.action-status').textContent(), WAIT)
        .not.toBe('');
      const cut = await phone.page
        .locator('.action-status')
        .evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
      expect(cut, (await phone.page.locator('.action-status').textContent()) ?? '').toBe(false);
      await phone.screenshot('crews-phone-ko');

      // the projector: the race of three crews, each with its students' names, and its crew's jobs with names
      await laptop.context.close(); // software WebGL is slow: at most two pages drawing at once
      const projector = await open('projector', 'ko-KR');
      await projector.page.goto(`${server.url}${room.projectorPath}`);
      await waitForScene(projector.page, 'Machine');
      const race = projector.page.getByTestId('projector-race');
      await expect.poll(() => race.locator('li').count(), WAIT).toBe(3);
      // every student in the room is named (Alex, whose laptop just closed, until his seat is freed on a slow machine)
      const inRoom = (): string[] =>
        [...host.state.players.values()].filter((p) => !p.host).map((p) => p.nickname);
      expect(inRoom().length).toBeGreaterThanOrEqual(8);
      await expect
        .poll(async () => {
          const text = (await race.textContent()) ?? '';
          return inRoom().filter((n) => !text.includes(n));
        }, WAIT)
        .toEqual([]);
      // each crew's machine small: its two cores (a running thread's label, or idle) and its Ready count
      const machines = race.getByTestId('crew-machine');
      expect(await machines.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        expect(await machines.nth(i).locator('.mini-core').count()).toBe(2);
        expect(await machines.nth(i).textContent()).toMatch(/준비 \d+/);
      }
      await expect
        .poll(async () => (await machines.locator('.mini-core:not(.idle)').allTextContents()).join(' '), WAIT)
        .toMatch(/P\d/);
      const crewPanel = (await projector.page.getByTestId('projector-crew').textContent()) ?? '';
      expect(
        ['Alex', '서연', ...CLASSMATES].some((n) => crewPanel.includes(n)),
        crewPanel,
      ).toBe(true);
      await projector.screenshot('crews-projector-ko-1920');

      // the round ends: every screen's report places the three crews, and the podium names the students who
      // earned points (the summary's scores above 0; no podium when nobody did)
      const summaries: Array<{ players: Array<{ nickname: string; score: number }> }> = [];
      host.onMessage('summary', (s: (typeof summaries)[number]) => summaries.push(s));
      host.send('host:end-round');
      await expect.poll(() => summaries.length, WAIT).toBe(1);
      const earned = summaries[0]!.players.filter((p) => p.score > 0).sort((a, b) => b.score - a.score);
      for (const p of [phone, projector]) {
        await waitForScene(p.page, 'Report');
        await expect.poll(() => p.page.getByTestId('report-crews').locator('li').count(), WAIT).toBe(3);
        const podium = p.page.getByTestId('report-podium');
        if (earned.length === 0) expect(await podium.count()).toBe(0);
        else {
          await expect.poll(() => podium.locator('li').count(), WAIT).toBe(Math.min(3, earned.length));
          expect(await podium.textContent()).toContain(earned[0]!.nickname);
        }
      }
      await phone.screenshot('crews-report-phone-ko');
      await projector.screenshot('crews-report-projector-ko');
      failOnErrors(phone, projector);
    } finally {
      for (const p of pages) await p.context.close().catch(() => undefined);
      await Promise.all(
        [host.leave(), ...classmates.map((c) => c.leave())].map((x) => x.catch(() => undefined)),
      );
    }
  }, 240_000);
});
