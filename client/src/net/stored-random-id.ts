// One random value a browser keeps in localStorage under a key (the solo-progress id, the seat secret):
// made on first use, checked against its pattern when read back, and kept in memory when storage is blocked.

const memory = new Map<string, string>();

function fresh(bytes: number): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The value stored under `key` if it matches `pattern`, else a fresh URL-safe one of `bytes` random bytes (stored). */
export function storedRandomId(key: string, bytes: number, pattern: RegExp): string {
  try {
    const stored = localStorage.getItem(key);
    if (stored && pattern.test(stored)) return stored;
    const id = fresh(bytes);
    localStorage.setItem(key, id);
    return id;
  } catch {
    // storage blocked: the same value for this visit only
    const kept = memory.get(key) ?? fresh(bytes);
    memory.set(key, kept);
    return kept;
  }
}
