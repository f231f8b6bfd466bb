// The wait-for cycle a deadlock freezes the machine view on (waitForCycles), and a semaphore's shelf of
// permits (semaphoreShelf): what the server projects and the views draw, computed once in shared/.
import { describe, expect, it } from 'vitest';
import { deadlockCycles, semaphoreShelf, waitForCycles } from '../../shared/kernel/index.ts';
import { machine } from './harness.ts';

describe('waitForCycles', () => {
  it('is empty until a lock waiter waits for a holder that waits too', () => {
    const m = machine({
      cores: 2,
      processes: [
        { name: 'A', program: ['lock a', 'cpu 3', 'unlock a'] },
        { name: 'B', program: ['lock a'] },
      ],
    });
    m.dispatch(0, 1).tick(1).dispatch(1, 2).tick(1);
    expect(m.thread(2).state).toBe('blocked');
    expect(waitForCycles(m.s)).toEqual([]);
  });

  it('gives the cycle in the order it closes, thread → the lock it waits for → its holder, from the smallest thread', () => {
    const m = machine({
      cores: 2,
      processes: [
        {
          name: 'A',
          threads: [
            { program: ['lock a', 'cpu 1', 'lock b', 'unlock b', 'unlock a'] },
            { program: ['lock b', 'cpu 1', 'lock a', 'unlock a', 'unlock b'] },
          ],
        },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(1);
    expect(waitForCycles(m.s)).toEqual([
      [
        { tid: 1, lock: 'b', holder: 2 },
        { tid: 2, lock: 'a', holder: 1 },
      ],
    ]);
    expect(deadlockCycles(m.s)).toEqual([[1, 2]]);
  });

  it('follows a cycle of three around, and leaves out a thread that only waits into it', () => {
    const m = machine({
      cores: 4,
      processes: [
        { name: 'A', program: ['lock a', 'cpu 1', 'lock b'] },
        { name: 'B', program: ['lock b', 'cpu 1', 'lock c'] },
        { name: 'C', program: ['lock c', 'cpu 1', 'lock a'] },
        { name: 'D', program: ['cpu 1', 'lock c'] },
      ],
    });
    m.dispatch(0, 3).dispatch(1, 2).dispatch(2, 1).dispatch(3, 4).tick(3);
    expect(m.thread(4).state).toBe('blocked');
    expect(waitForCycles(m.s)).toEqual([
      [
        { tid: 1, lock: 'b', holder: 2 },
        { tid: 2, lock: 'c', holder: 3 },
        { tid: 3, lock: 'a', holder: 1 },
      ],
    ]);
  });
});

describe('semaphoreShelf', () => {
  it('has the initial value as slots, the value filled, and grows when signals pass it', () => {
    const m = machine({
      cores: 1,
      semaphores: { empty: 2 },
      processes: [
        { name: 'A', program: ['wait empty', 'cpu 2', 'signal empty', 'cpu 2', 'signal empty', 'cpu 1'] },
      ],
    });
    expect(semaphoreShelf(m.s, 'empty')).toEqual({ slots: 2, available: 2 });
    m.dispatch(0, 1).tick(1);
    expect(semaphoreShelf(m.s, 'empty')).toEqual({ slots: 2, available: 1 });
    m.tick(2);
    expect(semaphoreShelf(m.s, 'empty')).toEqual({ slots: 2, available: 2 });
    m.tick(2);
    expect(m.s.semaphores.empty!.value).toBe(3);
    expect(semaphoreShelf(m.s, 'empty')).toEqual({ slots: 3, available: 3 });
  });
});
