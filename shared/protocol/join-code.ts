// Join codes: short, spoken aloud in a classroom and typed on phones, so no look-alike characters.

/** The 31 characters a join code may use: digits and capitals without the look-alikes 0/O and 1/I/L. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** How many characters a join code has. */
export const JOIN_CODE_LENGTH = 6;

/** Normalises what a student typed (case, spaces, dashes) so "abc-123" and "ABC 123" both work. */
export function normalizeJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** True when a normalised code could have been issued, so obvious typos are refused before any lookup. */
export function isWellFormedJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Builds a code from random integers (the caller supplies the randomness, keeping this module pure). */
export function joinCodeFromRandom(randomInts: readonly number[]): string {
  if (randomInts.length < JOIN_CODE_LENGTH) throw new Error(`need ${JOIN_CODE_LENGTH} random integers`);
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    const r = randomInts[i]!;
    code +=
      JOIN_CODE_ALPHABET[
        ((r % JOIN_CODE_ALPHABET.length) + JOIN_CODE_ALPHABET.length) % JOIN_CODE_ALPHABET.length
      ];
  }
  return code;
}
