// A student's lobby: the join code large and the player list (me marked), on every screen. The projector's
// lobby (the code with its QR) is the Machine scene's projector panel: machine.test and class-story.test.
import { describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server.ts';
import {
  canvasTexts,
  startWithBrowser,
  POLL,
  VIEWPORTS,
  waitForScene,
  withPage,
  type TestBrowser,
  type ViewportName,
} from './browser.ts';
import { overlayBoxes } from './layout-checks.ts';

let app: RunningApp;
let tb: TestBrowser;

startWithBrowser(
  startApp,
  (a, b) => {
    app = a;
    tb = b;
  },
  120_000,
);

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('student lobby on %s', (viewport) => {
  it('shows the join code and the players, me marked, on the screen', async () => {
    await withPage(tb.browser, { viewport, locale: 'ko-KR' }, async ({ page, screenshot }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      // Joining needs the game server; the debug hook shows the scene with the data a student gets.
      await page.evaluate(() =>
        window.__kcDebug?.start('Lobby', {
          code: 'K7M4QX',
          nickname: '민준',
          players: [{ nickname: '민준', me: true }, { nickname: 'Sofia' }],
        }),
      );
      await waitForScene(page, 'Lobby');
      expect(await canvasTexts(page)).toEqual(expect.arrayContaining(['수업 대기실', 'K7M4QX']));
      const list = page.getByRole('list', { name: '참가자 (2명)' });
      expect(await list.getByRole('listitem').count()).toBe(2);
      await expect.poll(() => list.getByRole('listitem').first().textContent(), POLL).toContain('민준');
      // no QR code here: the projector's panel and the dashboard show it
      expect(await page.locator('img.qr').count()).toBe(0);
      const [players] = await overlayBoxes(page, ['.player-list']);
      const size = page.viewportSize()!;
      expect(players!.y).toBeGreaterThanOrEqual(0);
      expect(players!.y + players!.height).toBeLessThanOrEqual(size.height);
      await screenshot(`lobby-${viewport}-ko`);
    });
  });
});
