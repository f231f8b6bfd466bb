// The five states and only the legal transitions, each refusal with its code and student sentence.
import { describe, expect, it } from 'vitest';
import { describeRejection } from '../../shared/kernel/index.ts';
import { machine } from './harness.ts';

const twoJobs = {
  cores: 1,
  devices: { disk: 3 },
  processes: [
    { name: 'A', program: ['cpu 2', 'io disk', 'cpu 1'] },
    { name: 'B', program: ['cpu 4'] },
  ],
};

describe('process states', () => {
  it('admits arrivals to Ready in file order at their arrival tick (New → Ready)', () => {
    const m = machine({
      processes: [
        { name: 'A', length: 2 },
        { name: 'B', length: 1 },
        { name: 'C', arrival: 3, length: 1 },
      ],
    });
    expect(m.s.readyQueue).toEqual([1, 2]);
    expect(m.of('arrived').map((e) => e.name)).toEqual(['A', 'B']);
    expect(m.of('admitted').map((e) => e.pid)).toEqual([1, 2]);
    expect(m.s.processes[3]).toBeUndefined();
    m.tick(3);
    expect(m.s.readyQueue).toEqual([1, 2, 3]);
    expect(m.proc(3).arrival).toBe(3);
  });

  it('dispatches Ready → Running, records the first run, and runs the thread on the core', () => {
    const m = machine(twoJobs).dispatch(0, 1);
    expect(m.thread(1).state).toBe('running');
    expect(m.s.cores[0]!.running).toBe(1);
    expect(m.s.readyQueue).toEqual([2]);
    expect(m.thread(1).firstRun).toBe(0);
    m.tick(2);
    expect(m.thread(1).cpuTicks).toBe(2);
  });

  it('blocks on I/O (Running → Blocked), raises the I/O interrupt when done, and returns to Ready', () => {
    const m = machine(twoJobs).dispatch(0, 1).tick(2);
    expect(m.thread(1).state).toBe('blocked');
    expect(m.thread(1).blocked).toEqual({ on: 'device', device: 'disk' });
    expect(m.s.cores[0]!.running).toBeNull();
    m.dispatch(0, 2).tick(3);
    expect(m.of('io-done')).toHaveLength(1);
    expect(m.of('interrupt-raised')[0]).toMatchObject({ kind: 'io', tid: 1, device: 'disk' });
    expect(m.thread(1).state).toBe('ready');
    expect(m.s.readyQueue).toEqual([1]);
  });

  it('exits (Running → Terminated) when the program ends, and records completion', () => {
    const m = machine({ processes: [{ name: 'A', length: 5 }] })
      .dispatch(0, 1)
      .tick(5);
    expect(m.thread(1).state).toBe('terminated');
    expect(m.proc(1).terminated).toBe(true);
    expect(m.proc(1).completion).toBe(5);
    expect(m.s.cores[0]!.running).toBeNull();
  });

  it('preempts Running → Ready at the tail of the queue', () => {
    const m = machine(twoJobs).dispatch(0, 1).tick(1).act({ type: 'preempt', core: 0 });
    expect(m.thread(1).state).toBe('ready');
    expect(m.s.readyQueue).toEqual([2, 1]);
    expect(m.of('preempted')[0]).toMatchObject({ by: 'scheduler', tid: 1 });
  });

  it('refuses to dispatch a Blocked thread, with the reason in both languages', () => {
    const m = machine(twoJobs).dispatch(0, 1).tick(2);
    const r = m.refuse({ type: 'dispatch', core: 0, tid: 1 });
    expect(r).toEqual({ code: 'blocked-device', params: { thread: 'P1', device: 'disk' } });
    expect(describeRejection(r, 'en')).toBe(
      'P1 is Blocked on the disk: it cannot be dispatched until its I/O completes.',
    );
    expect(describeRejection(r, 'ko')).toContain('대기 상태');
  });

  it('refuses a Running thread, a Terminated thread, a busy core, an idle core and unknown ids', () => {
    const m = machine(twoJobs).dispatch(0, 1);
    expect(m.refuse({ type: 'dispatch', core: 0, tid: 2 }).code).toBe('core-busy');
    expect(m.refuse({ type: 'dispatch', core: 1, tid: 2 }).code).toBe('no-such-core');
    expect(m.refuse({ type: 'dispatch', core: 0, tid: 9 }).code).toBe('no-such-thread');
    const two = machine({ cores: 2, processes: [{ name: 'A', length: 3 }] }).dispatch(0, 1);
    expect(two.refuse({ type: 'dispatch', core: 1, tid: 1 })).toEqual({
      code: 'thread-running',
      params: { thread: 'P1', core: 0 },
    });
    expect(two.refuse({ type: 'preempt', core: 1 }).code).toBe('core-idle');
    two.tick(3);
    expect(two.refuse({ type: 'dispatch', core: 1, tid: 1 }).code).toBe('thread-terminated');
  });

  it('pays the context-switch cost only when a core switches to a different thread', () => {
    const m = machine({
      switchCost: 2,
      processes: [
        { name: 'A', length: 2 },
        { name: 'B', length: 2 },
      ],
    });
    m.dispatch(0, 1).tick(2); // first dispatch on a fresh core: nothing to save
    expect(m.s.counters.contextSwitches).toBe(0);
    m.dispatch(0, 2);
    expect(m.of('dispatched')[1]!.switched).toBe(true);
    m.tick(2);
    expect(m.thread(2).cpuTicks).toBe(0);
    expect(m.s.cores[0]!.switchTicks).toBe(2);
    m.tick(2);
    expect(m.proc(2).completion).toBe(6);
    expect(m.s.counters).toMatchObject({ contextSwitches: 1, switchTicks: 2 });
  });

  it('replaces on a core in one move: the running thread to the tail of Ready (as round robin queues it), the chosen one on the core, one switch', () => {
    const three = {
      cores: 1,
      switchCost: 1,
      processes: [
        { name: 'A', length: 4 },
        { name: 'B', length: 2 },
        { name: 'C', length: 2 },
      ],
    };
    const m = machine(three).dispatch(0, 1).tick(1);
    expect(m.s.readyQueue).toEqual([2, 3]);
    m.act({ type: 'replace', core: 0, tid: 3 });
    expect(m.s.readyQueue).toEqual([2, 1]);
    expect(m.s.cores[0]).toMatchObject({ running: 3, lastRan: 3, switchLeft: 1, sliceUsed: 0 });
    expect(m.thread(1)).toMatchObject({ state: 'ready', core: null, cpuTicks: 1 });
    expect(m.thread(3)).toMatchObject({ state: 'running', core: 0, firstRun: null });
    expect(m.events.slice(-2).map((e) => e.type)).toEqual(['preempted', 'dispatched']);
    expect(m.of('dispatched').at(-1)).toMatchObject({ tid: 3, switched: true });
    expect(m.s.counters.contextSwitches).toBe(1);
    // The same as the two moves it stands for, preempt then dispatch.
    const two = machine(three).dispatch(0, 1).tick(1).act({ type: 'preempt', core: 0 }).dispatch(0, 3);
    expect(JSON.stringify(two.s)).toBe(JSON.stringify(m.s));
    m.tick(3);
    expect(m.proc(3).completion).toBe(4);
  });

  it('refuses a replace on an idle core, with the running thread itself, or with a thread that is not Ready, and changes nothing', () => {
    const m = machine(twoJobs);
    const idle = m.refuse({ type: 'replace', core: 0, tid: 2 });
    expect(idle).toEqual({ code: 'replace-idle', params: { core: 0, thread: 'P2' } });
    expect(describeRejection(idle, 'en')).toBe(
      'Core 0 is idle: there is nothing to replace, so dispatch P2 to it instead.',
    );
    expect(describeRejection(idle, 'ko')).toContain('디스패치');
    m.dispatch(0, 1);
    expect(m.refuse({ type: 'replace', core: 0, tid: 1 }).code).toBe('replace-same');
    expect(m.refuse({ type: 'replace', core: 1, tid: 2 }).code).toBe('no-such-core');
    expect(m.refuse({ type: 'replace', core: 0, tid: 9 }).code).toBe('no-such-thread');
    m.tick(2); // A blocks on the disk; B runs
    m.dispatch(0, 2);
    expect(m.refuse({ type: 'replace', core: 0, tid: 1 })).toEqual({
      code: 'blocked-device',
      params: { thread: 'P1', device: 'disk' },
    });
  });

  it('redispatching the thread a core last ran costs nothing', () => {
    const m = machine({ switchCost: 3, processes: [{ name: 'A', length: 4 }] });
    m.dispatch(0, 1).tick(1).act({ type: 'preempt', core: 0 }).dispatch(0, 1).tick(3);
    expect(m.proc(1).completion).toBe(4);
    expect(m.s.counters.contextSwitches).toBe(0);
  });
});

