// A reload mid-round lands the student back in their seat and view without retyping the code, and
// they never leave the roster; a student removed by the host, or in a class the teacher closed, is
// told why at once, in their language, and a reload then no longer rejoins.
import { describe, expect, it } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { RunningServer } from '../../server/main.ts';
import type { ClassRoom } from '../../server/rooms/ClassRoom.ts';
import { failOnErrors, openPage, POLL, startWithBrowser, waitForScene, type TestBrowser } from './browser.ts';
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

describe('a reload', () => {
  it('resumes the seat and the machine view at once, and the student stays on the roster', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 2, seed: 5 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    const tp = await openPage(tb.browser, { viewport: 'laptop', locale: 'ko-KR' });
    try {
      await joinInBrowser(tp, server, room.code, '지호');
      await expect.poll(() => seatOf(host, '지호'), POLL).toBeTruthy();
      const seat = seatOf(host, '지호')!;
      host.send('host:start');
      await waitForScene(tp.page, 'Machine');
      const slot = host.state.players.get(seat)!.slot;
      // the roster must never lose the student: watch it through the reload
      let missing = 0;
      const watch = setInterval(() => {
        if (!host.state.players.has(seat)) missing++;
      }, 20);
      try {
        await tp.page.reload();
        await waitForScene(tp.page, 'Machine');
        await expect.poll(() => host.state.players.get(seat)?.connected, POLL).toBe(true);
      } finally {
        clearInterval(watch);
      }
      expect(missing).toBe(0);
      expect([...host.state.players.values()].filter((p) => p.nickname === '지호')).toHaveLength(1);
      expect(host.state.players.get(seat)!.slot).toBe(slot);
      expect(await tp.page.locator('#join-form').isVisible()).toBe(false); // no code was retyped
      await tp.screenshot('reload-laptop-ko-resumed');

      // the host removes the student: the notice says so at once, in Korean
      host.send('host:kick', { player: seat });
      await expect
        .poll(() => tp.page.locator('#left-notice').getAttribute('data-reason'), POLL)
        .toBe('kicked');
      expect(await tp.page.locator('#left-notice').textContent()).toContain('내보내졌습니다');
      await tp.screenshot('reload-laptop-ko-kicked');
      // and a reload no longer rejoins: the join link's form, nothing resumed
      await tp.page.reload();
      await waitForScene(tp.page, 'Join');
      expect(await tp.page.locator('#join-form').isVisible()).toBe(true);
      failOnErrors(tp);
    } finally {
      await tp.context.close().catch(() => undefined);
      await host.leave().catch(() => undefined);
    }
  }, 180_000);

  it('after the teacher closes the class, every student is told at once', async () => {
    const room = await createRoom(server, { scenario: 'class-workshop', ticksPerSecond: 2, seed: 6 });
    const host: SdkRoom = await joinSdk(server, room.roomId, { hostKey: room.hostKey });
    const laptop = await openPage(tb.browser, { viewport: 'laptop', locale: 'en-US' });
    const phone = await openPage(tb.browser, { viewport: 'laptop', locale: 'ko-KR' });
    try {
      await joinInBrowser(laptop, server, room.code, 'Alex');
      await joinInBrowser(phone, server, room.code, '서연');
      await expect.poll(() => seatOf(host, 'Alex') && seatOf(host, '서연'), POLL).toBeTruthy();
      void (matchMaker.getLocalRoomById(room.roomId) as unknown as ClassRoom).closeForGood();
      await expect
        .poll(() => laptop.page.locator('#left-notice').getAttribute('data-reason'), POLL)
        .toBe('closed');
      expect(await laptop.page.locator('#left-notice').textContent()).toContain('The class is over');
      await expect
        .poll(() => phone.page.locator('#left-notice').textContent(), POLL)
        .toContain('수업이 끝났습니다');
      await phone.screenshot('reload-laptop-ko-closed');
      failOnErrors(laptop, phone);
    } finally {
      await Promise.all([laptop, phone].map((p) => p.context.close().catch(() => undefined)));
      host.removeAllListeners(); // the room is closed: the host's connection is gone with it (leave() would wait for ever)
    }
  }, 180_000);
});
