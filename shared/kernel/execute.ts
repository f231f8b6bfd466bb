// Running programs: what each instruction does to the machine. An instruction takes effect when the
// thread reaches it on a core and then owes its cost in ticks of CPU (cpu n owes n; load, add, store,
// alloc and free owe 1; send and recv owe their channel's cost; the rest are instant). Because a
// read-modify-write spans three ticks, another thread can slip in between: that is a race.
import { cpuCost } from './program.ts';
import {
  MAX_PROCESSES,
  addThread,
  block,
  cacheAccess,
  createProcess,
  endThread,
  liveProcesses,
  makeReady,
  proc,
  reapChildren,
  relayout,
  releaseLock,
  resize,
  terminateProcess,
  thread,
  unblock,
  type Emit,
} from './machine.ts';
import { mapFresh, refreshSharing, shareWithChild, unmap, writeVar } from './memory.ts';
import { receive, send } from './ipc.ts';
import type { Instr, KernelState, Process, Thread } from './types.ts';

/**
 * How many instant instructions a thread may run in a row before the kernel stops it as a runaway.
 * Every instruction but `exec` advances pc or leaves the core; `exec` restarts a program, so programs
 * that exec each other without ever owing a tick (`a: [exec a]`, or `a: [spawn b, exec a]`, which
 * also fills the thread table) would otherwise spin without end inside one tick. No scenario program
 * is longer than 500 instructions, so only such a cycle gets this far.
 */
export const MAX_INSTANT = 1_000;

/**
 * Records the first tick a thread (and its process) does its own work: after the context switch that
 * brought it in, so that response = first run − arrival counts the switch cost it waited through.
 */
export function markFirstRun(s: KernelState, t: Thread): void {
  if (t.firstRun === null) t.firstRun = s.tick;
  const p = s.processes[t.pid];
  if (p && p.firstRun === null) p.firstRun = s.tick;
}

/** Runs a thread's instant instructions until it owes CPU time, blocks, ends or waits for a choice. */
export function settle(s: KernelState, t: Thread, emit: Emit): void {
  for (let run = 0; ; run++) {
    if (t.state !== 'running' || t.owed > 0) return;
    const core = s.cores[t.core!]!;
    if (core.switchLeft > 0) return;
    markFirstRun(s, t);
    if (t.pc >= t.program.length) {
      if (t.steered) return; // waiting for the thread role to choose the next instruction
      endThread(s, t, emit);
      return;
    }
    // A runaway exec cycle: the kernel's watchdog kills the process (it used to leave the thread
    // Running on an unexecuted instruction after 10,000 steps, and do it again every tick).
    if (run >= MAX_INSTANT) {
      fault(s, t, 'bad-program', emit);
      return;
    }
    execute(s, t, t.program[t.pc]!, emit);
  }
}

/** The name that addresses the code segment in load/store (`code.main`): reading is allowed, writing faults. */
export const CODE_SEGMENT = 'code';

function varHome(s: KernelState, p: Process, name: string) {
  const dot = name.indexOf('.');
  if (dot >= 0) {
    const seg = s.sharedMemory[name.slice(0, dot)];
    if (seg)
      return {
        vars: seg.vars,
        versions: seg.versions,
        writers: seg.writers,
        key: name.slice(dot + 1),
        shared: true,
      };
  }
  return { vars: p.vars, versions: p.versions, writers: p.writers, key: name, shared: false };
}

function fault(
  s: KernelState,
  t: Thread,
  why: 'fault' | 'unlock-not-held' | 'bad-program' | 'read-only',
  emit: Emit,
): void {
  s.counters.faults++;
  emit({ tick: s.tick, type: 'fault', pid: t.pid, tid: t.tid, why });
  terminateProcess(s, proc(s, t.pid), true, emit);
}

