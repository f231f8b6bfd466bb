// The class seat this tab sits in, kept in sessionStorage (per tab, survives a reload, gone with the
// tab): a reload rejoins it at once with the browser's seat secret instead of showing the join form.

const KEY = 'kernel-crew.class-seat';

/** What a reload needs to rejoin: the room, the code it was joined with and the nickname. */
export interface SavedSeat {
  roomId: string;
  code: string;
  nickname: string;
}

/** Remembers the class seat this tab just joined. */
export function rememberSeat(seat: SavedSeat): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(seat));
  } catch {
    // storage blocked: a reload shows the join form, as before
  }
}

/** The class seat this tab was in before a reload, if any. */
export function savedSeat(): SavedSeat | null {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { roomId, code, nickname } = raw as Record<string, unknown>;
    return typeof roomId === 'string' && typeof code === 'string' && typeof nickname === 'string'
      ? { roomId, code, nickname }
      : null;
  } catch {
    return null;
  }
}

/** Forgets the seat (the student left, was removed, or the class closed): a reload no longer rejoins. */
export function forgetSeat(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
