// The seeded generator kept inside the kernel state, so randomness replays exactly (mulberry32).
import type { KernelState } from './types.ts';

/** Draws a number in [0, 1) and advances the generator held in the state. */
export function nextRandom(state: KernelState): number {
  let t = (state.rng = (state.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Draws an integer in [0, n). */
export function nextInt(state: KernelState, n: number): number {
  return Math.floor(nextRandom(state) * n);
}
