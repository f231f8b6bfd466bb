// Scripted players for chapter 3 (memory and the process family): a 3-star play and a failing play per level.
import { steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Chapter 3's proofs. */
export const CH3: Solutions = {
  'memory-leak': {
    good: () => steer('viewer', ['alloc 4', 'cpu 2', 'free 4', 'alloc 4', 'cpu 2', 'free 4', 'exit']),
    poor: () => steer('viewer', ['alloc 4', 'cpu 2', 'alloc 4', 'cpu 2', 'exit']),
  },
  'boot-tree': {
    good: () => steer('init', ['fork login', 'fork sshd', 'join', 'exit']),
    poor: () => steer('init', ['fork vim', 'fork sshd', 'join', 'exit']),
  },
  'shell-ls': {
    good: () => steer('bash', ['fork child', 'join', 'fork child', 'join', 'exit']),
    poor: () => steer('bash', ['exec ls']),
  },
};
