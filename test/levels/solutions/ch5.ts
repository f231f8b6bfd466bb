// Scripted players for chapter 5 (synchronisation): a 3-star play and a failing play per level.
import type { PlayerScript } from '../../../shared/levels/index.ts';
import { nameOf, steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Serves alarm at once, but preempts a bank thread only between a store and its next load. */
const safeSwitch: PlayerScript = (s) => {
  const core = s.cores[0]!;
  const alarm = s.readyQueue.find((t) => nameOf(s, t) === 'alarm');
  if (core.running === null) {
    const again = s.readyQueue.find((t) => t === core.lastRan);
    const tid = alarm ?? again ?? s.readyQueue[0];
    return tid === undefined ? [] : [{ type: 'dispatch', core: 0, tid }];
  }
  return alarm !== undefined && s.threads[core.running]!.loaded === null
    ? [{ type: 'preempt', core: 0 }]
    : [];
};

/**
 * safeSwitch for a player whose move lands a tick later: reads the PC and preempts while the thread is
 * about to store (the store is done when the move lands), never while its next step is a load.
 */
const safeSwitchAhead: PlayerScript = (s) => {
  const core = s.cores[0]!;
  if (core.running === null) return safeSwitch(s);
  const t = s.threads[core.running]!;
  const next = t.program[t.pc];
  const alarm = s.readyQueue.find((x) => nameOf(s, x) === 'alarm');
  return alarm !== undefined && next?.op === 'store' ? [{ type: 'preempt', core: 0 }] : [];
};

/** Preempts for alarm the moment it is Ready, wherever the bank thread is in its deposit. */
const alarmAtOnce: PlayerScript = (s) => {
  const core = s.cores[0]!;
  const alarm = s.readyQueue.find((t) => nameOf(s, t) === 'alarm');
  if (core.running === null) {
    const tid = alarm ?? s.readyQueue.find((t) => t === core.lastRan) ?? s.readyQueue[0];
    return tid === undefined ? [] : [{ type: 'dispatch', core: 0, tid }];
  }
  return alarm !== undefined ? [{ type: 'preempt', core: 0 }] : [];
};

/** Switches threads at every tick, whatever they are doing. */
const hyperRoundRobin: PlayerScript = (s) => {
  const core = s.cores[0]!;
  if (core.running === null)
    return s.readyQueue.length > 0 ? [{ type: 'dispatch', core: 0, tid: s.readyQueue[0]! }] : [];
  return s.readyQueue.length > 0 && core.sliceUsed > 0 ? [{ type: 'preempt', core: 0 }] : [];
};

const deposit = ['load balance', 'add 1', 'store balance'];
const item = ['load made', 'add 1', 'store made', 'signal full'];

/** Chapter 5's proofs. */
export const CH5: Solutions = {
  // Preempts as soon as alarm is Ready, wherever the bank thread is.
  'race-timing': { good: () => safeSwitchAhead, poor: () => hyperRoundRobin, naive: () => alarmAtOnce },
  mutex: {
    good: () =>
      steer('bank', ['lock m', ...deposit, 'unlock m', 'cpu 2', 'lock m', ...deposit, 'unlock m', 'exit']),
    poor: () => steer('bank', [...deposit, 'cpu 2', ...deposit, 'exit']),
    // One lock around all of it, the receipt work too: correct, but the other thread waits meanwhile.
    naive: () => steer('bank', ['lock m', ...deposit, 'cpu 2', ...deposit, 'unlock m', 'exit']),
  },
  deadlock: {
    good: () =>
      steer('bank', [
        'lock b',
        'lock a',
        'load moved',
        'add 1',
        'store moved',
        'unlock a',
        'unlock b',
        'exit',
      ]),
    poor: () =>
      steer('bank', [
        'lock a',
        'lock b',
        'load moved',
        'add 1',
        'store moved',
        'unlock b',
        'unlock a',
        'exit',
      ]),
    naive: () =>
      steer('bank', [
        'lock a',
        'lock b',
        'load moved',
        'add 1',
        'store moved',
        'unlock b',
        'unlock a',
        'exit',
      ]),
  },
  'producer-consumer': {
    good: () => steer('shop', [...Array.from({ length: 4 }, () => ['wait empty', ...item]).flat(), 'exit']),
    poor: () => steer('shop', [...Array.from({ length: 4 }, () => item).flat(), 'exit']),
    naive: () => steer('shop', [...Array.from({ length: 4 }, () => item).flat(), 'exit']),
  },
};
