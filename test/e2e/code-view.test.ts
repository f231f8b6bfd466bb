// The code panel in a real browser: a thread's program shown as the machine's assembly, Python and C
// (the toggle remembered by the browser), with the line of its PC marked and moving as the thread steps.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { startWithBrowser, POLL, withPage, type TestBrowser } from './browser.ts';
import { startGameServer } from './game-server.ts';
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

const scenes = (page: Page) => page.evaluate(() => window.__kc?.scene() ?? '');

const openLevel = (page: Page, id: string) => openUnlockedLevel(page, server.url, id);

/** The marked line's number and text ('' when no line is marked). */
const pcLine = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="code-lines"] .code-line.pc');
    return el ? { line: Number(el.dataset.line), text: el.textContent ?? '' } : null;
  });

/** Lines of the listing that do not start at its left edge (pushed aside, out of sight): their numbers. */
const linesOutOfPlace = (page: Page) =>
  page.evaluate(() => {
    const pre = document.querySelector<HTMLElement>('[data-testid="code-lines"]')!;
    const left = pre.getBoundingClientRect().left;
    return [...pre.querySelectorAll<HTMLElement>('.code-line')]
      .filter((el) => el.getBoundingClientRect().left > left + 24)
      .map((el) => Number(el.dataset.line));
  });

describe('code panel', () => {
  it('shows the racing thread in three languages and marks its PC line as it steps', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'race-timing');
      const panel = page.getByTestId('code-view');
      const lines = page.getByTestId('code-lines');
      await expect.poll(() => panel.isVisible(), POLL).toBe(true);
      await expect.poll(() => page.locator('.code-tab').count(), POLL).toBeGreaterThanOrEqual(2);
      // the machine's view first: the PC (0) marks the first instruction before anything runs
      await page.locator('.code-lang[data-lang="asm"]').click();
      await expect.poll(async () => (await pcLine(page))?.text ?? '', POLL).toMatch(/▶\s+0\s+load balance/);
      // every line where it belongs, the one after the marked line too (it was pushed out of sight)
      expect(await linesOutOfPlace(page)).toEqual([]);
      await page.locator('.code-lang[data-lang="python"]').click();
      await expect.poll(() => lines.textContent(), POLL).toContain('reg = balance  # load balance');
      expect((await pcLine(page))?.text).toContain('reg = balance');
      await page.locator('.code-lang[data-lang="c"]').click();
      await expect.poll(() => lines.textContent(), POLL).toContain('static volatile long balance = 0;');
      expect((await pcLine(page))?.text).toContain('reg = balance; /* load balance */');
      expect(await page.locator('.code-lang[data-lang="c"]').getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => localStorage.getItem('kernel-crew.code-language'))).toBe('c');
      await screenshot('code-view-laptop-en');

      // run: dispatch the first Ready thread whenever the core is idle; the page records every line the mark moves to
      // (a MutationObserver, so a busy test machine cannot miss a step between two polls)
      await page.locator('.code-lang[data-lang="python"]').click();
      await page.evaluate(() => {
        const w = window as unknown as { __pcSeen: { line: number; text: string }[] };
        w.__pcSeen = [];
        const pre = document.querySelector('[data-testid="code-lines"]')!;
        new MutationObserver(() => {
          const el = pre.querySelector<HTMLElement>('.code-line.pc');
          if (el && Number(el.dataset.line) !== w.__pcSeen.at(-1)?.line)
            w.__pcSeen.push({ line: Number(el.dataset.line), text: el.textContent ?? '' });
        }).observe(pre, { childList: true, subtree: true });
      });
      const recorded = () =>
        page.evaluate(() => (window as unknown as { __pcSeen: { line: number; text: string }[] }).__pcSeen);
      await page.locator('.level-hud [data-action="pause"]').click();
      let seen: { line: number; text: string }[] = [];
      const deadline = Date.now() + 90_000;
      while ((seen = await recorded()).length < 3 && !(await scenes(page)).includes('LevelResult')) {
        if (Date.now() > deadline) throw new Error(`the PC line did not move: ${JSON.stringify(seen)}`);
        const m = await page.evaluate(() => window.__kc?.machine() ?? null);
        if (m && m.phase === 'running' && m.cores[0]?.running === null && m.ready.length > 0) {
          await page.keyboard.press('1');
          await page.keyboard.press('Enter');
        }
        await page.waitForTimeout(30);
      }
      expect(seen.length).toBeGreaterThanOrEqual(3);
      // the marked line only moves down the program (load, add, store, load, ...) and each is one of its lines
      for (let k = 1; k < seen.length; k++) expect(seen[k]!.line).toBeGreaterThan(seen[k - 1]!.line);
      for (const s of seen) expect(s.text).toMatch(/reg = balance|reg = reg \+ 1|balance = reg|return/);
      expect(await page.getByTestId('code-status').textContent()).toMatch(/register -?\d+/);
    });
  }, 180_000);

  it('fits a phone and collapses', async () => {
    await withPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' }, async ({ page, screenshot }) => {
      await openLevel(page, 'mutex');
      const panel = page.getByTestId('code-view');
      await expect.poll(() => panel.isVisible(), POLL).toBe(true);
      const summary = page.locator('.code-summary');
      if (!(await page.locator('.code-details').evaluate((d) => (d as HTMLDetailsElement).open)))
        await summary.click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('code-lines').isVisible(), POLL).toBe(true);
      await expect.poll(() => page.getByTestId('code-status').textContent(), POLL).toContain('다음 명령어');
      const box = await panel.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(390);
      await screenshot('code-view-phone-ko');
      await summary.click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('code-lines').isVisible(), POLL).toBe(false);
      // the choice is kept by the details' toggle event, which comes after it closed
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('kernel-crew.code-open')), POLL)
        .toBe('0');
      // the moves are one row that scrolls sideways (mutex has 8: rows of them covered half the screen),
      // and the bar's last pixel is on the screen (it ran 7 px past its foot)
      const bar = await page.evaluate(() => {
        const buttons = [...document.querySelectorAll<HTMLElement>('.action-buttons button')];
        const row = document.querySelector<HTMLElement>('.action-buttons')!;
        return {
          tops: new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size,
          count: buttons.length,
          scrolls: row.scrollWidth > row.clientWidth,
          screen: window.innerHeight,
        };
      });
      expect(bar.count).toBeGreaterThan(3);
      expect(bar.tops).toBe(1);
      expect(bar.scrolls).toBe(true);
      await expect
        .poll(() =>
          page.evaluate(() =>
            Math.max(
              ...[...document.querySelectorAll('.action-buttons button')].map(
                (b) => b.getBoundingClientRect().bottom,
              ),
            ),
          ),
        )
        .toBeLessThanOrEqual(bar.screen);
    });
  }, 150_000);
});
