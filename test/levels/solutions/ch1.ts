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
  },
  'first-dispatch': {
    good: () => dispatchBy(work),
    poor: () => dispatchBy((s, tid) => -work(s, tid)),
  },
  'pcb-priority': {
    good: () => preemptBy(priority),
    poor: () => dispatchBy(() => 0),
  },
  'foreground-daemon': {
    good: () => preemptBy(byNames('vim', 'cron', 'build')),
    poor: () => dispatchBy(byNames('build', 'cron', 'vim')),
  },
};
