// The lobby a teacher projects: the code, a QR code that opens the join link, and the player list, on every screen.
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
import { boxesOverlap, overlayBoxes } from './layout-checks.ts';

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

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('host lobby on %s', (viewport) => {
  it('shows the code, a QR code of the join link and the players, without overlaps', async () => {
    await withPage(tb.browser, { viewport, locale: 'ko-KR' }, async ({ page, screenshot }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      // Starting a lobby needs the game server; the debug hook shows the scene with the data a host would get.
      await page.evaluate(() =>
        window.__kcDebug?.start('Lobby', {
          code: 'K7M4QX',
          role: 'host',
          players: [{ nickname: '민준' }, { nickname: 'Sofia' }],
        }),
      );
      await waitForScene(page, 'Lobby');
      expect(await canvasTexts(page)).toEqual(expect.arrayContaining(['수업 대기실', 'K7M4QX']));
      await expect
        .poll(
          () =>
            page.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
          POLL,
        )
        .toBe(true);
      expect(await page.locator('a.join-link').textContent()).toBe(`${app.baseUrl}/join/K7M4QX`);
      expect(await page.getByRole('list', { name: '참가자 (2명)' }).getByRole('listitem').count()).toBe(2);
      const [share, players] = await overlayBoxes(page, ['.lobby-share', '.player-list']);
      expect(boxesOverlap(share, players)).toBe(false);
      await screenshot(`lobby-${viewport}-ko`);
    });
  });
});
