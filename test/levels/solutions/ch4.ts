// Scripted players for chapter 4 (threads): a 3-star play and a failing play per level.
import { byNames, dispatchBy, nameOf, preemptBy, steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Chapter 4's proofs. */
export const CH4: Solutions = {
  'hello-threads': {
    good: () => steer('hello', ['spawn greet', 'spawn greet', 'spawn greet', 'exit']),
    poor: () => steer('hello', ['fork greet', 'fork greet', 'fork greet', 'exit']),
    naive: () => steer('hello', ['fork greet', 'spawn greet', 'spawn greet', 'exit']),
  },
  'fork-or-thread': {
    good: () => steer('server', ['fork plugin', 'spawn counter', 'join', 'exit']),
    poor: () => steer('server', ['spawn plugin', 'spawn counter', 'exit']),
    // Forks everything to be safe: the counter then counts in its own copy of hits.
    naive: () => steer('server', ['fork plugin', 'fork counter', 'join', 'exit']),
  },
  'browser-tabs': {
    good: () => steer('browser', ['fork news', 'fork game', 'fork mail', 'join', 'exit']),
    poor: () => steer('browser', ['spawn news', 'spawn game', 'spawn mail', 'exit']),
    naive: () => steer('browser', ['fork news', 'fork game', 'fork mail', 'exit']),
  },
  'thread-switch': {
    // When a web thread blocks, the other web thread (a cheap thread switch); batch last, in one go.
    good: () => dispatchBy((s, tid) => (nameOf(s, tid) === 'web' ? 0 : 1)),
    // Round robin by hand: the head of the Ready queue, whoever's thread it is.
    naive: () => (s) =>
      s.cores[0]!.running === null && s.readyQueue.length > 0
        ? [{ type: 'dispatch', core: 0, tid: s.readyQueue[0]! }]
        : [],
    // Takes turns between the processes: every dispatch after the first is a full process switch.
    poor: () =>
      dispatchBy((s, tid) => {
        const last = s.cores[0]!.lastRan;
        return last !== null && s.threads[last]!.pid === s.threads[tid]!.pid ? 1 : 0;
      }),
  },
  'two-cores': {
    // Both cores busy, and ui put on a core the moment it can be.
    good: () => preemptBy(byNames('ui'), [0, 1]),
    poor: () => dispatchBy(() => 0, [0]),
    // Both cores, first come first served: ui waits behind the encoder.
    naive: () => dispatchBy(() => 0, [0, 1]),
  },
  'async-fetch': {
    good: () => steer('app', ['spawn getNews', 'spawn getMail', 'spawn getWeather', 'cpu 2', 'exit']),
    poor: () => steer('app', ['io news', 'io mail', 'io weather', 'cpu 2', 'exit']),
    // One request in the background, the rest one after another.
    naive: () => steer('app', ['spawn getNews', 'io mail', 'io weather', 'cpu 2', 'exit']),
  },
};
