// Screenshots of five solo levels at the three screens issue 13 names (1920×1080, 1280×800, 390×844),
// a few ticks in, paused, for a person to look at: `npx tsx test/e2e/solo-screenshots.ts` writes
// test-results/solo-screens/<level>-<width>x<height>.png. Not a test: it asserts nothing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CAMPAIGN } from '../../shared/levels/index.ts';
import { launchBrowser, waitForScene } from './browser.ts';
import { startGameServer } from './game-server.ts';

const OUT = join(import.meta.dirname, '..', '..', 'test-results', 'solo-screens');
const SCREENS = [
  { width: 1920, height: 1080, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];
/** Level id → how many ticks to step before the picture. */
const LEVELS: Record<string, number> = {
  'boot-hello': 2,
  mutex: 3,
  'anonymous-pipe': 8,
  sockets: 5,
  'fastest-ipc': 2,
};

const server = await startGameServer();
const tb = await launchBrowser();
mkdirSync(OUT, { recursive: true });
try {
  for (const screen of SCREENS) {
    const { width, height, ...device } = screen;
    const context = await tb.browser.newContext({ viewport: { width, height }, ...device, locale: 'ko-KR' });
    const page = await context.newPage();
    for (const [id, ticks] of Object.entries(LEVELS)) {
      await page.goto(`${server.url}/?speed=0.25`);
      await waitForScene(page, 'Menu');
      const stars = Object.fromEntries(CAMPAIGN.map((n) => [n.id, 3]));
      await page.evaluate(
        (s) => localStorage.setItem('kernel-crew.solo-progress', JSON.stringify({ stars: s, scores: {} })),
        stars,
      );
      await page.locator('button[data-scene="LevelMap"]').click();
      await waitForScene(page, 'LevelMap');
      await page.locator(`.map-node[data-node="${id}"]`).click();
      await waitForScene(page, 'ConceptCard');
      await page.locator('[data-action="start-level"]').click();
      await waitForScene(page, 'Machine');
      await page.waitForFunction(() => window.__kc?.machine()?.phase === 'paused', null, { timeout: 30_000 });
      for (let i = 0; i < ticks; i++) await page.keyboard.press('s');
      await page.waitForFunction((t) => (window.__kc?.machine()?.tick ?? -1) >= t, ticks, {
        timeout: 60_000,
      });
      await page.waitForTimeout(400); // let the last patch's animation settle for the picture
      const path = join(OUT, `${id}-${width}x${height}.png`);
      await page.screenshot({ path });
      console.log(path);
    }
    await context.close();
  }
} finally {
  await tb.close();
  await server.close();
}
