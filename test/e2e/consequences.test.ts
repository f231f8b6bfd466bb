// Consequences where they happen (issue 13 item 5), in a real browser against the real server, each
// level played by its bar's buttons and S (one tick): a deadlock freezes the machine with its wait-for
// cycle drawn and ends the attempt; a semaphore's shelf fills and empties as a permit is taken and
// given back; a lost datagram marks its channel's row until dismissed; a crashed tab is marked in the process tree
// and nothing else is; the event feed scrolls to its oldest row. What is drawn is read through the
// Machine scene's hook (window.__kc), which reports what the views drew.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { startWithBrowser, POLL, waitForScene, withPage, type TestBrowser } from './browser.ts';
import { startGameServer } from './game-server.ts';
import { notInView } from './layout-checks.ts';
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

type Hooked = NonNullable<ReturnType<NonNullable<Window['__kc']>['machine']>>;
const machine = async (page: Page): Promise<Hooked> => {
  const m = await page.evaluate(() => window.__kc?.machine() ?? null);
  if (!m) throw new Error('no machine on screen');
  return m;
};
const scenes = (page: Page) => page.evaluate(() => window.__kcDebug?.activeScenes() ?? []);

/** The laptop size issue 13 names, and the phone held upright. */
const LAPTOP = { width: 1280, height: 800 };

/** Opens a level from the map (every level marked done, so it is unlocked), paused at tick 0. */
async function openLevel(page: Page, id: string, size?: { width: number; height: number }): Promise<void> {
  if (size) await page.setViewportSize(size);
  await openUnlockedLevel(page, server.url, id);
  await page.waitForFunction(() => {
    const m = window.__kc?.machine();
    return !!m && m.phase === 'paused' && m.tick === 0;
  });
}

/** The action bar's button that chooses this instruction for the thread I steer. */
const chooseButton = (page: Page, instr: string) =>
  page.locator(`[data-testid="action-bar"] button[data-key='choose:${JSON.stringify({ instr })}']`);

/** Chooses the next instruction by its button when the bar offers it now; false when it does not. */
async function choose(page: Page, instr: string): Promise<boolean> {
  const button = chooseButton(page, instr);
  if ((await button.count()) === 0 || (await button.isDisabled())) return false;
  const before = (await machine(page)).myProgram.length;
  await button.click();
  await page.waitForFunction((b) => (window.__kc?.machine()?.myProgram.length ?? 0) > b, before, {
    timeout: 10_000,
  });
  return true;
}

/** One tick by S (the clock paused); resolves once the tick shows, or the attempt has ended. */
async function step(page: Page): Promise<void> {
  const { tick } = await machine(page);
  await page.keyboard.press('s');
  await page.waitForFunction(
    (t) => {
      const m = window.__kc?.machine();
      const on = window.__kcDebug?.activeScenes().includes('Machine');
      return !m || !on || m.tick > t || m.phase === 'ended';
    },
    tick,
    { timeout: 10_000 },
  );
}

/**
 * Plays the thread I steer: each instruction chosen as soon as the bar offers it, a tick stepped after
 * each, until `done` holds for the machine as drawn (checked inside the page, every frame) or 40 ticks pass.
 */
async function play(page: Page, moves: string[], done: (m: Hooked) => boolean): Promise<Hooked> {
  let next = 0;
  for (let ticks = 0; ticks < 40; ticks++) {
    let m = await machine(page);
    if (done(m)) return m;
    if (m.phase === 'ended' || !(await scenes(page)).includes('Machine')) break;
    if (next < moves.length && (await choose(page, moves[next]!))) next++;
    m = await machine(page);
    if (done(m)) return m;
    await step(page);
  }
  const m = await machine(page);
  if (done(m)) return m;
  throw new Error(
    `not reached after 40 ticks (tick ${m.tick}, phase ${m.phase}): ${JSON.stringify(m.processLines)}`,
  );
}

