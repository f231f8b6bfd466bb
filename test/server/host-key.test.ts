// Rotating a room's host key (issue 14): the teacher asks the dashboard's route for a new key; the old
// host key and the projector link made from it stop working at once, and the seats they opened are closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import { rotateKeyResponseSchema } from '../../shared/protocol/http-edge.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { boot, refusal, seatSecret, until, type Harness, type Player } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.close();
});

const viewerKeyOf = (projectorPath: string): string =>
  decodeURIComponent(/key=([^&]+)/.exec(projectorPath)![1]!);

function closeCode(room: Player): { code: number | null } {
  const seen = { code: null as number | null };
  room.onLeave((code: number) => {
    seen.code = code;
  });
  return seen;
}

describe('rotating the host key', () => {
  it('closes the old key holders, refuses the old keys and opens the room with the new ones', async () => {
    const teacher = await h.teacher();
    const created = await h.createRoom();
    const rogue = await h.host(created); // someone who copied the host key
    const projector = await h.join(created.roomId, {
      secret: seatSecret(),
      viewerKey: viewerKeyOf(created.projectorPath),
      lang: 'en',
    });
    const student = await h.student(created, 'Minsu');
    const rogueLeft = closeCode(rogue);
    const projectorLeft = closeCode(projector);
    const studentLeft = closeCode(student);

    const res = await teacher.request('POST', `/api/teacher/sessions/${created.sessionId}/rotate-key`);
    expect(res.status).toBe(200);
    const { live, closedSeats } = rotateKeyResponseSchema.parse(await res.json());
    expect(closedSeats).toBe(2);
    expect(live.hostKey).not.toBe(created.hostKey);
    expect(live.projectorPath).not.toBe(created.projectorPath);
    expect(live.code).toBe(created.code);

    await until(
      'the old host and projector are closed',
      () => rogueLeft.code !== null && projectorLeft.code !== null,
    );
    expect(rogueLeft.code).toBe(CLOSE_CODES.rekeyed);
    expect(projectorLeft.code).toBe(CLOSE_CODES.rekeyed);
    expect(studentLeft.code).toBeNull(); // students keep playing
    expect(student.connection.isOpen).toBe(true);

    // The old keys open nothing, also from the browser that held a seat with them.
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), hostKey: created.hostKey, lang: 'en' })),
    ).toBe(JOIN_ERRORS['bad-host-key']);
    expect(
      await refusal(
        h.join(created.roomId, {
          secret: seatSecret(),
          viewerKey: viewerKeyOf(created.projectorPath),
          lang: 'en',
        }),
      ),
    ).toBe(JOIN_ERRORS['bad-host-key']);

    // The new ones do, and the dashboard's session page shows only the new projector link (and no host key).
    const host = await h.host({ ...created, hostKey: live.hostKey });
    await until('the new host is seated', () => host.state.players.size >= 1);
    const newProjector = await h.join(created.roomId, {
      secret: seatSecret(),
      viewerKey: viewerKeyOf(live.projectorPath),
      lang: 'en',
    });
    expect(newProjector.connection.isOpen).toBe(true);
    const page = (await (
      await teacher.request('GET', `/api/teacher/sessions/${created.sessionId}`)
    ).json()) as {
      live: { hostKey?: string; projectorPath: string };
    };
    expect(page.live).not.toHaveProperty('hostKey');
    expect(page.live.projectorPath).toBe(live.projectorPath);
    for (const r of [host, newProjector, student]) await r.leave();
  });

  it("answers 404 for another teacher's session and 409 once the room is closed", async () => {
    const created = await h.createRoom();
    const other = await TeacherClient.signUp(h.server.url, 'Other');
    const path = `/api/teacher/sessions/${created.sessionId}/rotate-key`;
    expect((await other.request('POST', path)).status).toBe(404);
    const teacher = await h.teacher();
    await teacher.request('POST', `/api/teacher/sessions/${created.sessionId}/end`);
    await until('the room is gone', () => h.roomOf(created.roomId) === undefined);
    const closed = await teacher.request('POST', path);
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ error: 'not-live' });
  });
});
