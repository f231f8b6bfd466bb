// The browser's seat secret: random, kept in localStorage, sent only when joining a room (never in a
// URL, a report or the synced state); the server keeps its hash and gives a seat back only to it.
// The solo-progress browser id (player-id.ts) is a different value, so neither reveals the other.

const KEY = 'kernel-crew.seat-secret';
let memory: string | null = null;

function fresh(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** This browser's seat secret (32 URL-safe characters), created on first use. */
export function seatSecret(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const secret = fresh();
    localStorage.setItem(KEY, secret);
    return secret;
  } catch {
    memory ??= fresh(); // storage blocked: same secret for this visit only
    return memory;
  }
}
