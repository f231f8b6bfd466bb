// Every instruction of DESIGN §1 on literal machines, and the detectors that watch them.
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../shared/kernel/index.ts';
import { machine } from './harness.ts';

describe('memory instructions', () => {
  it('load/add/store is a three-tick read-modify-write', () => {
    const m = machine({
      processes: [{ name: 'A', vars: { x: 5 }, program: ['load x', 'add 2', 'store x'] }],
    }).dispatch(0, 1);
    m.tick(3);
    expect(m.proc(1).vars.x).toBe(7);
    expect(m.proc(1).completion).toBe(3);
  });

  it('two threads interleaving an unlocked increment lose an update, and the event names both', () => {
    const m = machine({
      cores: 2,
      processes: [
        {
          name: 'bank',
          vars: { balance: 0 },
          threads: [
            { program: ['load balance', 'add 1', 'store balance'] },
            { program: ['load balance', 'add 1', 'store balance'] },
          ],
        },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(3);
    expect(m.proc(1).vars.balance).toBe(1);
    const lost = m.of('lost-update');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ var: 'balance', tid: 2, overwritten: 1, pid: 1 });
    expect(describeEvent(lost[0]!, m.s, 'en')).toBe(
      "Race! P1·T2 overwrote P1·T1's update to balance (a lost update)",
    );
  });

  it('the same increment under a lock loses nothing', () => {
    const inc = ['lock m', 'load balance', 'add 1', 'store balance', 'unlock m'];
    const m = machine({
      cores: 2,
      processes: [{ name: 'bank', vars: { balance: 0 }, threads: [{ program: inc }, { program: inc }] }],
    });
    m.dispatch(0, 1).dispatch(1, 2);
    expect(m.thread(2).blocked).toEqual({ on: 'lock', name: 'm' });
    m.tick(3);
    expect(m.thread(2).state).toBe('ready'); // the unlock handed the lock to the waiter
    expect(m.s.locks.m!.owner).toBe(2);
    m.dispatch(1, 2).tick(3);
    expect(m.proc(1).vars.balance).toBe(2);
    expect(m.of('lost-update')).toHaveLength(0);
  });

  it('shared-memory variables are visible across processes at once and race the same way', () => {
    const prog = ['load seg.count', 'add 1', 'store seg.count'];
    const m = machine({
      cores: 2,
      sharedMemory: { seg: { count: 10 } },
      processes: [
        { name: 'A', shm: ['seg'], program: prog },
        { name: 'B', shm: ['seg'], program: prog },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(3);
    expect(m.s.sharedMemory.seg!.vars.count).toBe(11);
    expect(m.of('lost-update')).toHaveLength(1);
  });

  it('alloc grows the heap, free shrinks it, and exiting with heap left is a leak', () => {
    const m = machine({
      processes: [
        { name: 'A', program: ['alloc 3', 'free 1'] },
        { name: 'B', program: ['alloc 2', 'free 2'] },
      ],
    });
    m.dispatch(0, 1); // an instruction takes effect when reached, then owes its tick
    expect(m.proc(1).memory.heap).toBe(3);
    m.tick(1);
    expect(m.proc(1).memory.heap).toBe(2);
    m.tick(1);
    expect(m.of('leak')).toEqual([expect.objectContaining({ pid: 1, pages: 2 })]);
    m.dispatch(0, 2).tick(2);
    expect(m.of('leak')).toHaveLength(1);
    expect(m.s.counters.leaks).toBe(1);
  });
});

describe('process instructions', () => {
  it('fork creates a child with a new PID, PPID = parent, copy-on-write pages, and runs the rest of the program in both', () => {
    const m = machine({
      processes: [{ name: 'shell', vars: { v: 1 }, program: ['fork', 'cpu 1'] }],
    }).dispatch(0, 1);
    const child = m.proc(3);
    expect(child.ppid).toBe(2);
    expect(m.proc(1)).toMatchObject({ name: 'init', system: true, children: [2] }); // the kernel's init: shell is its child
    expect(m.proc(2).children).toEqual([3]);
    expect(child.vars).toEqual({ v: 1 });
    expect(child.memory.cowPages).toBeGreaterThan(0);
    expect(m.thread(2).program.map((i) => i.op)).toEqual(['cpu']);
    expect(m.of('forked')).toEqual([expect.objectContaining({ parent: 2, child: 3 })]);
  });

  it('a write after fork copies the shared pages (copy-on-write) and the parent keeps its own value', () => {
    const m = machine({
      programs: { child: ['load v', 'add 5', 'store v'] },
      processes: [{ name: 'p', vars: { v: 1 }, program: ['fork child', 'cpu 5'] }],
    });
    m.dispatch(0, 1).act({ type: 'preempt', core: 0 }).dispatch(0, 2).tick(3);
    expect(m.of('cow-copy')).toEqual([expect.objectContaining({ pid: 3 })]);
    expect(m.proc(3).vars.v).toBe(6);
    expect(m.proc(2).vars.v).toBe(1);
    expect(m.proc(3).memory.cowPages).toBe(0);
  });

  it('the shell runs ls: fork, exec in the child, join in the parent', () => {
    const m = machine({
      programs: {
        ls: { instructions: ['cpu 2', 'io disk 1', 'cpu 1'], code: 3, data: 2 },
        child: ['exec ls'],
      },
      devices: { disk: 1 },
      processes: [{ name: 'bash', program: ['fork child', 'join', 'cpu 1'] }],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).blocked).toEqual({ on: 'join' });
    m.dispatch(0, 2);
    expect(m.proc(3).name).toBe('ls');
    expect(m.proc(3).memory).toMatchObject({ code: 3, data: 2, heap: 0, cowPages: 0 });
    expect(m.of('exec')).toEqual([expect.objectContaining({ pid: 3, program: 'ls' })]);
    m.tick(2).tick(1).dispatch(0, 2).tick(1);
    expect(m.proc(3).terminated).toBe(true);
    expect(m.thread(1).state).toBe('ready');
    m.dispatch(0, 1).tick(1);
    expect(m.proc(2).terminated).toBe(true);
  });

  it('spawn adds a thread to the same process with its own stack, sharing the data', () => {
    const m = machine({
      programs: { worker: ['load n', 'add 1', 'store n'] },
      processes: [{ name: 'A', vars: { n: 0 }, program: ['spawn worker', 'cpu 1'] }],
    });
    m.dispatch(0, 1);
    expect(m.proc(1).threads).toEqual([1, 2]);
    expect(m.proc(1).memory.stack).toBe(2);
    m.tick(1).dispatch(0, 2).tick(3);
    expect(m.proc(1).vars.n).toBe(1);
  });

  it('a fault kills every thread of its process and no other process', () => {
    const m = machine({
      cores: 3,
      processes: [
        { name: 'browser', threads: [{ program: ['cpu 1', 'fault'] }, { program: ['cpu 9'] }] },
        { name: 'renderer', program: ['cpu 9'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3).tick(1);
    expect(m.proc(1).terminated).toBe(true);
    expect(m.proc(1).faulted).toBe(true);
    expect(m.thread(2).state).toBe('terminated');
    expect(m.s.cores[1]!.running).toBeNull();
    expect(m.thread(3).state).toBe('running');
    expect(m.s.counters.faults).toBe(1);
  });

  it('orphans are adopted by the first process (init)', () => {
    const m = machine({
      programs: { kid: ['cpu 5'] },
      processes: [
        { name: 'init', program: ['cpu 20'] },
        { name: 'login', parent: 'init', program: ['fork kid', 'exit'] },
      ],
    });
    m.dispatch(0, 2);
    expect(m.proc(2).terminated).toBe(true);
    expect(m.proc(3).ppid).toBe(1);
  });
});

describe('synchronisation', () => {
  it('wait/signal on a semaphore blocks at zero and hands the permit to the first waiter', () => {
    const m = machine({
      cores: 2,
      semaphores: { items: 0 },
      processes: [
        { name: 'consumer', program: ['wait items', 'cpu 1'] },
        { name: 'producer', program: ['cpu 1', 'signal items'] },
      ],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).blocked).toEqual({ on: 'semaphore', name: 'items' });
    m.dispatch(0, 2).tick(1);
    expect(m.thread(1).state).toBe('ready');
    expect(m.s.semaphores.items!.value).toBe(0);
  });

  it('detects a deadlock as a cycle in the wait-for graph, once', () => {
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
    expect(m.of('deadlock')).toEqual([expect.objectContaining({ tids: [1, 2] })]);
    m.tick(5);
    expect(m.of('deadlock')).toHaveLength(1);
    expect(describeEvent(m.of('deadlock')[0]!, m.s, 'en')).toBe(
      "Deadlock! P1·T1, P1·T2 wait for each other's locks",
    );
  });

  it('a deadlock broken by killing one of its threads frees the others, and a new cycle among them is reported', () => {
    // T1 → T2 → T3 → T1; killing P3 releases c, so T2 can go on, hands b to T1 and then waits for a,
    // which T1 holds while it waits for c, which T2 holds: a second cycle, T1 ⇄ T2
    const m = machine({
      cores: 3,
      processes: [
        { name: 'A', program: ['lock a', 'cpu 1', 'lock b', 'cpu 1', 'lock c'] },
        { name: 'B', program: ['lock b', 'cpu 1', 'lock c', 'unlock b', 'lock a'] },
        { name: 'C', program: ['lock c', 'cpu 1', 'lock a'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3).tick(3);
    expect(m.of('deadlock').map((e) => e.tids)).toEqual([[1, 2, 3]]);
    m.act({ type: 'kill', pid: 3 });
    expect(m.s.locks.c!.owner).toBe(2);
    expect(m.thread(2).state).toBe('ready');
    m.dispatch(1, 2).tick(1);
    expect(m.s.locks.b!.owner).toBe(1);
    m.dispatch(0, 1).tick(3);
    expect(m.of('deadlock').map((e) => e.tids)).toEqual([
      [1, 2, 3],
      [1, 2],
    ]);
    expect(m.s.counters.deadlocks).toBe(2);
  });

  it('unlocking a lock the thread does not hold faults the process', () => {
    const m = machine({ processes: [{ name: 'A', program: ['unlock m'] }] }).dispatch(0, 1);
    expect(m.of('fault')[0]).toMatchObject({ why: 'unlock-not-held' });
    expect(m.proc(1).terminated).toBe(true);
  });

  it('reports starvation when a Ready thread waits longer than the bound', () => {
    const m = machine({
      starvationBound: 3,
      processes: [
        { name: 'hog', length: 10 },
        { name: 'B', length: 1 },
      ],
    })
      .dispatch(0, 1)
      .tick(4);
    expect(m.of('starvation')).toEqual([expect.objectContaining({ tid: 2, waited: 4 })]);
  });
});

describe('steered threads (the thread role)', () => {
  const steered = {
    processes: [
      {
        name: 'bank',
        vars: { balance: 0 },
        threads: [
          { steered: true, program: ['lock m', 'load balance', 'add 1', 'store balance', 'unlock m'] },
        ],
      },
    ],
  };

  it('waits on the core for a choice, runs what is chosen, and ends on exit', () => {
    const m = machine(steered).dispatch(0, 1).tick(1);
    expect(m.s.cores[0]!.idleTicks).toBe(1);
    m.act({ type: 'choose', tid: 1, instr: 'lock m' });
    expect(m.s.locks.m!.owner).toBe(1);
    for (const i of ['load balance', 'add 1', 'store balance', 'unlock m'])
      m.act({ type: 'choose', tid: 1, instr: i });
    m.tick(3);
    expect(m.proc(1).vars.balance).toBe(1);
    m.act({ type: 'choose', tid: 1, instr: 'exit' });
    expect(m.thread(1).state).toBe('terminated');
  });

  it('refuses malformed, foreign and ill-timed choices with reasons', () => {
    const m = machine(steered);
    expect(m.refuse({ type: 'choose', tid: 1, instr: 'jump 4' }).code).toBe('bad-instruction');
    expect(m.refuse({ type: 'choose', tid: 1, instr: 'fault' })).toMatchObject({ code: 'not-in-palette' });
    expect(m.refuse({ type: 'choose', tid: 1, instr: 'unlock m' }).code).toBe('unlock-not-held');
    m.act({ type: 'choose', tid: 1, instr: 'lock m' });
    m.act({ type: 'choose', tid: 1, instr: 'unlock m' });
    for (let i = 0; i < 6; i++) m.act({ type: 'choose', tid: 1, instr: 'add 1' });
    expect(m.refuse({ type: 'choose', tid: 1, instr: 'add 1' }).code).toBe('plan-full');
    const plain = machine({ processes: [{ name: 'A', length: 1 }] });
    expect(plain.refuse({ type: 'choose', tid: 1, instr: 'exit' }).code).toBe('not-steered');
  });
});
