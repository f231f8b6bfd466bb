// Every level's proofs, gathered, and the 3-star proof as data: the timed moves it made.
import type { TimedAction } from '../../shared/kernel/index.ts';
import { levelById, playLevelThinking } from '../../shared/levels/index.ts';
import { CH1 } from './solutions/ch1.ts';
import { CH2 } from './solutions/ch2.ts';
import { CH3 } from './solutions/ch3.ts';
import { CH4 } from './solutions/ch4.ts';
import { CH5 } from './solutions/ch5.ts';
import { CH6 } from './solutions/ch6.ts';
import type { Solutions } from './solutions/types.ts';

/** Level id → its scripted 3-star play, its scripted failing play and its plausible naive play. */
export const SOLUTIONS: Solutions = { ...CH1, ...CH2, ...CH3, ...CH4, ...CH5, ...CH6 };

/**
 * The player's moves of a level's 3-star proof (played with the one-tick reaction delay), tick by tick:
 * what a test driving the screen replays by clicks and keys. Bots' moves are not in it.
 */
export function proofMoves(levelId: string): TimedAction[] {
  const level = levelById(levelId);
  const solution = SOLUTIONS[levelId];
  if (!level || !solution) throw new Error(`no level or proof named ${levelId}`);
  const r = playLevelThinking(level, solution.good());
  if (r.stars !== 3) throw new Error(`the proof of ${levelId} no longer earns 3 stars`);
  return r.moves;
}
