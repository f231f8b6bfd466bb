// What a job may do now: every move the kernel would accept from the holder of one role slot, in a
// fixed order. Bots, the action bar (through the projection) and the property tests read this one
// list, so nothing a player may do can be unreachable and nothing offered is refused.
import type { RoleSlot } from '../roles/types.ts';
import { slotThreadId } from '../roles/slot-thread.ts';
import { MAX_PLAN, locksHeldAfterPlan } from './actions.ts';
import { formatInstr } from './program.ts';
import type { KernelAction, KernelState } from './types.ts';

/** The kernel actions the holder of `slot` may take now; each one is accepted if applied alone to `state`. */
export function legalMoves(s: KernelState, slot: RoleSlot): KernelAction[] {
  switch (slot.role) {
    case 'scheduler': {
      const out: KernelAction[] = [];
      for (const c of slot.cores) {
        const core = s.cores[c];
        if (!core) continue;
        if (core.running === null)
          for (const tid of s.readyQueue) out.push({ type: 'dispatch', core: c, tid });
        else {
          out.push({ type: 'preempt', core: c });
          for (const tid of s.readyQueue) out.push({ type: 'replace', core: c, tid });
        }
      }
      return out;
    }
    case 'interrupt':
      if (s.scenario.auto.interrupts) return [];
      return [...s.interrupts]
        .sort((a, b) => a.raisedAt - b.raisedAt || a.id - b.id)
        .map((i) => ({ type: 'handle-interrupt', id: i.id }));
    case 'ipc': {
      const c = s.channels[slot.channel];
      if (!c || s.scenario.auto.delivery) return [];
      // oldest first: the order a channel that keeps order would deliver in
      return c.inFlight
        .filter((m) => m.readyAt <= s.tick)
        .sort((a, b) => a.seq - b.seq)
        .map((m) => ({ type: 'deliver', channel: slot.channel, message: m.id }));
    }
    case 'thread': {
      const tid = slotThreadId(s, slot);
      const t = tid === null ? undefined : s.threads[tid];
      if (!t || !t.steered || t.state === 'terminated' || t.program.length - t.pc >= MAX_PLAN) return [];
      const held = locksHeldAfterPlan(t);
      const seen = new Set<string>();
      const out: KernelAction[] = [];
      for (const i of t.palette) {
        const instr = formatInstr(i);
        if (seen.has(instr) || (i.op === 'unlock' && !held.has(i.name))) continue;
        seen.add(instr);
        out.push({ type: 'choose', tid: t.tid, instr });
      }
      return out;
    }
  }
}

/**
 * True when the machine waits on the holder of `slot`: a legal move is one the machine needs (a dispatch
 * onto an idle core, an interrupt, a message, a thread's next instruction), not an optional preempt.
 * The activity prompts and the grace-time bot read this.
 */
export function awaitsMove(s: KernelState, slot: RoleSlot): boolean {
  return legalMoves(s, slot).some((a) => a.type !== 'preempt');
}
