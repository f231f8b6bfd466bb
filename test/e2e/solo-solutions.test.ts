// Every level is winnable through the screen: each level's 3-star proof (test/levels/solutions) is
// played in the kernel here first to learn its moves and their ticks, then played again in Chromium
// against the real server only by what a student can press: the scheduler's keys (1–9 or ←/→ pick a
// card, ↑/↓ a core, Enter dispatch, R replace, P preempt), the action bar's number keys after turning
// its pages with their buttons, the HUD's job buttons, and S to step one tick with the clock paused. It asserts 3 stars on the result
// screen, and fails when a move cannot be found on any page of the bar. One page per chapter (a student
// going from level to level through the map), ko for half the chapters, en for the other half, a phone
// for two of six (the first and the IPC chapter, whose palettes need the bar's pages). Every wait is for
// a condition inside the page. Data-driven: a reworked level or proof is played as it now is.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { legalMoves, type KernelAction } from '../../shared/kernel/index.ts';
import { CAMPAIGN, LEVELS, LevelSession, playLevelThinking, type Level } from '../../shared/levels/index.ts';
import { CHAPTER_1 } from '../../shared/levels/data/ch1-processes.ts';
import { CHAPTER_2 } from '../../shared/levels/data/ch2-interrupts.ts';
import { CHAPTER_3 } from '../../shared/levels/data/ch3-memory-tree.ts';
import { CHAPTER_4 } from '../../shared/levels/data/ch4-threads.ts';
import { CHAPTER_5 } from '../../shared/levels/data/ch5-sync.ts';
import { CHAPTER_6 } from '../../shared/levels/data/ch6-ipc.ts';
import { toMessage } from '../../shared/protocol/actions.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';
import { SOLUTIONS } from '../levels/solutions.ts';
import {
  POLL,
  openPage,
  startWithBrowser,
  waitForScene,
  withPage,
  type TestBrowser,
  type TestPage,
  type ViewportName,
} from './browser.ts';
import { startGameServer } from './game-server.ts';

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

/** One move of the proof: its tick, the job (room slot) it belongs to, and the action. */
interface PlannedMove {
  tick: number;
  slot: string;
  action: KernelAction;
}

const same = (a: KernelAction, b: KernelAction): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The proof's accepted moves (played as a human who thinks: one tick after the moment that prompted them) with their ticks and jobs, replayed in the kernel (the same machine the room will run). */
function planOf(level: Level): { moves: PlannedMove[]; ticks: number } {
  const proof = playLevelThinking(level, SOLUTIONS[level.id]!.good());
  if (proof.stars !== 3) throw new Error(`${level.id}: its proof earns ${proof.stars} stars in the kernel`);
  const slots = levelSlots(level);
  const replay = new LevelSession(level);
  const moves: PlannedMove[] = [];
  for (const m of proof.moves) {
    while (replay.state.tick < m.tick) replay.step();
    const slot = slots.find((s) => legalMoves(replay.state, s).some((a) => same(a, m.action)));
    if (!slot)
      throw new Error(
        `${level.id}: no job of the player may make ${JSON.stringify(m.action)} at tick ${m.tick}`,
      );
    if (!replay.act(m.action).ok)
      throw new Error(`${level.id}: the replay refused ${JSON.stringify(m.action)}`);
    moves.push({ tick: m.tick, slot: slot.key, action: m.action });
  }
  return { moves, ticks: proof.session.state.tick };
}

type Hooked = NonNullable<ReturnType<NonNullable<Window['__kc']>['machine']>>;
const machine = (page: Page): Promise<Hooked | null> => page.evaluate(() => window.__kc?.machine() ?? null);
const scenes = (page: Page): Promise<string[]> => page.evaluate(() => window.__kcDebug?.activeScenes() ?? []);

/** Waits inside the page (no round trip per check) until `fn(arg)` holds. */
function until<A extends string | number | null>(
  page: Page,
  fn: (arg: A) => boolean,
  arg: A,
  timeout = 15_000,
): Promise<unknown> {
  return page.waitForFunction(fn as (arg: unknown) => boolean, arg, { timeout });
}

