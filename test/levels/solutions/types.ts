// The shape of a level's proofs: factories, so that a script may keep state across one attempt.
import type { PlayerScript } from '../../../shared/levels/index.ts';

/**
 * Level id → a scripted 3-star play, a scripted failing play, and the plausible naive play a player
 * who does not weigh the level's trade-off would make (it must earn fewer stars than the good one:
 * that is what makes the level a decision), with `alsoNaive` for the other plausible plays that
 * must not reach three stars either.
 */
export type Solutions = Record<
  string,
  {
    good: () => PlayerScript;
    poor: () => PlayerScript;
    naive: () => PlayerScript;
    alsoNaive?: (() => PlayerScript)[];
  }
>;
