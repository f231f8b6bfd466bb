// The machine's bookkeeping: building a kernel from a scenario, and the lifecycle moves every part
// shares (create, admit, ready, block, exit, terminate). Functions here mutate the state they are
// given; index.ts wraps them so that callers outside the kernel see pure functions.
import { GROWTH_GAP, mapFresh, place, refreshSharing, unmap } from './memory.ts';
import { threadLabel, unknownThreadLabel } from './labels.ts';
import type {
  BlockReason,
  Channel,
  Core,
  Instr,
  Interrupt,
  KernelEvent,
  KernelState,
  Process,
  ProcessSpec,
  Scenario,
  Thread,
} from './types.ts';

/** The most processes alive at once: a fork bomb meets this limit instead of the machine's memory. */
export const MAX_PROCESSES = 256;

/** Events produced during one operation, tagged with the tick they happened at. */
export type Emit = (e: KernelEvent) => void;

/** Builds the machine at tick 0 from a validated scenario and a seed; arrivals at 0 are admitted. */
export function buildKernel(scenario: Scenario, seed: number): KernelState {
  const s: KernelState = {
    tick: 0,
    seed: seed >>> 0,
    rng: seed >>> 0,
    scenario,
    cores: Array.from({ length: scenario.cores }, (_, id) => newCore(id)),
    processes: {},
    threads: {},
    readyQueue: [],
    devices: Object.fromEntries(
      Object.entries(scenario.devices).map(([name, d]) => [
        name,
        {
          name,
          defaultDuration: d,
          current: null,
          queue: [],
          busyTicks: 0,
          served: 0,
        },
      ]),
    ),
    interrupts: [],
    locks: {},
    semaphores: Object.fromEntries(
      Object.entries(scenario.semaphores).map(([n, v]) => [n, { value: v, waiters: [] }]),
    ),
    sharedMemory: Object.fromEntries(
      Object.entries(scenario.sharedMemory).map(([n, vars]) => [
        n,
        {
          vars: { ...vars },
          versions: {},
          writers: {},
        },
      ]),
    ),
    channels: Object.fromEntries(scenario.channels.map((spec) => [spec.name, newChannel(spec)])),
    pendingArrivals: scenario.processes
      .map((_, i) => i)
      .sort((a, b) => scenario.processes[a]!.arrival - scenario.processes[b]!.arrival || a - b),
    arrivedPids: {},
    nextPid: 1,
    nextTid: 1,
    nextInterruptId: 1,
    nextMessageId: 1,
    nextBase: 0,
    frames: {},
    nextFrame: 0,
    counters: {
      contextSwitches: 0,
      switchTicks: 0,
      threadSwitches: 0,
      threadSwitchTicks: 0,
      cacheMisses: 0,
      cacheFlushes: 0,
      userWaits: 0,
      userWaitTicks: 0,
      interruptsRaised: 0,
      interruptsHandled: 0,
      interruptLatencyTotal: 0,
      completed: 0,
      lostUpdates: 0,
      deadlocks: 0,
      starvations: 0,
      livelocks: 0,
      outOfOrder: 0,
      leaks: 0,
      unhandledInterrupts: 0,
      faults: 0,
      messagesDropped: 0,
      refusedIpc: 0,
    },
    reportedDeadlocks: [],
    blockedNow: [],
    noProgress: { ticks: 0, tids: [], reported: false },
  };
  for (const name of scenario.locks) s.locks[name] = { owner: null, waiters: [] };
  if (needsInit(scenario)) addInit(s);
  return s;
}

/** The name of the first process, as on Unix (systemd on Linux, launchd on macOS). */
export const INIT = 'init';

/**
 * Whether a scenario needs the kernel's init: its processes fork or declare parents (a process tree,
 * where orphans need an adopter), and its first process is not itself an init the player steers.
 */
export function needsInit(sc: Scenario): boolean {
  const first = sc.processes[0];
  if (first && first.name === INIT && first.parent === null && first.arrival === 0) return false;
  const forks = (program: readonly Instr[]) => program.some((i) => i.op === 'fork');
  if (sc.processes.some((p) => p.parent !== null)) return true;
  if (Object.values(sc.programs).some((p) => forks(p.instructions))) return true;
  return sc.processes.some((p) => p.threads.some((t) => forks(t.program) || forks(t.palette)));
}

