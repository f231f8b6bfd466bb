// The screen-reader mirror of the machine in a real browser, read from Chromium's accessibility tree
// (CDP Accessibility.getFullAXTree): the tree names the cores, the Ready queue and the player's moves
// in the student's language; a solo level's first move is made by keyboard only (Tab into the tree,
// arrows to a Ready thread, Enter, arrows to the dispatch, Enter), the core then runs the thread and
// the live region says the kernel's sentence for it; a move made twice before the screen caught up is
// refused, and the live region says the kernel's reason. In Korean and in English.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { POLL, startWithBrowser, withPage, type TestBrowser } from './browser.ts';
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

interface AxRow {
  role: string;
  name: string;
  level?: number;
  disabled?: boolean;
  focused?: boolean;
  live?: string;
}

/** The accessibility tree as Chromium exposes it to screen readers: every node that is not ignored. */
async function axTree(page: Page): Promise<AxRow[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: {
        ignored: boolean;
        role?: { value: string };
        name?: { value: string };
        properties?: { name: string; value: { value: unknown } }[];
      }[];
    };
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => {
        const prop = (name: string) => n.properties?.find((p) => p.name === name)?.value.value;
        const row: AxRow = { role: n.role?.value ?? '', name: n.name?.value ?? '' };
        if (prop('level') !== undefined) row.level = Number(prop('level'));
        if (prop('disabled') === true) row.disabled = true;
        if (prop('focused') === true) row.focused = true;
        if (prop('live') !== undefined) row.live = String(prop('live'));
        return row;
      });
  } finally {
    await cdp.detach();
  }
}

/** The mirror's rows as the accessibility tree names them. */
async function treeItems(page: Page): Promise<AxRow[]> {
  return (await axTree(page)).filter((n) => n.role === 'treeitem');
}

/** The name of the row that has the keyboard focus (as the accessibility tree says). */
async function focusedItem(page: Page): Promise<string> {
  return (await treeItems(page)).find((n) => n.focused)?.name ?? '';
}

