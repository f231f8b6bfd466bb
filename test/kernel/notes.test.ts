// Issue 11: what the five notes say, checked on literal machines (each case failed before its fix).
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_KINDS,
  describeEvent,
  describeRejection,
  formatInstr,
  isFinished,
  liveEventActions,
  machineMetrics,
  pageTable,
  parseInstr,
  processMetrics,
  parseScenario,
  screenFigures,
  stuckThreads,
  taskSentence,
  label,
} from '../../shared/kernel/index.ts';
import { machine } from './harness.ts';

describe('fork copies the whole context (001: the child is a copy but for its PID and memory)', () => {
  it("a value loaded before fork is in the child's register: load x; fork; add 1; store x gives 11 in both", () => {
    const m = machine({
      processes: [{ name: 'p', vars: { x: 10 }, program: ['load x', 'fork', 'add 1', 'store x'] }],
    });
    m.dispatch(0, 1).tick(1); // load x (1 tick); fork is instant, the child is Ready
    m.tick(2); // parent: add 1, store x
    expect(m.proc(2).vars.x).toBe(11);
    m.dispatch(0, 2).tick(2);
    expect(m.proc(3).vars.x).toBe(11);
    expect(m.thread(2).reg).toBe(11);
    expect(m.of('lost-update')).toHaveLength(0);
    // init is PID 1 (the kernel's, since p forks) and p is its child; p ended first, so init adopted p's child.
    expect(m.proc(1)).toMatchObject({ name: 'init', system: true, children: [2, 3] });
    expect(m.proc(3).ppid).toBe(1);
  });
});

describe('copy-on-write copies a page once (000, 001)', () => {
  const forkTwice = {
    programs: { kid: ['load v', 'add 1', 'store v', 'cpu 5'] },
    processes: [
      {
        name: 'p',
        vars: { v: 1 },
        data: 2,
        program: ['fork kid', 'fork kid', 'cpu 9', 'load v', 'add 1', 'store v'],
      },
    ],
  };

  it('a fork with several children tracks every sharer; the writer copies one page, not the process', () => {
    const m = machine(forkTwice).dispatch(0, 1);
    expect(m.proc(2).memory.sharers).toEqual([3, 4]);
    expect(m.proc(2).memory.cowPages).toBe(2); // both data pages, shared with both children
    expect(
      m
        .proc(3)
        .memory.pages.filter((p) => p.seg === 'code')
        .map((p) => p.frame),
    ).toEqual(
      m
        .proc(2)
        .memory.pages.filter((p) => p.seg === 'code')
        .map((p) => p.frame),
    );
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 2).tick(3); // child 2 writes v
    expect(m.of('cow-copy')).toEqual([expect.objectContaining({ pid: 3, pages: 1 })]);
    expect(m.proc(3).memory.cowPages).toBe(1); // the page without v is still shared
    expect(m.proc(3).memory.pages.filter((p) => p.copied)).toHaveLength(1);
    expect(m.proc(2).memory.sharers).toEqual([3, 4]); // p still shares the other page with 2, both with 3
  });

  it('after the first writer took its copy, the one left owning the original writes in place', () => {
    const m = machine({
      programs: { kid: ['load v', 'add 5', 'store v', 'cpu 5'] },
      processes: [{ name: 'p', vars: { v: 1 }, program: ['fork kid', 'load v', 'add 1', 'store v'] }],
    });
    m.dispatch(0, 1).act({ type: 'preempt', core: 0 }).dispatch(0, 2).tick(3);
    expect(m.of('cow-copy')).toHaveLength(1);
    expect(m.proc(2).memory).toMatchObject({ cowPages: 0, sharers: [], cowWith: null });
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 1).tick(3);
    expect(m.proc(2).vars.v).toBe(2);
    expect(m.of('cow-copy')).toHaveLength(1); // the parent copied nothing
  });

  it("a parent whose children all exec'd or exited shares nothing", () => {
    const m = machine({
      programs: { ls: ['cpu 1'], kid: ['exec ls'], quick: ['exit'] },
      processes: [{ name: 'sh', program: ['fork kid', 'fork quick', 'cpu 5'] }],
    });
    m.dispatch(0, 1);
    expect(m.proc(2).memory.sharers).toEqual([3, 4]);
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 2); // exec ls
    expect(m.proc(2).memory.sharers).toEqual([4]);
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 3); // exits
    expect(m.proc(2).memory).toMatchObject({ cowPages: 0, sharers: [], cowWith: null });
  });
});

describe('memory layout is real (001: base/limit, the PCB discarded at exit)', () => {
  it('a heap that grows into the next process moves its process to a free range: live ranges never overlap', () => {
    const m = machine({
      processes: [
        { name: 'A', program: ['alloc 40', 'cpu 1'] },
        { name: 'B', program: ['cpu 9'] },
      ],
    });
    const b = m.proc(2).memory;
    m.dispatch(0, 1);
    const a = m.proc(1).memory;
    expect(a.heap).toBe(40);
    expect(a.base + a.limit <= b.base || b.base + b.limit <= a.base).toBe(true);
    expect(a.base).toBeGreaterThanOrEqual(b.base + b.limit); // moved past B
  });

  it('a Terminated process gives its memory back and stays a zombie until its parent joins; then it is reaped', () => {
    const m = machine({
      programs: { kid: ['cpu 1'] },
      processes: [{ name: 'sh', program: ['fork kid', 'cpu 2', 'join', 'cpu 1'] }],
    });
    m.dispatch(0, 1).act({ type: 'preempt', core: 0 }).dispatch(0, 2).tick(1);
    const kid = m.proc(3);
    expect(kid.terminated).toBe(true);
    expect(kid.memory).toMatchObject({ limit: 0, pages: [] });
    expect(kid.reaped).toBe(false); // a zombie: Terminated, its PCB kept for the parent
    m.dispatch(0, 1).tick(2);
    expect(kid.reaped).toBe(true);
  });

  it('orphans are adopted by init; a process with no parent is reaped at once', () => {
    const m = machine({
      programs: { kid: ['cpu 5'] },
      processes: [
        { name: 'init', program: ['join', 'cpu 1'] },
        { name: 'login', parent: 'init', program: ['fork kid', 'exit'] },
      ],
    });
    m.dispatch(0, 2);
    expect(m.proc(2).terminated).toBe(true);
    expect(m.proc(3).ppid).toBe(1);
    m.dispatch(0, 1); // init joins: login is a zombie it reaps, the adopted kid is still running
    expect(m.proc(2).reaped).toBe(true);
    expect(m.thread(1).blocked).toEqual({ on: 'join' });
  });
});