/**
 * Adds init as PID 1 at boot: a PCB the kernel keeps, with no thread of the workload's (it waits for
 * its children for ever, as init does) and no memory counted in the figures. Every process the
 * scenario starts is its child; orphans are adopted by it, and it reaps them at once when they end.
 */
function addInit(s: KernelState): void {
  const pid = s.nextPid++;
  s.processes[pid] = {
    pid,
    ppid: null,
    name: INIT,
    kind: 'daemon',
    priority: 0,
    arrival: 0,
    admitAt: 0,
    firstRun: null,
    completion: null,
    terminated: false,
    reaped: false,
    faulted: false,
    threads: [],
    memory: {
      base: 0,
      limit: 0,
      code: 0,
      data: 0,
      heap: 0,
      stack: 0,
      cowPages: 0,
      cowWith: null,
      sharers: [],
      pages: [],
      shm: [],
    },
    vars: {},
    versions: {},
    writers: {},
    openFiles: [],
    children: [],
    host: null, // on a network it stands for every host's own init (each computer boots one)
    system: true,
  };
}

/** The kernel's init, when the scenario has one. */
export function initOf(s: KernelState): Process | undefined {
  const p = s.processes[1];
  return p?.system ? p : undefined;
}

/** What dispatching this thread on a core that last ran `lastRan` costs: none, a thread switch or a process switch. */
export function switchCostOf(
  s: KernelState,
  lastRan: number | null,
  t: Thread,
): { switched: boolean; threadSwitch: boolean; cost: number } {
  if (lastRan === null || lastRan === t.tid) return { switched: false, threadSwitch: false, cost: 0 };
  const sc = s.scenario;
  if (s.threads[lastRan]?.pid === t.pid)
    return { switched: true, threadSwitch: true, cost: threadSwitchCostOf(sc) };
  return { switched: true, threadSwitch: false, cost: sc.switchCost };
}

/** A fresh core, used at start and when the host adds one (its cache is cold). */
export function newCore(id: number): Core {
  return {
    id,
    running: null,
    lastRan: null,
    switchLeft: 0,
    threadSwitch: false,
    sliceUsed: 0,
    busyTicks: 0,
    switchTicks: 0,
    idleTicks: 0,
    cache: { pid: null, lines: [] },
  };
}

/**
 * A thread takes a core (scenarios with a cacheMissCost): if the core's cache holds another process's
 * working set, the switch flushes it (a new address space, 003); a thread of the process it holds
 * finds its lines warm. Returns whether a warm cache was thrown away.
 */
export function warmCacheFor(s: KernelState, core: Core, t: Thread): boolean {
  if (s.scenario.cacheMissCost === 0 || core.cache.pid === t.pid) return false;
  const flushed = core.cache.pid !== null;
  if (flushed) s.counters.cacheFlushes++;
  core.cache = { pid: t.pid, lines: [] };
  return flushed;
}

/**
 * The extra ticks a load or store of `name` pays on its core: cacheMissCost when the line is not in
 * the core's cache (it is then), 0 on a hit. A store makes the line stale in every other core's cache
 * holding it (the same process's, or any for a shared-memory segment's variable).
 */
export function cacheAccess(s: KernelState, t: Thread, name: string, store: boolean): number {
  const cost = s.scenario.cacheMissCost;
  if (cost === 0 || t.core === null) return 0;
  const core = s.cores[t.core]!;
  if (store) {
    const shared = name.includes('.');
    for (const other of s.cores) {
      if (other === core || !(shared || other.cache.pid === t.pid)) continue;
      if (other.cache.lines.includes(name)) other.cache.lines = other.cache.lines.filter((l) => l !== name);
    }
  }
  if (core.cache.lines.includes(name)) return 0;
  core.cache.lines.push(name);
  s.counters.cacheMisses++;
  return cost;
}

function newChannel(spec: Channel['spec']): Channel {
  return {
    spec,
    inFlight: [],
    buffer: [],
    nextSeq: 1,
    lastDeliveredSeq: 0,
    writer: null,
    ownerPid: null,
    host: null,
    receivers: [],
    senders: [],
    replyTo: {},
    readOffsets: {},
    value: null,
    sent: 0,
    delivered: 0,
    dropped: 0,
  };
}

