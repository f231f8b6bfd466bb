// A nickname's Hangul is drawn in the game's font even when no text of the game uses those syllables and
// the machine has no Korean font of its own (this one has none: "민준" read " 준" before the names faces).
// The DOM's player list and a canvas text (the feed's "봇이 둠" line for a slow classmate) are both checked:
// each character is covered by a face that has loaded, and the canvas text is drawn as that face draws it
// (not left as the blank it was first drawn with before the face arrived).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectSlices } from '../../build/font-subset.ts';
import type { RunningServer } from '../../server/main.ts';
import { failOnErrors, openPage, POLL, startWithBrowser, type TestBrowser } from './browser.ts';
import { createRoom, joinInBrowser, joinSdk, startGameServer } from './game-server.ts';

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

/** Whether every character of text is in the unicode-range of a Noto Sans KR face that has loaded. */
function coveredByLoadedFace(page: Page, text: string): Promise<boolean> {
  return page.evaluate((text) => {
    const ranges = (value: string): Array<[number, number]> =>
      value.split(',').map((part) => {
        const m = /U\+([0-9A-F]+)(?:-([0-9A-F]+))?/i.exec(part.trim());
        return m ? [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] : [0, -1];
      });
    const loaded = [...document.fonts].filter(
      (f) => f.family.replace(/["']/g, '') === 'Noto Sans KR' && f.status === 'loaded',
    );
    return [...text].every((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return loaded.some((f) => ranges(f.unicodeRange).some(([a, b]) => cp >= a && cp <= b));
    });
  }, text);
}

describe('a nickname in syllables no text of the game uses', () => {
  // 혜 (U+D61C) and 똠 (U+B620) are in two different names faces.
  const nickname = '혜똠';
  const asCanvasShowsIt = '혜똠 대신 봇이 둠';

  it('is not in the faces of the game texts, so this test needs the names faces', () => {
    const slices = collectSlices();
    const texts = new Set([...slices.core, ...slices.ui, ...slices.content]);
    for (const ch of nickname) expect(texts.has(ch.codePointAt(0) ?? 0), ch).toBe(false);
  });

  it('is drawn in the game font in the lobby list and on the canvas of a classmate who joined late', async () => {
    const room = await createRoom(server, {
      scenario: 'class-workshop',
      ticksPerSecond: 4,
      seed: 3,
      lateJoin: true,
    });
    const host = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    const slow = await joinSdk(server, room.roomId, { nickname, code: room.code }); // the scheduler, who never moves
    const own = await openPage(tb.browser, { viewport: 'laptop', locale: 'ko-KR' });
    const late = await openPage(tb.browser, { viewport: 'laptop', locale: 'ko-KR' });
    failOnErrors(own, late);
    try {
      // the lobby's list is DOM: the browser fetches the names faces by their unicode-range
      await joinInBrowser(own, server, room.code, 'Sofia');
      await expect.poll(() => own.page.locator('.player-list').textContent(), POLL).toContain(nickname);
      await expect.poll(() => coveredByLoadedFace(own.page, nickname), POLL).toBe(true);
      await own.screenshot('nickname-font-lobby-ko');
      await own.context.close(); // software WebGL is slow: one page drawing at a time

      // a bot moves for the slow scheduler after a second; a classmate who joins now sees it only on the canvas
      host.send('host:grace', { seconds: 1 });
      host.send('host:start');
      await joinInBrowser(late, server, room.code, 'Jisoo', 'Machine');
      // the feed's line for the slow scheduler shows, drawn as the face draws it (null: not on screen yet)
      await expect
        .poll(() => late.page.evaluate((part) => window.__kcDebug?.textDrawnCurrent(part), asCanvasShowsIt), {
          ...POLL,
          timeout: 30_000,
        })
        .toBe(true);
      await late.screenshot('nickname-font-feed-ko');
      expect(await coveredByLoadedFace(late.page, nickname)).toBe(true);
    } finally {
      await late.context.close();
      await slow.leave();
      await host.leave();
    }
  });
});
