// The interrupt handler and the IPC channel played in a real browser against the real server: the host
// gives one student the interrupt line (a laptop, in English) and another the message queue (a phone, in
// Korean); bots schedule. Each handles what is pending by clicking its button and by its number key, and
// the host sees the kernel's events for exactly those interrupts and messages.
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

/** Long enough for the machine to raise an interrupt or send a message at 2 ticks per second on a busy CI machine. */
const WAIT = { timeout: 30_000, interval: 100 } as const;

type Ev = { type: string; id?: number; message?: number; channel?: string };

/** The numbers a role's buttons act on, read from their data-key (`type:{"id":3}`), enabled ones only. */
async function pending(tp: TestPage, action: 'handle-interrupt' | 'deliver'): Promise<number[]> {
  return tp.page.evaluate(
    (type) =>
      [
        ...document.querySelectorAll<HTMLButtonElement>(
          `[data-testid="action-bar"] button[data-action="${type}"]`,
        ),
      ]
        .filter((b) => !b.disabled)
        .map(
          (b) =>
            Object.values(JSON.parse(b.dataset.key!.slice(type.length + 1)) as Record<string, number>)[0]!,
        ),
    action,
  );
}

/**
 * Acts through the role's first button (a click) or its number key until the kernel accepts one such
 * move, counted by `accepted`. On a slow page what the bar offers can change under the pointer (a
 * timer interrupt goes away when its thread leaves the core), and the kernel then refuses the stale
 * move, as it would a student's; the student tries again.
 */
async function actUntilAccepted(
  tp: TestPage,
  how: 'click' | 'key',
  action: 'handle-interrupt' | 'deliver',
  accepted: () => number,
): Promise<void> {
  const before = accepted();
  await expect
    .poll(async () => {
      if (accepted() > before) return true;
      if ((await pending(tp, action)).length > 0) {
        if (how === 'click') {
          await tp.page
            .locator(`[data-testid="action-bar"] button[data-action="${action}"]:not([disabled])`)
            .first()
            .click({ timeout: 2_000 })
            .catch(() => undefined);
        } else {
          await tp.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // the keys work with the focus on the page
          await tp.page.keyboard.press('1');
        }
      }
      for (let i = 0; i < 20 && accepted() === before; i++) await tp.page.waitForTimeout(100);
      return accepted() > before;
    }, WAIT)
    .toBe(true);
}

async function role(tp: TestPage): Promise<string | undefined> {
  return tp.page.evaluate(() => window.__kc?.machine()?.role);
}

