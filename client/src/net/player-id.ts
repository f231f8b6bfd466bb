// The browser's solo-progress id: random, kept in localStorage, so a reload finds its levels' stars (never a seat's credential: seat-secret.ts).
import { storedRandomId } from './stored-random-id.ts';

/** This browser's player id (24 URL-safe characters), created on first use. */
export function playerId(): string {
  return storedRandomId('kernel-crew.player-id', 18, /^[A-Za-z0-9_-]{8,64}$/);
}
