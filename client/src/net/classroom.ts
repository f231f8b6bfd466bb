// Joining a class room on the game server; Colyseus's client is loaded only when a player actually joins.
import type { MessageKey } from '../i18n/index.ts';

/** The room name the server registers for class play (must match server/'s define()). */
export const CLASS_ROOM = 'classroom';

/** What a successful join gives the Lobby scene. */
export interface JoinedClass {
  code: string;
  nickname: string;
  /** The live Colyseus room; typed loosely until the shared protocol types exist. */
  room: { leave(consented?: boolean): Promise<unknown>; roomId: string };
}

/** A join that failed, with the i18n key of the reason a student can act on. */
export class JoinError extends Error {
  constructor(
    readonly reason: MessageKey,
    readonly detail = '',
  ) {
    super(detail || reason);
  }
}

/** The game server's address: the page's own origin (the server serves the client), or VITE_SERVER_URL in development. */
export function serverEndpoint(): string {
  const configured: unknown = import.meta.env.VITE_SERVER_URL;
  return typeof configured === 'string' && configured !== '' ? configured : window.location.origin;
}

/** Joins the class with this code under this nickname; rejects with a JoinError a student can read. */
export async function joinClass(code: string, nickname: string): Promise<JoinedClass> {
  const { Client, ServerError, MatchMakeError, ErrorCode } = await import('@colyseus/sdk');
  const client = new Client(serverEndpoint());
  try {
    const room = await client.join(CLASS_ROOM, { code, nickname });
    return { code, nickname, room };
  } catch (error) {
    if (error instanceof ServerError || error instanceof MatchMakeError) {
      if (error.code === ErrorCode.MATCHMAKE_INVALID_CRITERIA || error.code === ErrorCode.MATCHMAKE_INVALID_ROOM_ID) throw new JoinError('join.error.not_found');
      if (error.code === ErrorCode.MATCHMAKE_UNHANDLED || error.code === ErrorCode.APPLICATION_ERROR) throw new JoinError('join.error.rejected', error.message);
    }
    throw new JoinError('join.error.unreachable', error instanceof Error ? error.message : String(error));
  }
}
