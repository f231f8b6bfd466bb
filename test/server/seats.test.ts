// Seats and their secrets: kept only as hashes, reserved only with the room's code or a key, and freed
// once their player is gone past the reconnection window (the round's report still counts them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@colyseus/core';
import { JOIN_ERRORS, REFUSED_AT_MATCHMAKING } from '../../shared/protocol/errors.ts';
import type { MemoryRoundReports } from '../../server/game/round-reports.ts';
import { secretHash } from '../../server/game/seat-secret.ts';
import {
  boot,
  scoredScheduler,
  seatSecret,
  refusal,
  until,
  welcomeOf,
  type Harness,
  type Player,
} from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ reconnectSeconds: 1 });
});
afterAll(async () => {
  await h.close();
});

/** Cuts a client's connection from the server side, as a closed laptop lid would. */
function sever(roomId: string, player: Player): void {
  (
    h.roomOf(roomId).clients.getById(player.sessionId) as Client & { ref: { terminate(): void } }
  ).ref.terminate();
}

const reserved = (roomId: string): number =>
  Object.keys((h.roomOf(roomId) as unknown as { _reservedSeats: object })._reservedSeats).length;

/** A raw matchmaking request, as a script on the school network would send it (no WebSocket follows). */
async function matchmake(
  path: string,
  body: object,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.server.url}/matchmake/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('seat secrets', () => {
  it('the server keeps only the hash of a seat secret, and only that secret gets the seat back', async () => {
    const created = await h.createRoom();
    await h.host(created);
    const secret = seatSecret();
    const first = await h.join(created.roomId, { secret, nickname: 'Hana', code: created.code });
    const seat = welcomeOf(first).seat;
    const game = h.roomOf(created.roomId).game;
    const dump = JSON.stringify(game.seats.dump());
    expect(dump).not.toContain(secret);
    expect(dump).toContain(secretHash(secret));
    // someone else with the nickname (and the seat id everyone sees) gets no seat
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), nickname: 'Hana', code: created.code })),
    ).toBe(JOIN_ERRORS['bad-nickname']);
    expect(
      await refusal(
        h.join(created.roomId, { secret: seat.padEnd(16, '0'), nickname: 'Hana', code: created.code }),
      ),
    ).toBe(JOIN_ERRORS['bad-nickname']);
    const again = await h.join(created.roomId, { secret, nickname: 'Hana', code: created.code });
    expect(welcomeOf(again).seat).toBe(seat);
  });
});

describe('seat reservations', () => {
  it('a join with a wrong code or a forged key reserves no seat', async () => {
    const created = await h.createRoom();
    await h.host(created);
    const before = reserved(created.roomId);
    const wrong = await matchmake(`joinById/${created.roomId}`, {
      secret: seatSecret(),
      nickname: 'Mallory',
      code: 'ZZZZZZ',
    });
    expect(wrong).toMatchObject({
      status: REFUSED_AT_MATCHMAKING,
      body: { error: expect.stringMatching(/^wrong-code:/) },
    });
    const forged = await matchmake(`joinById/${created.roomId}`, {
      secret: seatSecret(),
      hostKey: 'x'.repeat(32),
    });
    expect(forged).toMatchObject({
      status: REFUSED_AT_MATCHMAKING,
      body: { error: expect.stringMatching(/^bad-host-key:/) },
    });
    const viewer = await matchmake(`joinById/${created.roomId}`, {
      secret: seatSecret(),
      viewerKey: 'y'.repeat(32),
    });
    expect(viewer).toMatchObject({
      status: REFUSED_AT_MATCHMAKING,
      body: { error: expect.stringMatching(/^bad-host-key:/) },
    });
    // the SDK's refusal still names the reason (the client reads it with joinRefusalOf)
    expect(
      await refusal(h.join(created.roomId, { secret: seatSecret(), nickname: 'Mallory', code: 'ZZZZZZ' })),
    ).toBe(JOIN_ERRORS['wrong-code']);
    expect(reserved(created.roomId)).toBe(before);
    // joining "any class room" by name is refused too
    const byName = await matchmake('join/class', { secret: seatSecret(), nickname: 'Mallory' });
    expect(byName).toMatchObject({
      status: REFUSED_AT_MATCHMAKING,
      body: { error: expect.stringMatching(/^wrong-code:/) },
    });
    expect(reserved(created.roomId)).toBe(before);
    // the right code still reserves (and takes) a seat
    await h.student(created, 'Honest');
  });
});

describe('freed seats', () => {
  it('a seat whose player is gone past the reconnection window is freed, and the round report still has their score', async () => {
    const { created, host, kim, seat } = await scoredScheduler(h);
    const score = host.state.players.get(seat)!.score;
    kim.reconnection.enabled = false;
    sever(created.roomId, kim);
    await until('away', () => host.state.players.get(seat)?.connected === false);
    await until('freed after the window', () => !host.state.players.has(seat), 8000);
    expect(h.roomOf(created.roomId).game.seats.get(seat)).toBeUndefined();
    host.send('host:end-round');
    await until(
      'report stored',
      () => (h.server.reports as MemoryRoundReports).forRoom(created.roomId).length === 1,
      10_000,
    );
    const [report] = (h.server.reports as MemoryRoundReports).forRoom(created.roomId);
    expect(report!.summary.players.find((p) => p.seat === seat)).toMatchObject({ nickname: 'Kim', score });
  });
});

describe('nicknames through a real join', () => {
  it('refuses 병1신 with the "blocked" reason, names a host called 바보 "Host", and refuses a rename to 미친놈', async () => {
    const created = await h.createRoom();
    const host = await h.join(created.roomId, {
      secret: seatSecret(),
      hostKey: created.hostKey,
      nickname: '바보',
      lang: 'ko',
    });
    await until('host listed', () => [...host.state.players.values()].some((p) => p.host));
    expect([...host.state.players.values()].find((p) => p.host)!.nickname).toBe('Host');
    const refused = await h
      .join(created.roomId, { secret: seatSecret(), nickname: '병1신', code: created.code })
      .catch((e: unknown) => e as Error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('bad-nickname: blocked');
    const student = await h.student(created, 'Minji');
    await until('host sees Minji', () => host.state.players.has(welcomeOf(student).seat));
    const errors: { code: string }[] = [];
    host.onMessage('error', (m: { code: string }) => errors.push(m));
    host.send('host:rename', { player: welcomeOf(student).seat, nickname: '미친놈' });
    await until('rename refused', () => errors.some((e) => e.code === 'bad-nickname'));
    expect(host.state.players.get(welcomeOf(student).seat)!.nickname).toBe('Minji');
  });
});