function execute(s: KernelState, t: Thread, i: Instr, emit: Emit): void {
  const p = proc(s, t.pid);
  switch (i.op) {
    case 'cpu':
    case 'add':
    case 'alloc':
    case 'free':
      if (i.op === 'add') t.reg += i.n;
      if (i.op === 'alloc') {
        p.memory.heap += i.n;
        mapFresh(s, p, 'heap', i.n);
        relayout(s, p);
      }
      if (i.op === 'free') {
        const n = Math.min(p.memory.heap, i.n);
        p.memory.heap -= n;
        refreshSharing(s, [p.pid, ...unmap(s, p, 'heap', n)]);
        resize(p);
      }
      t.pc++;
      t.owed = cpuCost(i);
      return;
    case 'load': {
      const h = varHome(s, p, i.var);
      t.reg = h.vars[h.key] ?? 0;
      t.loaded = { var: i.var, version: h.versions[h.key] ?? 0 };
      t.pc++;
      t.owed = 1 + cacheAccess(s, t, i.var, false);
      return;
    }
    case 'store': {
      // The code segment is read-only (001): a write to it is a segmentation fault that ends the process.
      if (i.var.startsWith(`${CODE_SEGMENT}.`)) {
        fault(s, t, 'read-only', emit);
        return;
      }
      const h = varHome(s, p, i.var);
      const version = h.versions[h.key] ?? 0;
      if (t.loaded && t.loaded.var === i.var && t.loaded.version !== version) {
        const overwritten = h.writers[h.key] ?? t.tid;
        s.counters.lostUpdates++;
        emit({ tick: s.tick, type: 'lost-update', var: i.var, tid: t.tid, overwritten, pid: t.pid });
      }
      if (!h.shared) {
        // Copy-on-write: only the page holding the variable, and only while another process maps it.
        const copied = writeVar(s, p, i.var);
        if (copied > 0) emit({ tick: s.tick, type: 'cow-copy', pid: p.pid, pages: copied });
      }
      h.vars[h.key] = t.reg;
      h.versions[h.key] = version + 1;
      h.writers[h.key] = t.tid;
      t.loaded = null;
      emit({ tick: s.tick, type: 'stored', tid: t.tid, var: i.var, value: t.reg });
      t.pc++;
      t.owed = 1 + cacheAccess(s, t, i.var, true);
      return;
    }
    case 'io': {
      const d = s.devices[i.device];
      if (!d) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      const duration = i.n ?? d.defaultDuration;
      d.queue.push({ tid: t.tid, duration, remaining: duration });
      if (!p.openFiles.includes(i.device)) p.openFiles.push(i.device);
      t.pc++;
      block(s, t, { on: 'device', device: i.device }, emit);
      return;
    }
    case 'io-async': {
      const d = s.devices[i.device];
      if (!d) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      const duration = i.n ?? d.defaultDuration;
      d.queue.push({ tid: t.tid, duration, remaining: duration, async: true });
      if (!p.openFiles.includes(i.device)) p.openFiles.push(i.device);
      t.asyncPending++;
      t.pc++;
      return;
    }
    case 'await': {
      t.pc++;
      if (t.asyncPending > 0) block(s, t, { on: 'await' }, emit);
      return;
    }
    case 'lock': {
      const lock = (s.locks[i.name] ??= { owner: null, waiters: [] });
      if (lock.owner === null) {
        lock.owner = t.tid;
        t.locksHeld.push(i.name);
        t.pc++;
        emit({ tick: s.tick, type: 'lock-acquired', tid: t.tid, name: i.name });
      } else {
        lock.waiters.push(t.tid);
        block(s, t, { on: 'lock', name: i.name }, emit);
      }
      return;
    }
    case 'unlock': {
      if (s.locks[i.name]?.owner !== t.tid) {
        fault(s, t, 'unlock-not-held', emit);
        return;
      }
      t.pc++;
      releaseLock(s, i.name, t, emit);
      return;
    }
    case 'wait': {
      const sem = s.semaphores[i.name];
      if (!sem) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      if (sem.value > 0) {
        sem.value--;
        t.pc++;
        return;
      }
      sem.waiters.push(t.tid);
      block(s, t, { on: 'semaphore', name: i.name }, emit);
      return;
    }
    case 'signal': {
      const sem = s.semaphores[i.name];
      if (!sem) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      t.pc++;
      const next = sem.waiters.shift();
      if (next === undefined) {
        sem.value++;
        return;
      }
      const w = thread(s, next);
      w.pc++;
      unblock(s, w, emit);
      return;
    }
    case 'send':
      send(s, t, i.channel, i.msg, emit);
      return;
    case 'recv':
      receive(s, t, i.channel, emit, i.timeout);
      return;
    case 'fork':
      forkProcess(s, t, p, i.program, emit);
      return;
    case 'exec': {
      const prog = s.scenario.programs[i.program];
      if (!prog) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      for (const other of p.threads) if (other !== t.tid) endThreadQuietly(s, other, emit);
      p.name = i.program;
      p.vars = {};
      p.versions = {};
      p.writers = {};
      // exec replaces the image: the old frames go back (a parent sharing them now owns them alone).
      const sharers = unmap(s, p, null);
      p.memory = { ...p.memory, code: prog.code, data: prog.data, heap: 0, stack: 1, pages: [] };
      mapFresh(s, p, 'code', prog.code);
      mapFresh(s, p, 'data', prog.data);
      mapFresh(s, p, 'stack', 1);
      refreshSharing(s, [p.pid, ...sharers]);
      relayout(s, p);
      t.program = prog.instructions.slice();
      t.pc = 0;
      t.steered = false;
      t.loaded = null;
      // The new image's variables are not the old ones: the lines cached for this process are stale.
      for (const c of s.cores) if (c.cache.pid === p.pid) c.cache.lines = [];
      emit({ tick: s.tick, type: 'exec', pid: p.pid, program: i.program });
      return;
    }
    case 'spawn': {
      const prog = s.scenario.programs[i.program];
      if (!prog) {
        fault(s, t, 'bad-program', emit);
        return;
      }
      const child = addThread(s, p, prog.instructions, false, []);
      t.pc++;
      emit({ tick: s.tick, type: 'spawned', pid: p.pid, tid: child.tid });
      makeReady(s, child);
      return;
    }
    case 'join': {
      reapChildren(s, p); // like wait(): the zombies among its children are reaped now
      if (p.children.some((c) => !proc(s, c).terminated)) {
        block(s, t, { on: 'join' }, emit);
        return;
      }
      t.pc++;
      return;
    }
    case 'fault':
      fault(s, t, 'fault', emit);
      return;
    case 'exit':
      t.pc++;
      endThread(s, t, emit);
      return;
  }
}

