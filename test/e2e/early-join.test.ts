// The join form works before the game engine has arrived: with Phaser's chunk held back, a student opens
// a join link, joins with the HTML form, and is in the room; when the engine then loads, the game goes on
// in that same room (its Lobby, then the Machine when the teacher starts), without joining twice.
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { canvasTexts, POLL, startWithBrowser, waitForScene, withPage, type TestBrowser } from './browser.ts';
import { createRoom, joinSdk, seatOf, startGameServer } from './game-server.ts';

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

describe('the join form before the engine', () => {
  it('joins with Phaser not loaded yet, then the game continues in the joined room', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 2, seed: 5 });
    const host = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    await withPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' }, async ({ page, screenshot }) => {
      const held: Route[] = [];
      let engineRequested = false;
      await page.route(/\/assets\/phaser-[^/]*\.js$/, (route) => {
        engineRequested = true;
        held.push(route);
      });
      await page.goto(`${server.url}/join/${room.code}`, { waitUntil: 'domcontentloaded' });
      const nickname = page.getByLabel('닉네임');
      await expect.poll(() => nickname.isVisible(), POLL).toBe(true);
      expect(await page.getByLabel('수업 코드').inputValue()).toBe(room.code);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('join-nickname');
      await nickname.fill('지우');
      await screenshot('early-join-phone-ko');
      await nickname.press('Enter');

      // In the room, while the engine is still held back: the host sees the student.
      await expect.poll(() => seatOf(host, '지우'), POLL).toBeTruthy();
      expect(engineRequested).toBe(true);
      expect(held.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => typeof window.__kcDebug)).toBe('undefined');

      // The engine arrives: the game shows the Lobby of that room, then follows it into the round.
      for (const route of held.splice(0)) await route.continue();
      await page.unroute(/\/assets\/phaser-[^/]*\.js$/);
      await waitForScene(page, 'Lobby');
      expect(await canvasTexts(page)).toContain(room.code);
      expect(await page.locator('#join-early').isHidden()).toBe(true);
      host.send('host:start');
      await waitForScene(page, 'Machine');
      expect([...host.state.players.values()].filter((p) => p.nickname === '지우')).toHaveLength(1);
      await screenshot('early-join-phone-ko-machine');
    });
    await host.leave(true);
  }, 120_000);

  it('keeps what was typed when the engine arrives first, and the Join scene takes the form over', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 2, seed: 6 });
    const host = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    await withPage(tb.browser, { locale: 'en-US' }, async ({ page }) => {
      const held: Route[] = [];
      await page.route(/\/assets\/phaser-[^/]*\.js$/, (route) => {
        held.push(route);
      });
      await page.goto(`${server.url}/?code=${room.code}`, { waitUntil: 'domcontentloaded' });
      const nickname = page.getByLabel('Nickname');
      await expect.poll(() => nickname.isVisible(), POLL).toBe(true);
      await nickname.fill('Jiwoo');
      await expect.poll(() => held.length, POLL).toBeGreaterThan(0);
      for (const route of held.splice(0)) await route.continue();
      await page.unroute(/\/assets\/phaser-[^/]*\.js$/);
      await waitForScene(page, 'Join');
      expect(await nickname.inputValue()).toBe('Jiwoo');
      expect(await page.getByLabel('Class code').inputValue()).toBe(room.code);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await waitForScene(page, 'Lobby');
      await expect.poll(() => seatOf(host, 'Jiwoo'), POLL).toBeTruthy();
    });
    await host.leave(true);
  }, 120_000);
});
