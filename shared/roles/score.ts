// Points for a player's accepted move, from the events it caused: a pure rule so the score a student
// sees, keeps across a reconnection and finds in the report is computed one way only.
import type { KernelEvent } from '../kernel/types.ts';

/** Points per kind of consequence: doing the job is worth a point, finishing work more, breaking the machine costs. */
export const SCORE_RULES = {
  accepted: 1,
  threadExited: 3,
  lostUpdate: -3,
  deadlock: -3,
  fault: -2,
  outOfOrder: -1,
} as const;

/** Points earned by one accepted action, given the events the kernel reported for it. */
export function scoreAction(events: readonly KernelEvent[]): number {
  let points = SCORE_RULES.accepted;
  for (const e of events) {
    if (e.type === 'thread-exited') points += SCORE_RULES.threadExited;
    else if (e.type === 'lost-update') points += SCORE_RULES.lostUpdate;
    else if (e.type === 'deadlock') points += SCORE_RULES.deadlock;
    else if (e.type === 'fault') points += SCORE_RULES.fault;
    else if (e.type === 'out-of-order') points += SCORE_RULES.outOfOrder;
  }
  return points;
}
