// Scripted players for chapter 6 (IPC): a 3-star play and a failing play per level.
import { both, deliverInOrder, deliverNewestFirst, steer } from '../scripts.ts';
import type { Solutions } from './types.ts';

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
    good: () => deliverInOrder(['p']),
    poor: () => deliverNewestFirst(['p']),
    naive: () => deliverInOrder(['p']),
  },
  'named-pipe': {
    good: () => steer('editor', ['send srv save', 'recv reply', 'exit']),
    poor: () => steer('editor', ['send p save', 'recv reply', 'exit']),
    naive: () => steer('editor', ['send p save', 'send srv save', 'recv reply', 'exit']),
  },
  'message-queue': {
    good: () => deliverInOrder(['jobs']),
    poor: () => deliverNewestFirst(['jobs']),
    naive: () => deliverInOrder(['jobs']),
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
  sockets: {
    good: () => deliverInOrder(['chat', 'video']),
    poor: () => deliverNewestFirst(['chat', 'video']),
    naive: () => deliverInOrder(['chat', 'video']),
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