describe('consequences where they happen', () => {
  it('a deadlock freezes the machine with the wait-for cycle drawn, and ends the attempt (laptop, English)', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'deadlock', LAPTOP);
      expect((await machine(page)).cycle).toEqual([]);
      // a → b while the other thread takes b → a: the cycle of waiting the level warns about
      const m = await play(page, ['lock a', 'lock b'], (x) => x.phase === 'ended');
      await expect.poll(async () => (await machine(page)).cycle.length, POLL).toBe(4);
      const { cycle, cycleRect } = await machine(page);
      // thread → the lock it waits for → its holder → the lock that one waits for → back to the first
      expect(cycle[0]).toMatch(/^P\d+·T1$/);
      expect(cycle[1]).toBe('lock b');
      expect(cycle[2]).toMatch(/^P\d+·T2$/);
      expect(cycle[3]).toBe('lock a');
      expect(m.phase).toBe('ended');
      expect(await page.evaluate(() => window.__kcDebug!.texts())).toContain(
        '⚠ Deadlock · the wait-for cycle',
      );
      // drawn on the screen, clear of the HUD
      expect(cycleRect).not.toBeNull();
      const hud = (await page.locator('.level-hud').boundingBox())!;
      const r = cycleRect!;
      expect(r.x + r.width <= hud.x || hud.x + hud.width <= r.x || r.y + r.height <= hud.y).toBe(true);
      expect(r.y + r.height).toBeLessThanOrEqual(800);
      // frozen: the result waits, the HUD says why, the clock's controls are off
      await expect
        .poll(() => page.locator('.level-hud .hud-frozen').textContent(), POLL)
        .toContain('Deadlock');
      expect(await scenes(page)).toContain('Machine');
      expect(await scenes(page)).not.toContain('LevelResult');
      expect(await page.locator('.level-hud [data-action="step"]').isDisabled()).toBe(true);
      // the HUD, a footer taller by the alert and its button, still shows its title, that button and the key legend
      expect(
        (
          await Promise.all(
            ['.level-hud .hud-title', '.level-hud [data-action="result"]', '.level-hud .hud-keys'].map((s) =>
              notInView(page, s),
            ),
          )
        ).filter((p) => p !== ''),
      ).toEqual([]);
      await screenshot('deadlock-cycle-1280x800-en');
      const tick = (await machine(page)).tick;
      await page.keyboard.press('s');
      await page.waitForTimeout(300); // nothing to wait for: a frozen machine must not move
      expect((await machine(page)).tick).toBe(tick);
      await page.locator('.level-hud [data-action="result"]').click();
      await waitForScene(page, 'LevelResult');
    });
  }, 150_000);

  it('the cycle on a phone, in Korean', async () => {
    await withPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' }, async ({ page, screenshot }) => {
      await openLevel(page, 'deadlock');
      await play(page, ['lock a', 'lock b'], (x) => x.phase === 'ended');
      await expect
        .poll(async () => (await machine(page)).cycle, POLL)
        .toEqual([expect.stringMatching(/·T1$/), '락 b', expect.stringMatching(/·T2$/), '락 a']);
      expect(await page.evaluate(() => window.__kcDebug!.texts())).toContain('⚠ 교착 상태 · 대기의 고리');
      await expect
        .poll(() => page.locator('.level-hud .hud-frozen').textContent(), POLL)
        .toContain('교착 상태');
      // the world scrolled to the ring: on the screen, above the action bar
      const r = (await machine(page)).cycleRect!;
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(390);
      expect(r.y).toBeGreaterThanOrEqual(0);
      const bar = (await page.locator('.machine-panel').boundingBox())!;
      expect(r.y + r.height).toBeLessThanOrEqual(bar.y + 1);
      await screenshot('deadlock-cycle-390x844-ko');
    });
  }, 150_000);

  it('a semaphore shelf shows a permit taken by wait and given back by signal', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'producer-consumer', LAPTOP);
      const shelf = async (name: string) =>
        (await machine(page)).shelves.find((s) => s.name === name) ?? null;
      // empty counts the free places on the two-place shelf: both free at first
      await expect.poll(() => shelf('empty'), POLL).toMatchObject({ slots: 2, filled: 2 });
      await play(page, ['wait empty'], (m) => m.shelves.find((s) => s.name === 'empty')?.filled === 1);
      expect(await shelf('empty')).toMatchObject({ slots: 2, filled: 1 });
      await screenshot('semaphore-shelf-1280x800-en');
      // the item goes on the shelf; the consumer's wait full takes it, and its signal empty gives the place back
      await play(
        page,
        ['load made', 'add 1', 'store made', 'signal full'],
        (m) => m.shelves.find((s) => s.name === 'empty')?.filled === 2,
      );
      expect(await shelf('empty')).toMatchObject({ slots: 2, filled: 2 });
    });
  }, 150_000);

  it('a lost datagram marks the UDP channel, and only it, until the player dismisses it', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'sockets', LAPTOP);
      expect((await machine(page)).slot).toContain('server');
      // the level's seed loses f2 the tick it is sent: the flash shows then, where the channel is drawn
      await page.evaluate(() => {
        const w = window as unknown as { __flashed: string[] };
        w.__flashed = [];
        const look = (): void => {
          for (const line of window.__kc?.machine()?.channelLines ?? [])
            if (line.startsWith('⚠') && !w.__flashed.includes(line)) w.__flashed.push(line);
          requestAnimationFrame(look);
        };
        look();
      });
      const flashed = () => page.evaluate(() => (window as unknown as { __flashed: string[] }).__flashed);
      const warned = await play(
        page,
        ['send udp f1', 'send udp f2', 'send udp f3'],
        (x) => x.channelWarnings.length > 0,
      );
      expect(warned.phase).not.toBe('ended');
      await expect.poll(flashed, POLL).toEqual([expect.stringMatching(/^⚠ message lost! · udp · /)]);
      // the warning stays until dismissed (issue 13): still there after the seconds a flash used to last, and
      // after the machine has moved on a tick and been drawn again
      const since = await page.evaluate(() => performance.now());
      await page.waitForFunction((t0) => performance.now() > t0 + 3_500, since, { timeout: 20_000 });
      await step(page);
      const later = await machine(page);
      expect(later.channelWarnings.map((w) => w.channel)).toEqual(['udp']);
      expect(later.channelLines.filter((l) => l.startsWith('⚠'))).toHaveLength(1);
      await screenshot('consequences-udp-warning');
      // the feed, one line high at this size with the code open, shows the newest event, not only a count
      expect(later.feed.lines.length).toBeGreaterThan(0);
      expect(later.feed.lines[0]).not.toMatch(/^[↑↓]/);
      expect(later.feed.lines[0]).toMatch(/^\d+: .+ \(\+\d+\)$/);
      // a click on the warned row's head line dismisses it
      const r = later.channelWarnings[0]!.rect;
      await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
      await expect
        .poll(async () => (await machine(page)).channelLines.some((l) => l.startsWith('⚠')), POLL)
        .toBe(false);
      expect((await machine(page)).channelWarnings).toEqual([]);
    });
  }, 150_000);

  it('Ready cards never overlap, not even mid-slide, as the queue shrinks and its cards grow (laptop)', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page }) => {
      await openLevel(page, 'first-dispatch', LAPTOP);
      // every frame, the cards as drawn (where a slide has got to), checked pairwise for shared area
      await page.evaluate(() => {
        const w = window as unknown as { __overlaps: string[]; __frames: number };
        w.__overlaps = [];
        w.__frames = 0;
        const look = (): void => {
          const cards = window.__kc?.cardsDrawn() ?? [];
          w.__frames++;
          for (let i = 0; i < cards.length; i++)
            for (let j = i + 1; j < cards.length; j++) {
              const a = cards[i]!;
              const b = cards[j]!;
              const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
              const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
              if (dx > 1 && dy > 1)
                w.__overlaps.push(`${a.tid}/${b.tid}: ${Math.round(dx)}×${Math.round(dy)}`);
            }
          requestAnimationFrame(look);
        };
        look();
      });
      expect((await machine(page)).ready.length).toBe(4);
      // dispatch the head each time the core is free, until the queue is empty
      for (let k = 0; k < 40 && (await machine(page)).phase !== 'ended'; k++) {
        const m = await machine(page);
        if (m.ready.length === 0) break;
        if (m.cores[0]?.running === null) {
          await page.keyboard.press('1');
          await page.keyboard.press('Enter');
          await page.waitForFunction((n) => (window.__kc?.machine()?.ready.length ?? n) < n, m.ready.length);
        }
        await step(page);
      }
      const seen = await page.evaluate(() => {
        const w = window as unknown as { __overlaps: string[]; __frames: number };
        return { overlaps: w.__overlaps, frames: w.__frames };
      });
      expect(seen.frames).toBeGreaterThan(30);
      expect(seen.overlaps).toEqual([]);
    });
  }, 150_000);

  it('with reduced motion (the system setting, or the switch) Ready cards are put in place, never slid', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'ko-KR' }, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openLevel(page, 'first-dispatch', LAPTOP);
      const toggle = page.locator('#motion-toggle');
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('true');
      expect(await toggle.textContent()).toBe('동작 줄이기');
      // every frame: the drawn cards that are not at their places (a card mid-slide)
      await page.evaluate(() => {
        const w = window as unknown as { __between: number; __frames: number };
        w.__between = 0;
        w.__frames = 0;
        const look = (): void => {
          const places = new Map((window.__kc?.cards() ?? []).map((c) => [c.tid, c]));
          w.__frames++;
          for (const c of window.__kc?.cardsDrawn() ?? []) {
            const p = places.get(c.tid);
            if (p && (Math.abs(p.x - c.x) > 1 || Math.abs(p.y - c.y) > 1)) {
              w.__between++;
              break;
            }
          }
          requestAnimationFrame(look);
        };
        look();
      });
      /** Dispatches the head of the queue twice, stepping between, and returns the frames with a card mid-slide. */
      const dispatchTwice = async (): Promise<{ between: number; frames: number }> => {
        await page.evaluate(() => {
          const w = window as unknown as { __between: number; __frames: number };
          w.__between = 0;
          w.__frames = 0;
        });
        for (let k = 0, done = 0; k < 20 && done < 2; k++) {
          const m = await machine(page);
          if (m.cores[0]?.running === null && m.ready.length > 0) {
            await page.keyboard.press('1');
            await page.keyboard.press('Enter');
            await page.waitForFunction(
              (n) => (window.__kc?.machine()?.ready.length ?? n) < n,
              m.ready.length,
            );
            done++;
            await page.waitForTimeout(400); // a slide (260 ms) would be under way now
          }
          await step(page);
        }
        return page.evaluate(() => {
          const w = window as unknown as { __between: number; __frames: number };
          return { between: w.__between, frames: w.__frames };
        });
      };
      const reduced = await dispatchTwice();
      expect(reduced.frames).toBeGreaterThan(10);
      expect(reduced.between).toBe(0);
      // the switch turns motion back on for this browser, whatever the system says, and is kept there
      await toggle.click();
      await toggle.blur(); // the machine's keys wait while a button has focus (Enter would press it again)
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('false');
      expect(await page.evaluate(() => localStorage.getItem('kernel-crew.motion'))).toBe('full');
      const moving = await dispatchTwice();
      expect(moving.between).toBeGreaterThan(0);
      await toggle.click();
      expect(await page.evaluate(() => localStorage.getItem('kernel-crew.motion'))).toBe('reduce');
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.reload();
      await expect.poll(() => page.locator('#motion-toggle').getAttribute('aria-pressed'), POLL).toBe('true');
    });
  }, 150_000);

  it('Ready cards stay inside their panel when the code panel leaves it short (laptop, race-timing)', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'race-timing', LAPTOP);
      await expect.poll(() => page.getByTestId('code-lines').isVisible(), POLL).toBe(true);
      await step(page);
      await expect.poll(async () => (await machine(page)).ready.length, POLL).toBeGreaterThan(1);
      const { readyRect: r } = await machine(page);
      const cards = await page.evaluate(() => window.__kc?.cards() ?? []);
      expect(cards.length).toBeGreaterThan(1);
      // each card wholly inside the frame (before: a row of cards taller than the frame ran over Blocked)
      for (const c of cards) {
        expect(c.y, `${c.label} top`).toBeGreaterThanOrEqual(r.y - 1);
        expect(c.y + c.height, `${c.label} bottom`).toBeLessThanOrEqual(r.y + r.height + 1);
      }
      await screenshot('consequences-ready-short-panel');
    });
  }, 120_000);

  it('a crashed tab is marked crashed in the process tree, and no other process is', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page, screenshot }) => {
      await openLevel(page, 'browser-tabs', LAPTOP);
      const m = await play(page, ['fork news', 'fork game', 'fork mail'], (x) =>
        x.processLines.some((l) => l.includes('×')),
      );
      // the mark leads the crashed tab's line, so a narrow panel cannot cut it off, and the short panel
      // (two rows with the code open) keeps the crashed tab among the rows it shows
      const marked = (lines: string[]) => lines.filter((l) => l.includes('×') || l.includes('crashed'));
      expect(marked(m.processLines)).toEqual([expect.stringMatching(/^× P\d+ game crashed/)]);
      await screenshot('crash-mark-1280x800-en');
      // with the code panel folded the panel has room: the browser and the other tabs show, none marked
      await page.locator('.code-summary').click();
      await expect
        .poll(
          async () =>
            (await machine(page)).processLines.filter((l) => /^P\d+ (browser|news|mail)\b/.test(l)).length,
          POLL,
        )
        .toBeGreaterThanOrEqual(2);
      const all = (await machine(page)).processLines;
      expect(marked(all)).toEqual([expect.stringMatching(/^× P\d+ game crashed/)]);
      expect(
        all.some((l) => /^P\d+ browser\b/.test(l)),
        JSON.stringify(all),
      ).toBe(true);
      await screenshot('crash-mark-folded-1280x800-en');
    });
  }, 150_000);

  it('the event feed scrolls to its oldest row instead of cutting it', async () => {
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page }) => {
      await openLevel(page, 'producer-consumer', LAPTOP);
      // the code panel folded, as a student does to see more of the machine: the feed gets its rows
      if (await page.locator('.code-details').evaluate((d) => (d as HTMLDetailsElement).open))
        await page.locator('.code-summary').click();
      await expect.poll(async () => (await machine(page)).feed.rect.height, POLL).toBeGreaterThan(120);
      const moves = [
        ...Array.from({ length: 2 }, () => [
          'wait empty',
          'load made',
          'add 1',
          'store made',
          'signal full',
        ]).flat(),
      ];
      // play until the feed holds more rows than it shows
      const m = await play(page, moves, (x) => x.feed.rows > x.feed.lines.length + 4);
      expect(m.feed.offset).toBe(0);
      expect(m.feed.lines.at(-1)).toMatch(/^↓ \+\d+ …$/);
      // the wheel over the feed scrolls it, row by row, down to the oldest row (tick 0), with nothing cut
      const r = m.feed.rect;
      await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
      for (let i = 0; i < 60; i++) {
        const f = (await machine(page)).feed;
        if (!f.lines.at(-1)?.startsWith('↓')) break;
        await page.mouse.wheel(0, 120);
        await page.waitForFunction((o) => (window.__kc?.machine()?.feed.offset ?? -1) !== o, f.offset, {
          timeout: 5_000,
        });
      }
      const end = (await machine(page)).feed;
      expect(end.offset).toBeGreaterThan(0);
      expect(end.lines[0]).toMatch(/^↑ \d+ …$/);
      expect(end.lines.at(-1)).toMatch(/^0: /);
      expect(end.lines.some((l) => /^↓/.test(l))).toBe(false);
      // and back up to the newest
      await page.mouse.wheel(0, -120 * 60);
      await expect.poll(async () => (await machine(page)).feed.offset, POLL).toBe(0);
    });
  }, 150_000);
});
