// Plays every job no present human holds, once per tick, with the role bots (shared/bots botMoves); each slot's moves
// are applied before the next slot decides, so two bots never race for the same thread.
import { botMoves, type Policy } from '../../shared/bots/index.ts';
import type { InPlaceResult, KernelAction, KernelState } from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';

/** Lets the bots play every slot not in `humanSlots`; returns how many of their moves the kernel accepted. */
export function playBots(
  state: KernelState,
  slots: readonly RoleSlot[],
  humanSlots: ReadonlySet<string>,
  policy: Policy,
  apply: (action: KernelAction) => InPlaceResult,
): number {
  let accepted = 0;
  for (const slot of slots) {
    if (humanSlots.has(slot.key)) continue;
    for (const action of botMoves(state, slot, policy)) if (apply(action).ok) accepted++;
  }
  return accepted;
}

/** The policy the class's scheduler bot plays: round robin when the scenario has a timer, else FIFO. */
export function classPolicy(state: KernelState): Policy {
  return { kind: state.scenario.quantum > 0 ? 'rr' : 'fifo' };
}