function endThreadQuietly(s: KernelState, tid: number, emit: Emit): void {
  const t = thread(s, tid);
  if (t.state !== 'terminated') endThread(s, t, emit);
}

function forkProcess(s: KernelState, t: Thread, parent: Process, program: string | null, emit: Emit): void {
  t.pc++;
  if (liveProcesses(s) >= MAX_PROCESSES) {
    emit({ tick: s.tick, type: 'fork-failed', pid: parent.pid, tid: t.tid });
    return;
  }
  const instructions = program === null ? t.program.slice(t.pc) : s.scenario.programs[program]!.instructions;
  const child = createProcess(
    s,
    {
      name: program ?? parent.name,
      arrival: s.tick,
      priority: parent.priority,
      kind: parent.kind,
      parent: null,
      threads: [{ program: instructions, steered: false, palette: [] }],
      vars: { ...parent.vars },
      code: parent.memory.code,
      data: parent.memory.data,
      shm: [...parent.memory.shm],
      ...(parent.host === null ? {} : { host: parent.host }), // fork copies a process on its own computer
    },
    parent.pid,
    emit,
  );
  // The child is a copy of the parent but for its PID and where it lives: the forking thread's
  // registers (a value loaded but not yet stored included) and the variables' versions come along.
  const ct = thread(s, child.threads[0]!);
  ct.reg = t.reg;
  ct.loaded = t.loaded === null ? null : { ...t.loaded };
  ct.lastMessage = t.lastMessage;
  child.versions = { ...parent.versions };
  child.writers = { ...parent.writers };
  child.memory.heap = parent.memory.heap;
  child.openFiles = [...parent.openFiles];
  shareWithChild(s, parent, child);
  relayout(s, child);
  emit({ tick: s.tick, type: 'forked', parent: parent.pid, child: child.pid });
}

/** What a core did during one tick: the livelock detector tells a busy CPU from progress by it. */
export type CoreTick = 'idle' | 'switch' | 'work';

/** One tick of work on one core: pay the context switch, run the thread, or stay idle. */
export function runCore(s: KernelState, coreId: number): CoreTick {
  const core = s.cores[coreId]!;
  if (core.running === null) {
    core.idleTicks++;
    return 'idle';
  }
  if (core.switchLeft > 0) {
    core.switchLeft--;
    core.switchTicks++;
    s.counters.switchTicks++;
    if (core.threadSwitch) s.counters.threadSwitchTicks++;
    return 'switch';
  }
  const t = thread(s, core.running);
  markFirstRun(s, t);
  core.sliceUsed++;
  if (t.owed > 0) {
    t.owed--;
    t.cpuTicks++;
    core.busyTicks++;
    return 'work';
  }
  core.idleTicks++; // a steered thread waiting for its player's choice holds the core idle
  return 'idle';
}
