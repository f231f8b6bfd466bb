// A chapter's challenge and the sandbox in a real browser against the real server: the challenge opened
// from the map by clicks, played until its condition breaks, its result with the ticks survived and a new
// personal best, and that best on the map; a shared sandbox link opened, checked, run to its end, and
// shared again; a damaged link refused in the player's language. At 1280×800 and 390×844.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { CHALLENGES, decodeSandbox, encodeSandbox, type SandboxSetup } from '../../shared/levels/index.ts';
import { startWithBrowser, POLL, waitForScene, withPage, type TestBrowser } from './browser.ts';
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

const scenes = (page: Page) => page.evaluate(() => window.__kcDebug?.activeScenes() ?? []);
const challenge = CHALLENGES.find((c) => c.spec.id === 'challenge-scheduler')!;

/** Dispatches the first Ready card (1, Enter) whenever core 0 is idle, until the result shows. */
async function playUntilResult(page: Page): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (!(await scenes(page)).includes('LevelResult')) {
    if (Date.now() > deadline) throw new Error('the challenge did not end');
    const m = await page.evaluate(() => window.__kc?.machine() ?? null);
    if (m && m.phase === 'running' && m.cores[0]?.running === null && m.ready.length > 0) {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(40);
  }
}

describe('challenges and the sandbox in the browser', () => {
  it.each([
    ['laptop-16x10', 'en-US'],
    ['phone', 'ko-KR'],
  ] as const)(
    '%s %s: a challenge opened from the map, played until its condition breaks, its ticks and best on the result and the map',
    async (viewport, locale) => {
      await withPage(tb.browser, { viewport, locale }, async ({ page, screenshot }) => {
        const en = locale === 'en-US';
        await page.goto(`${server.url}/?speed=8`);
        await waitForScene(page, 'Menu');
        await page.locator('button[data-scene="LevelMap"]').click();
        await waitForScene(page, 'LevelMap');
        const button = page.locator(`.map-node[data-challenge="${challenge.spec.id}"]`);
        await expect.poll(() => button.getAttribute('data-status'), POLL).toBe('open');
        expect(await button.textContent()).toContain(en ? 'No record yet' : '아직 기록 없음');
        // a later chapter's challenge waits for its chapter
        const later = CHALLENGES.find((c) => c.spec.chapter > 1)!;
        expect(
          await page.locator(`.map-node[data-challenge="${later.spec.id}"]`).getAttribute('data-status'),
        ).toBe('locked');
        await button.scrollIntoViewIfNeeded();
        await screenshot(`challenge-map-${viewport}`);

        await button.click();
        await waitForScene(page, 'ConceptCard');
        expect(await page.locator('.concept-condition').textContent()).toContain(
          en ? 'No thread starves' : '어떤 스레드도 기아 상태에 빠지지 않는다',
        );
        await screenshot(`challenge-card-${viewport}`);
        await page.locator('[data-action="start-level"]').click();
        await waitForScene(page, 'Machine');
        const hud = page.locator('.level-hud[data-kind="challenge"]');
        await expect.poll(() => hud.isVisible(), POLL).toBe(true);
        expect(await hud.locator('.hud-condition').textContent()).toContain(
          en ? 'No thread starves' : '기아 상태',
        );
        expect(await hud.textContent()).not.toContain('starvations');
        expect(await hud.locator('.hud-tick').textContent()).toContain(
          en ? 'Ticks survived: 0' : '버틴 틱: 0',
        );
        await screenshot(`challenge-hud-${viewport}`);
        await page.locator('.level-hud [data-action="pause"]').click();
        await playUntilResult(page);

        await waitForScene(page, 'LevelResult');
        const result = page.locator('.level-result');
        const survived = Number(await result.getAttribute('data-survived'));
        expect(survived).toBeGreaterThan(0);
        expect(survived).toBeLessThan(500); // rising load broke the machine long before the limit
        expect(await result.getAttribute('data-new-best')).toBe('true');
        expect(await page.locator('.result-survived').textContent()).toBe(
          en ? `You lasted ${survived} ticks.` : `${survived}틱 버텼습니다.`,
        );
        expect(await page.locator('.result-best-record').textContent()).toContain(
          en ? 'A new personal best!' : '새 최고 기록!',
        );
        const stars = Number(await result.getAttribute('data-stars'));
        expect(stars).toBe(challenge.spec.starTicks.filter((t) => survived >= t).length);
        expect(await page.locator('.result-verdict').textContent()).toContain(
          en ? `The condition broke at tick ${survived}.` : `${survived}틱에 조건이 깨졌습니다.`,
        );
        await screenshot(`challenge-result-${viewport}`);

        await page.locator('[data-action="map"]').click();
        await waitForScene(page, 'LevelMap');
        await expect.poll(() => button.getAttribute('data-best'), POLL).toBe(String(survived));
        expect(await button.textContent()).toContain(
          en ? `Personal best: ${survived} ticks survived` : `최고 기록: ${survived}틱 버팀`,
        );
      });
    },
    240_000,
  );

  it.each([
    ['laptop-16x10', 'ko-KR'],
    ['phone', 'en-US'],
  ] as const)(
    '%s %s: a shared sandbox link opens the editor checked, runs its machine to the end, and shares again',
    async (viewport, locale) => {
      await withPage(tb.browser, { viewport, locale }, async ({ page, screenshot }) => {
        const en = locale === 'en-US';
        const setup: SandboxSetup = {
          scenario: {
            cores: 2,
            processes: [
              { name: 'alpha', length: 4 },
              { name: 'beta', arrival: 1, length: 3 },
              { name: 'gamma', arrival: 2, length: 2 },
            ],
          },
          policy: 'sjf',
          player: { role: 'scheduler', cores: [1] },
        };
        // a damaged link is refused on arrival, in the player's language, and the editor offers an example
        await page.goto(`${server.url}/?speed=4#sandbox=${encodeSandbox(setup).slice(0, 30)}!`);
        await waitForScene(page, 'Sandbox');
        const status = page.locator('.sandbox-status');
        await expect
          .poll(() => status.textContent(), POLL)
          .toContain(en ? 'The shared link cannot be opened' : '공유 링크를 열 수 없습니다');
        expect(await status.getAttribute('data-kind')).toBe('error');

        await page.goto(`${server.url}/?speed=4#sandbox=${encodeSandbox(setup)}`);
        await page.reload(); // a hash change alone does not reload the page
        await waitForScene(page, 'Sandbox');
        await expect
          .poll(() => status.textContent(), POLL)
          .toContain(en ? 'The shared setup is open' : '공유된 설정을 열었습니다');
        expect(JSON.parse(await page.locator('#sandbox-scenario').inputValue())).toEqual(setup.scenario);
        expect(await page.locator('#sandbox-policy').inputValue()).toBe('sjf');
        expect(await page.locator('#sandbox-example').inputValue()).toBe('');
        expect(JSON.parse(await page.locator('#sandbox-role').inputValue())).toEqual(setup.player);
        await screenshot(`sandbox-editor-${viewport}`);

        // an edit the kernel refuses is explained at once, in the player's language
        // where the text stops being JSON and why, by line and column, never the engine's English
        await page.locator('#sandbox-scenario').fill('{ "cores": 1, "processes": [ ');
        await expect
          .poll(() => status.textContent(), POLL)
          .toBe(
            en
              ? 'This is not JSON: line 1, column 30: it ends too soon: a bracket or a quote is not closed'
              : 'JSON이 아닙니다. 1행 30열: 글이 중간에 끝났습니다. 닫히지 않은 괄호나 따옴표가 있는지 보세요.',
          );
        await screenshot(`sandbox-error-${viewport}`);
        // a scenario the kernel refuses: the field and the kernel's reason, wholly in the player's language
        await page
          .locator('#sandbox-scenario')
          .fill(JSON.stringify({ processes: [{ name: 'A', program: ['cpu x'] }] }, null, 2));
        await expect
          .poll(() => status.textContent(), POLL)
          .toBe(
            en
              ? 'The scenario cannot run: scenario.processes[0].program[0]: cpu: "x" is not a whole number'
              : '시나리오를 돌릴 수 없습니다. scenario.processes[0].program[0]: cpu: "x"는 0 이상의 정수가 아닙니다.',
          );
        expect(await status.getAttribute('data-kind')).toBe('error');
        await screenshot(`sandbox-scenario-error-${viewport}`);
        await page.locator('#sandbox-scenario').fill(JSON.stringify(setup.scenario));
        await expect.poll(() => status.getAttribute('data-kind'), POLL).toBe('ok');

        // shared again: the link holds the same setup
        await page.locator('[data-action="share"]').click();
        const link = page.locator('#sandbox-link');
        await expect.poll(() => link.isVisible(), POLL).toBe(true);
        const url = new URL(await link.inputValue());
        const back = decodeSandbox(url.hash.replace(/^#sandbox=/, ''));
        expect(back.ok && back.setup).toEqual(setup);

        await page.locator('[data-action="play"]').click();
        await waitForScene(page, 'Machine');
        const hud = page.locator('.level-hud[data-kind="sandbox"]');
        await expect.poll(() => hud.isVisible(), POLL).toBe(true);
        await page.locator('.level-hud [data-action="pause"]').click();
        // the machine runs: the bots' core 0 takes work and the clock moves
        await page.waitForFunction(() => (window.__kc?.machine()?.tick ?? 0) >= 2, null, { timeout: 30_000 });
        await screenshot(`sandbox-machine-${viewport}`);
        // the player's core 1 is theirs: dispatch to it until the machine is done
        const deadline = Date.now() + 90_000;
        while (!(await scenes(page)).includes('LevelResult')) {
          if (Date.now() > deadline) throw new Error('the sandbox did not end');
          const m = await page.evaluate(() => window.__kc?.machine() ?? null);
          if (m && m.phase === 'running' && m.cores[1]?.running === null && m.ready.length > 0) {
            await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
            await page.keyboard.press('1');
            await page.keyboard.press('Enter');
          }
          await page.waitForTimeout(40);
        }
        await waitForScene(page, 'LevelResult');
        expect(await page.locator('.result-verdict').textContent()).toContain(
          en ? 'every process finished' : '모든 프로세스 완료',
        );
        await screenshot(`sandbox-result-${viewport}`);
        // back to the editor, the setup kept
        await page.locator('[data-action="map"]').click();
        await waitForScene(page, 'Sandbox');
        expect(JSON.parse(await page.locator('#sandbox-scenario').inputValue())).toEqual(setup.scenario);
      });
    },
    240_000,
  );
});
