// Every level file of the campaign, chapter by chapter.
import type { LevelInput } from '../level.ts';
import { CHAPTER_1 } from './ch1-processes.ts';
import { CHAPTER_2 } from './ch2-interrupts.ts';
import { CHAPTER_3 } from './ch3-memory-tree.ts';
import { CHAPTER_4 } from './ch4-threads.ts';
import { CHAPTER_5 } from './ch5-sync.ts';
import { CHAPTER_6 } from './ch6-ipc.ts';

/** The campaign's levels as written (validated by ../index.ts). */
export const LEVEL_INPUTS: readonly LevelInput[] = [...CHAPTER_1, ...CHAPTER_2, ...CHAPTER_3, ...CHAPTER_4, ...CHAPTER_5, ...CHAPTER_6];
