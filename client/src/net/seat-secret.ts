// The browser's seat secret: random, kept in localStorage, sent only when joining a room (never in a
// URL, a report or the synced state); the server keeps its hash and gives a seat back only to it.
// The solo-progress browser id (player-id.ts) is a different value, so neither reveals the other.
import { storedRandomId } from './stored-random-id.ts';

/** This browser's seat secret (32 URL-safe characters), created on first use. */
export function seatSecret(): string {
  return storedRandomId('kernel-crew.seat-secret', 24, /^[A-Za-z0-9_-]{16,64}$/);
}