describe('init (PID 1) exists in every scenario that forks (001: init, systemd, launchd)', () => {
  const shell = {
    programs: { kid: ['cpu 3'] },
    processes: [
      { name: 'sh', program: ['fork kid', 'exit'] },
      { name: 'B', arrival: 2, program: ['cpu 1'] },
    ],
  };

  it('init is PID 1, the first process the user starts is its child, and it adopts and reaps orphans', () => {
    const m = machine(shell);
    expect(m.proc(1)).toMatchObject({ pid: 1, ppid: null, name: 'init', system: true, threads: [] });
    expect(m.proc(2)).toMatchObject({ name: 'sh', ppid: 1 });
    m.dispatch(0, 1); // sh forks kid (P3) and exits: kid is an orphan, adopted by init
    expect(m.proc(2)).toMatchObject({ terminated: true, reaped: true }); // init waits all the time: no zombie
    expect(m.proc(3).ppid).toBe(1);
    expect(m.proc(1).children).toEqual([2, 3]);
    m.tick(2);
    expect(m.proc(4)).toMatchObject({ name: 'B', ppid: 1 }); // a later arrival too
    m.dispatch(0, 2).tick(3);
    expect(m.proc(3)).toMatchObject({ terminated: true, reaped: true });
    // init outlives its children: it is never part of the workload, and cannot be killed.
    m.dispatch(0, 3).tick(1);
    expect(m.s.processes[1]!.terminated).toBe(false);
    expect(isFinished(m.s)).toBe(true);
    expect(processMetrics(m.s).map((p) => p.pid)).toEqual([2, 3, 4]);
    expect(describeRejection(m.refuse({ type: 'kill', pid: 1 }), 'ko')).toContain('최초의 프로세스 init');
  });

  it('a scenario that never forks has none, and a scenario whose first process is init keeps its own', () => {
    expect(machine({ processes: [{ name: 'A', program: ['cpu 1'] }] }).proc(1).name).toBe('A');
    const own = machine({
      programs: { login: ['cpu 1'] },
      processes: [{ name: 'init', program: ['fork login', 'join'] }],
    });
    expect(own.proc(1)).toMatchObject({ name: 'init', threads: [1] });
    expect(own.proc(1).system).toBeUndefined();
  });
});

describe('an anonymous pipe belongs to descriptors, not to the family tree (003)', () => {
  it('a child keeps its end when its parent exits, a grandchild that inherited it can use it, a stranger cannot', () => {
    const m = machine({
      cores: 2,
      programs: { kid: ['fork grandkid', 'send p hi', 'cpu 3'], grandkid: ['recv p', 'cpu 1'] },
      channels: [{ name: 'p', kind: 'pipe', owner: 'sh' }],
      processes: [
        { name: 'init', program: ['cpu 30'] },
        { name: 'sh', parent: 'init', program: ['fork kid', 'exit'] },
        { name: 'stranger', program: ['recv p'] },
      ],
    });
    m.dispatch(0, 2); // sh forks kid and exits: kid is adopted by init
    expect(m.proc(2).terminated).toBe(true);
    const kid = Object.values(m.s.processes).find((p) => p.name === 'kid')!;
    expect(kid.ppid).toBe(1);
    m.dispatch(0, kid.threads[0]!); // kid forks grandkid and writes
    const grandkid = Object.values(m.s.processes).find((p) => p.name === 'grandkid')!;
    m.dispatch(1, grandkid.threads[0]!);
    expect(m.thread(grandkid.threads[0]!).lastMessage).toBe('hi');
    m.act({ type: 'preempt', core: 1 }).dispatch(1, 3);
    expect(m.of('ipc-refused')).toEqual([expect.objectContaining({ tid: 3, why: 'not-related' })]);
  });
});