describe('the interrupt handler and the channel in the browser', () => {
  it('handle interrupts and deliver messages by click and by number key', async () => {
    const room = await createRoom(server, {
      scenario: 'class-workshop',
      ticksPerSecond: 2,
      seed: 11,
      countdown: 6,
    });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    // the students here act by hand on a loaded machine: no bot steps in for a slow one (grace 0)
    host.send('host:grace', { seconds: 0 });
    const events: Ev[] = [];
    host.onMessage('events', (m: { events: Ev[] }) => {
      events.push(...m.events);
    });
    const laptop = await openPage(tb.browser, { viewport: 'laptop', locale: 'en-US' });
    const phone = await openPage(tb.browser, { viewport: 'phone', locale: 'ko-KR' });
    try {
      await joinInBrowser(laptop, server, room.code, 'Minjun');
      await joinInBrowser(phone, server, room.code, '서연');
      await expect.poll(() => seatOf(host, 'Minjun') && seatOf(host, '서연'), POLL).toBeTruthy();
      host.send('host:assign', { player: seatOf(host, 'Minjun')!, slot: 'interrupt' });
      host.send('host:assign', { player: seatOf(host, '서연')!, slot: 'ipc:jobs' });
      await expect.poll(() => host.state.players.get(seatOf(host, '서연')!)?.slot, POLL).toBe('ipc:jobs');
      host.send('host:start');
      // The countdown: each student reads their role card in the lobby while the clock waits.
      await expect
        .poll(() => laptop.page.getByTestId('countdown').textContent(), POLL)
        .toMatch(/the round starts in \d s/);
      await expect.poll(() => phone.page.getByTestId('countdown').textContent(), POLL).toMatch(/\d초 후/);
      expect(await laptop.page.getByTestId('role-card').isVisible()).toBe(true);
      expect(await phone.page.getByTestId('role-card').isVisible()).toBe(true);
      await waitForScene(laptop.page, 'Machine');
      await waitForScene(phone.page, 'Machine');
      await expect.poll(() => role(laptop), POLL).toBe('interrupt');
      await expect.poll(() => role(phone), POLL).toBe('ipc');
      // The card does not open over the machine when the round starts (it stays one tap away).
      expect(await laptop.page.getByTestId('role-card').isVisible()).toBe(false);
      expect(await phone.page.getByTestId('role-card').isVisible()).toBe(false);
      await expect
        .poll(() => laptop.page.getByTestId('action-bar').textContent(), POLL)
        .toContain('Interrupt handler');
      await expect.poll(() => phone.page.getByTestId('action-bar').textContent(), POLL).toContain('jobs');

      const handled = (): Ev[] => events.filter((e) => e.type === 'interrupt-handled');
      const delivered = (): Ev[] =>
        events.filter((e) => e.type === 'message-delivered' && e.channel === 'jobs');

      // the interrupt handler clicks the first pending interrupt; the kernel handles it and the bar stops offering it
      await expect
        .poll(() => pending(laptop, 'handle-interrupt').then((ids) => ids.length), WAIT)
        .toBeGreaterThan(0);
      await laptop.screenshot('roles-laptop-en-interrupts');
      await actUntilAccepted(laptop, 'click', 'handle-interrupt', () => handled().length);
      const clicked = handled().at(-1)!.id!;
      await expect.poll(() => pending(laptop, 'handle-interrupt'), POLL).not.toContain(clicked);
      // and the next one by its number key
      await expect
        .poll(() => pending(laptop, 'handle-interrupt').then((ids) => ids.length), WAIT)
        .toBeGreaterThan(0);
      await actUntilAccepted(laptop, 'key', 'handle-interrupt', () => handled().length);
      // what handling it by key earned, with its reason, on the score line beside the controls
      const keyed = handled().at(-1)!.id!;
      await expect
        .poll(() => laptop.page.getByTestId('score-change').textContent(), WAIT)
        .toMatch(new RegExp(`interrupt #${keyed} (handled|waited)`));

      // the channel delivers the first message in flight by tapping it, the next by its number key
      await expect.poll(() => pending(phone, 'deliver').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      await phone.screenshot('roles-phone-ko-channel');
      const [first] = await pending(phone, 'deliver');
      expect(
        await phone.page
          .locator(`[data-testid="action-bar"] button[data-action="deliver"]`)
          .first()
          .textContent(),
      ).toMatch(new RegExp(`^1 · #${first} ".*" 전달`)); // in Korean
      await actUntilAccepted(phone, 'click', 'deliver', () => delivered().length);
      const tapped = delivered().at(-1)!.message!;
      await expect.poll(() => pending(phone, 'deliver'), POLL).not.toContain(tapped);
      await expect.poll(() => pending(phone, 'deliver').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      await actUntilAccepted(phone, 'key', 'deliver', () => delivered().length);
      await phone.screenshot('roles-phone-ko-delivered');

      // every interrupt handled and message delivered by a click or a key was accepted from the student's own
      // job (actUntilAccepted); what each earns is the kernel score's (test/roles/score.test.ts, test/server/scoring.test.ts)
      expect(handled().length).toBeGreaterThanOrEqual(2);
      expect(delivered().length).toBeGreaterThanOrEqual(2);
      failOnErrors(laptop, phone);
    } finally {
      await Promise.all([laptop, phone].map((p) => p.context.close().catch(() => undefined)));
      await host.leave().catch(() => undefined);
    }
  }, 180_000);
});
