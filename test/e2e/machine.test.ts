// The game in a real browser against the real server: a student joins by code and is the scheduler while an
// SDK student handles interrupts; dispatching by click and by keyboard changes the machine, an illegal
// dispatch shows the kernel's reason beside the core, and when the host ends the round the Report has its Gantt chart.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import {
  failOnErrors,
  startWithBrowser,
  openPage,
  POLL,
  waitForScene,
  type TestBrowser,
  type TestPage,
} from './browser.ts';
import {
  createRoom,
  joinInBrowser,
  joinSdk,
  playInterrupts,
  startGameServer,
  type SdkRoom,
} from './game-server.ts';
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

type MachineInfo = NonNullable<ReturnType<NonNullable<Window['__kc']>['machine']>>;
const machine = (page: Page): Promise<MachineInfo | null> =>
  page.evaluate(() => window.__kc?.machine() ?? null);

async function clickAt(
  page: Page,
  r: { x: number; y: number; width: number; height: number },
): Promise<void> {
  await page.mouse.click(r.x + r.width / 2, r.y + Math.min(r.height / 2, 30));
}

describe('a class round in the browser', () => {
  it('scheduler dispatches by click, keyboard and drag, sees a refusal, and reaches the report', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 1, seed: 7 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    // this test steers the scheduler by hand on a loaded machine: no bot steps in for a slow click (grace 0)
    host.send('host:grace', { seconds: 0 });
    let projector = await openPage(tb.browser, { viewport: 'projector', locale: 'ko-KR' });
    const laptop = await openPage(tb.browser, { viewport: 'laptop', locale: 'en-US' });
    let phone: TestPage | null = null;
    const pages = [projector, laptop];
    const openProjector = async (scene: string): Promise<TestPage> => {
      const p = await openPage(tb.browser, { viewport: 'projector', locale: 'ko-KR' });
      pages.push(p);
      await p.page.goto(`${server.url}${room.projectorPath}`);
      await waitForScene(p.page, scene);
      return p;
    };
    let stopPlaying = (): void => undefined;
    try {
      // the projector joins with its read-only viewer key and shows the machine with the code while the class joins
      await projector.context.close();
      projector = await openProjector('Machine');
      await expect
        .poll(() => projector.page.getByTestId('projector-code').textContent(), POLL)
        .toBe(room.code);
      await expect
        .poll(
          () =>
            projector.page
              .locator('.projector-panel img.qr')
              .evaluate((img: HTMLImageElement) => img.naturalWidth > 0),
          POLL,
        )
        .toBe(true);

      await joinInBrowser(laptop, server, room.code, 'Minjun'); // first student: the scheduler
      const second = await joinSdk(server, room.roomId, { nickname: 'Jisoo', code: room.code }); // second: the interrupt handler
      stopPlaying = playInterrupts(second);
      await expect
        .poll(() => projector.page.locator('.projector-players').textContent(), POLL)
        .toContain('2');
      await projector.screenshot('machine-projector-lobby-ko');
      await projector.context.close(); // software WebGL is slow: keep at most two pages drawing at once

      host.send('host:start');
      await waitForScene(laptop.page, 'Machine');
      await expect.poll(async () => (await machine(laptop.page))?.role, POLL).toBe('scheduler');
      // The role card does not cover the machine at round start (it is read in the lobby's countdown).
      expect(await laptop.page.getByTestId('role-card').isVisible()).toBe(false);
      await expect
        .poll(async () => (await machine(laptop.page))?.ready.length ?? 0, POLL)
        .toBeGreaterThanOrEqual(2);
      await laptop.screenshot('machine-laptop-en-start');

      // click the first Ready card, then core 0
      const [first] = await laptop.page.evaluate(() => window.__kc!.cards());
      await clickAt(laptop.page, first!);
      await expect.poll(async () => (await machine(laptop.page))?.selected, POLL).toBe(first!.tid);
      await clickAt(laptop.page, (await laptop.page.evaluate(() => window.__kc!.core(0)))!);
      await expect.poll(async () => (await machine(laptop.page))?.cores[0]?.running, POLL).toBe(first!.label);
      expect((await machine(laptop.page))?.ready.map((r) => r.tid)).not.toContain(first!.tid);
      await expect.poll(() => laptop.page.getByTestId('pcb-detail').isVisible(), POLL).toBe(true); // clicking a card opened its PCB
      await laptop.page.keyboard.press('Escape');

      // by keyboard: 1 picks the first card, the arrows pick core 1, Enter dispatches
      const next = (await machine(laptop.page))!.ready[0]!;
      await laptop.page.keyboard.press('1');
      while ((await machine(laptop.page))!.target !== 1) await laptop.page.keyboard.press('ArrowDown');
      await laptop.page.keyboard.press('Enter');
      await expect.poll(async () => (await machine(laptop.page))?.cores[1]?.running, POLL).toBe(next.label);
      await laptop.page.waitForTimeout(400); // let the cards finish sliding
      await laptop.screenshot('machine-laptop-en-dispatched');

      // illegal: preempt a core that runs nothing (only this scheduler dispatches, so an idle core stays idle),
      // or, if both are busy, dispatch onto a busy one; the kernel's reason shows beside that core
      const now = (await machine(laptop.page))!;
      const idle = now.cores.find((c) => c.running === null);
      const aim = idle?.id ?? 1;
      while ((await machine(laptop.page))!.target !== aim) await laptop.page.keyboard.press('ArrowDown');
      if (idle) await laptop.page.keyboard.press('p');
      else {
        await laptop.page.keyboard.press('1');
        await laptop.page.keyboard.press('Enter');
      }
      await expect
        .poll(async () => (await machine(laptop.page))?.refusal ?? '', POLL)
        .toMatch(idle ? /is idle: there is nothing to preempt/ : /already running/);
      const callout = await laptop.page.getByTestId('refusal').boundingBox();
      const coreBox = await laptop.page.evaluate((id) => window.__kc!.core(id), aim);
      expect(callout).not.toBeNull();
      expect(Math.abs(callout!.y - (coreBox!.y + coreBox!.height))).toBeLessThan(120); // beside the core that was targeted
      await laptop.screenshot('machine-laptop-en-refused');

      // dragging a Ready card onto the idle core dispatches it there
      if (idle) {
        const [dragged] = await laptop.page.evaluate(() => window.__kc!.cards());
        const target = (await laptop.page.evaluate((id) => window.__kc!.core(id), aim))!;
        await laptop.page.mouse.move(dragged!.x + dragged!.width / 2, dragged!.y + dragged!.height / 2);
        await laptop.page.mouse.down();
        for (let k = 1; k <= 8; k++) {
          await laptop.page.mouse.move(
            dragged!.x + ((target.x + target.width / 2 - dragged!.x) * k) / 8,
            dragged!.y + ((target.y + target.height / 2 - dragged!.y) * k) / 8,
          );
        }
        await laptop.page.mouse.up();
        // (the queue may shift under the pointer as the machine ticks, so any Ready thread may be the one dropped)
        await expect
          .poll(async () => (await machine(laptop.page))?.cores[aim]?.running ?? null, POLL)
          .not.toBeNull();
      }

      // the PCB of a card, opened by clicking it (cards move as the machine ticks: read the place, click, look;
      // a click that landed as the card slid away is tried again on the card's new place)
      const card = (await laptop.page.evaluate(() => window.__kc!.cards()))[0];
      if (card) {
        await expect
          .poll(async () => {
            const now = (await laptop.page.evaluate(() => window.__kc!.cards()))[0];
            if (now && !(await laptop.page.getByTestId('pcb-detail').isVisible()))
              await clickAt(laptop.page, now);
            await laptop.page.waitForTimeout(300);
            return laptop.page.getByTestId('pcb-detail').isVisible();
          }, POLL)
          .toBe(true);
        await laptop.screenshot('machine-laptop-en-pcb');
        await laptop.page.keyboard.press('Escape');
      }

      // the projector, opened mid-round, shows the whole machine large, its feed starting with what
      // happened before it came (the round's latest events) rather than empty
      const joinedAt = crewOf(host.state, null)!.machine!.tick;
      projector = await openProjector('Machine');
      await expect.poll(async () => (await machine(projector.page))?.tick ?? 0, POLL).toBeGreaterThan(0);
      await expect
        .poll(
          async () => (await machine(projector.page))?.feedTicks.some((tick) => tick < joinedAt) ?? false,
          POLL,
        )
        .toBe(true);
      await projector.page.waitForTimeout(400);
      await projector.screenshot('machine-projector-ko');
      await projector.context.close();

      // a student joins late on a phone and steers a thread of the counter process
      phone = await openPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' });
      pages.push(phone);
      await joinInBrowser(phone, server, room.code, '서연', 'Machine');
      await expect.poll(async () => (await machine(phone!.page))?.role, POLL).toBe('thread');
      // the thread player picks its next instruction from the palette; the kernel takes it (or says why not)
      const chosen: string[] = [];
      host.onMessage('events', (m: { events: { type: string; instr?: string }[] }) => {
        for (const e of m.events) if (e.type === 'chosen' && e.instr) chosen.push(e.instr);
      });
      const palette = phone.page.getByTestId('action-bar').locator('button[data-action="choose"]').first();
      const instr = ((await palette.textContent()) ?? '').replace(/^\d+ · /, '');
      await palette.click();
      await expect
        .poll(
          async () => chosen.includes(instr) || ((await machine(phone!.page))?.refusal ?? '') !== '',
          POLL,
        )
        .toBe(true);
      await phone.screenshot('machine-phone-ko');
      await phone.page.evaluate(() => window.scrollTo(0, 0));
      await phone.page.mouse.wheel(0, 900);
      await phone.screenshot('machine-phone-ko-scrolled');
      await phone.page.mouse.wheel(0, 900);
      await phone.screenshot('machine-phone-ko-scrolled-2');

      // switching the language mid-round redraws the machine in Korean
      await laptop.page.getByRole('button', { name: '한국어' }).click();
      await expect
        .poll(() => laptop.page.evaluate(() => (window.__kcDebug?.texts() ?? []).join(' ')), POLL)
        .toContain('준비 큐');
      await expect
        .poll(() => laptop.page.getByTestId('action-bar').textContent(), POLL)
        .toContain('스케줄러');

      host.send('host:end-round');
      projector = await openProjector('Report');
      for (const p of [laptop, phone, projector]) {
        await waitForScene(p.page, 'Report');
        await expect
          .poll(async () => (await p.page.evaluate(() => window.__kc?.report() ?? null))?.cores ?? 0, POLL)
          .toBe(2);
        const report = await p.page.evaluate(() => window.__kc!.report()!);
        expect(report.runs).toBeGreaterThanOrEqual(2);
        expect(report.baselines).toEqual(['fifo', 'sjf', 'rr', 'priority']);
      }
      await expect.poll(() => laptop.page.getByRole('table').textContent(), POLL).toContain('라운드 로빈');
      await laptop.screenshot('report-laptop-ko');
      await phone.screenshot('report-phone-ko');
      await projector.screenshot('report-projector-ko');
      failOnErrors(...pages);
    } finally {
      stopPlaying();
      await Promise.all(pages.map((p) => p.context.close().catch(() => undefined)));
      await host.leave().catch(() => undefined);
    }
  }, 240_000);
});
