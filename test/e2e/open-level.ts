// Opening a solo level the way a student does, from the menu's map and the level's card, with every level
// marked done (3 stars) in the browser's progress so that any level is unlocked.
import type { Page } from 'playwright-core';
import { CAMPAIGN } from '../../shared/levels/index.ts';
import { waitForScene } from './browser.ts';

/** Goes to the server, opens the map, the level's card and its Start; resolves once the Machine scene runs. */
export async function openUnlockedLevel(page: Page, url: string, id: string): Promise<void> {
  const stars = Object.fromEntries(CAMPAIGN.map((n) => [n.id, 3]));
  // one page load: the progress is in place before the game reads it
  await page.addInitScript((s) => {
    if (!localStorage.getItem('kernel-crew.solo-progress'))
      localStorage.setItem('kernel-crew.solo-progress', JSON.stringify({ stars: s, scores: {} }));
  }, stars);
  await page.goto(url);
  await waitForScene(page, 'Menu');
  await page.locator('button[data-scene="LevelMap"]').click();
  await waitForScene(page, 'LevelMap');
  await page.locator(`.map-node[data-node="${id}"]`).click();
  await waitForScene(page, 'ConceptCard');
  await page.locator('[data-action="start-level"]').click();
  await waitForScene(page, 'Machine');
}
