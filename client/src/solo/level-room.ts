// The connection to a solo level room: created with the level's id (or a challenge's id, or a sandbox
// setup), started at once, the verdict (`level-result`) heard from the first frame, and an instant retry
// in the same room.
import { inLimit } from '../../../shared/kernel/limits.ts';
import {
  challengeById,
  levelById,
  parseSandbox,
  type Challenge,
  type Level,
  type SandboxSetup,
} from '../../../shared/levels/index.ts';
import type { LevelVerdict } from '../../../shared/protocol/server-messages.ts';
import { getLanguage } from '../i18n/index.ts';
import { serverEndpoint } from '../net/classroom.ts';
import { seatSecret } from '../net/seat-secret.ts';
import { openSession, type GameRoom, type RoomSession } from '../net/room-session.ts';

export type { LevelVerdict } from '../../../shared/protocol/server-messages.ts';

/** What a solo room plays: a campaign level, a challenge, or a sandbox setup. */
export type PlayTarget =
  | { kind: 'level'; id: string }
  | { kind: 'challenge'; id: string }
  | { kind: 'sandbox'; setup: SandboxSetup };

/** The level a target plays (a challenge's goal-less level, a sandbox's), or why not, in the player's language. */
export function targetLevel(
  target: PlayTarget,
): { level: Level; challenge: Challenge | null } | { error: string } {
  if (target.kind === 'level') {
    const level = levelById(target.id);
    return level ? { level, challenge: null } : { error: target.id };
  }
  if (target.kind === 'challenge') {
    const challenge = challengeById(target.id);
    return challenge ? { level: challenge.level, challenge } : { error: target.id };
  }
  const r = parseSandbox(target.setup);
  return r.ok ? { level: r.level, challenge: null } : { error: r.error[getLanguage()] };
}

/** A level being played: the room session the Machine scene draws, and the latest verdict. */
export interface LevelPlay {
  target: PlayTarget;
  /** The level the room plays (for a challenge, its goal-less level; for a sandbox, the setup's). */
  level: Level;
  /** The challenge being played, or null. */
  challenge: Challenge | null;
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

/** The refusal a room gave, without its code (`bad-sandbox: …` is already in the player's language). */
export class PlayRefused extends Error {}

/** Opens a solo room for the level, paused at its first tick until the player presses Start in the HUD. */
export async function startLevel(levelId: string, ticksPerSecond?: number): Promise<LevelPlay> {
  return startPlay({ kind: 'level', id: levelId }, ticksPerSecond);
}

/** Opens a solo room for a level, a challenge or a sandbox, paused at its first tick. */
export async function startPlay(target: PlayTarget, ticksPerSecond?: number): Promise<LevelPlay> {
  await leaveLevel();
  const resolved = targetLevel(target);
  if ('error' in resolved) throw new PlayRefused(resolved.error);
  const { Client } = await import('@colyseus/sdk');
  const client = new Client(serverEndpoint());
  const options: Record<string, unknown> = { secret: seatSecret(), lang: getLanguage() };
  if (target.kind === 'level') options.levelId = target.id;
  else if (target.kind === 'challenge') options.challengeId = target.id;
  else options.sandbox = target.setup;
  if (ticksPerSecond !== undefined) options.ticksPerSecond = ticksPerSecond;
  let created;
  try {
    created = await client.create('solo', options);
  } catch (error) {
    const text = error instanceof Error ? /^bad-(sandbox|challenge): (.*)$/s.exec(error.message) : null;
    if (text) throw new PlayRefused(text[2]);
    throw error;
  }
  const session = openSession(created, 'solo', '');
  const room = session.room;
  const play: LevelPlay = {
    target,
    level: resolved.level,
    challenge: resolved.challenge,
    levelId: resolved.level.id,
    session,
    verdict: null,
    onVerdict: null,
  };
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