/**
 * Opens the level from the map (every place unlocked by a seeded record), paused at tick 0. A page that
 * shows the previous level's result goes back to the map by its button, as a student would; any other
 * page (the chapter's first level, or after a failure) loads the game afresh.
 */
async function openLevel(page: Page, level: Level, fresh: boolean): Promise<void> {
  if (!fresh && (await scenes(page)).includes('LevelResult')) {
    await page.locator('.result-panel [data-action="map"]').click();
  } else {
    // A slow clock (4 s a tick) for the moment between start and pause; every tick after that is a Step.
    await page.goto(`${server.url}/?speed=0.25`);
    await waitForScene(page, 'Menu');
    const stars = Object.fromEntries(CAMPAIGN.map((n) => [n.id, 3]));
    await page.evaluate(
      (s) => localStorage.setItem('kernel-crew.solo-progress', JSON.stringify({ stars: s, scores: {} })),
      stars,
    );
    await page.locator('button[data-scene="LevelMap"]').click();
  }
  await waitForScene(page, 'LevelMap');
  const place = page.locator(`.map-node[data-node="${level.id}"]`);
  await until(
    page,
    (id) => {
      const n = document.querySelector(`.map-node[data-node="${id}"]`);
      return !!n && n.getAttribute('data-status') !== 'locked';
    },
    level.id,
  );
  await place.click();
  await waitForScene(page, 'ConceptCard');
  await page.locator('[data-action="start-level"]').click();
  await waitForScene(page, 'Machine');
  await until(
    page,
    () => {
      const m = window.__kc?.machine();
      return !!m && m.phase === 'paused' && m.tick === 0;
    },
    null,
  );
}

/** Makes `slot` the job the player steers (the HUD's job buttons, when the level has two). */
async function takeJob(page: Page, slot: string, jobs: boolean): Promise<void> {
  if (!jobs) return;
  const button = page.locator(`.level-hud [data-job="${slot}"]`);
  if ((await machine(page))?.slot === slot) return;
  await button.click();
  // the button is pressed and the machine (and so the bar and its number keys) has moved to that job
  await until(
    page,
    (k) =>
      document.querySelector(`.level-hud [data-job="${k}"]`)?.getAttribute('aria-pressed') === 'true' &&
      window.__kc?.machine()?.slot === k &&
      document.querySelector<HTMLElement>('[data-testid="action-bar"]')?.dataset.job === k,
    slot,
  );
}

/** Presses a key until the hook shows what is wanted (at most `times` presses). */
async function pressUntil(
  page: Page,
  key: string,
  times: number,
  done: (m: Hooked) => boolean,
): Promise<void> {
  for (let i = 0; i <= times; i++) {
    const m = await machine(page);
    if (m && done(m)) return;
    if (i < times) await page.keyboard.press(key);
  }
  throw new Error(`pressing ${key} ${times} times did not get there`);
}

/** The scheduler's pick by keys: the card (1–9, or → past the ninth) and the core (↓). */
async function pick(page: Page, tid: number, core: number, seen: Hooked): Promise<void> {
  let m = seen;
  if (!m.ready.some((r) => r.tid === tid)) {
    await until(page, (t) => !!window.__kc?.machine()?.ready.some((r) => r.tid === t), tid);
    m = (await machine(page))!;
  }
  const at = m.ready.findIndex((r) => r.tid === tid);
  if (m.selected !== tid) {
    if (at < 9) await page.keyboard.press(String(at + 1));
    await pressUntil(page, 'ArrowRight', m.ready.length, (x) => x.selected === tid);
  }
  // one core: nothing to choose
  if (m.myCores.length > 1 || m.target !== core)
    await pressUntil(page, 'ArrowDown', m.myCores.length, (x) => x.target === core);
}

