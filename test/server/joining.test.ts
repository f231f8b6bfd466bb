// Creating a class room and joining it by code, with every refusal a student or a stranger can meet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import { boot, seatSecret, refusal, until, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ maxPlayers: 60 });
});
afterAll(async () => {
  await h.close();
});

describe('the HTTP API', () => {
  it('creates a class room with a six-character code and a host key, and finds it by code', async () => {
    const created = await h.createRoom({ title: 'Period 3' });
    expect(created.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(created.hostKey.length).toBeGreaterThanOrEqual(24);
    const found = await fetch(`${h.server.url}/api/rooms/by-code/${created.code.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ roomId: created.roomId, code: created.code });
  });
  it('answers a wrong code with 404 wrong-code, and a bad body with 400', async () => {
    const res = await fetch(`${h.server.url}/api/rooms/by-code/ZZZZZZ`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'wrong-code' });
    const teacher = await h.teacher();
    const bad = await teacher.request('POST', '/api/teacher/rooms', { ticksPerSecond: 99 });
    expect(bad.status).toBe(400);
    const noScenario = await teacher.request('POST', '/api/teacher/rooms', { scenario: 'nope' });
    expect(await noScenario.json()).toMatchObject({ error: 'bad-scenario' });
  });
  it('does not let a client create a class room directly through matchmaking', async () => {
    await expect(
      h.colyseus.sdk.create('class', { code: 'AAAAAA', hostKey: 'x'.repeat(30), secret: seatSecret() }),
    ).rejects.toThrow();
  });
});

describe('joining by code', () => {
  it('seats a student with a valid code and nickname, visible to everyone', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const kim = await h.student(created, '김철수');
    await until('host sees the student', () =>
      [...host.state.players.values()].some((p) => p.nickname === '김철수' && p.role === 'scheduler'),
    );
    expect(kim.state.code).toBe(created.code);
  });

  it('refuses a wrong code, a bad host key, a bad or taken nickname', async () => {
    const created = await h.createRoom();
    await h.student(created, 'Mina');
    expect(await refusal(h.student(created, 'Jun', { code: 'ABCDEF' }))).toBe(JOIN_ERRORS['wrong-code']);
    expect(await refusal(h.join(created.roomId, { secret: seatSecret(), hostKey: 'not-the-key' }))).toBe(
      JOIN_ERRORS['bad-host-key'],
    );
    expect(await refusal(h.student(created, 'x'))).toBe(JOIN_ERRORS['bad-nickname']);
    expect(await refusal(h.student(created, 'MINA'))).toBe(JOIN_ERRORS['bad-nickname']);
    expect(await refusal(h.join(created.roomId, { nickname: 'NoId', code: created.code }))).toBe(
      JOIN_ERRORS['bad-options'],
    );
  });

  it('refuses newcomers to a locked room but lets a returning player back in', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const id = seatSecret();
    const first = await h.join(created.roomId, { secret: id, nickname: 'Returner', code: created.code });
    host.send('host:lock', { locked: true });
    await until('room locked', () => host.state.locked);
    expect(await refusal(h.student(created, 'Latecomer'))).toBe(JOIN_ERRORS['room-locked']);
    await first.leave();
    const back = await h.join(created.roomId, { secret: id, nickname: 'Returner', code: created.code });
    expect(back.state.locked).toBe(true);
    host.send('host:lock', { locked: false });
    await until('room unlocked', () => !host.state.locked);
    await h.student(created, 'Latecomer');
  });

  it('refuses a student when the room is full, counting only present players', async () => {
    const created = await h.createRoom({ maxPlayers: 2 });
    await h.host(created);
    await h.student(created, 'One');
    const two = await h.student(created, 'Two');
    expect(await refusal(h.student(created, 'Three'))).toBe(JOIN_ERRORS['room-full']);
    await two.leave();
    await until('seat freed', () => h.roomOf(created.roomId).game.seats.presentPlayers() === 1);
    await h.student(created, 'Three');
  });

  it('refuses late joiners once the round runs if the host closed late joining', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    host.send('host:late-join', { allowed: false });
    host.send('host:start');
    await until('running', () => host.state.phase === 'running' && !host.state.lateJoin);
    expect(await refusal(h.student(created, 'Late'))).toBe(JOIN_ERRORS['late-join-closed']);
  });
});