/** Presses ArrowDown until the focused row's name starts with `prefix`. */
async function arrowTo(page: Page, prefix: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await focusedItem(page)).startsWith(prefix)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no row starting "${prefix}"; focused: ${await focusedItem(page)}`);
}

const live = (page: Page) => page.locator('[data-testid="sr-live"]').innerText();

/** What each language's rows say (the level: one core, four processes A–D needing 6, 8, 7 and 3 ticks). */
const WORDS = {
  ko: {
    tree: '텍스트로 읽는 기계',
    cores: 'CPU 코어 (1)',
    idle: '코어 0 · 내 담당 · 대상: 유휴',
    ready: '준비 큐 (4)',
    first: '1. P1 A · 남은 6 · 우선 0 · 대기 0',
    d: '4. P4 D · 남은 3',
    moves: '내 행동 (0)',
    dispatchOff: '디스패치 (지금은 할 수 없음)',
    dispatchD: 'P4 → 코어 0 디스패치',
    runsD: '코어 0 · 내 담당 · 대상: P4 D · ',
    mine: '내 행동: ',
    refused: '거절됨: ',
  },
  en: {
    tree: 'The machine as text',
    cores: 'CPU cores (1)',
    idle: 'Core 0 · yours · target: idle',
    ready: 'Ready queue (4)',
    first: '1. P1 A · needs 6 · prio 0 · wait 0',
    d: '4. P4 D · needs 3',
    moves: 'Your moves (0)',
    dispatchOff: 'Dispatch (not possible now)',
    dispatchD: 'Dispatch P4 → core 0',
    runsD: 'Core 0 · yours · target: P4 D · ',
    mine: 'Your move: ',
    refused: 'Refused: ',
  },
} as const;

describe('the screen-reader mirror', () => {
  it.each(['ko', 'en'] as const)(
    '%s: the accessibility tree names the cores, the Ready queue and my moves; a keyboard plays the first move; a stale move is refused aloud',
    async (lang) => {
      const w = WORDS[lang];
      await withPage(
        tb.browser,
        { viewport: 'laptop', locale: lang === 'ko' ? 'ko-KR' : 'en-US' },
        async ({ page, screenshot }) => {
          await openUnlockedLevel(page, server.url, 'first-dispatch');
          await page.waitForFunction(() => window.__kc?.machine()?.phase === 'paused');
          const ax = await axTree(page);
          expect(ax.find((n) => n.role === 'tree')?.name).toBe(w.tree);
          expect(ax.some((n) => n.live === 'polite')).toBe(true);
          const items = ax.filter((n) => n.role === 'treeitem');
          console.log(
            `${lang} accessibility tree, the mirror's rows:\n${items.map((n) => `${'  '.repeat(n.level ?? 1)}${n.name}${n.disabled ? ' [disabled]' : ''}`).join('\n')}`,
          );
          const names = items.map((n) => n.name);
          expect(names.slice(0, 4)).toEqual([w.cores, w.idle, w.ready, w.first]);
          expect(names.some((n) => n.startsWith(w.d))).toBe(true);
          expect(names).toContain(w.moves);
          expect(items.find((n) => n.name === w.dispatchOff)?.disabled).toBe(true);

          // keyboard only: Tab into the tree, arrows to D (the least work), Enter picks it
          for (let i = 0; i < 30 && !(await focusedItem(page)); i++) await page.keyboard.press('Tab');
          expect(await focusedItem(page)).toBe(w.cores);
          await arrowTo(page, w.d);
          await page.keyboard.press('Enter');
          // the pick makes the dispatch a move: arrows to it, Enter makes it
          await arrowTo(page, w.dispatchD);
          await screenshot(`screen-reader-${lang}-focused`);
          await page.keyboard.press('Enter');
          await expect
            .poll(() => page.evaluate(() => window.__kc?.machine()?.cores[0]?.running), POLL)
            .toBe('P4');
          await expect
            .poll(
              async () => (await treeItems(page)).map((n) => n.name).find((n) => n.startsWith(w.runsD)),
              POLL,
            )
            .toBeTruthy();
          await expect.poll(() => live(page), POLL).toContain(w.mine);
          const said = await live(page);
          expect(said).toMatch(/P4/);
          // the focus stayed in the tree (the dispatched row went; its place holds the focus)
          expect(await focusedItem(page)).not.toBe('');

          // a move made twice before the screen caught up: the second one is refused, and the reason is said
          await page.locator('[data-action="retry"]').click();
          await expect
            .poll(() => page.evaluate(() => window.__kc?.machine()?.cores[0]?.running ?? null), POLL)
            .toBe(null);
          await expect.poll(async () => (await treeItems(page)).map((n) => n.name), POLL).toContain(w.idle);
          for (let i = 0; i < 30 && !(await focusedItem(page)); i++) await page.keyboard.press('Tab');
          await page.keyboard.press('Home');
          await arrowTo(page, w.d);
          await page.keyboard.press('Enter');
          await arrowTo(page, w.dispatchD);
          await page.evaluate(() => {
            const row = document.activeElement!;
            for (let i = 0; i < 2; i++)
              row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
          });
          await expect.poll(() => live(page), POLL).toContain(w.refused);
          const reason = (await page.locator('[data-testid="refusal"] .refusal-text').innerText())
            .replace(/^⚠\s*/, '') // the callout's mark, drawn beside the reason
            .trim();
          expect(reason.length).toBeGreaterThan(0);
          expect(await live(page)).toContain(`${w.refused}${reason}`);
          await expect
            .poll(() => page.evaluate(() => window.__kc?.machine()?.cores[0]?.running), POLL)
            .toBe('P4');
          console.log(`${lang} live region:\n${await live(page)}`);
          await screenshot(`screen-reader-${lang}-refused`);
        },
      );
    },
  );
});
