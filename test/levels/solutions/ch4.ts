// Scripted players for chapter 4 (threads): a 3-star play and a failing play per level.
import { dispatchBy, steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

/** Chapter 4's proofs. */
export const CH4: Solutions = {
  'hello-threads': {
    good: () => steer('hello', ['spawn greet', 'spawn greet', 'spawn greet', 'exit']),
    poor: () => steer('hello', ['fork greet', 'fork greet', 'fork greet', 'exit']),
  },
  'fork-or-thread': {
    good: () => steer('server', ['fork plugin', 'spawn counter', 'join', 'exit']),
    poor: () => steer('server', ['spawn plugin', 'spawn counter', 'exit']),
  },
  'browser-tabs': {
    good: () => steer('browser', ['fork news', 'fork game', 'fork mail', 'join', 'exit']),
    poor: () => steer('browser', ['spawn news', 'spawn game', 'spawn mail', 'exit']),
  },
  'two-cores': {
    good: () => dispatchBy(() => 0, [0, 1]),
    poor: () => dispatchBy(() => 0, [0]),
  },
  'async-fetch': {
    good: () => steer('app', ['spawn getNews', 'spawn getMail', 'spawn getWeather', 'cpu 2', 'exit']),
    poor: () => steer('app', ['io news', 'io mail', 'io weather', 'cpu 2', 'exit']),
  },
};
