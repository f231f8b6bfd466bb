// The shape of a level's proofs: factories, so that a script may keep state across one attempt.
import type { PlayerScript } from '../../../shared/levels/index.ts';

/** Level id → a scripted 3-star play and a scripted failing play. */
export type Solutions = Record<string, { good: () => PlayerScript; poor: () => PlayerScript }>;
