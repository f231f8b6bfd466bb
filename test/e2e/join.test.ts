// The Join form: a join link pre-fills the code, bad input is explained, and a missing server is reported, not hidden.
import { describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server.ts';
import {
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

describe('join links', () => {
  it.each([
    ['/?code=ABC123', 'ABC123'],
    ['/join/ABC123', 'ABC123'],
    ['/join/k7m4-qx', 'K7M4QX'],
  ])('%s opens Join with the code %s filled in and the nickname focused', async (path, code) => {
    await withPage(tb.browser, {}, async ({ page }) => {
      await page.goto(`${app.baseUrl}${path}`);
      await waitForScene(page, 'Join');
      expect(await page.getByLabel('Class code').inputValue()).toBe(code);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('join-nickname');
    });
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])('lays the form out on %s', async (viewport) => {
    await withPage(tb.browser, { viewport, locale: 'ko-KR' }, async ({ page, screenshot }) => {
      await page.goto(`${app.baseUrl}/join/K7M4QX`);
      await waitForScene(page, 'Join');
      const submit = await page.getByRole('button', { name: '참여하기' }).boundingBox();
      expect(submit).not.toBeNull();
      expect((submit?.y ?? 0) + (submit?.height ?? 0)).toBeLessThanOrEqual(VIEWPORTS[viewport].height);
      await screenshot(`join-${viewport}-ko`);
    });
  });
});

describe('join form checks', () => {
  it('explains a code the server could never have issued', async () => {
    await withPage(tb.browser, {}, async ({ page }) => {
      await page.goto(`${app.baseUrl}/?code=ABC123`);
      await waitForScene(page, 'Join');
      await page.getByLabel('Nickname').fill('Minjun');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('never 0, 1, I, L or O');
      expect(await page.getByLabel('Class code').getAttribute('aria-invalid')).toBe('true');
    });
  });

  it('explains a bad nickname, in the current language', async () => {
    await withPage(tb.browser, { locale: 'ko-KR' }, async ({ page }) => {
      await page.goto(`${app.baseUrl}/join/K7M4QX`);
      await waitForScene(page, 'Join');
      await page.getByLabel('닉네임').fill('a');
      await page.getByRole('button', { name: '참여하기' }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('2자 이상');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('at least 2 characters');
    });
  });

  it('reports that the class server cannot be reached when there is none', async () => {
    // The preview server has no /api: the lookup's 404 is the expected error here.
    await withPage(
      tb.browser,
      { expectedErrors: [/api\/rooms\/by-code/, /Failed to load resource.*404/] },
      async ({ page, screenshot }) => {
        await page.goto(`${app.baseUrl}/join/K7M4QX`);
        await waitForScene(page, 'Join');
        await page.getByLabel('Nickname').fill('Minjun');
        await page.getByRole('button', { name: 'Join', exact: true }).click();
        await expect
          .poll(() => page.getByRole('alert').textContent(), POLL)
          .toContain('Could not reach the class server');
        expect(await page.getByRole('button', { name: 'Join', exact: true }).isEnabled()).toBe(true);
        await screenshot('join-laptop-en-unreachable');
      },
    );
  });
});
