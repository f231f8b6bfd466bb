// The browser's solo-progress id: random, kept in localStorage, so a reload finds its levels' stars (never a seat's credential: seat-secret.ts).

const KEY = 'kernel-crew.player-id';
let memory: string | null = null;

function fresh(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** This browser's player id (24 URL-safe characters), created on first use. */
export function playerId(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
    const id = fresh();
    localStorage.setItem(KEY, id);
    return id;
  } catch {
    memory ??= fresh(); // storage blocked: same id for this visit only
    return memory;
  }
}
