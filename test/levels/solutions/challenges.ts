// Scripted players for the challenges: for each, the play of a player who thinks (it must reach three
// stars with the one-tick reaction delay) and the plausible plays that do not weigh the decision (they
// must fail early, with no star), besides doing nothing.
import type { KernelState, Thread } from '../../../shared/kernel/index.ts';
import { zombies, type PlayerScript } from '../../../shared/levels/index.ts';
import { dispatchBy, handleAll, steerBy } from '../scripts.ts';

/** The instruction a steered thread chose last (what it is doing or has just done). */
function lastOp(t: Thread): string | null {
  return t.program.at(-1)?.op ?? null;
}

/** The channel of the last instruction chosen, when it was a recv. */
function lastRecv(t: Thread): string | null {
  const i = t.program.at(-1);
  return i?.op === 'recv' ? i.channel : null;
}

/** Children of this thread's process that have not ended yet. */
function liveChildren(s: Readonly<KernelState>, t: Thread): number {
  return Object.values(s.processes).filter((p) => p.ppid === t.pid && !p.terminated).length;
}

/** Messages a channel holds (travelling or waiting to be read). */
function held(s: Readonly<KernelState>, name: string): number {
  const c = s.channels[name]!;
  return c.inFlight.length + c.buffer.length;
}

/** A scheduler for two cores that never runs two threads of one process at once (no race between them). */
function apart(cores: number[]): PlayerScript {
  return (s) => {
    for (const c of cores) {
      if (s.cores[c]!.running !== null) continue;
      const others = cores
        .filter((o) => o !== c)
        .map((o) => s.cores[o]!.running)
        .filter((tid): tid is number => tid !== null)
        .map((tid) => s.threads[tid]!.pid);
      const best = [...s.readyQueue]
        .filter((tid) => !others.includes(s.threads[tid]!.pid))
        .sort((a, b) => a - b)[0];
      if (best !== undefined) return [{ type: 'dispatch', core: c, tid: best }];
    }
    return [];
  };
}

/** Challenge id → the thinking play and the naive plays. */
export const CHALLENGE_PLAYS: Record<
  string,
  { thinking: () => PlayerScript; naive: (() => PlayerScript)[] }
> = {
  'challenge-scheduler': { thinking: () => dispatchBy(() => 0), naive: [] },
  'challenge-interrupts': { thinking: () => handleAll, naive: [] },
  'challenge-cores': { thinking: () => dispatchBy(() => 0, [0, 1]), naive: [] },
  'challenge-fork-server': {
    // Fork for each request; join the moment no child is alive (join returns at once), or when the
    // children not yet reaped would reach four.
    thinking: () =>
      steerBy('server', (s, t) => {
        if (lastOp(t) === 'recv') return 'fork worker';
        const z = zombies(s as KernelState);
        const live = liveChildren(s, t);
        if (z > 0 && live === 0) return 'join';
        if (z + live >= 4) return 'join';
        return 'recv req';
      }),
    naive: [
      // Fork and never reap: the zombies pile up.
      () => steerBy('server', (_s, t) => (lastOp(t) === 'recv' ? 'fork worker' : 'recv req')),
      // Wait for each child at once (like a foreground command): the requests pile up meanwhile.
      () =>
        steerBy('server', (_s, t) =>
          lastOp(t) === 'recv' ? 'fork worker' : lastOp(t) === 'fork' ? 'join' : 'recv req',
        ),
    ],
  },
  'challenge-races': {
    thinking: () => apart([0, 1]),
    naive: [
      // Both cores filled in arrival order: the bank's two threads race.
      () => dispatchBy(() => 0, [0, 1]),
      // Safe by using one core only: the Ready queue grows until a thread starves.
      () => dispatchBy(() => 0, [0]),
    ],
  },
  'challenge-queues': {
    // Read a queue that has a message, the small alerts queue first; with both empty, wait 2 ticks at most.
    thinking: () =>
      steerBy('logd', (s) => {
        if (held(s, 'alerts') > 0) return 'recv alerts';
        if (held(s, 'logs') > 0) return 'recv logs';
        return 'recv logs 2';
      }),
    naive: [
      // Always the busy queue: the alerts overflow.
      () => steerBy('logd', () => 'recv logs'),
      // Always the urgent queue: the logs overflow.
      () => steerBy('logd', () => 'recv alerts'),
      // Taking turns without looking: it waits on an empty queue while the other fills.
      () => steerBy('logd', (_s, t) => (lastRecv(t) === 'logs' ? 'recv alerts' : 'recv logs')),
    ],
  },
};
