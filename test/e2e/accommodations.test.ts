// Accommodations in a real browser: large text and high contrast, switched on by their buttons beside
// "Less motion" on the student's game screen, change what is drawn (the overlay's rem, the canvas texts'
// sizes, the canvas and panel colours), keep the layout inside the screen at 1280×800 and 390×844, and
// survive a reload; the teacher gives a student ×2 extra time from the dashboard's roster and creates a
// room scored without speed bonus.
import { Client, type Room } from '@colyseus/sdk';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';
import { POLL, openPage, startWithBrowser, waitForScene, withPage, type TestBrowser } from './browser.ts';
import { startGameServer } from './game-server.ts';
import { notInView } from './layout-checks.ts';
import { openUnlockedLevel } from './open-level.ts';

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

/** What the page draws now: the overlay's rem, a panel text's size and colour, the canvas texts and background. */
async function drawn(page: Page) {
  return page.evaluate(() => {
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
    const texts = window.__kcDebug?.textStyles() ?? [];
    return {
      rem: px(document.documentElement),
      panel: px(document.querySelector('[data-testid="action-bar"] button')),
      bodyBackground: getComputedStyle(document.body).backgroundColor,
      panelColor: getComputedStyle(document.body).color,
      canvasBackground: window.__kcDebug?.canvasBackground() ?? '',
      canvasSizes: texts.map((t) => t.size),
      canvasColors: [...new Set(texts.map((t) => t.color))].sort(),
      mutedTexts: texts.filter((t) => t.color === '#b7c0cc').map((t) => t.text),
    };
  });
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('accommodations', () => {
  it('large text and high contrast: the switches change what is drawn, fit 1280×800 and 390×844, and survive a reload', async () => {
    await withPage(
      tb.browser,
      { viewport: 'laptop-16x10', locale: 'ko-KR' },
      async ({ page, screenshot }) => {
        await openUnlockedLevel(page, server.url, 'first-dispatch');
        await page.waitForFunction(() => window.__kc?.machine()?.phase === 'paused');
        const large = page.locator('#text-toggle');
        const contrast = page.locator('#contrast-toggle');
        expect(await large.textContent()).toBe('큰 글씨');
        expect(await contrast.textContent()).toBe('고대비');
        expect(await large.getAttribute('aria-pressed')).toBe('false');
        expect(await contrast.getAttribute('aria-pressed')).toBe('false');
        const before = await drawn(page);
        await screenshot('accommodations-off-1280x800-ko');

        await large.click();
        await contrast.click();
        await contrast.blur();
        await expect.poll(() => large.getAttribute('aria-pressed'), POLL).toBe('true');
        await expect.poll(() => contrast.getAttribute('aria-pressed'), POLL).toBe('true');
        await expect.poll(async () => (await drawn(page)).canvasBackground, POLL).toBe('#000000');
        const after = await drawn(page);
        // large text: the overlay's rem and the action bar's text a quarter larger, the canvas texts larger
        expect(after.rem / before.rem).toBeGreaterThan(1.15);
        expect(after.panel / before.panel).toBeGreaterThan(1.15);
        expect(sum(after.canvasSizes) / after.canvasSizes.length).toBeGreaterThan(
          (sum(before.canvasSizes) / before.canvasSizes.length) * 1.1,
        );
        // high contrast: black behind white panel text, the canvas background black and its grey texts lighter
        expect(before.bodyBackground).toBe('rgb(17, 21, 28)');
        expect(after.bodyBackground).toBe('rgb(0, 0, 0)');
        expect(after.panelColor).toBe('rgb(255, 255, 255)');
        expect(before.canvasColors).toContain('#b7c0cc');
        expect(after.canvasColors, after.mutedTexts.join(' | ')).not.toContain('#b7c0cc');
        expect(after.canvasColors).toContain('#e6e9ed');
        // the layout still fits: the action bar and the corner's switches wholly in view, nothing scrolls sideways
        for (const sel of ['[data-testid="action-bar"]', '#contrast-toggle', '#lang-toggle'])
          expect(await notInView(page, sel)).toBe('');
        await screenshot('accommodations-large-contrast-1280x800-ko');
        await page.setViewportSize({ width: 390, height: 844 });
        await expect.poll(() => notInView(page, '[data-testid="action-bar"]'), POLL).toBe('');
        for (const sel of ['#motion-toggle', '#text-toggle', '#contrast-toggle', '#lang-toggle'])
          expect(await notInView(page, sel)).toBe('');
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
        await screenshot('accommodations-large-contrast-390x844-ko');

        // kept in this browser: after a reload both are still on, and drawn so
        expect(await page.evaluate(() => localStorage.getItem('kernel-crew.large-text'))).toBe('large');
        expect(await page.evaluate(() => localStorage.getItem('kernel-crew.contrast'))).toBe('more');
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.reload();
        await waitForScene(page, 'Menu');
        await expect.poll(() => page.locator('#text-toggle').getAttribute('aria-pressed'), POLL).toBe('true');
        await expect
          .poll(() => page.locator('#contrast-toggle').getAttribute('aria-pressed'), POLL)
          .toBe('true');
        const reloaded = await drawn(page);
        expect(reloaded.canvasBackground).toBe('#000000');
        expect(reloaded.rem).toBeGreaterThan(before.rem * 1.15);
        // pressed again, each goes back (and stays off across reloads too)
        await page.locator('#text-toggle').click();
        await page.locator('#contrast-toggle').click();
        await expect.poll(async () => (await drawn(page)).canvasBackground, POLL).toBe('#11151c');
        expect(await page.evaluate(() => localStorage.getItem('kernel-crew.contrast'))).toBe('normal');
      },
    );
  }, 180_000);

  it('high contrast follows prefers-contrast: more until pressed', async () => {
    await withPage(tb.browser, { viewport: 'laptop-16x10', locale: 'en-US' }, async ({ page }) => {
      await page.emulateMedia({ contrast: 'more' } as never);
      await page.goto(server.url);
      await waitForScene(page, 'Menu');
      await expect
        .poll(() => page.locator('#contrast-toggle').getAttribute('aria-pressed'), POLL)
        .toBe('true');
      expect(await page.locator('#text-toggle').getAttribute('aria-pressed')).toBe('false');
      expect((await drawn(page)).canvasBackground).toBe('#000000');
    });
  }, 120_000);

  it('the teacher gives a student ×2 from the roster and creates a room scored without speed bonus', async () => {
    const teacher = await openPage(tb.browser, { viewport: 'laptop' });
    let student: Room<unknown, SyncedRoomState> | null = null;
    try {
      const { page } = teacher;
      await page.goto(`${server.url}/dashboard`);
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.getByLabel('Your name').fill('Ms Han');
      await page.locator('#signup-email').fill('han@school.example');
      await page.locator('#signup-password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByRole('heading', { name: 'Create a room' }).waitFor();
      await page.getByLabel('Scoring').selectOption('no-speed');
      await page.getByRole('button', { name: 'Create room' }).click();
      const codeEl = page.getByTestId('join-code');
      await codeEl.waitFor();
      const code = (await codeEl.textContent())!.trim();
      const sessionId = new URL(page.url()).hash.replace('#/live/', '');
      const live = (
        (await (await page.request.get(`${server.url}/api/teacher/sessions/${sessionId}`)).json()) as {
          live: { roomId: string };
        }
      ).live;
      const welcome: { scoring?: string }[] = [];
      const room = await new Client(server.url.replace('http', 'ws')).joinById<SyncedRoomState>(live.roomId, {
        secret: 'accommodations-student',
        nickname: 'Seo',
        code,
        lang: 'en',
      });
      student = room as Room<unknown, SyncedRoomState>;
      room.onMessage('welcome', (m: { scoring: string }) => welcome.push(m));
      for (const type of ['events', 'rejected', 'error', 'summary', 'score', 'debrief'])
        room.onMessage(type, () => undefined);
      await expect
        .poll(() => room.state !== undefined && crewOf(room.state, null) !== undefined, POLL)
        .toBe(true);
      await expect.poll(() => welcome[0]?.scoring, POLL).toBe('no-speed');

      const row = page.locator('tr[data-seat]');
      await expect.poll(() => row.locator('td').first().textContent(), POLL).toBe('Seo');
      const extra = row.getByLabel('Extra time for Seo (their grace time times this)');
      expect(await extra.inputValue()).toBe('1');
      await extra.selectOption('2');
      // the server took it: after a reload the roster (the host's synced state) still says ×2
      const seat = (await row.getAttribute('data-seat'))!;
      await extra.blur();
      await page.reload();
      await expect
        .poll(() => page.locator('tr[data-seat] select[data-testid="extra-time"]').inputValue(), POLL)
        .toBe('2');
      // and the student's own client never receives it (only the host's roster does)
      expect(room.state.players.get(seat)?.nickname).toBe('Seo');
      expect(room.state.players.get(seat)?.graceFactor).toBeUndefined();
      expect(
        await page.locator('tr[data-seat] select[data-testid="extra-time"] option:checked').textContent(),
      ).toBe('×2');
    } finally {
      await student?.leave();
      await teacher.context.close();
    }
  }, 120_000);
});