/** The thread with this id (the caller has checked it exists). */
export function thread(s: KernelState, tid: number): Thread {
  return s.threads[tid]!;
}

/** The process with this id (the caller has checked it exists). */
export function proc(s: KernelState, pid: number): Process {
  return s.processes[pid]!;
}

/** How players name a thread: P3 for a single-threaded process, P3·T2 for its second thread. */
export function label(s: KernelState, tid: number): string {
  const t = s.threads[tid];
  if (!t) return unknownThreadLabel(tid);
  const p = s.processes[t.pid]!;
  return threadLabel(p.pid, p.threads, tid);
}

/** Live (not terminated) processes, for the process-table limit. */
export function liveProcesses(s: KernelState): number {
  let n = 0;
  for (const p of Object.values(s.processes)) if (!p.terminated) n++;
  return n;
}

/** Recomputes the limit register from the segment sizes. */
export function resize(p: Process): void {
  const m = p.memory;
  m.limit = m.code + m.data + m.heap + m.stack;
}

/** Recomputes the limit after a segment changed size and keeps the process's range clear of the others. */
export function relayout(s: KernelState, p: Process): void {
  resize(p);
  place(s, p);
}

/**
 * Creates a process (New), with its threads, then admits it to Ready, at once or, when it is loaded
 * from disk (`loadTicks`), once loaded: the boundary admits it then (admitLoaded).
 */
export function createProcess(
  s: KernelState,
  spec: ProcessSpec,
  ppid: number | null,
  emit: Emit,
  loadTicks = 0,
): Process {
  const pid = s.nextPid++;
  const p: Process = {
    pid,
    ppid,
    name: spec.name,
    kind: spec.kind,
    priority: spec.priority,
    arrival: s.tick,
    admitAt: s.tick + loadTicks,
    firstRun: null,
    completion: null,
    terminated: false,
    reaped: false,
    faulted: false,
    threads: [],
    memory: {
      base: s.nextBase,
      limit: 0,
      code: spec.code,
      data: spec.data,
      heap: 0,
      stack: 0,
      cowPages: 0,
      cowWith: null,
      sharers: [],
      pages: [],
      shm: [...spec.shm],
    },
    vars: { ...spec.vars },
    versions: {},
    writers: {},
    openFiles: [],
    children: [],
    host: spec.host ?? s.scenario.hosts[0] ?? null,
  };
  s.processes[pid] = p;
  mapFresh(s, p, 'code', spec.code);
  mapFresh(s, p, 'data', spec.data);
  const parent = ppid === null ? undefined : s.processes[ppid];
  parent?.children.push(pid);
  // An anonymous pipe is a pair of descriptors: its creator holds them, and a child inherits its
  // parent's (a scenario's declared child as much as a forked one); no one else can name the pipe.
  for (const c of Object.values(s.channels)) {
    if (c.spec.kind !== 'pipe') continue;
    if (c.spec.owner === spec.name && c.ownerPid === null) {
      c.ownerPid = pid;
      c.host = p.host; // the pipe lives in its creator's kernel, on its creator's host
      p.openFiles.push(c.spec.name);
    } else if (parent?.openFiles.includes(c.spec.name) && !p.openFiles.includes(c.spec.name))
      p.openFiles.push(c.spec.name);
  }
  spec.threads.forEach((t) => addThread(s, p, t.program, t.steered, t.palette));
  resize(p);
  s.nextBase += p.memory.limit + GROWTH_GAP;
  emit({ tick: s.tick, type: 'arrived', pid, tid: p.threads[0]!, name: p.name });
  if (loadTicks === 0) admit(s, p, emit);
  return p;
}

/** Admits the processes whose program has finished loading (New → Ready), in pid order. */
export function admitLoaded(s: KernelState, emit: Emit): void {
  if (s.scenario.loadTicks === 0) return;
  for (const pid in s.processes) {
    const p = s.processes[pid]!;
    if (p.terminated || p.admitAt > s.tick) continue;
    if (p.threads.some((tid) => thread(s, tid).state === 'new')) admit(s, p, emit);
  }
}

