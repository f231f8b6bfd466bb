// Scripted players for chapter 2 (sharing one CPU): a 3-star play and a failing play per level.
import { remainingWork } from '../../../shared/bots/index.ts';
import type { KernelAction, KernelState } from '../../../shared/kernel/index.ts';
import type { PlayerScript } from '../../../shared/levels/index.ts';
import { byNames, dispatchBy, handleAll, idle, nameOf, preemptBy } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Keeps the core on the thread it last ran while that one is Ready (no switch), else ping, else the queue's head. */
const stayPut: PlayerScript = (s) => {
  const core = s.cores[0]!;
  if (core.running !== null || s.readyQueue.length === 0) return [];
  const again = s.readyQueue.find((t) => t === core.lastRan);
  const ping = s.readyQueue.find((t) => nameOf(s, t) === 'ping');
  return [{ type: 'dispatch', core: 0, tid: again ?? ping ?? s.readyQueue[0]! }];
};

/** Keeps the core on the thread it last ran, else the queue's head: no switch wasted, but ping waits. */
const stayPutOnly: PlayerScript = (s) => {
  const core = s.cores[0]!;
  if (core.running !== null || s.readyQueue.length === 0) return [];
  return [
    { type: 'dispatch', core: 0, tid: s.readyQueue.find((t) => t === core.lastRan) ?? s.readyQueue[0]! },
  ];
};

/**
 * Weighs each interrupt: an I/O completion at once (its thread is stuck until then); a timer only when
 * a Ready thread is waiting and the running one has more than two ticks left (else it ends by
 * itself and a switch is saved), or when it has pended long enough to count as unhandled soon.
 */
const weighInterrupts: PlayerScript = (s) =>
  s.interrupts
    .filter((i) => {
      if (i.kind !== 'timer') return true;
      if (s.tick - i.raisedAt >= s.scenario.interruptBound - 1) return true;
      const t = s.threads[i.tid]!;
      return s.readyQueue.length > 0 && remainingWork(s as KernelState, t) > 2;
    })
    .map((i): KernelAction => ({ type: 'handle-interrupt', id: i.id }));

/** Round robin by hand: always the head of the Ready queue. */
const headOfQueue: PlayerScript = (s) =>
  s.cores[0]!.running === null && s.readyQueue.length > 0
    ? [{ type: 'dispatch', core: 0, tid: s.readyQueue[0]! }]
    : [];

/** Runs db alone until it has ended, leaving the core idle while it is Blocked. */
const dbOnly: PlayerScript = (s: Readonly<KernelState>) => {
  const db = Object.values(s.processes).find((p) => p.name === 'db');
  const dbAlive = db && !db.terminated;
  return dispatchBy(byNames('db', 'calc'))(s).filter(
    (a) => a.type !== 'dispatch' || !dbAlive || nameOf(s, a.tid) === 'db',
  );
};

/** Chapter 2's proofs. */
export const CH2: Solutions = {
  'time-slice': { good: () => weighInterrupts, poor: () => idle, naive: () => handleAll },
  'io-wait': {
    good: () => preemptBy(byNames('db', 'calc')),
    poor: () => dbOnly,
    naive: () => dispatchBy(byNames('db', 'calc')),
  },
  'io-interrupt': { good: () => weighInterrupts, poor: () => idle, naive: () => handleAll },
  'context-switch': { good: () => stayPut, poor: () => headOfQueue, naive: () => stayPutOnly },
};