describe('pipes and the network (003: an anonymous pipe stays on its computer, a named pipe and a socket cross the network)', () => {
  // sh creates an anonymous pipe and serves a named pipe; remote writes to both, on sh's host or on another.
  const net = (hosts: boolean) =>
    machine({
      cores: 2,
      ...(hosts ? { hosts: ['pc1', 'pc2'] } : {}),
      channels: [
        { name: 'p', kind: 'pipe', owner: 'sh' },
        { name: 'np', kind: 'fifo', server: 'sh' },
      ],
      processes: [
        { name: 'sh', ...(hosts ? { host: 'pc1' } : {}), program: ['recv np'] },
        { name: 'remote', ...(hosts ? { host: 'pc2' } : {}), program: ['send p hi', 'send np hi'] },
      ],
    })
      .dispatch(0, 1)
      .dispatch(1, 2);

  it("an anonymous pipe is refused to a process on another host, with the notes' reason; the named pipe crosses, later", () => {
    const m = net(true);
    expect([m.proc(1).host, m.proc(2).host]).toEqual(['pc1', 'pc2']);
    const refused = m.of('ipc-refused');
    expect(refused).toEqual([expect.objectContaining({ channel: 'p', tid: 2, why: 'other-host' })]);
    expect(describeEvent(refused[0]!, m.s, 'ko')).toContain('익명 파이프는 네트워크를 건너지 못합니다');
    expect(describeEvent(refused[0]!, m.s, 'en')).toContain('an anonymous pipe does not cross a network');
    for (let i = 0; i < 30 && !isFinished(m.s); i++) m.play({ kind: 'fifo' });
    // The named pipe's message reached the server on the other host after the network's ticks.
    expect(m.of('message-received')).toEqual([expect.objectContaining({ channel: 'np', tid: 1, tick: 2 })]);
    expect(m.thread(1).lastMessage).toBe('hi');
  });

  it('on one host the same stranger is refused as not related, and the named pipe carries its message at once', () => {
    const m = net(false);
    expect(m.proc(1).host).toBeNull();
    expect(m.of('ipc-refused')).toEqual([expect.objectContaining({ channel: 'p', why: 'not-related' })]);
    for (let i = 0; i < 30 && !isFinished(m.s); i++) m.play({ kind: 'fifo' });
    expect(m.of('message-received')).toEqual([expect.objectContaining({ channel: 'np', tid: 1, tick: 0 })]);
  });

  it('across the network a socket is still faster than a named pipe; a message queue and shared memory stay on one computer', () => {
    const across = (kind: 'tcp' | 'fifo' | 'mq' | 'shm') => {
      const m = machine({
        cores: 2,
        hosts: ['pc1', 'pc2'],
        channels: [{ name: 'c', kind, ...(kind === 'tcp' || kind === 'fifo' ? { server: 'srv' } : {}) }],
        processes: [
          { name: 'srv', host: 'pc1', program: ['recv c'] },
          { name: 'client', host: 'pc2', program: ['send c hi'] },
        ],
      });
      m.dispatch(0, 1).dispatch(1, 2);
      for (let i = 0; i < 30 && !isFinished(m.s); i++) m.play({ kind: 'fifo' });
      return m;
    };
    const tcp = across('tcp');
    const fifo = across('fifo');
    // tcp: latency 2 + network 2, then a receive of 3; named pipe: network 2, then a receive of 6.
    expect(tcp.proc(1).completion).toBe(CHANNEL_KINDS.tcp.latency + 2 + CHANNEL_KINDS.tcp.cost);
    expect(fifo.proc(1).completion).toBe(2 + CHANNEL_KINDS.fifo.cost);
    expect(tcp.proc(1).completion!).toBeLessThan(fifo.proc(1).completion!);
    for (const [kind, words] of [
      ['mq', '메시지 큐는 한 컴퓨터의 커널이 관리하므로'],
      ['shm', '공유 메모리는 한 컴퓨터의 메모리이므로'],
    ] as const) {
      const m = across(kind);
      const refused = m.of('ipc-refused');
      expect(refused).toEqual([expect.objectContaining({ tid: 2, why: 'other-host' })]);
      expect(describeEvent(refused[0]!, m.s, 'ko')).toContain(words);
    }
  });

  it('one copy of a file on one disk is shared by the processors of its computer for nothing more; another computer pays the network', () => {
    // writer and near share pc1 (and its disk); far reads the same file from pc2
    const run = (hosts: boolean) => {
      const on = (host: string) => (hosts ? { host } : {});
      const m = machine({
        cores: 3,
        ...(hosts ? { hosts: ['pc1', 'pc2'] } : {}),
        channels: [{ name: 'f', kind: 'file' }],
        processes: [
          { name: 'writer', ...on('pc1'), program: ['send f data'] },
          { name: 'near', ...on('pc1'), program: ['recv f'] },
          { name: 'far', ...on('pc2'), program: ['recv f'] },
        ],
      });
      m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3);
      for (let i = 0; i < 40 && !isFinished(m.s); i++) m.play({ kind: 'fifo' });
      return m;
    };
    const net = run(true);
    // one copy: the file holds the message once, and each reader read it at its own offset
    expect(net.s.channels.f!.buffer).toHaveLength(1);
    expect(net.s.channels.f!.readOffsets).toEqual({ 2: 1, 3: 1 }); // near is PID 2, far PID 3 (no fork: no init)
    expect([net.thread(2).lastMessage, net.thread(3).lastMessage]).toEqual(['data', 'data']);
    const near = net.proc(2).completion!;
    const far = net.proc(3).completion!;
    expect(far - near).toBe(2); // networkLatency's default
    // on one computer both readers finish together: sharing the disk's copy costs the second nothing more
    const one = run(false);
    expect(one.proc(3).completion).toBe(one.proc(2).completion);
    expect(one.proc(2).completion).toBe(near);
  });

  it("a forked child runs on its parent's host; the scenario names hosts and keeps families and shared memory on one", () => {
    const m = machine({
      hosts: ['pc1', 'pc2'],
      processes: [{ name: 'a', host: 'pc2', program: ['fork', 'cpu 1'] }],
    });
    m.dispatch(0, 1); // init (PID 1) has no thread: a's thread is T1
    expect(Object.values(m.s.processes).map((p) => [p.name, p.host])).toEqual([
      ['init', null],
      ['a', 'pc2'],
      ['a', 'pc2'],
    ]);
    const one = { name: 'a', host: 'pc1', length: 1 };
    const bad = (input: object) => parseScenario(input);
    expect(bad({ processes: [{ ...one, host: 'pc1' }] })).toMatchObject({
      ok: false,
      path: 'processes[0].host',
    });
    expect(bad({ hosts: ['pc1', 'pc1'], processes: [one] })).toMatchObject({ ok: false, path: 'hosts' });
    expect(
      bad({ hosts: ['pc1', 'pc2'], processes: [one, { name: 'b', parent: 'a', host: 'pc2', length: 1 }] }),
    ).toMatchObject({ ok: false, path: 'processes[1].host' });
    expect(
      bad({
        hosts: ['pc1', 'pc2'],
        sharedMemory: { seg: { x: 0 } },
        processes: [
          { ...one, shm: ['seg'] },
          { name: 'b', host: 'pc2', length: 1, shm: ['seg'] },
        ],
      }),
    ).toMatchObject({ ok: false, path: 'processes[1].shm[0]' });
    expect(bad({ hosts: ['pc1', 'pc2'], processes: [one, { name: 'b', parent: 'a', length: 1 }] }).ok).toBe(
      true,
    );
  });
});

describe('a two-way named pipe has two directions (003: server and clients)', () => {
  it('a process never reads back its own message', () => {
    const m = machine({
      channels: [{ name: 'srv', kind: 'fifo' }],
      processes: [{ name: 'A', program: ['send srv hi', 'recv srv'] }],
    });
    m.dispatch(0, 1).tick(CHANNEL_KINDS.fifo.cost);
    expect(m.thread(1).blocked).toEqual({ on: 'recv', channel: 'srv' });
    expect(m.thread(1).lastMessage).toBeNull();
  });

  it("several clients each get their own reply from the server, and no client reads another's request", () => {
    const m = machine({
      cores: 3,
      channels: [{ name: 'srv', kind: 'fifo', server: 'server' }],
      processes: [
        { name: 'server', program: ['recv srv', 'send srv re', 'recv srv', 'send srv re'] },
        { name: 'a', program: ['send srv from-a', 'recv srv'] },
        { name: 'b', program: ['send srv from-b', 'recv srv'] },
      ],
    });
    m.dispatch(1, 2).dispatch(2, 3).dispatch(0, 1).tick(20);
    expect([m.thread(2).lastMessage, m.thread(3).lastMessage]).toEqual(['re', 're']);
    expect(m.of('message-received').filter((e) => e.tid === 1)).toHaveLength(2); // the server read both requests
    // each reply went to the client whose request it answered
    const sent = m
      .of('message-sent')
      .filter((e) => e.tid === 1)
      .map((e) => e.message);
    const recvBy = new Map(m.of('message-received').map((e) => [e.message, e.tid]));
    expect(sent.map((id) => recvBy.get(id))).toEqual([2, 3]);
  });
});