/** Adds a thread (New) to a process, with its own stack page. */
export function addThread(
  s: KernelState,
  p: Process,
  program: Instr[],
  steered: boolean,
  palette: Instr[],
): Thread {
  const tid = s.nextTid++;
  const t: Thread = {
    tid,
    pid: p.pid,
    state: 'new',
    program: steered ? [] : program.slice(),
    pc: 0,
    owed: 0,
    reg: 0,
    loaded: null,
    blocked: null,
    core: null,
    steered,
    palette: palette.slice(),
    scriptCursor: 0,
    script: steered ? program.slice() : [],
    arrival: s.tick,
    firstRun: null,
    completion: null,
    cpuTicks: 0,
    readyTicks: 0,
    readyStreak: 0,
    starvationReported: false,
    locksHeld: [],
    keyAt: null,
    asyncPending: 0,
    pendingSend: null,
    lastMessage: null,
  };
  s.threads[tid] = t;
  p.threads.push(tid);
  p.memory.stack += 1;
  mapFresh(s, p, 'stack', 1);
  relayout(s, p);
  return t;
}

/** New → Ready for every new thread of a process (the kernel admits at once). */
export function admit(s: KernelState, p: Process, emit: Emit): void {
  for (const tid of p.threads) {
    const t = thread(s, tid);
    if (t.state === 'new') makeReady(s, t);
  }
  emit({ tick: s.tick, type: 'admitted', pid: p.pid });
}

/** Puts a thread at the tail of the Ready queue. */
export function makeReady(s: KernelState, t: Thread): void {
  t.state = 'ready';
  t.blocked = null;
  t.core = null;
  t.readyStreak = 0;
  t.starvationReported = false;
  s.readyQueue.push(t.tid);
}

/** Takes a thread off its core, leaving the core free (it remembers whom it last ran). */
export function leaveCore(s: KernelState, t: Thread): void {
  if (t.core === null) return;
  const core = s.cores[t.core]!;
  core.running = null;
  core.switchLeft = 0;
  core.threadSwitch = false;
  core.sliceUsed = 0;
  t.core = null;
  // A timer interrupt for a thread that has left its core has nothing left to do. (Checked first so
  // that the common case, no such interrupt, allocates nothing.)
  const isMine = (i: Interrupt) => i.kind === 'timer' && i.tid === t.tid;
  if (s.interrupts.some(isMine)) s.interrupts = s.interrupts.filter((i) => !isMine(i));
}

/** Running → Blocked on something. */
export function block(s: KernelState, t: Thread, reason: BlockReason, emit: Emit): void {
  leaveCore(s, t);
  t.state = 'blocked';
  t.blocked = reason;
  if (reason.on !== 'device' && reason.on !== 'await') (s.blockedNow ??= []).push(t.tid);
  emit({ tick: s.tick, type: 'blocked', tid: t.tid, reason });
}

/** Blocked → Ready, because what it waited for happened. */
export function unblock(s: KernelState, t: Thread, emit: Emit): void {
  const reason = t.blocked!;
  makeReady(s, t);
  emit({ tick: s.tick, type: 'unblocked', tid: t.tid, reason });
}

/** Gives a mutex to its next waiter, or frees it. */
export function releaseLock(s: KernelState, name: string, t: Thread, emit: Emit): void {
  const lock = s.locks[name]!;
  t.locksHeld = t.locksHeld.filter((l) => l !== name);
  emit({ tick: s.tick, type: 'lock-released', tid: t.tid, name });
  const next = lock.waiters.shift();
  if (next === undefined) {
    lock.owner = null;
    return;
  }
  const w = thread(s, next);
  lock.owner = next;
  w.locksHeld.push(name);
  w.pc++;
  emit({ tick: s.tick, type: 'lock-acquired', tid: next, name });
  unblock(s, w, emit);
}

