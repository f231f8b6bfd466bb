// Every level's proofs, gathered.
import { CH1 } from './solutions/ch1.ts';
import { CH2 } from './solutions/ch2.ts';
import { CH3 } from './solutions/ch3.ts';
import { CH4 } from './solutions/ch4.ts';
import { CH5 } from './solutions/ch5.ts';
import { CH6 } from './solutions/ch6.ts';
import type { Solutions } from './solutions/types.ts';

/** Level id → its scripted 3-star play and its scripted failing play. */
export const SOLUTIONS: Solutions = { ...CH1, ...CH2, ...CH3, ...CH4, ...CH5, ...CH6 };
