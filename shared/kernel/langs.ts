// The game's two languages, in a module of their own with no imports: the join form's page (main.js) needs them
// before the game loads, and limits.ts (which re-exports them) would bring zod along.

/** The two languages every text exists in. */
export const LANGS = ['ko', 'en'] as const;
/** A language of the game. */
export type Lang = (typeof LANGS)[number];
