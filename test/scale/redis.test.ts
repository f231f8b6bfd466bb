// Two server processes sharing rooms through Redis (RedisPresence + RedisDriver): a room created through
// one process's API is found by its join code through the other's, students reach it wherever it is
// hosted (PUBLIC_ADDRESS), and a round is played to its summary across both. Needs TEST_REDIS_URL
// (.ci/run starts a throwaway redis-server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import type { TeacherRoomResponse as CreateRoomResponse } from '../../server/http/teacher-routes.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import type { SyncedRoomState } from '../../server/rooms/projection.ts';
import { movesFor } from '../../server/tools/client-strategy.ts';
import { until } from '../server/harness.ts';
import { freePort, startServerProcess, type ServerProcess } from './processes.ts';
import { crewOf } from '../../shared/protocol/state.ts';

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('several processes over Redis', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-redis-'));
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      const port = await freePort();
      servers.push(
        await startServerProcess({
          PORT: String(port),
          REDIS_URL: redisUrl!,
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          SAVE_ROOMS: '0',
          DATABASE_FILE: path.join(dir, `${name}.sqlite`),
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function join(
    via: ServerProcess,
    code: string,
    options: Record<string, unknown>,
  ): Promise<{ room: Room<unknown, SyncedRoomState>; seat: () => string; summaries: unknown[] }> {
    const found = await fetch(`${via.url}/api/rooms/by-code/${code}`);
    expect(found.status).toBe(200);
    const { roomId } = (await found.json()) as { roomId: string };
    const room = await new Client(via.url.replace('http', 'ws')).joinById<SyncedRoomState>(roomId, {
      lang: 'en',
      ...options,
    });
    let seat = '';
    const summaries: unknown[] = [];
    room.onMessage('welcome', (w: { seat: string }) => {
      seat = w.seat;
    });
    room.onMessage('summary', (s: unknown) => summaries.push(s));
    for (const t of ['events', 'rejected', 'error']) room.onMessage(t, () => undefined);
    await until('welcome', () => seat !== '' && room.state?.crews?.size > 0);
    return { room, seat: () => seat, summaries };
  }

  it('finds rooms by code through either process and plays a round across both', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    // Two rooms, both created through a: the matchmaker spreads them over the processes.
    const rooms: CreateRoomResponse[] = [];
    const teacher = await TeacherClient.signUp(a.url);
    for (let i = 0; i < 2; i++) rooms.push(await teacher.createRoom({ ticksPerSecond: 10, seed: 3 + i }));
    const hosted = await Promise.all(
      rooms.map(async (r) => {
        const listing = (await (await fetch(`${b.url}/api/rooms/by-code/${r.code}`)).json()) as {
          roomId: string;
        };
        return listing.roomId;
      }),
    );
    expect(hosted).toEqual(rooms.map((r) => r.roomId));

    for (const created of rooms) {
      const host = await join(a, created.code, {
        secret: `host-secret-${created.code}`,
        hostKey: created.hostKey,
      });
      // Students come through both processes, so some reach a room hosted by the other one.
      const students = [
        await join(a, created.code, {
          secret: `student-a-secret-${created.code}`,
          nickname: 'Ana',
          code: created.code,
        }),
        await join(b, created.code, {
          secret: `student-b-secret-${created.code}`,
          nickname: 'Bo',
          code: created.code,
        }),
      ];
      await until('everyone sees everyone', () => students.every((s) => s.room.state.players.size === 3));
      const timers = students.map((s) =>
        setInterval(() => {
          const me = s.room.state.players.get(s.seat());
          if (me) for (const [t, p] of movesFor(s.room.state, s.seat())) s.room.send(t, p);
        }, 60),
      );
      host.room.send('host:start');
      await until(
        'the round runs for everyone',
        () => students.every((s) => crewOf(s.room.state, null)!.machine!.tick >= 15),
        15_000,
      );
      host.room.send('host:end-round');
      await until(
        'everyone gets the summary',
        () => students.every((s) => s.summaries.length === 1) && host.summaries.length === 1,
        15_000,
      );
      timers.forEach(clearInterval);
      for (const s of [host, ...students]) await s.room.leave();
    }
    // The join codes live in presence: a wrong code is refused by both processes.
    for (const s of servers) expect((await fetch(`${s.url}/api/rooms/by-code/ZZZZZZ`)).status).toBe(404);
  }, 90_000);
});
