// Joining a class room on the game server: look the code up over HTTP, then join the room by id with Colyseus.
import { joinRefusalOf, type JoinError as JoinRefusal } from '../../../shared/protocol/errors.ts';
import { HTTP_ROUTES, apiErrorSchema, pathOf } from '../../../shared/protocol/http.ts';
import type { Language, MessageKey } from '../i18n/index.ts';
import { seatSecret } from './seat-secret.ts';
import { nicknameProblemKey } from './join-code.ts';
import { openSession } from './room-session.ts';
import { forgetSeat, rememberSeat, type SavedSeat } from './seat-resume.ts';

/** What a successful join gives the Lobby scene. */
export interface JoinedClass {
  code: string;
  nickname: string;
  /** The live Colyseus room; typed loosely until the client reads the synced state. */
  room: { leave(consented?: boolean): Promise<unknown>; roomId: string };
}

/** A join that failed, with the i18n key of a reason a student can act on. */
export class JoinError extends Error {
  constructor(
    readonly reason: MessageKey,
    readonly detail = '',
  ) {
    super(detail || reason);
  }
}

const REFUSALS: Record<JoinRefusal, MessageKey> = {
  'wrong-code': 'join.error.not_found',
  'room-locked': 'join.error.locked',
  'room-full': 'join.error.full',
  'bad-nickname': 'join.error.nickname_chars',
  'late-join-closed': 'join.error.late',
  kicked: 'join.error.kicked',
  'bad-host-key': 'join.error.rejected',
  'bad-options': 'join.error.rejected',
};

/** The game server's address: the page's own origin (the server serves the client), or VITE_SERVER_URL in development. */
export function serverEndpoint(): string {
  const configured: unknown = import.meta.env.VITE_SERVER_URL;
  return typeof configured === 'string' && configured !== ''
    ? configured.replace(/\/$/, '')
    : window.location.origin;
}

/** Asks the server which room has this code (GET /api/rooms/by-code/:code). */
async function roomIdFor(code: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${serverEndpoint()}${pathOf(HTTP_ROUTES.roomByCode, { code })}`, {
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new JoinError('join.error.unreachable', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 404 && apiErrorSchema.safeParse(body).data?.error === 'wrong-code')
    throw new JoinError('join.error.not_found');
  const answer = HTTP_ROUTES.roomByCode.response.safeParse(body);
  if (!response.ok || !answer.success)
    throw new JoinError('join.error.unreachable', `HTTP ${response.status}`);
  return answer.data.roomId;
}

/** Joins the class with this code under this nickname; rejects with a JoinError a student can read. */
export async function joinClass(code: string, nickname: string, lang: Language): Promise<JoinedClass> {
  const roomId = await roomIdFor(code);
  const joined = await joinRoom(roomId, code, nickname, lang);
  rememberSeat({ roomId, code, nickname });
  return joined;
}

/** Rejoins the seat this tab held before a reload (same room, same secret); forgets it when refused. */
export async function resumeClass(saved: SavedSeat, lang: Language): Promise<JoinedClass> {
  try {
    return await joinRoom(saved.roomId, saved.code, saved.nickname, lang);
  } catch (error) {
    forgetSeat();
    throw error;
  }
}

async function joinRoom(
  roomId: string,
  code: string,
  nickname: string,
  lang: Language,
): Promise<JoinedClass> {
  // Colyseus's client is loaded only now, so the first page view does not pay for it.
  const { Client, ServerError, MatchMakeError } = await import('@colyseus/sdk');
  const client = new Client(serverEndpoint());
  try {
    const room = await client.joinById(roomId, { secret: seatSecret(), nickname, lang, code });
    openSession(room, nickname, code, { routed: true }); // registers the message handlers before the first frame arrives
    return { code, nickname, room };
  } catch (error) {
    if (error instanceof ServerError || error instanceof MatchMakeError) {
      const refusal = joinRefusalOf(error.code, error.message);
      if (refusal === 'bad-nickname')
        throw new JoinError(nicknameProblemKey(error.message.split(': ').at(-1) ?? ''), error.message);
      if (refusal) throw new JoinError(REFUSALS[refusal], error.message);
    }
    throw new JoinError('join.error.unreachable', error instanceof Error ? error.message : String(error));
  }
}
