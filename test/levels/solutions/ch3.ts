// Scripted players for chapter 3 (memory and the process family): a 3-star play and a failing play per level.
import { steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Chapter 3's proofs. */
export const CH3: Solutions = {
  'memory-leak': {
    good: () => steer('viewer', ['alloc 4', 'cpu 2', 'free 4', 'alloc 4', 'cpu 2', 'free 4', 'exit']),
    poor: () => steer('viewer', ['alloc 4', 'cpu 2', 'alloc 4', 'cpu 2', 'exit']),
    // Frees everything at the end: no leak, but both pictures in the heap at once.
    naive: () => steer('viewer', ['alloc 4', 'cpu 2', 'alloc 4', 'cpu 2', 'free 4', 'free 4', 'exit']),
  },
  'boot-tree': {
    good: () => steer('init', ['fork login', 'fork sshd', 'join', 'exit']),
    poor: () => steer('init', ['fork vim', 'fork sshd', 'join', 'exit']),
    // Boots the user's session and forgets the daemon.
    naive: () => steer('init', ['fork login', 'join', 'exit']),
  },
  'shell-ls': {
    good: () => steer('bash', ['fork child', 'join', 'fork child', 'join', 'exit']),
    poor: () => steer('bash', ['exec ls']),
    // Forks the command and forgets to wait for it: the prompt is back before ls has printed.
    naive: () => steer('bash', ['fork child', 'fork child', 'exit']),
  },
};
