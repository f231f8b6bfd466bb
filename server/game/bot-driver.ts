// Plays every job no present human holds, once per tick, with the lead's role bots; each slot's moves
// are applied before the next slot decides, so two bots never race for the same thread.
import { deliveryBot, schedulerBot, threadBot, type Policy } from '../../shared/bots/index.ts';
import {
  legalMoves,
  type InPlaceResult,
  type KernelAction,
  type KernelState,
} from '../../shared/kernel/index.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';

/** The moves the bot for one slot would make now. */
export function botMoves(state: KernelState, slot: RoleSlot, policy: Policy): KernelAction[] {
  switch (slot.role) {
    case 'scheduler':
      return schedulerBot(state, policy, slot.cores);
    // a correct, prompt handler takes every legal move, oldest interrupt first (legalMoves' order)
    case 'interrupt':
      return legalMoves(state, slot);
    case 'ipc':
      return deliveryBot(state, [slot.channel]);
    case 'thread': {
      const tid = slotThreadId(state, slot);
      return tid === null ? [] : threadBot(state, tid);
    }
  }
}

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
