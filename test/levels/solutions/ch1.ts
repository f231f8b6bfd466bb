// Scripted players for chapter 1 (processes): a 3-star play and a failing play per level.
import { remainingWork } from '../../../shared/bots/index.ts';
import type { KernelState } from '../../../shared/kernel/index.ts';
import { byNames, dispatchBy, idle, preemptBy } from '../scripts.ts';
import type { Solutions } from './types.ts';

const work = (s: Readonly<KernelState>, tid: number) => remainingWork(s as KernelState, s.threads[tid]!);
const priority = (s: Readonly<KernelState>, tid: number) => s.processes[s.threads[tid]!.pid]!.priority;

/** Chapter 1's proofs. */
export const CH1: Solutions = {
  'boot-hello': {
    good: () => dispatchBy(byNames('shell', 'hello', 'backup')),
    poor: () => idle,
    // First come, first served: the shell's hellos wait behind the long backup.
    naive: () => dispatchBy(() => 0),
  },
  'first-dispatch': {
    good: () => dispatchBy(work),
    poor: () => dispatchBy((s, tid) => -work(s, tid)),
    naive: () => dispatchBy(() => 0),
  },
  'pcb-priority': {
    good: () => preemptBy(priority),
    poor: () => dispatchBy(() => 0),
    // Reads the priority but never preempts: music waits behind whatever runs when it comes back.
    naive: () => dispatchBy(priority),
  },
  'foreground-daemon': {
    good: () => preemptBy(byNames('vim', 'cron', 'build')),
    poor: () => dispatchBy(byNames('build', 'cron', 'vim')),
    // Level 3's recipe (the foreground first, the daemon last) without weighing cron's short turns.
    naive: () => preemptBy(byNames('vim', 'build', 'cron')),
  },
};
