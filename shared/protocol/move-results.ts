// Which of the kernel's events says a player's move took effect: the event the kernel emits when it
// applies that move (shared/kernel/actions.ts, interrupts.ts, ipc.ts). The screen-reader mirror
// announces it as the move's result; a test applies every legal move and checks its event is found.
import type { KernelEvent } from '../kernel/types.ts';
import type { MovePayloads, PlayerMove, PlayerMoveType } from './actions.ts';

type Answers = {
  [K in PlayerMoveType]: (p: MovePayloads[K], e: KernelEvent, tid: number) => boolean;
};

const ANSWERS: Answers = {
  dispatch: (p, e) => e.type === 'dispatched' && e.core === p.core && e.tid === p.tid,
  preempt: (p, e) => e.type === 'preempted' && e.core === p.core && e.by === 'scheduler',
  replace: (p, e) => e.type === 'dispatched' && e.core === p.core && e.tid === p.tid,
  'handle-interrupt': (p, e) => e.type === 'interrupt-handled' && e.id === p.id,
  // the kernel writes the instruction back in its own format: the thread is what identifies the choice
  choose: (_p, e, tid) => e.type === 'chosen' && e.tid === tid,
  deliver: (p, e) => e.type === 'message-delivered' && e.message === p.message,
};

/** Whether `event` is the kernel's answer to `move` (made by the job whose thread is `tid`, -1 for none). */
export function answersMove(move: PlayerMove, event: KernelEvent, tid: number): boolean {
  const answers = ANSWERS[move.type] as (p: unknown, e: KernelEvent, tid: number) => boolean;
  return answers(move.payload, event, tid);
}
