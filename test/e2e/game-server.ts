// The real game server for end-to-end tests: the built client served by startServer, class rooms created
// over HTTP, and SDK clients for the host and for students who play next to the browser.
import { Client, type Room } from '@colyseus/sdk';
import { startServer, type RunningServer, type StartOptions } from '../../server/main.ts';
import type { TeacherRoomRequest, TeacherRoomResponse } from '../../server/http/teacher-routes.ts';
import type { SyncedRoomState } from '../../server/rooms/projection.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { waitForScene, type TestPage } from './browser.ts';
import { CLIENT_DIST, ensureClientBuilt } from './build-client.ts';
import { crewOf } from '../../shared/protocol/state.ts';

/** A class room as POST /api/teacher/rooms answers. */
export type CreatedRoom = TeacherRoomResponse;

/** An SDK room with our synced state. */
export type SdkRoom = Room<unknown, SyncedRoomState>;

/** Builds the client if needed and starts the game server serving it on a free port (options override the defaults). */
export async function startGameServer(options: StartOptions = {}): Promise<RunningServer> {
  await ensureClientBuilt();
  // Rounds start at once unless a room asks for the role-card countdown (roles.test.ts does).
  return startServer({ port: 0, host: '127.0.0.1', clientDir: CLIENT_DIST, countdownSeconds: 0, ...options });
}

const teachers = new WeakMap<RunningServer, Promise<TeacherClient>>();

/** Creates a class room as the server's test teacher (signed up on first use), through POST /api/teacher/rooms. */
export async function createRoom(server: RunningServer, body: TeacherRoomRequest): Promise<CreatedRoom> {
  let teacher = teachers.get(server);
  if (!teacher) {
    teacher = TeacherClient.signUp(server.url, 'E2E teacher');
    teachers.set(server, teacher);
  }
  return (await teacher).createRoom(body);
}

let ids = 0;
/** Joins with the SDK, ignoring the messages a test does not read. */
export async function joinSdk(server: RunningServer, roomId: string, options: object): Promise<SdkRoom> {
  const client = new Client(server.url);
  const room = (await client.joinById(roomId, {
    secret: `e2e-sdk-${++ids}-${Date.now().toString(36)}`,
    lang: 'en',
    ...options,
  })) as unknown as SdkRoom;
  for (const type of ['welcome', 'events', 'summary', 'rejected', 'error', 'score'])
    room.onMessage(type, () => undefined);
  return room;
}

/** Makes an SDK student handle every pending interrupt as soon as it sees it: a second player at work. */
export function playInterrupts(room: SdkRoom): () => void {
  const handled = new Set<number>();
  const timer = setInterval(() => {
    if (room.state.phase !== 'running') return;
    crewOf(room.state, null)!.machine!.interrupts.forEach((irq) => {
      if (handled.has(irq.id)) return;
      handled.add(irq.id);
      room.send('handle-interrupt', { id: irq.id });
    });
  }, 100);
  return () => clearInterval(timer);
}

/** A student joins in the browser by the room's link and nickname, and waits for the given scene. */
export async function joinInBrowser(
  tp: TestPage,
  server: RunningServer,
  code: string,
  nickname: string,
  scene = 'Lobby',
): Promise<void> {
  await tp.page.goto(`${server.url}/join/${code}`);
  await waitForScene(tp.page, 'Join');
  await tp.page.locator('#join-nickname').fill(nickname);
  await tp.page.locator('#join-nickname').press('Enter');
  await waitForScene(tp.page, scene);
}

/** The public seat id of the player with this nickname, once the host's state shows them. */
export function seatOf(host: SdkRoom, nickname: string): string | undefined {
  return [...host.state.players.entries()].find(([, p]) => p.nickname === nickname)?.[0];
}