/** Where the bar shows a move now: its number on the page on show (-1: not on this page), and whether it can turn back or on. */
function whereOnBar(
  page: Page,
  key: string,
): Promise<{ index: number; prev: boolean; next: boolean; shown: string[] }> {
  return page.evaluate((k) => {
    const bar = document.querySelector('[data-testid="action-bar"]')!;
    const moves = [...bar.querySelectorAll<HTMLButtonElement>('button[data-key]')].filter(
      (b) => b.dataset.page === undefined,
    );
    const turn = (which: string) => {
      const b = bar.querySelector<HTMLButtonElement>(`button[data-page="${which}"]`);
      return !!b && !b.disabled;
    };
    return {
      index: moves.findIndex((b) => b.dataset.key === k),
      prev: turn('prev'),
      next: turn('next'),
      shown: moves.map((b) => b.dataset.key ?? ''),
    };
  }, key);
}

/**
 * Presses the move's numbered button with its number key (1–9), first turning the bar's pages by their
 * buttons to the page that shows it; fails when no page shows it (an unreachable move).
 */
async function pressOnBar(page: Page, key: string): Promise<void> {
  const bar = page.getByTestId('action-bar');
  const search = async (): Promise<Awaited<ReturnType<typeof whereOnBar>>> => {
    let where = await whereOnBar(page, key);
    while (where.index < 0 && where.prev) {
      await bar.locator('button[data-page="prev"]').click();
      where = await whereOnBar(page, key);
    }
    while (where.index < 0 && where.next) {
      await bar.locator('button[data-page="next"]').click();
      where = await whereOnBar(page, key);
    }
    return where;
  };
  let where = await search();
  // The event of the last move can arrive a patch before the state that makes this move legal (a message
  // just written): the pages are searched again until the move shows or 10 s pass (a bar that stays
  // without it fails). Polled, since a snapshot of the bar taken after a search can miss the change.
  for (const until = Date.now() + 10_000; where.index < 0 && Date.now() < until;) {
    await page.waitForTimeout(POLL.interval);
    where = await search();
  }
  if (where.index < 0)
    throw new Error(
      `the move ${key} is on no page of the action bar (last page shows: ${where.shown.join(', ')})`,
    );
  expect(where.index).toBeLessThan(9);
  // its button enabled (the server has projected it as legal), then its number
  await until(
    page,
    (k) =>
      [...document.querySelectorAll<HTMLButtonElement>('[data-testid="action-bar"] button[data-key]')].some(
        (b) => b.dataset.key === k && !b.disabled,
      ),
    key,
  );
  await page.keyboard.press(String(where.index + 1));
}

/** Makes one move by the screen and waits for the machine's answer (a new event, never a refusal). */
async function makeMove(page: Page, move: PlannedMove, jobs: boolean): Promise<void> {
  await takeJob(page, move.slot, jobs);
  const seen = (await machine(page))!;
  const before = seen.lastEvent;
  const a = move.action;
  if (a.type === 'dispatch' || a.type === 'replace') {
    await pick(page, a.tid, a.core, seen);
    await page.keyboard.press(a.type === 'dispatch' ? 'Enter' : 'r');
  } else if (a.type === 'preempt') {
    await pressUntil(page, 'ArrowDown', 8, (x) => x.target === a.core);
    await page.keyboard.press('p');
  }
  // Waited for inside the page (no round trip per check): a new event, or a refusal on screen.
  const answered = (timeout: number) =>
    page.waitForFunction(
      (b) => {
        const m = window.__kc?.machine();
        if (!m) return false;
        if (m.refusal !== '') return `refused: ${m.refusal}`;
        return m.lastEvent > b ? 'ok' : false;
      },
      before,
      { timeout },
    );
  let answer: Awaited<ReturnType<typeof answered>> | null = null;
  if (a.type === 'dispatch' || a.type === 'replace' || a.type === 'preempt') answer = await answered(15_000);
  else {
    // A bar move is pressed by its number: if the bar was redrawn between finding the button and the key
    // (CI once saw no answer in 15 s), the move is found and pressed again; no event means it was not made.
    const m = toMessage(a)!;
    for (let attempt = 0; attempt < 3 && answer === null; attempt++) {
      // an answer that came just after the last wait ended: the move was made, not to be pressed again
      if (attempt > 0) answer = await answered(200).catch(() => null);
      if (answer !== null) break;
      try {
        await pressOnBar(page, `${m.type}:${JSON.stringify(m.payload)}`);
      } catch (e) {
        // pressed before and gone from the bar since: the move was made and its answer is late (a busy CI
        // machine once took over 10 s), so wait for that answer instead of failing on the bar
        if (attempt === 0) throw e;
        answer = await answered(20_000);
        break;
      }
      answer = await answered(attempt < 2 ? 10_000 : 15_000).catch((e: unknown) => {
        if (attempt === 2) throw e;
        return null;
      });
    }
  }
  const said = (await answer!.jsonValue()) as string;
  if (said !== 'ok') throw new Error(`the screen ${said} (${JSON.stringify(a)} at tick ${move.tick})`);
}

