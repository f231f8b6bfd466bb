// The solo screens fit a 1280×800 school laptop, and still a projector and a phone held upright: every
// level's card shows its Start, a running level's panel shows its key legend, and a result shows Retry
// and the other ways on, each wholly in the viewport, unclipped by a scrolling box and not covered.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { CAMPAIGN, LEVELS } from '../../shared/levels/index.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';
import {
  startWithBrowser,
  POLL,
  waitForScene,
  withPage,
  type TestBrowser,
  type ViewportName,
} from './browser.ts';
import { startGameServer } from './game-server.ts';
import { boxesOverlap, notInView, shownBox } from './layout-checks.ts';
import { openUnlockedLevel } from './open-level.ts';

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

/** The three screens, in English (the longer texts), and the laptop in Korean too. */
const SCREENS: [ViewportName, string][] = [
  ['laptop-16x10', 'en-US'],
  ['laptop-16x10', 'ko-KR'],
  ['projector', 'en-US'],
  ['phone', 'en-US'],
];
/** The level whose card has the most text (its picture is taken). */
const LONGEST_CARD = [...LEVELS].sort((a, b) => cardLength(b) - cardLength(a))[0]!.id;
/** The level whose goal has the most sentences to show on its result (the tallest figures table). */
const MOST_ROWS = 'boot-tree';
/** The running levels whose panel is tallest: the longest title and goal, and one with two jobs (a row of switches). */
const BY_HUD = [...LEVELS].sort(
  (a, b) => b.title.en.length + b.goalText.en.length - (a.title.en.length + a.goalText.en.length),
);
const TALLEST_HUDS = [
  BY_HUD[0]!.id,
  BY_HUD.find((l) => levelSlots(l).length > 1 && l.id !== BY_HUD[0]!.id)!.id,
];

const scenes = (page: Page) => page.evaluate(() => window.__kcDebug?.activeScenes() ?? []);

function cardLength(level: (typeof LEVELS)[number]): number {
  return [...level.card.en, level.goalText.en].join(' ').length;
}

/** Every level marked done (3 stars) in this browser's progress, so that each is open on the map. */
async function unlockAll(page: Page): Promise<void> {
  const stars = Object.fromEntries(CAMPAIGN.map((n) => [n.id, 3]));
  await page.addInitScript((s) => {
    localStorage.setItem('kernel-crew.solo-progress', JSON.stringify({ stars: s, scores: {} }));
  }, stars);
}

/** Every reason the selectors' elements are not wholly in view (empty when all are). */
async function problems(page: Page, selectors: string[]): Promise<string[]> {
  const out = await Promise.all(selectors.map((s) => notInView(page, s)));
  return out.filter((p) => p !== '');
}

describe.each(SCREENS)('the solo screens fit %s (%s)', (viewport, locale) => {
  const tag = `${viewport}-${locale.slice(0, 2)}`;
  it("every level's card shows Back and Start", async () => {
    await withPage(tb.browser, { viewport, locale }, async ({ page, screenshot }) => {
      await unlockAll(page);
      await page.goto(server.url);
      await waitForScene(page, 'Menu');
      await page.locator('button[data-scene="LevelMap"]').click();
      const bad: string[] = [];
      for (const level of LEVELS) {
        await waitForScene(page, 'LevelMap');
        await page.locator(`.map-node[data-node="${level.id}"]`).click();
        await waitForScene(page, 'ConceptCard');
        await expect.poll(() => page.locator('[data-action="start-level"]').textContent(), POLL).not.toBe('');
        const found = await problems(page, [
          '.card-panel [data-action="start-level"]',
          '.card-panel .actions button:not([data-action])',
        ]);
        bad.push(...found.map((p) => `${level.id}: ${p}`));
        const [text, actions] = [
          await shownBox(page, '.concept-card'),
          await shownBox(page, '.card-panel .actions'),
        ];
        if (boxesOverlap(text, actions)) bad.push(`${level.id}: the card's text runs on behind its buttons`);
        if (level.id === LONGEST_CARD) await screenshot(`fit-card-${tag}`);
        await page.locator('.card-panel .actions button:not([data-action])').click();
      }
      expect(bad).toEqual([]);
    });
  }, 240_000);

  it.each(TALLEST_HUDS)(
    "a running level's panel (%s) shows its controls and key legend",
    async (id) => {
      await withPage(tb.browser, { viewport, locale }, async ({ page, screenshot }) => {
        await openUnlockedLevel(page, server.url, id);
        await expect.poll(() => page.locator('.level-hud .hud-keys').isVisible(), POLL).toBe(true);
        // the Machine scene places the panel once it knows its height: wait until it stops moving
        await expect
          .poll(async () => {
            const a = await page.locator('.level-hud').boundingBox();
            await page.waitForTimeout(100);
            const b = await page.locator('.level-hud').boundingBox();
            return JSON.stringify(a) === JSON.stringify(b);
          }, POLL)
          .toBe(true);
        expect(
          await problems(page, [
            '.level-hud .hud-keys',
            '.level-hud [data-action="pause"]',
            '.level-hud [data-action="retry"]',
            '.level-hud [data-action="map"]',
          ]),
        ).toEqual([]);
        // the goal's text does not run on behind the footer: what shows of it ends above the controls
        const [text, footer] = [
          await shownBox(page, '.level-hud .hud-line'),
          await shownBox(page, '.level-hud .hud-footer'),
        ];
        expect(boxesOverlap(text, footer), JSON.stringify({ text, footer })).toBe(false);
        await screenshot(`fit-level-${id}-${tag}`);
      });
    },
    90_000,
  );

  it(`a failed level's result (${MOST_ROWS}, the most rows) shows Map and Retry`, async () => {
    await withPage(tb.browser, { viewport, locale }, async ({ page, screenshot }) => {
      // nothing dispatched, the fastest clock: the attempt fails at its tick limit, with every hint shown
      await openUnlockedLevel(page, `${server.url}/?speed=20`, MOST_ROWS);
      await page.locator('.level-hud [data-action="pause"]').click();
      await page.waitForFunction(() => window.__kcDebug?.activeScenes().includes('LevelResult'), null, {
        timeout: 60_000,
      });
      await waitForScene(page, 'LevelResult');
      expect(await scenes(page)).toContain('LevelResult');
      expect(await page.locator('.level-result').getAttribute('data-passed')).toBe('false');
      expect(await page.locator('.result-hints li').count()).toBeGreaterThan(0);
      expect(
        await problems(page, ['.result-panel [data-action="retry"]', '.result-panel [data-action="map"]']),
      ).toEqual([]);
      // the result's text does not run on behind the buttons: what shows of it ends above them
      const [text, actions] = [
        await shownBox(page, '.level-result'),
        await shownBox(page, '.result-panel .actions'),
      ];
      expect(boxesOverlap(text, actions), JSON.stringify({ text, actions })).toBe(false);
      await screenshot(`fit-result-${tag}`);
    });
  }, 120_000);
});
