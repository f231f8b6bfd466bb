// The menu loads and lays out on a projector, a laptop and a phone, in a real browser, with no errors.
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

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('menu on %s', (viewport) => {
  it('shows the title, the three entries and the language toggle, inside the screen', async () => {
    await withPage(tb.browser, { viewport }, async ({ page, screenshot }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      expect(await canvasTexts(page)).toContain('Kernel Crew');
      for (const name of ['Play solo', 'Join a class']) {
        await expect.poll(() => page.getByRole('button', { name, exact: true }).isVisible(), POLL).toBe(true);
      }
      await expect
        .poll(() => page.getByRole('link', { name: 'Host a class', exact: true }).isVisible(), POLL)
        .toBe(true);
      await expect.poll(() => page.getByRole('button', { name: '한국어' }).isVisible(), POLL).toBe(true);

      const { width, height } = VIEWPORTS[viewport];
      const boxes = await overlayBoxes(page, ['.corner', '.menu-list']);
      for (const box of boxes) {
        expect(box.x, box.selector).toBeGreaterThanOrEqual(0);
        expect(box.y, box.selector).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, box.selector).toBeLessThanOrEqual(width);
        expect(box.y + box.height, box.selector).toBeLessThanOrEqual(height);
      }
      expect(boxesOverlap(boxes[0], boxes[1])).toBe(false);
      await screenshot(`menu-${viewport}-en`);
    });
  });
});

describe('menu entries', () => {
  it('opens Join from the menu and comes back', async () => {
    await withPage(tb.browser, {}, async ({ page }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      await page.getByRole('button', { name: 'Join a class', exact: true }).click();
      await waitForScene(page, 'Join');
      await page.getByRole('button', { name: 'Back' }).click();
      await waitForScene(page, 'Menu');
    });
  });

  it('leads teachers to the dashboard page', async () => {
    await withPage(tb.browser, {}, async ({ page }) => {
      await page.goto(app.baseUrl);
      await waitForScene(page, 'Menu');
      expect(await page.getByRole('link', { name: 'Host a class', exact: true }).getAttribute('href')).toBe(
        '/dashboard',
      );
    });
  });
});
