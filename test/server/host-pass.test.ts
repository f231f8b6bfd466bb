// Hosting by the teacher's sign-in (issue 14): the server keeps no host key to hand out, so the
// dashboard asks POST /api/teacher/sessions/:id/host-pass for a one-time pass and joins with it. The
// pass hosts once, within HOST_PASS_SECONDS, only for the session's owner, and rotation voids it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import { hostPassResponseSchema } from '../../shared/protocol/http-edge.ts';
import { HOST_PASS_SECONDS } from '../../server/rooms/directory.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { gateRefusal } from '../../server/rooms/reservation-gate.ts';
import { boot, refusal, seatSecret, until, type Harness } from './harness.ts';

let h: Harness;
/** How far the server's clock is ahead of the real one (host passes expire by it). */
let ahead = 0;
beforeAll(async () => {
  h = await boot({ now: () => Date.now() + ahead });
});
afterAll(async () => {
  await h.close();
});

const passPath = (sessionId: string) => `/api/teacher/sessions/${sessionId}/host-pass`;

describe('host passes', () => {
  it("the owner's pass hosts once; a second use is refused", async () => {
    const teacher = await h.teacher();
    const created = await h.createRoom();
    const res = await teacher.request('POST', passPath(created.sessionId));
    expect(res.status).toBe(200);
    const answer = hostPassResponseSchema.parse(await res.json());
    expect(answer.roomId).toBe(created.roomId);
    expect(answer.hostPass).not.toBe(created.hostKey);
    expect(answer.expiresAt).toBeGreaterThan(Date.now() + (HOST_PASS_SECONDS - 5) * 1000);

    const secret = seatSecret();
    const host = await h.join(created.roomId, { secret, hostPass: answer.hostPass, lang: 'en' });
    const room = h.roomOf(created.roomId);
    await until('the host is seated', () => room.game.seats.all().some((s) => s.isHost));
    // The host steers the room: start works.
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');

    // Used: it opens nothing again, from another browser or from the same one.
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), hostPass: answer.hostPass, lang: 'en' })),
    ).toBe(JOIN_ERRORS['bad-host-key']);
    expect(await refusal(h.join(created.roomId, { secret, hostPass: answer.hostPass, lang: 'en' }))).toBe(
      JOIN_ERRORS['bad-host-key'],
    );
    // A made-up pass is refused too.
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), hostPass: 'x'.repeat(32), lang: 'en' })),
    ).toBe(JOIN_ERRORS['bad-host-key']);
    await host.leave();
  });

  it('opens the reservation gate until it is used', async () => {
    const created = await h.createRoom();
    const pass = await h.hostPass(created.sessionId);
    expect(await gateRefusal(created.roomId, { hostPass: pass })).toBeNull();
    const host = await h.join(created.roomId, { secret: seatSecret(), hostPass: pass, lang: 'en' });
    // the room tells the gate it was used (a presence write right after the join)
    let refusedAtGate: string | null = null;
    for (let i = 0; i < 100 && refusedAtGate === null; i++) {
      refusedAtGate = (await gateRefusal(created.roomId, { hostPass: pass }))?.message ?? null;
      if (refusedAtGate === null) await new Promise((r) => setTimeout(r, 20));
    }
    expect(refusedAtGate).toMatch(/^bad-host-key:/);
    await host.leave();
  });

  it("refuses another teacher's session (404), no cookie (401) and a closed room (409)", async () => {
    const created = await h.createRoom();
    const other = await TeacherClient.signUp(h.server.url, 'Other');
    expect((await other.request('POST', passPath(created.sessionId))).status).toBe(404);
    const anonymous = await fetch(`${h.server.url}${passPath(created.sessionId)}`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const teacher = await h.teacher();
    await teacher.request('POST', `/api/teacher/sessions/${created.sessionId}/end`);
    await until('the room is gone', () => h.roomOf(created.roomId) === undefined);
    const closed = await teacher.request('POST', passPath(created.sessionId));
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ error: 'not-live' });
  });

  it('refuses an expired pass', async () => {
    const created = await h.createRoom();
    const pass = await h.hostPass(created.sessionId);
    ahead = (HOST_PASS_SECONDS + 1) * 1000;
    try {
      expect(
        await refusal(h.join(created.roomId, { secret: seatSecret(), hostPass: pass, lang: 'en' })),
      ).toBe(JOIN_ERRORS['bad-host-key']);
      // A pass issued now (by the same clock) still hosts.
      const host = await h.hostByPass(created);
      expect(host.connection.isOpen).toBe(true);
      await host.leave();
    } finally {
      ahead = 0;
    }
  });

  it('rotation voids unused passes and closes the seats passes opened (4613)', async () => {
    const teacher = await h.teacher();
    const created = await h.createRoom();
    const host = await h.hostByPass(created);
    let closedWith: number | null = null;
    host.onLeave((code: number) => {
      closedWith = code;
    });
    const unused = await h.hostPass(created.sessionId);
    const rotated = await teacher.request('POST', `/api/teacher/sessions/${created.sessionId}/rotate-key`);
    expect(rotated.status).toBe(200);
    await until('the pass host is closed', () => closedWith !== null);
    expect(closedWith).toBe(CLOSE_CODES.rekeyed);
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), hostPass: unused, lang: 'en' })),
    ).toBe(JOIN_ERRORS['bad-host-key']);
    // A pass asked for after the rotation hosts.
    const again = await h.hostByPass(created);
    expect(again.connection.isOpen).toBe(true);
    await again.leave();
  });
});