/** Removes a thread from every queue it may sit in: Ready, devices, locks, semaphores, channels. */
function detach(s: KernelState, t: Thread, emit: Emit): void {
  leaveCore(s, t);
  s.readyQueue = s.readyQueue.filter((x) => x !== t.tid);
  for (const d of Object.values(s.devices)) d.queue = d.queue.filter((r) => r.tid !== t.tid);
  for (const l of Object.values(s.locks)) l.waiters = l.waiters.filter((x) => x !== t.tid);
  for (const m of Object.values(s.semaphores)) m.waiters = m.waiters.filter((x) => x !== t.tid);
  for (const c of Object.values(s.channels)) {
    c.receivers = c.receivers.filter((x) => x !== t.tid);
    c.senders = c.senders.filter((x) => x !== t.tid);
  }
  s.interrupts = s.interrupts.filter((i) => i.tid !== t.tid);
  for (const name of [...t.locksHeld]) releaseLock(s, name, t, emit);
}

/** A thread ends (exit, or its process died); the process ends with its last thread. */
export function endThread(s: KernelState, t: Thread, emit: Emit): void {
  if (t.state === 'terminated') return;
  detach(s, t, emit);
  t.state = 'terminated';
  t.blocked = null;
  t.completion = s.tick;
  t.owed = 0;
  emit({ tick: s.tick, type: 'thread-exited', tid: t.tid, pid: t.pid });
  const p = proc(s, t.pid);
  p.memory.stack = Math.max(0, p.memory.stack - 1);
  unmap(s, p, 'stack', 1);
  resize(p);
  if (p.threads.every((x) => thread(s, x).state === 'terminated')) terminateProcess(s, p, false, emit);
}

/** The whole process ends: every thread, its memory, and its children are adopted by init. */
export function terminateProcess(s: KernelState, p: Process, faulted: boolean, emit: Emit): void {
  if (p.terminated) return;
  p.terminated = true;
  p.faulted = faulted;
  for (const tid of p.threads) {
    const t = thread(s, tid);
    if (t.state !== 'terminated') {
      detach(s, t, emit);
      t.state = 'terminated';
      t.blocked = null;
      t.completion = s.tick;
      t.owed = 0;
    }
  }
  p.completion = s.tick;
  if (!faulted && p.memory.heap > 0) {
    s.counters.leaks++;
    emit({ tick: s.tick, type: 'leak', pid: p.pid, pages: p.memory.heap });
  }
  // The PCB stays (Terminated) but its memory goes back: every frame, the range it held, the pages it shared.
  p.memory.code = 0;
  p.memory.data = 0;
  p.memory.heap = 0;
  p.memory.stack = 0;
  refreshSharing(s, unmap(s, p, null));
  refreshSharing(s, [p.pid]);
  resize(p);
  s.counters.completed++;
  emit({ tick: s.tick, type: 'process-terminated', pid: p.pid, faulted });
  // Orphans are adopted by the first process (init), as on Unix; zombie children no one will join are reaped.
  const init = s.processes[1];
  for (const c of p.children) {
    const child = s.processes[c]!;
    if (child.terminated) child.reaped = true;
    else if (init && !init.terminated && init.pid !== p.pid) {
      child.ppid = init.pid;
      init.children.push(c);
    }
  }
  const parent = p.ppid === null ? undefined : s.processes[p.ppid];
  // No parent to wait for it, or init, which waits for its children all the time: gone at once.
  if (!parent || parent.terminated || parent.system) p.reaped = true;
  if (parent) wakeJoiners(s, parent, emit);
}

/** join returns: the parent reaps its Terminated children (zombies until now), whose PCBs are then gone. */
export function reapChildren(s: KernelState, parent: Process): void {
  for (const c of parent.children) {
    const child = proc(s, c);
    if (child.terminated) child.reaped = true;
  }
}

/** Wakes a parent's threads waiting in `join` once all its children have ended. */
export function wakeJoiners(s: KernelState, parent: Process, emit: Emit): void {
  const joining = parent.threads.some((tid) => thread(s, tid).blocked?.on === 'join');
  if (joining) reapChildren(s, parent); // a parent waiting in join reaps each child as it ends
  if (parent.children.some((c) => !proc(s, c).terminated)) return;
  for (const tid of parent.threads) {
    const t = thread(s, tid);
    if (t.state === 'blocked' && t.blocked?.on === 'join') {
      t.pc++;
      unblock(s, t, emit);
    }
  }
}

/** What a switch between two threads of one process costs: the scenario's, or half a process switch (rounded down). */
export function threadSwitchCostOf(sc: Scenario): number {
  return sc.threadSwitchCost ?? Math.floor(sc.switchCost / 2);
}
