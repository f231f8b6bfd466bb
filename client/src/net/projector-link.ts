// The projector link a teacher opens on the classroom screen: /project#room=<roomId>&key=<viewerKey>.
// The key stays in the fragment, so it never reaches a server log; it is read-only: the page watches.
import { projectorPath } from '../../../shared/protocol/links.ts';
import type { Language } from '../i18n/index.ts';
import { seatSecret } from './seat-secret.ts';
import type { RoomSession } from './room-session.ts';

/** The room a projector page shows and the key that opens it. */
export interface ProjectorTarget {
  roomId: string;
  viewerKey: string;
}

/** Reads a projector link, or null for any other address. */
export function projectorFromUrl(url: URL): ProjectorTarget | null {
  if (!/^\/project\/?$/.test(url.pathname)) return null;
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  const roomId = params.get('room');
  const viewerKey = params.get('key');
  return roomId && viewerKey ? { roomId, viewerKey } : null;
}

/** The projector link for a room (what the dashboard opens on the classroom screen). */
export function projectorUrl(origin: string, target: ProjectorTarget): string {
  return `${origin}${projectorPath(target.roomId, target.viewerKey)}`;
}

/** Joins the room with the viewer key, for watching on the big screen; the code comes with the welcome. */
export async function joinAsProjector(target: ProjectorTarget, lang: Language): Promise<RoomSession> {
  // Loaded here, not at the top: reading a link is part of the page's entry, joining is not (issue 17).
  const [{ Client }, { serverEndpoint }, { openSession }] = await Promise.all([
    import('@colyseus/sdk'),
    import('./classroom.ts'),
    import('./room-session.ts'),
  ]);
  const client = new Client(serverEndpoint());
  const room = await client.joinById(target.roomId, {
    secret: seatSecret(),
    viewerKey: target.viewerKey,
    lang,
  });
  return openSession(room, '', '', { projector: true, routed: true });
}
