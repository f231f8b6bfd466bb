// A teacher's room kept over a server restart (SAVE_ROOMS) still belongs to its class session: the
// dashboard finds it live again and the rounds played after the restart are stored in the same session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { afterEach, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { until } from '../server/harness.ts';
import { WebClient } from './web-client.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-crew-recovered-'));
const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function boot(): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    clientDir: '/nonexistent',
    database: { kind: 'sqlite', file: path.join(dir, 'kc.sqlite') },
    saveRooms: true,
    ticksPerSecond: 20,
    countdownSeconds: 0, // Start starts the machine at once (a class's 10 s role-card countdown is countdown.test's)
  });
  running.push(server);
  return server;
}

async function host(
  server: RunningServer,
  roomId: string,
  key: { hostKey: string } | { hostPass: string },
): Promise<Room> {
  const room = await new Client(server.url).joinById(roomId, {
    secret: 'dashboard-host-1',
    ...key,
    lang: 'en',
  });
  for (const type of ['welcome', 'events', 'summary', 'error', 'rejected'])
    room.onMessage(type, () => undefined);
  return room;
}

it('stores rounds of a room brought back after a restart in the same session', async () => {
  const first = await boot();
  const web = new WebClient(first.url);
  const email = `recovered-${Date.now()}@school.example`;
  await web.post('/api/auth/signup', { email, password: 'correct horse battery', displayName: 'Jung' });
  await web.post('/api/auth/signin', { email, password: 'correct horse battery' });
  const room = (await web.post('/api/teacher/rooms', {})).body as {
    sessionId: string;
    roomId: string;
    hostKey: string;
  };
  const h1 = await host(first, room.roomId, { hostKey: room.hostKey });
  await until('state', () => (h1.state as { phase?: string }).phase === 'lobby');
  await h1.leave(true);
  running.pop();
  await first.close();

  const second = await boot();
  const again = new WebClient(second.url);
  await again.post('/api/auth/signin', { email, password: 'correct horse battery' });
  const session = (await again.get(`/api/teacher/sessions/${room.sessionId}`)).body as {
    live: { roomId: string; hostKey?: string } | null;
  };
  expect(session.live).toMatchObject({ roomId: room.roomId });
  expect(session.live).not.toHaveProperty('hostKey');
  // The dashboard hosts the recovered room with a host pass (the server has no key to hand out).
  const pass = (await again.post(`/api/teacher/sessions/${room.sessionId}/host-pass`)).body as {
    hostPass: string;
  };
  const h2 = await host(second, room.roomId, { hostPass: pass.hostPass });
  const state = () => h2.state as unknown as SyncedRoomState;
  await until('lobby', () => state().phase === 'lobby');
  h2.send('host:start');
  await until('ticks', () => (crewOf(state(), null)?.machine?.tick ?? 0) >= 10, 10_000);
  h2.send('host:end-round');
  const start = Date.now();
  while (
    ((await again.get(`/api/teacher/sessions/${room.sessionId}/rounds`)).body.rounds as unknown[]).length < 1
  ) {
    if (Date.now() - start > 10_000) throw new Error('the round after the restart was not stored');
    await new Promise((r) => setTimeout(r, 50));
  }
  await h2.leave(true);
});
