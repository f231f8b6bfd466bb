// Which running thread a thread-role slot steers: the slot names a scenario process and a thread
// index (stable across rounds), the kernel numbers threads as they are created.
import type { KernelState } from '../kernel/types.ts';
import type { RoleSlot } from './types.ts';

/** The thread id a thread slot steers, or null while its process has not arrived (or for other roles). */
export function slotThreadId(state: KernelState, slot: RoleSlot): number | null {
  if (slot.role !== 'thread') return null;
  let best: { pid: number; tid: number } | null = null;
  for (const p of Object.values(state.processes)) {
    if (p.name !== slot.process) continue;
    const tid = p.threads[slot.thread];
    if (tid !== undefined && (best === null || p.pid < best.pid)) best = { pid: p.pid, tid };
  }
  return best?.tid ?? null;
}