describe('the timer and the interrupt line', () => {
  it('raises a timer interrupt when the quantum runs out; automatic handling sends the thread to Ready', () => {
    const m = machine({
      quantum: 2,
      processes: [
        { name: 'A', length: 5 },
        { name: 'B', length: 1 },
      ],
    })
      .dispatch(0, 1)
      .tick(2);
    expect(m.of('interrupt-raised')[0]).toMatchObject({ kind: 'timer', core: 0, tid: 1 });
    expect(m.of('preempted')[0]).toMatchObject({ by: 'timer', tid: 1 });
    expect(m.s.readyQueue).toEqual([2, 1]);
  });

  it('with manual interrupts the timer interrupt pends, the thread overruns, and handling it has latency', () => {
    const m = machine({
      quantum: 2,
      interruptBound: 2,
      auto: { interrupts: false },
      processes: [{ name: 'A', length: 9 }],
    })
      .dispatch(0, 1)
      .tick(2);
    expect(m.s.interrupts).toHaveLength(1);
    expect(m.thread(1).state).toBe('running');
    m.tick(3);
    expect(m.of('interrupt-unhandled')).toHaveLength(1);
    expect(m.s.interrupts).toHaveLength(1); // raised once per slice, not every tick
    m.act({ type: 'handle-interrupt', id: m.s.interrupts[0]!.id });
    expect(m.thread(1).state).toBe('ready');
    expect(m.of('interrupt-handled')[0]!.latency).toBe(3);
    expect(m.refuse({ type: 'handle-interrupt', id: 1 }).code).toBe('no-such-interrupt');
  });

  it('refuses handling an interrupt when the kernel handles them itself', () => {
    const m = machine({ processes: [{ name: 'A', length: 1 }] });
    expect(m.refuse({ type: 'handle-interrupt', id: 1 }).code).toBe('interrupts-automatic');
  });

  it('keeps a Blocked thread Blocked until its I/O interrupt is handled', () => {
    const m = machine({
      devices: { disk: 2 },
      auto: { interrupts: false },
      processes: [{ name: 'A', program: ['io disk', 'cpu 1'] }],
    }).dispatch(0, 1);
    m.tick(2);
    expect(m.thread(1).state).toBe('blocked');
    m.tick(1);
    expect(m.thread(1).state).toBe('blocked');
    m.act({ type: 'handle-interrupt', id: m.s.interrupts[0]!.id });
    expect(m.thread(1).state).toBe('ready');
  });

  it('serves one request at a time per device, in FIFO order', () => {
    const m = machine({
      cores: 3,
      devices: { disk: 2 },
      processes: ['A', 'B', 'C'].map((name) => ({ name, program: ['io disk', 'cpu 1'] })),
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3);
    expect(m.s.devices.disk!.queue.map((r) => r.tid)).toEqual([1, 2, 3]);
    m.tick(2);
    expect(m.of('io-done').map((e) => e.tid)).toEqual([1]);
    m.tick(4);
    expect(m.of('io-done').map((e) => [e.tid, e.tick])).toEqual([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
  });
});

describe('host actions', () => {
  it('changes the quantum, adds a core up to 8, and kills a process', () => {
    const m = machine({ cores: 7, processes: [{ name: 'A', length: 3 }] });
    m.act({ type: 'set-quantum', quantum: 3 });
    expect(m.s.scenario.quantum).toBe(3);
    expect(m.refuse({ type: 'set-quantum', quantum: -1 }).code).toBe('bad-quantum');
    m.act({ type: 'add-core' });
    expect(m.s.cores).toHaveLength(8);
    expect(m.refuse({ type: 'add-core' }).code).toBe('too-many-cores');
    m.dispatch(7, 1).act({ type: 'kill', pid: 1 });
    expect(m.proc(1).terminated).toBe(true);
    expect(m.s.cores[7]!.running).toBeNull();
    expect(m.refuse({ type: 'kill', pid: 1 }).code).toBe('process-terminated');
  });

  it('spawns a live process, checking what its program refers to', () => {
    const m = machine({ processes: [{ name: 'A', length: 3 }] });
    const spec = {
      name: 'storm',
      arrival: 0,
      priority: 0,
      kind: 'background' as const,
      parent: null,
      vars: {},
      code: 1,
      data: 1,
      shm: [],
      threads: [{ program: [{ op: 'io' as const, device: 'nope', n: 2 }], steered: false, palette: [] }],
    };
    const refused = m.refuse({ type: 'spawn-process', process: spec });
    expect(refused.code).toBe('bad-process');
    expect(describeRejection(refused, 'ko')).toBe(
      '그 프로세스는 만들 수 없습니다: threads[0].program[0]: "devices"에 "nope"라는 장치가 없습니다.',
    );
    expect(describeRejection(refused, 'en')).toBe(
      'That process cannot be created: threads[0].program[0]: no device named "nope" in "devices".',
    );
    m.act({
      type: 'spawn-process',
      process: { ...spec, threads: [{ program: [{ op: 'cpu', n: 2 }], steered: false, palette: [] }] },
    });
    expect(m.proc(2).name).toBe('storm');
    expect(m.s.readyQueue).toEqual([1, 2]);
  });
});