/**
 * Plays the plan: each tick's moves, then S once per tick up to the next tick with moves (several presses
 * at once: the HUD queues them and sends one Step per tick shown), until the result screen shows.
 */
async function playPlan(
  page: Page,
  plan: { moves: PlannedMove[]; ticks: number },
  jobs: boolean,
): Promise<void> {
  let next = 0;
  const over = async (): Promise<boolean> => (await scenes(page)).includes('LevelResult');
  for (let rounds = 0; rounds < 1000; rounds++) {
    if (await over()) return;
    const m = (await machine(page))!;
    // the machine may report the end a moment before the result screen opens: then every move must have been made
    if (m.phase === 'ended') {
      expect(next, 'moves left when the level ended').toBe(plan.moves.length);
      return;
    }
    expect(m.phase).toBe('paused');
    const tick = m.tick;
    const t0 = Date.now();
    for (; next < plan.moves.length && plan.moves[next]!.tick === tick; next++)
      await makeMove(page, plan.moves[next]!, jobs);
    const t1 = Date.now();
    if (next < plan.moves.length && plan.moves[next]!.tick < tick)
      throw new Error(`tick ${tick} passed the move planned at tick ${plan.moves[next]!.tick}`);
    // up to the next move's tick; past the proof's last tick the level ends on the next Step
    const target = next < plan.moves.length ? plan.moves[next]!.tick : plan.ticks + 1;
    const presses = Math.max(1, Math.min(STEP_BATCH, target - tick));
    for (let i = 0; i < presses; i++) await page.keyboard.press('s');
    await page.waitForFunction(
      (want) =>
        (window.__kcDebug?.activeScenes() ?? []).includes('LevelResult') ||
        (window.__kc?.machine()?.tick ?? -1) >= want,
      tick + presses,
      { timeout: 20_000 + presses * 1_000 },
    );
    // KC_TIMING=1 prints how long each tick's moves and steps took (to see where a slow run spends its time)
    if (process.env.KC_TIMING)
      console.log(`tick ${tick}: moves ${t1 - t0} ms, ${presses} steps ${Date.now() - t1} ms`);
  }
  throw new Error('the level did not end');
}

/** Most S presses sent at once: the HUD queues up to 10 (STEPS_QUEUED_MAX) and sends one Step per tick shown. */
const STEP_BATCH = 10;

/** The chapters, each played on one page: half in Korean, half in English, the first and the last on a phone. */
const CHAPTERS: { n: number; ids: string[]; locale: string; viewport: ViewportName }[] = [
  { n: 1, ids: CHAPTER_1.map((l) => l.id), locale: 'ko-KR', viewport: 'phone' },
  { n: 2, ids: CHAPTER_2.map((l) => l.id), locale: 'en-US', viewport: 'laptop' },
  { n: 3, ids: CHAPTER_3.map((l) => l.id), locale: 'ko-KR', viewport: 'laptop' },
  { n: 4, ids: CHAPTER_4.map((l) => l.id), locale: 'en-US', viewport: 'laptop' },
  { n: 5, ids: CHAPTER_5.map((l) => l.id), locale: 'ko-KR', viewport: 'laptop' },
  { n: 6, ids: CHAPTER_6.map((l) => l.id), locale: 'en-US', viewport: 'phone' },
];

it('plays every level: each chapter lists each of its levels once', () => {
  expect(CHAPTERS.flatMap((c) => c.ids).sort()).toEqual(LEVELS.map((l) => l.id).sort());
});

