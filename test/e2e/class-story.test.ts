// The class story in a real browser: two students steer the threads of an unlocked counter (Alex on a
// laptop, 서연 through the SDK), the bots schedule, and their updates collide. The projector (Korean,
// 1920×1080) puts up a banner naming both students, with type readable from the back row; Alex's
// screen shows the role card when the round starts and the score change with its reason beside the
// controls; an older 1024×768 projector still shows the join code and QR code whole.
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import {
  failOnErrors,
  openPage,
  POLL,
  startWithBrowser,
  waitForScene,
  type TestBrowser,
  type TestPage,
} from './browser.ts';
import { createRoom, joinInBrowser, joinSdk, seatOf, startGameServer, type SdkRoom } from './game-server.ts';
import { RACE_SCENARIO } from '../server/fixtures.ts';
import { crewOf } from '../../shared/protocol/state.ts';

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

const WAIT = { timeout: 30_000, interval: 100 } as const;

async function inViewport(tp: TestPage, selector: string): Promise<boolean> {
  const box = await tp.page.locator(selector).first().boundingBox();
  const vp = tp.page.viewportSize()!;
  return (
    box !== null &&
    box.width > 0 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= vp.width + 1 &&
    box.y + box.height <= vp.height + 1
  );
}

describe('the class story', () => {
  it('a race banner on the projector names both students; the student sees the role card and a score change with its reason', async () => {
    // A long job beside the race keeps the round running (and every screen on the Machine) while the test reads them.
    const scenario = {
      ...RACE_SCENARIO,
      processes: [...RACE_SCENARIO.processes, { name: 'clock', arrival: 1, length: 400 }],
    };
    const room = await createRoom(server, { scenario, ticksPerSecond: 2, seed: 1 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    // the students here act by hand on a loaded machine: no bot steps in for a slow one (grace 0)
    host.send('host:grace', { seconds: 0 });
    const seen: string[] = [];
    host.onMessage('events', (m: { events: Array<{ type: string }> }) => {
      seen.push(...m.events.map((e) => e.type));
    });
    const projector = await openPage(tb.browser, { viewport: 'projector', locale: 'ko-KR' });
    const laptop = await openPage(tb.browser, { viewport: 'laptop', locale: 'en-US' });
    const pages = [projector, laptop];
    let seoyeon: SdkRoom | null = null;
    try {
      await projector.page.goto(`${server.url}${room.projectorPath}`);
      await waitForScene(projector.page, 'Machine');
      await expect
        .poll(() => projector.page.getByTestId('projector-code').textContent(), WAIT)
        .toBe(room.code);
      // the projector holds no job: no "my role: spectator" line under the class's machine
      await expect.poll(() => projector.page.getByTestId('action-bar').isHidden(), POLL).toBe(true);

      await joinInBrowser(laptop, server, room.code, 'Alex');
      seoyeon = await joinSdk(server, room.roomId, { nickname: '서연', code: room.code, lang: 'ko' });
      await expect
        .poll(() => seatOf(host, 'Alex') !== undefined && seatOf(host, '서연') !== undefined, POLL)
        .toBe(true);
      host.send('host:assign', { player: seatOf(host, 'Alex'), slot: 'thread:counter:1' });
      host.send('host:assign', { player: seatOf(host, '서연'), slot: 'thread:counter:0' });
      await expect
        .poll(() => host.state.players.get(seatOf(host, 'Alex')!)?.slot, POLL)
        .toBe('thread:counter:1');
      // The lobby shows Alex the card of the job the teacher gave him.
      await expect
        .poll(() => laptop.page.getByTestId('role-card').textContent(), POLL)
        .toContain('Your role: Thread');

      host.send('host:start');
      await waitForScene(laptop.page, 'Machine');
      // The card was read in the lobby (this server has no countdown before a round); in play it is one tap away.
      await expect.poll(() => laptop.page.getByTestId('role-card').isVisible(), POLL).toBe(false);
      await laptop.page.getByTestId('role-card-open').click();
      await expect.poll(() => laptop.page.getByTestId('role-card').isVisible(), POLL).toBe(true);
      expect(await laptop.page.getByTestId('role-card').textContent()).toMatch(/lost update.*How you score/s);
      await laptop.screenshot('class-story-laptop-en-role-card');
      await laptop.page.getByTestId('role-card-close').click();
      await expect.poll(() => laptop.page.getByTestId('role-card').isVisible(), POLL).toBe(false);

      // Alex plans the whole unlocked read-modify-write; 서연 plans hers once his load is queued, so both load before either stores.
      const alexTid = () => crewOf(host.state, null)!.slots.get('thread:counter:1')?.tid ?? 0;
      await expect.poll(alexTid, WAIT).toBeGreaterThan(0);
      const choose = (instr: string) =>
        laptop.page
          .locator(
            `[data-testid="action-bar"] button[data-action="choose"][data-key*='"${instr}"']:not([disabled])`,
          )
          .first()
          .click();
      await choose('load count');
      await expect
        .poll(
          () => crewOf(host.state, null)!.machine!.threads.get(String(alexTid()))?.program.length ?? 0,
          WAIT,
        )
        .toBeGreaterThan(0);
      for (const instr of ['load count', 'add 1', 'store count', 'exit']) seoyeon!.send('choose', { instr });
      for (const instr of ['add 1', 'store count', 'exit']) await choose(instr);

      // The kernel reports the race; the projector's banner names both students.
      await expect.poll(() => seen.includes('lost-update'), WAIT).toBe(true);
      const banner = projector.page.getByTestId('class-banner');
      await expect
        .poll(async () => ((await banner.isVisible()) ? await banner.textContent() : ''), WAIT)
        .toMatch(/count.*(Alex.*서연|서연.*Alex)/);
      await expect
        .poll(() => projector.page.getByTestId('projector-moments').textContent(), POLL)
        .toContain('갱신 손실');
      // (read from the list itself: its items are redrawn with every patch)
      const body = await projector.page.evaluate(() => {
        const el = document.querySelector('[data-testid="projector-moments"]');
        return el ? window.getComputedStyle(el).fontSize : 'missing';
      });
      expect(parseFloat(body), body).toBeGreaterThanOrEqual(28);
      expect(await projector.page.getByTestId('projector-crew').textContent()).toMatch(/Alex/);
      await projector.screenshot('class-story-projector-ko-1920-race');

      // Alex's screen: the latest change with its reason, beside the controls.
      await expect
        .poll(() => laptop.page.getByTestId('score-change').textContent(), WAIT)
        .toMatch(/^[+−]\d+: (race: |Alex finished|.*lost update)/);
      const total = await laptop.page.getByTestId('score-total').textContent();
      expect(total).toMatch(/^Score -?\d+/);
      const strip = (await laptop.page.getByTestId('score-strip').boundingBox())!;
      const bar = (await laptop.page.getByTestId('action-bar').boundingBox())!;
      expect(Math.abs(bar.y - (strip.y + strip.height))).toBeLessThan(40);
      await laptop.screenshot('class-story-laptop-en-score');
      failOnErrors(...pages);
      await laptop.context.close();

      // An older projector: the join code and the QR code stay whole during the round.
      const small = await openPage(tb.browser, { viewport: 'small-projector', locale: 'en-US' });
      pages.push(small);
      await small.page.goto(`${server.url}${room.projectorPath}`);
      await waitForScene(small.page, 'Machine');
      await expect
        .poll(
          () =>
            small.page
              .locator('.projector-panel img.qr')
              .evaluate((img: HTMLImageElement) => img.naturalWidth > 0),
          POLL,
        )
        .toBe(true);
      expect(await inViewport(small, '[data-testid="projector-code"]')).toBe(true);
      expect(await inViewport(small, '.projector-panel img.qr')).toBe(true);
      await small.screenshot('class-story-projector-en-1024');
      failOnErrors(small);
    } finally {
      for (const p of pages) await p.context.close().catch(() => undefined);
      await Promise.all([host.leave(), seoyeon?.leave()]);
    }
  }, 240_000);
});
