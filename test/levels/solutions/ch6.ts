// Scripted players for chapter 6 (IPC): a 3-star play and a failing play per level.
import { both, deliverInOrder, deliverNewestFirst, deliverWhen, steer, writerStopped } from '../scripts.ts';
import type { KernelState } from '../../../shared/kernel/index.ts';
import type { Solutions } from './types.ts';

const FRAMES = ['f1', 'f2', 'f3', 'f4'];
/** The UDP socket has lost a datagram (the player sees its channel flash). */
const udpLost = (s: Readonly<KernelState>) => (s.channels['udp']?.dropped ?? 0) >= 1;

const viaShm = {
  producer: [
    'send shmbox m1',
    'signal full',
    'wait empty',
    'send shmbox m2',
    'signal full',
    'wait empty',
    'send shmbox m3',
    'signal full',
    'exit',
  ],
  consumer: [
    'wait full',
    'recv shmbox',
    'signal empty',
    'wait full',
    'recv shmbox',
    'signal empty',
    'wait full',
    'recv shmbox',
    'exit',
  ],
};

/** Chapter 6's proofs. */
export const CH6: Solutions = {
  'anonymous-pipe': {
    // Let the lines gather in the pipe and wake wc once, when ls has written them all (or must wait).
    good: () => deliverWhen(['p'], (s) => writerStopped(s, 'ls')),
    poor: () => deliverNewestFirst(['p']),
    // Every line handed over the moment it is written: wc takes turns with ls (1 star, 84 ticks).
    naive: () => deliverInOrder(['p']),
    // Two lines at a time: still two wake-ups (1 star, 80 ticks).
    alsoNaive: [() => deliverWhen(['p'], (s) => (s.channels['p']?.inFlight.length ?? 0) >= 2)],
  },
  'named-pipe': {
    good: () => steer('editor', ['send srv save', 'recv reply', 'exit']),
    poor: () => steer('editor', ['send p save', 'recv reply', 'exit']),
    naive: () => steer('editor', ['send p save', 'send srv save', 'recv reply', 'exit']),
  },
  'message-queue': {
    // The user's message at once; the print jobs held until office has sent them all, then together.
    good: () =>
      both(
        deliverInOrder(['inbox']),
        deliverWhen(['jobs'], (s) => writerStopped(s, 'office')),
      ),
    poor: () => both(deliverInOrder(['inbox']), deliverNewestFirst(['jobs'])),
    // Every message the moment it is due: the printer wakes for each job (1 star, 124 ticks).
    naive: () => deliverInOrder(['jobs', 'inbox']),
    alsoNaive: [
      // The lesson of the pipe applied to both queues: the user's message waits with the jobs (1 star).
      () => deliverWhen(['jobs', 'inbox'], (s) => writerStopped(s, 'office') && writerStopped(s, 'friend')),
      // The jobs two at a time: still two wake-ups, and the printer keeps the user's message waiting.
      () =>
        both(
          deliverInOrder(['inbox']),
          deliverWhen(
            ['jobs'],
            (s) => (s.channels['jobs']?.inFlight.length ?? 0) >= 2 || writerStopped(s, 'office'),
          ),
        ),
    ],
  },
  'shared-memory': {
    good: () =>
      steer('writer', [
        'send name kim',
        'signal ready',
        'wait done',
        'send name lee',
        'signal ready',
        'exit',
      ]),
    poor: () => steer('writer', ['send name kim', 'send name lee', 'signal ready', 'signal ready', 'exit']),
    naive: () =>
      steer('writer', [
        'send name kim',
        'signal ready',
        'cpu 1',
        'cpu 1',
        'cpu 1',
        'send name lee',
        'signal ready',
        'exit',
      ]),
  },
  // seed 5: the second UDP datagram (f2) is lost the tick it is sent; the player sees the flash and sends it again
  sockets: {
    good: () =>
      both(
        steer('server', [...FRAMES.map((f) => `send udp ${f}`), udpLost, 'send udp f2', 'exit']),
        steer('viewer', [...FRAMES.map(() => 'recv udp 2'), udpLost, 'recv udp 2', 'exit']),
      ),
    // Every frame wrongly waited for on the other socket: the viewer never gets one.
    poor: () =>
      both(
        steer('server', [...FRAMES.map((f) => `send udp ${f}`), 'exit']),
        steer('viewer', [...FRAMES.map(() => 'recv tcp'), 'exit']),
      ),
    // Safe but slow: everything by TCP (2 stars).
    naive: () =>
      both(
        steer('server', [...FRAMES.map((f) => `send tcp ${f}`), 'exit']),
        steer('viewer', [...FRAMES.map(() => 'recv tcp'), 'exit']),
      ),
    alsoNaive: [
      // Quick but careless: everything by UDP, the lost frame never sent again (1 star).
      () =>
        both(
          steer('server', [...FRAMES.map((f) => `send udp ${f}`), 'exit']),
          steer('viewer', [...FRAMES.map(() => 'recv udp 2'), 'exit']),
        ),
      // The lost frame sent again by TCP: safe, but its latency costs the third star.
      () =>
        both(
          steer('server', [...FRAMES.map((f) => `send udp ${f}`), udpLost, 'send tcp f2', 'exit']),
          steer('viewer', [...FRAMES.map(() => 'recv udp 2'), udpLost, 'recv tcp', 'exit']),
        ),
    ],
  },
  'fastest-ipc': {
    good: () => both(steer('producer', viaShm.producer), steer('consumer', viaShm.consumer)),
    // The message queue: a sound choice, but not the fastest.
    naive: () =>
      both(
        steer('producer', ['send mq1 m1', 'send mq1 m2', 'send mq1 m3', 'exit']),
        steer('consumer', ['recv mq1', 'recv mq1', 'recv mq1', 'exit']),
      ),
    poor: () =>
      both(
        steer('producer', ['send file1 m1', 'send file1 m2', 'send file1 m3', 'exit']),
        steer('consumer', ['recv file1', 'recv file1', 'recv file1', 'exit']),
      ),
  },
};
