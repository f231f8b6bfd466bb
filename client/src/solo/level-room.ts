// The connection to a solo level room: created with the level's id, started at once, the verdict
// (`level-result`) heard from the first frame, and an instant retry in the same room.
import { inLimit } from '../../../shared/kernel/limits.ts';
import type { LevelVerdict } from '../../../shared/protocol/server-messages.ts';
import { getLanguage } from '../i18n/index.ts';
import { serverEndpoint } from '../net/classroom.ts';
import { seatSecret } from '../net/seat-secret.ts';
import { openSession, type GameRoom, type RoomSession } from '../net/room-session.ts';

export type { LevelVerdict } from '../../../shared/protocol/server-messages.ts';

/** A level being played: the room session the Machine scene draws, and the latest verdict. */
export interface LevelPlay {
  levelId: string;
  session: RoomSession;
  verdict: LevelVerdict | null;
  /** Called with each verdict as it arrives (the HUD moves on to the result). */
  onVerdict: ((v: LevelVerdict) => void) | null;
}

let current: LevelPlay | null = null;

/** The level being played, if any. */
export function currentPlay(): LevelPlay | null {
  return current;
}

function waitFor(room: GameRoom, check: () => boolean, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`room ${room.roomId} did not start`));
      }
    }, 30);
  });
}

/** Opens a solo room for the level, paused at its first tick until the player presses Start in the HUD. */
export async function startLevel(levelId: string, ticksPerSecond?: number): Promise<LevelPlay> {
  await leaveLevel();
  const { Client } = await import('@colyseus/sdk');
  const client = new Client(serverEndpoint());
  const options: Record<string, unknown> = { levelId, secret: seatSecret(), lang: getLanguage() };
  if (ticksPerSecond !== undefined) options.ticksPerSecond = ticksPerSecond;
  const session = openSession(await client.create('solo', options), 'solo', '');
  const room = session.room;
  const play: LevelPlay = { levelId, session, verdict: null, onVerdict: null };
  room.on('level-result', (v: LevelVerdict) => {
    play.verdict = v;
    play.onVerdict?.(v);
  });
  current = play;
  await waitFor(room, () => room.state?.phase !== undefined);
  // Started and paused at once: the machine is on screen, and its clock waits for the player.
  room.send('host:start');
  room.send('host:pause');
  await waitFor(room, () => room.state.phase === 'paused');
  return play;
}

/** Plays the same level again in the same room, from tick 0; resolves once the new attempt waits, paused, for the player. */
export async function retryLevel(play: LevelPlay): Promise<void> {
  const room = play.session.room;
  const round = room.state.round;
  play.verdict = null;
  play.session.summary = null; // the last attempt's report must not route the new one to it
  play.session.send('solo:retry');
  await waitFor(room, () => room.state.round !== round && room.state.phase === 'paused');
}

/** Leaves the level's room for good. */
export async function leaveLevel(): Promise<void> {
  const play = current;
  current = null;
  if (play) await play.session.leave();
}

/** Whether the URL asks for a faster clock (?speed=N, for demos and tests). */
export function speedFromUrl(): number | undefined {
  const raw = new URL(window.location.href).searchParams.get('speed');
  const n = raw === null ? NaN : Number(raw);
  return inLimit('speed', n) ? n : undefined;
}