describe('scenario fields added for the notes are validated', () => {
  it('a server end is only for a named pipe or a socket and must name a process', () => {
    const base = { processes: [{ name: 'A', length: 1 }] };
    expect(parseScenario({ ...base, channels: [{ name: 'c', kind: 'mq', server: 'A' }] })).toMatchObject({
      ok: false,
      path: 'channels[0].server',
    });
    expect(parseScenario({ ...base, channels: [{ name: 'c', kind: 'fifo', server: 'B' }] })).toMatchObject({
      ok: false,
      path: 'channels[0].server',
    });
    expect(parseScenario({ ...base, channels: [{ name: 'c', kind: 'fifo', server: 'A' }] }).ok).toBe(true);
  });
});

describe('a thread switch is cheaper than a process switch (003, 004: 문맥 교환 비용 낮음)', () => {
  const twoKinds = (extra: Record<string, number> = {}) =>
    machine({
      switchCost: 4,
      ...extra,
      processes: [
        { name: 'web', threads: [{ program: ['cpu 2'] }, { program: ['cpu 2'] }] },
        { name: 'db', program: ['cpu 2'] },
      ],
    });

  it('switching between threads of one process costs half the process switch by default; both are counted', () => {
    const m = twoKinds().dispatch(0, 1).tick(2);
    m.dispatch(0, 2);
    expect(m.s.cores[0]!.switchLeft).toBe(2); // T1 → T2 of web: a thread switch
    m.tick(4);
    m.dispatch(0, 3);
    expect(m.s.cores[0]!.switchLeft).toBe(4); // web → db: a process switch
    m.tick(6);
    expect(m.s.counters).toMatchObject({
      contextSwitches: 2,
      threadSwitches: 1,
      threadSwitchTicks: 2,
      switchTicks: 6,
    });
  });

  it('thread-switch ticks are counted as they are paid, tick by tick with the core timeline', () => {
    const m = twoKinds().dispatch(0, 1).tick(2).dispatch(0, 2);
    // Dispatched, nothing paid yet: the counters and the core's own switch ticks agree.
    expect(m.s.counters).toMatchObject({ threadSwitches: 1, threadSwitchTicks: 0, switchTicks: 0 });
    m.tick(1);
    expect(m.s.counters).toMatchObject({ threadSwitchTicks: 1, switchTicks: 1 });
    expect(m.s.cores[0]).toMatchObject({ switchLeft: 1, switchTicks: 1 });
    // Killed half-way through the switch: the tick never paid is never counted.
    m.act({ type: 'kill', pid: 1 }).tick(1);
    expect(m.s.counters).toMatchObject({ threadSwitchTicks: 1, switchTicks: 1 });
    expect(m.s.cores[0]!.switchTicks).toBe(1);
  });

  it("the scenario may set the thread switch's cost, never above the process switch's", () => {
    const m = twoKinds({ threadSwitchCost: 1 }).dispatch(0, 1).tick(2).dispatch(0, 2);
    expect(m.s.cores[0]!.switchLeft).toBe(1);
    expect(
      parseScenario({ switchCost: 1, threadSwitchCost: 2, processes: [{ name: 'A', length: 1 }] }),
    ).toMatchObject({ ok: false, path: 'threadSwitchCost' });
  });
});

