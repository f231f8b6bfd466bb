// The interrupt handler and the IPC channel played in a real browser against the real server: the host
// gives one student the interrupt line (a laptop, in English) and another the message queue (a phone, in
// Korean); bots schedule. Each handles what is pending by clicking its button and by its number key, and
// the host sees the kernel's events for exactly those interrupts and messages.
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main.ts';
import { failOnErrors, openPage, POLL, startWithBrowser, waitForScene, type TestBrowser, type TestPage } from './browser.ts';
import { createRoom, joinInBrowser, joinSdk, seatOf, startGameServer, type SdkRoom } from './game-server.ts';

let server: RunningServer;
let tb: TestBrowser;

startWithBrowser(startGameServer, (a, b) => { server = a; tb = b; }, 180_000);

/** Long enough for the machine to raise an interrupt or send a message at 2 ticks per second on a busy CI machine. */
const WAIT = { timeout: 30_000, interval: 100 } as const;

type Ev = { type: string; id?: number; message?: number; channel?: string };

/** The numbers a role's buttons act on, read from their data-key (`type:{"id":3}`), enabled ones only. */
async function pending(tp: TestPage, action: 'handle-interrupt' | 'deliver'): Promise<number[]> {
  return tp.page.evaluate((type) => [...document.querySelectorAll<HTMLButtonElement>(`[data-testid="action-bar"] button[data-action="${type}"]`)]
    .filter((b) => !b.disabled)
    .map((b) => Object.values(JSON.parse(b.dataset.key!.slice(type.length + 1)) as Record<string, number>)[0]!), action);
}

async function role(tp: TestPage): Promise<string | undefined> {
  return tp.page.evaluate(() => window.__kc?.machine()?.role);
}

describe('the interrupt handler and the channel in the browser', () => {
  it('handle interrupts and deliver messages by click and by number key', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 2, seed: 11 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    const events: Ev[] = [];
    host.onMessage('events', (m: { events: Ev[] }) => { events.push(...m.events); });
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
      await waitForScene(laptop.page, 'Machine');
      await waitForScene(phone.page, 'Machine');
      await expect.poll(() => role(laptop), POLL).toBe('interrupt');
      await expect.poll(() => role(phone), POLL).toBe('ipc');
      await expect.poll(() => laptop.page.getByTestId('action-bar').textContent(), POLL).toContain('Interrupt handler');
      await expect.poll(() => phone.page.getByTestId('action-bar').textContent(), POLL).toContain('jobs');

      // the interrupt handler clicks the first pending interrupt: the kernel handles exactly that one
      await expect.poll(() => pending(laptop, 'handle-interrupt').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      await laptop.screenshot('roles-laptop-en-interrupts');
      const [clicked] = await pending(laptop, 'handle-interrupt');
      await laptop.page.locator(`[data-testid="action-bar"] button[data-action="handle-interrupt"]`).first().click();
      await expect.poll(() => events.some((e) => e.type === 'interrupt-handled' && e.id === clicked), POLL).toBe(true);
      await expect.poll(() => pending(laptop, 'handle-interrupt'), POLL).not.toContain(clicked);

      // and the next one by its number key, with the focus on the page rather than a button
      await expect.poll(() => pending(laptop, 'handle-interrupt').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      const [keyed] = await pending(laptop, 'handle-interrupt');
      await laptop.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await laptop.page.keyboard.press('1');
      await expect.poll(() => events.some((e) => e.type === 'interrupt-handled' && e.id === keyed), POLL).toBe(true);

      // the channel delivers the first message in flight by tapping it, the next by its number key
      await expect.poll(() => pending(phone, 'deliver').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      await phone.screenshot('roles-phone-ko-channel');
      const [tapped] = await pending(phone, 'deliver');
      expect(await phone.page.locator(`[data-testid="action-bar"] button[data-action="deliver"]`).first().textContent()).toMatch(new RegExp(`^1 · #${tapped} ".*" 전달`)); // in Korean
      await phone.page.locator(`[data-testid="action-bar"] button[data-action="deliver"]`).first().click();
      await expect.poll(() => events.some((e) => e.type === 'message-delivered' && e.message === tapped && e.channel === 'jobs'), POLL).toBe(true);
      await expect.poll(() => pending(phone, 'deliver').then((ids) => ids.length), WAIT).toBeGreaterThan(0);
      const [keyedMessage] = await pending(phone, 'deliver');
      await phone.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await phone.page.keyboard.press('1');
      await expect.poll(() => events.some((e) => e.type === 'message-delivered' && e.message === keyedMessage), POLL).toBe(true);
      await phone.screenshot('roles-phone-ko-delivered');

      // each accepted move scored a point for its player (a message delivered out of order costs one)
      const outOfOrder = events.filter((e) => e.type === 'out-of-order' && e.channel === 'jobs').length;
      await expect.poll(() => host.state.players.get(seatOf(host, 'Minjun')!)?.score, POLL).toBe(2);
      await expect.poll(() => host.state.players.get(seatOf(host, '서연')!)?.score, POLL).toBe(2 - outOfOrder);
      failOnErrors(laptop, phone);
    } finally {
      await Promise.all([laptop, phone].map((p) => p.context.close().catch(() => undefined)));
      await host.leave().catch(() => undefined);
    }
  }, 180_000);
});