describe.each(CHAPTERS.map((c) => [`chapter ${c.n} (${c.locale}, ${c.viewport})`, c] as const))(
  "every level's 3-star proof, played through the screen: %s",
  (_, chapter) => {
    let tp: TestPage | null = null;
    let clean = false;
    afterAll(async () => {
      await tp?.context.close();
    });
    it.each(chapter.ids)(
      '%s',
      async (id) => {
        const level = LEVELS.find((l) => l.id === id)!;
        const plan = planOf(level);
        tp ??= await openPage(tb.browser, { viewport: chapter.viewport, locale: chapter.locale });
        const { page } = tp;
        const fresh = !clean;
        clean = false;
        await openLevel(page, level, fresh);
        await playPlan(page, plan, levelSlots(level).length > 1);
        await waitForScene(page, 'LevelResult');
        const result = page.locator('.level-result');
        expect(await result.getAttribute('data-passed')).toBe('true');
        expect(Number(await result.getAttribute('data-stars'))).toBe(3);
        expect(await page.locator('.result-undos').getAttribute('data-undos')).toBe('0');
        const errors = tp.errors.splice(0);
        if (errors.length > 0) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
        clean = true;
      },
      300_000,
    );
  },
);

describe('the solo controls by key', () => {
  it('with the clock paused: Enter dispatches, R replaces, S steps one tick, U undoes it, Space runs and pauses, Retry starts paused', async () => {
    // Level 2's jobs are CPU work only: a dispatched one stays on its core while paused.
    const level = LEVELS.find((l) => l.id === 'first-dispatch')!;
    await withPage(tb.browser, { viewport: 'laptop', locale: 'en-US' }, async ({ page }) => {
      await openLevel(page, level, true);
      const m0 = (await machine(page))!;
      expect(m0.ready.length).toBeGreaterThan(1);
      const [first, second] = m0.ready;
      // the legend says Enter dispatches: nothing has the focus that Enter would press instead
      expect(await page.getByTestId('action-bar').textContent()).toContain('Enter');
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (label) => window.__kc?.machine()?.cores[0]?.running === label,
        first!.label,
        { timeout: 15_000 },
      );
      expect((await machine(page))!).toMatchObject({ tick: 0, phase: 'paused' });
      // R: the second card replaces the first on the core; the first goes to the tail of Ready
      const selectSecond = String((await machine(page))!.ready.findIndex((r) => r.tid === second!.tid) + 1);
      await page.keyboard.press(selectSecond);
      await page.keyboard.press('r');
      await page.waitForFunction(
        (label) => window.__kc?.machine()?.cores[0]?.running === label,
        second!.label,
        { timeout: 15_000 },
      );
      expect((await machine(page))!.ready.at(-1)?.tid).toBe(first!.tid);
      // S: exactly one tick; U: back before this tick's moves
      await page.keyboard.press('s');
      await page.waitForFunction(() => window.__kc?.machine()?.tick === 1, undefined, { timeout: 15_000 });
      await page.keyboard.press('u');
      await page.waitForFunction(
        () => window.__kc?.machine()?.tick === 0 && window.__kc.machine()?.cores[0]?.running === null,
        undefined,
        { timeout: 15_000 },
      );
      expect((await machine(page))!.phase).toBe('paused');
      // Space runs the clock and pauses it again
      await page.keyboard.press(' ');
      await page.waitForFunction(() => window.__kc?.machine()?.phase === 'running', undefined, {
        timeout: 15_000,
      });
      await page.keyboard.press(' ');
      await page.waitForFunction(() => window.__kc?.machine()?.phase === 'paused', undefined, {
        timeout: 15_000,
      });
      // Retry: tick 0 again, paused, waiting for the player
      await page.locator('.level-hud [data-action="retry"]').click();
      await page.waitForFunction(
        () => {
          const m = window.__kc?.machine();
          return m?.tick === 0 && m.phase === 'paused' && m.cores[0]?.running === null;
        },
        undefined,
        { timeout: 15_000 },
      );
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BUTTON');
    });
  }, 180_000);
});