describe('a process switch flushes the cache, a thread switch keeps it warm (003: 캐시 플러시)', () => {
  // The same work and the same schedule: x and y loaded, a slice of CPU, loaded again; only who owns them differs.
  const work = (x: string) => [`load ${x}`, 'cpu 2', `load ${x}`];
  const asThreads = {
    processes: [{ name: 'app', threads: [{ program: work('x') }, { program: work('y') }] }],
  };
  const asProcesses = {
    processes: [
      { name: 'a', program: work('x') },
      { name: 'b', program: work('y') },
    ],
  };
  // One core, no switch cost, so that only the cache tells the two apart: T1 loads x, T2 loads y, T1 runs to its end, then T2.
  function run(input: object, cacheMissCost?: number) {
    const m = machine({ ...input, ...(cacheMissCost === undefined ? {} : { cacheMissCost }) });
    m.dispatch(0, 1).tick(3); // load x (a miss when there is a cache), then T1 starts its cpu 2
    m.act({ type: 'replace', core: 0, tid: 2 }).tick(3); // T2: load y, then it starts its cpu 2
    m.act({ type: 'replace', core: 0, tid: 1 });
    while (m.thread(1).state !== 'terminated') m.tick();
    m.dispatch(0, 2);
    while (!isFinished(m.s)) m.tick();
    return m;
  }

  it('two threads of one process miss only the first time each variable is read: the switches keep the cache', () => {
    const m = run(asThreads, 2);
    expect(m.s.counters).toMatchObject({
      contextSwitches: 3,
      threadSwitches: 3,
      cacheMisses: 2,
      cacheFlushes: 0,
    });
    expect(m.s.tick).toBe(12); // 2 × (load 1 + cpu 2 + load 1) + 2 misses of 2
    expect(m.s.cores[0]!.cache).toEqual({ pid: 1, lines: ['x', 'y'] });
    expect(m.of('dispatched').some((e) => e.flushed)).toBe(false);
  });

  it('two processes doing the same work pay a flush at every switch and miss again after each', () => {
    const m = run(asProcesses, 2);
    expect(m.s.counters).toMatchObject({
      contextSwitches: 3,
      threadSwitches: 0,
      cacheMisses: 4,
      cacheFlushes: 3,
    });
    expect(m.s.tick).toBe(16); // 4 misses of 2
    expect(m.s.cores[0]!.cache).toEqual({ pid: 2, lines: ['y'] });
    expect(m.of('dispatched').filter((e) => e.flushed)).toHaveLength(3);
    expect(screenFigures(m.s)).toMatchObject({ switches: 3, cacheMisses: 4, cacheFlushes: 3 });
    expect(machineMetrics(m.s)).toMatchObject({ cacheMisses: 4, cacheFlushes: 3 });
    const flush = m.of('dispatched').find((e) => e.flushed)!;
    expect(describeEvent(flush, m.s, 'ko')).toContain('캐시 플러시');
    expect(describeEvent(flush, m.s, 'en')).toContain('cache flushed');
  });

  it('a scenario that sets no cacheMissCost models no cache: the figures are those of before', () => {
    for (const input of [asThreads, asProcesses]) {
      const m = run(input);
      expect(m.s.tick).toBe(8);
      expect(m.s.counters).toMatchObject({ contextSwitches: 3, cacheMisses: 0, cacheFlushes: 0 });
    }
    expect(parseScenario({ cacheMissCost: 21, processes: [{ name: 'A', length: 1 }] })).toMatchObject({
      ok: false,
      path: 'cacheMissCost',
    });
  });

  it("a store on one core makes the line stale in another core's cache", () => {
    const m = machine({
      cores: 2,
      cacheMissCost: 2,
      processes: [
        {
          name: 'app',
          threads: [{ program: ['load x', 'cpu 4', 'load x'] }, { program: ['cpu 1', 'store x'] }],
        },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2); // T1 loads x on core 0 (a miss); T2 stores x on core 1 at tick 1
    while (!isFinished(m.s)) m.tick();
    expect(m.s.counters.cacheMisses).toBe(3); // x on core 0, x on core 1, x again on core 0 after the store
    expect(m.s.cores[0]!.cache.lines).toEqual(['x']);
  });
});

describe('Linux calls both processes and threads tasks (001: 태스크)', () => {
  it("a process's threads are tasks of one thread group; a forked child is a thread group of its own", () => {
    const m = machine({
      programs: { worker: ['cpu 2'] },
      processes: [{ name: 'app', program: ['spawn worker', 'fork', 'cpu 3'] }],
    });
    m.dispatch(0, 1); // init is P1 (app forks): app is P2, its threads T1 and T2, the child P3
    const tasksOf = (pid: number) =>
      m
        .proc(pid)
        .threads.filter((tid) => m.thread(tid).state !== 'terminated')
        .map((tid) => label(m.s, tid));
    expect(tasksOf(2)).toEqual(['P2·T1', 'P2·T2']);
    expect(taskSentence(2, tasksOf(2), 'ko')).toBe(
      '리눅스는 프로세스와 스레드를 모두 태스크(task)라고 부릅니다. P2는 태스크 P2·T1, P2·T2로 된 스레드 그룹이고, 이 태스크들은 메모리 하나를 함께 씁니다.',
    );
    expect(taskSentence(2, tasksOf(2), 'en')).toContain(
      'a thread group of the tasks P2·T1, P2·T2, which share one memory map',
    );
    expect(m.proc(3).ppid).toBe(2);
    expect(taskSentence(3, tasksOf(3), 'en')).toContain('P3 is a thread group of one task, P3.');
    expect(taskSentence(3, tasksOf(3), 'ko')).toContain('P3은 태스크 P3 하나로 된 스레드 그룹입니다');
    expect(taskSentence(1, tasksOf(1), 'ko')).toBeNull(); // the kernel's init runs no thread here
  });
});

describe('the IPC speed ranking holds however it is timed (004: shared memory > socket > pipe > message queue > file; threads faster still)', () => {
  // One way to carry n messages from a sender to a receiver on two cores, as the notes' each kind does.
  type Way = 'threads' | 'shm' | 'tcp' | 'pipe' | 'mq' | 'file';
  const WAYS: Way[] = ['threads', 'shm', 'tcp', 'pipe', 'mq', 'file'];
  const repeat = (n: number, xs: string[]) => Array.from({ length: n }, () => xs).flat();

  function carry(way: Way, n: number) {
    // Shared data (a thread's variable, a shared-memory segment) needs the handshake semaphores; channels queue.
    const sync = { semaphores: { full: 0, empty: 0 } };
    if (way === 'threads') {
      return machine({
        cores: 2,
        ...sync,
        processes: [
          {
            name: 'app',
            vars: { box: 0 },
            threads: [
              { program: repeat(n, ['store box', 'signal full', 'wait empty']) },
              { program: repeat(n, ['wait full', 'load box', 'signal empty']) },
            ],
          },
        ],
      });
    }
    if (way === 'shm') {
      return machine({
        cores: 2,
        ...sync,
        channels: [{ name: 'ch', kind: 'shm' }],
        processes: [
          { name: 'tx', program: repeat(n, ['send ch m', 'signal full', 'wait empty']) },
          { name: 'rx', program: repeat(n, ['wait full', 'recv ch', 'signal empty']) },
        ],
      });
    }
    return machine({
      cores: 2,
      channels: [{ name: 'ch', kind: way, ...(way === 'pipe' ? { owner: 'tx' } : {}) }],
      processes: [
        { name: 'tx', program: repeat(n, ['send ch m']) },
        { name: 'rx', ...(way === 'pipe' ? { parent: 'tx' } : {}), program: repeat(n, ['recv ch']) },
      ],
    });
  }

  function measure(way: Way, n: number) {
    const m = carry(way, n);
    m.dispatch(0, 1).dispatch(1, 2);
    for (let i = 0; i < 500 && !Object.values(m.s.processes).every((p) => p.terminated); i++) {
      for (const c of m.s.cores)
        if (c.running === null && m.s.readyQueue.length > 0) m.dispatch(c.id, m.s.readyQueue[0]!);
      m.tick();
    }
    const cpu = Object.values(m.s.threads).reduce((a, t) => a + t.cpuTicks, 0);
    const rx = Object.values(m.s.threads).at(-1)!;
    return { elapsed: rx.completion!, cpu };
  }

  const strictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

  it('one message: its latency and the CPU ticks it costs rank the kinds strictly', () => {
    const one = WAYS.map((w) => measure(w, 1));
    expect(strictlyIncreasing(one.map((r) => r.elapsed)), JSON.stringify(one)).toBe(true);
    expect(strictlyIncreasing(one.map((r) => r.cpu)), JSON.stringify(one)).toBe(true);
  });

  it('many messages: the time to carry 8 and their CPU ticks rank the kinds strictly', () => {
    const many = WAYS.map((w) => measure(w, 8));
    expect(strictlyIncreasing(many.map((r) => r.elapsed)), JSON.stringify(many)).toBe(true);
    expect(strictlyIncreasing(many.map((r) => r.cpu)), JSON.stringify(many)).toBe(true);
  });
});

describe('003: with frequent writes, shared memory needs synchronisation; a message queue is the simpler alternative, at a price', () => {
  // A writer faster than its reader (the reader works 2 ticks on each item), on two cores: six items.
  const ITEMS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
  type Way = 'shm' | 'shm-sync' | 'mq';

  function carry(way: Way) {
    const sync = way === 'shm-sync';
    const m = machine({
      cores: 2,
      ...(sync ? { semaphores: { full: 0, empty: 0 } } : {}),
      channels: [{ name: 'ch', kind: way === 'mq' ? 'mq' : 'shm' }],
      processes: [
        {
          name: 'tx',
          program: ITEMS.flatMap((x) =>
            sync ? [`send ch ${x}`, 'signal full', 'wait empty'] : [`send ch ${x}`],
          ),
        },
        {
          name: 'rx',
          program: ITEMS.flatMap(() =>
            sync ? ['wait full', 'recv ch', 'signal empty', 'cpu 2'] : ['recv ch', 'cpu 2'],
          ),
        },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2);
    const read: string[] = [];
    let heard = 0;
    for (let i = 0; i < 500 && !Object.values(m.s.processes).every((p) => p.terminated); i++) {
      for (const c of m.s.cores)
        if (c.running === null && m.s.readyQueue.length > 0) m.dispatch(c.id, m.s.readyQueue[0]!);
      m.tick();
      const received = m.events.filter((e) => e.type === 'message-received').length;
      expect(received - heard).toBeLessThanOrEqual(1); // one read a tick at most, so each is seen
      if (received > heard) read.push(m.s.threads[2]!.lastMessage ?? '');
      heard = received;
    }
    const threads = Object.values(m.s.threads);
    return {
      read,
      elapsed: m.s.threads[2]!.completion!,
      cpu: threads.reduce((a, t) => a + t.cpuTicks, 0),
      instructions: threads.reduce((a, t) => a + t.program.length, 0),
    };
  }

  it('shared memory without synchronisation loses items and reads others twice', () => {
    const bare = carry('shm');
    expect(bare.read).toHaveLength(ITEMS.length);
    expect(bare.read).not.toEqual(ITEMS);
    expect(new Set(bare.read).size).toBeLessThan(ITEMS.length);
  });

  it('with it every item arrives, at two semaphore operations per item on each side', () => {
    const sync = carry('shm-sync');
    expect(sync.read).toEqual(ITEMS);
    expect(sync.instructions - carry('shm').instructions).toBe(4 * ITEMS.length);
  });

  it('a message queue delivers every item in order with no synchronisation written, and costs more time and CPU', () => {
    const mq = carry('mq');
    const sync = carry('shm-sync');
    expect(mq.read).toEqual(ITEMS);
    expect(mq.instructions).toBe(carry('shm').instructions);
    expect(mq.elapsed).toBeGreaterThan(sync.elapsed);
    expect(mq.cpu).toBeGreaterThan(sync.cpu);
  });
});

describe("sentences say what is true (the notes' terms)", () => {
  it('a thread whose I/O is done but whose completion interrupt is pending is refused with the interrupt as the reason', () => {
    const m = machine({
      auto: { interrupts: false },
      devices: { disk: 1 },
      processes: [{ name: 'A', program: ['io disk', 'cpu 1'] }],
    });
    m.dispatch(0, 1).tick(1);
    const irq = m.s.interrupts.find((i) => i.kind === 'io')!;
    const r = m.refuse({ type: 'dispatch', core: 0, tid: 1 });
    expect(r).toEqual({ code: 'io-interrupt-pending', params: { thread: 'P1', device: 'disk', id: irq.id } });
    expect(describeRejection(r, 'ko')).toContain(`입출력 완료 인터럽트 #${irq.id}`);
  });

  it('"no process to crash" has its own sentence', () => {
    const m = machine({ processes: [{ name: 'A', program: ['exit'] }] }).dispatch(0, 1);
    const r = liveEventActions(m.s, { kind: 'crash' });
    expect(r).toEqual({ ok: false, rejection: { code: 'no-process-to-crash', params: {} } });
    if (!r.ok) expect(describeRejection(r.rejection, 'en')).toBe('There is no live process to crash.');
  });

  it('"pending" is not 대기, which is the Blocked state', () => {
    expect(describeRejection({ code: 'no-such-interrupt', params: { id: 3 } }, 'ko')).not.toContain('대기');
  });

  it("sentences name a channel's kind in the notes' terms", () => {
    const m = machine({
      cores: 2,
      channels: [
        { name: 'p', kind: 'pipe', owner: 'sh' },
        { name: 'q', kind: 'mq' },
      ],
      processes: [
        { name: 'sh', program: ['send p hi', 'recv q'] },
        { name: 'kid', parent: 'sh', program: ['recv p'] },
      ],
    });
    m.dispatch(0, 1);
    const sent = m.of('message-sent')[0]!;
    expect(describeEvent(sent, m.s, 'ko')).toBe('P2 → 익명 파이프 p 전송');
    expect(describeEvent(sent, m.s, 'en')).toBe('P2 sent on the anonymous pipe p');
    m.tick(CHANNEL_KINDS.pipe.cost);
    expect(describeRejection(m.refuse({ type: 'dispatch', core: 1, tid: 1 }), 'ko')).toContain('메시지 큐 q');
    const blocked = m.of('blocked').at(-1)!;
    expect(describeEvent(blocked, m.s, 'en')).toBe(
      'P2 Blocked, waiting for a message on the message queue q',
    );
  });
});

describe('a decrement, so count-- races can be written (000, 004)', () => {
  it('sub n and add -n take n off the register; two unlocked decrements lose one', () => {
    expect(parseInstr('sub 2')).toEqual({ ok: true, instr: { op: 'add', n: -2 } });
    expect(parseInstr('add -1')).toEqual({ ok: true, instr: { op: 'add', n: -1 } });
    expect(formatInstr({ op: 'add', n: -1 })).toBe('sub 1');
    expect(parseInstr('sub -1').ok).toBe(false);
    const dec = ['load count', 'sub 1', 'store count'];
    const m = machine({
      cores: 2,
      processes: [
        {
          name: 'P',
          vars: { count: 5 },
          threads: [{ program: dec }, { program: ['load count', 'add -1', 'store count'] }],
        },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(3);
    expect(m.proc(1).vars.count).toBe(4); // not 3: a lost update
    expect(m.of('lost-update')).toHaveLength(1);
  });
});

describe('deadlock through semaphores, join and channels (a wait-for cycle of any kind)', () => {
  it('two processes each waiting to receive what only the other would send are reported once', () => {
    const m = machine({
      cores: 2,
      channels: [
        { name: 'a', kind: 'mq' },
        { name: 'b', kind: 'mq' },
      ],
      processes: [
        { name: 'X', program: ['recv a', 'send b hi'] },
        { name: 'Y', program: ['recv b', 'send a hi'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(2);
    expect(m.of('deadlock')).toEqual([expect.objectContaining({ tids: [1, 2] })]);
    expect(describeEvent(m.of('deadlock')[0]!, m.s, 'en')).toContain('none can wake the others');
    expect(stuckThreads(m.s)).toEqual([1, 2]);
  });

  it('semaphores waited in the wrong order, and a parent joining a child that waits for the parent', () => {
    const sem = machine({
      cores: 2,
      semaphores: { s1: 0, s2: 0 },
      processes: [
        { name: 'X', program: ['wait s1', 'signal s2'] },
        { name: 'Y', program: ['wait s2', 'signal s1'] },
      ],
    });
    sem.dispatch(0, 1).dispatch(1, 2).tick(1);
    expect(sem.of('deadlock')).toHaveLength(1);
    const join = machine({
      semaphores: { go: 0 },
      programs: { kid: ['wait go', 'cpu 1'] },
      processes: [{ name: 'sh', program: ['fork kid', 'join', 'signal go'] }],
    });
    join.dispatch(0, 1).dispatch(0, 2).tick(1);
    expect(join.of('deadlock')).toEqual([expect.objectContaining({ tids: [1, 2] })]);
  });

  it('is reported the moment the block closes the cycle, while other threads still run', () => {
    const m = machine({
      cores: 3,
      semaphores: { s1: 0, s2: 0 },
      locks: ['L'],
      processes: [
        { name: 'X', program: ['wait s1', 'signal s2'] },
        { name: 'Y', program: ['lock L', 'wait s2', 'signal s1', 'unlock L'] },
        { name: 'Z', program: ['cpu 20'] },
        { name: 'W', program: ['cpu 1', 'lock L', 'signal s1'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3).tick(1);
    // X waits for s1, which Y (holding L) or W (blocked on L, held by Y) could signal; Y waits for s2,
    // which only X could signal: nothing can move among the three, while Z still runs.
    m.dispatch(0, 4).tick(2);
    expect(m.thread(3).state).toBe('running');
    expect(m.of('deadlock')).toEqual([expect.objectContaining({ tick: 2, tids: [1, 2, 4] })]);
    m.tick(25); // the machine ends with those three stuck: reported once, not again when nothing moves
    expect(m.of('deadlock')).toHaveLength(1);
    expect(m.s.counters.deadlocks).toBe(1);
  });

  it('a waiter whose only waker is blocked on a device, or still has work, is not deadlocked', () => {
    const m = machine({
      cores: 2,
      devices: { disk: 5 },
      semaphores: { s1: 0 },
      processes: [
        { name: 'X', program: ['wait s1'] },
        { name: 'Y', program: ['io disk', 'signal s1'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(2);
    expect(m.thread(1).state).toBe('blocked');
    expect(m.thread(2).blocked).toEqual({ on: 'device', device: 'disk' });
    expect(m.of('deadlock')).toHaveLength(0);
  });

  it('a reader whose writer is still running is not stuck', () => {
    const m = machine({
      cores: 2,
      channels: [{ name: 'a', kind: 'mq' }],
      processes: [
        { name: 'X', program: ['recv a'] },
        { name: 'Y', program: ['cpu 5', 'send a hi'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(3);
    expect(m.of('deadlock')).toHaveLength(0);
  });
});

describe('livelock and starvation are reported as failures (라이브락, 기아 상태)', () => {
  const twoJobs = (extra: Record<string, unknown> = {}) =>
    machine({
      switchCost: 2,
      livelockBound: 5,
      ...extra,
      processes: [
        { name: 'A', program: ['cpu 5'] },
        { name: 'B', program: ['cpu 5'] },
      ],
    });

  it('a scheduler that swaps threads before their switch is paid keeps the CPU busy with no progress: a livelock', () => {
    const m = twoJobs().dispatch(0, 1).tick(1); // the first dispatch costs nothing: A works one tick
    for (let i = 0; i < 6; i++) m.act({ type: 'replace', core: 0, tid: i % 2 === 0 ? 2 : 1 }).tick(1);
    // Then six ticks, every one a switch tick, in which no thread did a tick of its work.
    expect(m.s.counters.switchTicks).toBe(6);
    expect(m.thread(1).cpuTicks + m.thread(2).cpuTicks).toBe(1);
    expect(m.of('livelock')).toEqual([{ tick: 7, type: 'livelock', tids: [1, 2], ticks: 6 }]);
    expect(m.s.counters.livelocks).toBe(1);
    expect(machineMetrics(m.s).faults.livelocks).toBe(1);
    expect(describeEvent(m.of('livelock')[0]!, m.s, 'ko')).toContain('라이브락!');
    expect(describeEvent(m.of('livelock')[0]!, m.s, 'en')).toContain('no thread made progress');
    // Left alone, the thread works: the run of busy ticks ends, and it is reported once.
    m.tick(10);
    expect(m.of('livelock')).toHaveLength(1);
    expect(m.proc(1).terminated).toBe(true);
  });

  it('round robin with a one-tick slice pays a switch per slice but always works: no livelock', () => {
    const m = twoJobs({ quantum: 1, switchCost: 1 }).play({ kind: 'rr' }, 40);
    expect(m.s.counters.switchTicks).toBeGreaterThan(5);
    expect(m.of('livelock')).toHaveLength(0);
  });

  it("a Ready thread waiting beyond the bound while another runs starves, once, in the notes' terms", () => {
    const m = twoJobs({ switchCost: 0, starvationBound: 3 }).dispatch(0, 1).tick(5);
    expect(m.of('starvation')).toEqual([{ tick: 4, type: 'starvation', tid: 2, waited: 4 }]);
    expect(m.s.counters.starvations).toBe(1);
    expect(describeEvent(m.of('starvation')[0]!, m.s, 'ko')).toContain('기아 상태');
  });
});

describe('a UDP receive that times out instead of waiting for ever (003: UDP may lose messages)', () => {
  const lossy = (recv: string) =>
    machine({
      cores: 2,
      channels: [{ name: 'u', kind: 'udp', loss: 1 }],
      processes: [
        { name: 'tx', program: ['send u hi'] },
        { name: 'rx', program: [recv, 'cpu 1'] },
      ],
    });

  it('recv u 5 gives up after 5 ticks with no message and the program goes on', () => {
    expect(parseInstr('recv u 5')).toEqual({ ok: true, instr: { op: 'recv', channel: 'u', timeout: 5 } });
    expect(formatInstr({ op: 'recv', channel: 'u', timeout: 5 })).toBe('recv u 5');
    const m = lossy('recv u 5').dispatch(0, 1).dispatch(1, 2);
    expect(m.thread(2).blocked).toEqual({ on: 'recv', channel: 'u', deadline: 5 });
    m.tick(5);
    expect(m.of('recv-timeout')).toEqual([expect.objectContaining({ tid: 2, channel: 'u', waited: 5 })]);
    expect(m.thread(2).state).toBe('ready');
    expect(m.thread(2).lastMessage).toBeNull();
    expect(describeEvent(m.of('recv-timeout')[0]!, m.s, 'ko')).toContain('UDP 소켓 u 수신 시간 초과');
    m.dispatch(1, 2).tick(1);
    expect(m.proc(2).terminated).toBe(true);
  });

  it('a plain recv on a lost message waits for ever, and is reported once nothing else can move', () => {
    const m = lossy('recv u').dispatch(0, 1).dispatch(1, 2).tick(10);
    expect(m.thread(2).state).toBe('blocked');
    expect(m.of('deadlock')).toEqual([expect.objectContaining({ tids: [2] })]);
    expect(describeEvent(m.of('deadlock')[0]!, m.s, 'en')).toContain('Blocked for ever');
  });
});

describe('the page table in the PCB, and a read-only code segment (001)', () => {
  it('marks each page read-only code, shared copy-on-write, copied or private', () => {
    const m = machine({
      programs: { kid: ['load v', 'add 1', 'store v', 'cpu 5'] },
      processes: [{ name: 'p', vars: { v: 1 }, program: ['fork kid', 'cpu 9'] }],
    });
    m.dispatch(0, 1);
    expect(pageTable(m.s, m.proc(3)).map((x) => x.mark)).toEqual([
      'read-only',
      'read-only',
      'shared',
      'private',
    ]);
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 2).tick(3);
    expect(pageTable(m.s, m.proc(3)).map((x) => x.mark)).toEqual([
      'read-only',
      'read-only',
      'copied',
      'private',
    ]);
    expect(pageTable(m.s, m.proc(2)).map((x) => x.mark)).toEqual([
      'read-only',
      'read-only',
      'private',
      'private',
    ]);
  });

  it('a store into the code segment faults its process (a segmentation fault), and nothing else', () => {
    const m = machine({
      cores: 2,
      processes: [
        { name: 'bad', program: ['load code.main', 'add 1', 'store code.main'] },
        { name: 'ok', program: ['cpu 9'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).tick(2);
    expect(m.of('fault')).toEqual([expect.objectContaining({ pid: 1, why: 'read-only' })]);
    expect(describeEvent(m.of('fault')[0]!, m.s, 'ko')).toContain('읽기 전용인 코드 영역에 쓰기');
    expect(m.proc(1).faulted).toBe(true);
    expect(m.thread(2).state).toBe('running');
    expect(
      parseScenario({ sharedMemory: { code: { x: 1 } }, processes: [{ name: 'A', length: 1 }] }),
    ).toMatchObject({ ok: false, path: 'sharedMemory.code' });
  });
});

describe('the New state lasts a visible moment (001: the program is loaded into memory first)', () => {
  it('with loadTicks a process stays New while loaded, cannot be dispatched, then is admitted to Ready', () => {
    const m = machine({ loadTicks: 2, processes: [{ name: 'vim', length: 1 }] });
    expect(m.thread(1).state).toBe('new');
    expect(m.refuse({ type: 'dispatch', core: 0, tid: 1 }).code).toBe('thread-new');
    m.tick(1);
    expect(m.thread(1).state).toBe('new');
    m.tick(1);
    expect(m.thread(1).state).toBe('ready');
    expect(m.of('admitted')).toEqual([expect.objectContaining({ pid: 1, tick: 2 })]);
    m.dispatch(0, 1).tick(1);
    expect(m.proc(1).firstRun! - m.proc(1).arrival).toBe(2); // the response time counts the loading
  });

  it('without loadTicks a process is admitted at once, as before', () => {
    expect(machine({ processes: [{ name: 'A', length: 1 }] }).thread(1).state).toBe('ready');
  });
});

describe('synchronous and asynchronous I/O in one thread (004: 동기 vs 비동기)', () => {
  it('io-async queues the request and the thread runs on; await waits only for what is not done yet', () => {
    const sync = machine({ devices: { net: 4 }, processes: [{ name: 'app', program: ['io net', 'cpu 4'] }] });
    sync.dispatch(0, 1);
    expect(sync.thread(1).blocked).toEqual({ on: 'device', device: 'net' });
    const m = machine({
      devices: { net: 4 },
      processes: [{ name: 'app', program: ['io-async net', 'cpu 4', 'await', 'cpu 1'] }],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).state).toBe('running'); // the request went to the device; the thread goes on
    expect(m.thread(1).asyncPending).toBe(1);
    m.tick(4); // cpu 4 overlaps the 4 ticks of network I/O
    expect(m.thread(1).asyncPending).toBe(0);
    m.tick(1);
    expect(m.proc(1).completion).toBe(5); // synchronously: 4 of I/O, then 4 + 1 of CPU = 9
  });

  it('await blocks while a request is outstanding, with its own reason, and the completion wakes it', () => {
    const m = machine({
      auto: { interrupts: false },
      devices: { disk: 3 },
      processes: [{ name: 'app', program: ['io-async disk', 'await', 'cpu 1'] }],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).blocked).toEqual({ on: 'await' });
    m.tick(3);
    const r = m.refuse({ type: 'dispatch', core: 0, tid: 1 });
    expect(r.code).toBe('blocked-await');
    const irq = m.s.interrupts.find((i) => i.async)!;
    m.act({ type: 'handle-interrupt', id: irq.id });
    expect(m.thread(1).state).toBe('ready');
    expect(parseInstr('io-async disk 2')).toEqual({
      ok: true,
      instr: { op: 'io-async', device: 'disk', n: 2 },
    });
  });
});

describe('foreground, background and daemon mean something (001)', () => {
  it('a foreground process waits on the keyboard and the user feels how long it takes to run again', () => {
    const m = machine({
      devices: { keyboard: 2 },
      processes: [
        { name: 'vim', kind: 'foreground', program: ['io keyboard', 'cpu 1'] },
        { name: 'build', kind: 'background', length: 9 },
      ],
    });
    m.dispatch(0, 1).dispatch(0, 2).tick(2); // vim waits for a key; build runs meanwhile
    expect(m.thread(1).keyAt).toBe(2); // the user typed at tick 2
    m.tick(3); // build goes on: the user waits
    m.act({ type: 'preempt', core: 0 }).dispatch(0, 1);
    expect(machineMetrics(m.s).meanUserWait).toBe(3);
  });

  it("a background process's keyboard wait is no user's wait, and a daemon may not use the keyboard at all", () => {
    const m = machine({
      devices: { keyboard: 1 },
      processes: [{ name: 'job', kind: 'background', program: ['io keyboard', 'cpu 1'] }],
    });
    m.dispatch(0, 1).tick(1);
    expect(m.thread(1).keyAt).toBeNull();
    expect(
      parseScenario({
        devices: { keyboard: 1 },
        processes: [{ name: 'cron', kind: 'daemon', program: ['cpu 1', 'io keyboard'] }],
      }),
    ).toMatchObject({ ok: false, path: 'processes[0].program[1]' });
  });
});
