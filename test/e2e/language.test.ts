// The language follows the browser, switches at any moment from the visible toggle, persists, and Hangul is drawn in the bundled font.
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

describe('language', () => {
  it('starts in Korean for a Korean browser, with the Korean font loaded for the canvas', async () => {
    await withPage(tb.browser, { locale: 'ko-KR' }, async ({ page }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      expect(await page.evaluate(() => window.__kcDebug?.language())).toBe('ko');
      expect(await canvasTexts(page)).toEqual(
        expect.arrayContaining(['커널 크루', '준비', '실행', '대기', '디스패치', '타이머 인터럽트']),
      );
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
      // Chromium here has no Korean system font: these only hold because Noto Sans KR was loaded.
      expect(await page.evaluate(() => document.fonts.check('700 16px "Noto Sans KR"', '커널 크루'))).toBe(
        true,
      );
      await expect
        .poll(() => page.getByRole('button', { name: '수업 참여하기' }).isVisible(), POLL)
        .toBe(true);
    });
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'switches from English to Korean and back with the toggle on %s',
    async (viewport) => {
      await withPage(tb.browser, { viewport, locale: 'en-US' }, async ({ page, screenshot }) => {
        await page.goto(app.baseUrl);
        await waitForScene(page, 'Menu');
        expect(await canvasTexts(page)).toContain('Kernel Crew');

        await page.getByRole('button', { name: '한국어' }).click();
        await expect.poll(() => page.evaluate(() => window.__kcDebug?.language()), POLL).toBe('ko');
        expect(await canvasTexts(page)).toEqual(
          expect.arrayContaining(['커널 크루', '프로세스의 일생', '준비', '실행', '대기']),
        );
        await expect.poll(() => page.getByRole('button', { name: '혼자 하기' }).isVisible(), POLL).toBe(true);
        expect(await page.getByRole('button', { name: '한국어' }).getAttribute('aria-pressed')).toBe('true');
        // The screen-reader mirror follows the canvas.
        expect(await page.locator('#scene-mirror').textContent()).toContain('커널 크루');
        await screenshot(`menu-${viewport}-ko`);

        await page.reload();
        await waitForScene(page, 'Menu');
        expect(await page.evaluate(() => window.__kcDebug?.language())).toBe('ko');

        await page.getByRole('button', { name: 'English' }).click();
        await expect.poll(async () => canvasTexts(page), POLL).toContain('Kernel Crew');
      });
    },
  );

  it('switches in the middle of a form without losing what was typed', async () => {
    await withPage(tb.browser, { locale: 'en-US' }, async ({ page }) => {
      await page.goto(`${app.baseUrl}/join/K7M4QX`);
      await waitForScene(page, 'Join');
      await page.getByLabel('Nickname').fill('민준');
      await page.getByRole('button', { name: '한국어' }).click();
      await expect.poll(() => page.getByLabel('닉네임').inputValue(), POLL).toBe('민준');
      expect(await page.getByLabel('수업 코드').inputValue()).toBe('K7M4QX');
    });
  });
});
