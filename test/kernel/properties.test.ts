// Property tests of the kernel (fast-check): random machines driven by random actions interleaved
// with ticks, with the machine's invariants checked after every step; refused actions leave no trace;
// reliable channels lose nothing; a locked counter never loses an update while an unlocked one can;
// the same inputs always give the same machine, and replay rebuilds it exactly.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyActionInPlace,
  hashState,
  hasMessageFor,
  isFinished,
  isFull,
  parseScenario,
  replay,
  startKernel,
  tickInPlace,
  type KernelAction,
  type KernelEvent,
  type KernelState,
  type Scenario,
  type ScenarioInput,
  type TimedAction,
} from '../../shared/kernel/index.ts';
import { POLICIES, type Policy, type PolicyKind } from '../../shared/bots/index.ts';
import { runWithBots, settleBots } from '../../shared/sim/run.ts';

// ---------------------------------------------------------------------------------------------
// Random scenarios

const CHANNELS = ['pipe1', 'fifo1', 'mq1', 'tcp1', 'udp1', 'file1', 'shm1'] as const;
const RELIABLE = new Set(['pipe', 'fifo', 'mq', 'tcp', 'file']);

/** One instruction that is not lock/unlock (those come properly nested from `program` below). */
const plainInstr = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `cpu ${n}`) },
  { weight: 2, arbitrary: fc.constantFrom('io disk', 'io net', 'io disk 1', 'io net 3') },
  { weight: 3, arbitrary: fc.constantFrom('load x', 'add 1', 'store x', 'load seg.y', 'store seg.y') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...CHANNELS), fc.boolean())
      .map(([c, snd]) => (snd ? `send ${c} m` : `recv ${c}`)),
  },
  { weight: 1, arbitrary: fc.constantFrom('alloc 2', 'free 1', 'wait sem', 'signal sem') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('fork', 'fork child', 'spawn child', 'exit', 'join', 'exec child', 'fault'),
  },
);
const plainRun = fc.array(plainInstr, { maxLength: 4 });

/** A program: plain instructions around an optional critical section with an optional nested one. */
const program = fc
  .record({
    pre: plainRun,
    section: fc.option(
      fc.record({
        outer: fc.constantFrom('L1', 'L2'),
        a: plainRun,
        inner: fc.option(plainRun, { nil: undefined }),
        b: plainRun,
      }),
      { nil: undefined },
    ),
    post: plainRun,
  })
  .map(({ pre, section, post }) => {
    const out = [...pre];
    if (section) {
      const inner = section.outer === 'L1' ? 'L2' : 'L1';
      out.push(`lock ${section.outer}`, ...section.a);
      if (section.inner) out.push(`lock ${inner}`, ...section.inner, `unlock ${inner}`);
      out.push(...section.b, `unlock ${section.outer}`);
    }
    out.push(...post);
    return out.length > 0 ? out : ['cpu 1'];
  });

/** Producers and consumers on one channel, so that messages really flow (and buffers fill up). */
const ipcProgram = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    send: fc.boolean(),
    count: fc.integer({ min: 1, max: 6 }),
    work: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ channel, send, count, work }) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      if (work > 0) out.push(`cpu ${work}`);
      out.push(send ? `send ${channel} m${i}` : `recv ${channel}`);
    }
    return out;
  });

/** A thread; about one in five is steered (the thread role chooses its instructions). */
const threadSpec = fc.record({
  program: fc.oneof({ weight: 3, arbitrary: program }, { weight: 2, arbitrary: ipcProgram }),
  steered: fc.integer({ min: 0, max: 4 }).map((r) => r === 0),
});

const scenarioInputArb: fc.Arbitrary<ScenarioInput> = fc
  .record({
    cores: fc.integer({ min: 1, max: 4 }),
    quantum: fc.integer({ min: 0, max: 5 }),
    switchCost: fc.integer({ min: 0, max: 3 }),
    disk: fc.integer({ min: 1, max: 4 }),
    net: fc.integer({ min: 1, max: 3 }),
    caps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 7, maxLength: 7 }),
    tcpLatency: fc.integer({ min: 0, max: 3 }),
    udpLoss: fc.constantFrom(0, 0.3, 1),
    sem: fc.integer({ min: 0, max: 2 }),
    autoInterrupts: fc.boolean(),
    autoDelivery: fc.boolean(),
    // The library's program may exec itself (a cycle the kernel must stop if it never owes a tick).
    child: fc.array(
      plainInstr.filter((i) => !/^(fork|spawn)/.test(i)),
      { minLength: 1, maxLength: 4 },
    ),
    procs: fc.array(
      fc.record({
        arrival: fc.integer({ min: 0, max: 8 }),
        priority: fc.integer({ min: -2, max: 2 }),
        threads: fc.array(threadSpec, { minLength: 1, maxLength: 2 }),
        parent: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    starvationBound: fc.integer({ min: 3, max: 30 }),
    interruptBound: fc.integer({ min: 1, max: 5 }),
  })
  .map((r) => ({
    cores: r.cores,
    quantum: r.quantum,
    switchCost: r.switchCost,
    devices: { disk: r.disk, net: r.net },
    programs: { child: r.child },
    sharedMemory: { seg: { y: 0 } },
    locks: ['L1', 'L2'],
    semaphores: { sem: r.sem },
    channels: [
      { name: 'pipe1', kind: 'pipe' as const, owner: 'P0', capacity: r.caps[0] },
      { name: 'fifo1', kind: 'fifo' as const, capacity: r.caps[1] },
      { name: 'mq1', kind: 'mq' as const, capacity: r.caps[2] },
      { name: 'tcp1', kind: 'tcp' as const, capacity: r.caps[3], latency: r.tcpLatency },
      { name: 'udp1', kind: 'udp' as const, capacity: r.caps[4], loss: r.udpLoss, jitter: 2 },
      { name: 'file1', kind: 'file' as const, capacity: r.caps[5]! + 3 },
      { name: 'shm1', kind: 'shm' as const, capacity: r.caps[6] },
    ],
    processes: r.procs.map((p, i) => ({
      name: `P${i}`,
      arrival: i === 0 ? 0 : p.arrival,
      priority: p.priority,
      // A child of P0 may use P0's anonymous pipe (P0 arrives at 0, so it is always listed and earlier).
      parent: i > 0 && p.parent ? 'P0' : null,
      vars: { x: 0 },
      shm: ['seg'],
      threads: p.threads,
    })),
    auto: { interrupts: r.autoInterrupts, delivery: r.autoDelivery },
    starvationBound: r.starvationBound,
    interruptBound: r.interruptBound,
  }));

function scenarioOf(input: ScenarioInput): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`generated an invalid scenario: ${r.error}`);
  return r.scenario;
}

// ---------------------------------------------------------------------------------------------
// Random steps: abstract choices turned into concrete actions against the current state, so that a
// fair share of them are accepted (the rest are refused, which is tested too).

type Step =
  | { k: 'tick' }
  | { k: 'bots'; policy: PolicyKind }
  | { k: 'dispatch'; core: number; pick: number; fromReady: boolean }
  | { k: 'preempt'; core: number }
  | { k: 'interrupt'; pick: number }
  | { k: 'deliver'; channel: number; pick: number }
  | { k: 'choose'; pick: number; instr: number }
  | { k: 'kill'; pid: number }
  | { k: 'quantum'; quantum: number }
  | { k: 'add-core' };

const n = fc.nat({ max: 1000 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ k: 'tick' as const }) },
  { weight: 10, arbitrary: fc.constantFrom(...POLICIES).map((policy) => ({ k: 'bots' as const, policy })) },
  {
    weight: 18,
    arbitrary: fc
      .record({ core: fc.nat({ max: 8 }), pick: n, fromReady: fc.boolean() })
      .map((r) => ({ k: 'dispatch' as const, ...r })),
  },
  { weight: 9, arbitrary: fc.nat({ max: 8 }).map((core) => ({ k: 'preempt' as const, core })) },
  { weight: 9, arbitrary: n.map((pick) => ({ k: 'interrupt' as const, pick })) },
  { weight: 9, arbitrary: fc.record({ channel: n, pick: n }).map((r) => ({ k: 'deliver' as const, ...r })) },
  { weight: 9, arbitrary: fc.record({ pick: n, instr: n }).map((r) => ({ k: 'choose' as const, ...r })) },
  { weight: 2, arbitrary: fc.nat({ max: 12 }).map((pid) => ({ k: 'kill' as const, pid })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -1, max: 6 }).map((quantum) => ({ k: 'quantum' as const, quantum })),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'add-core' as const }) },
);

function tids(s: KernelState): number[] {
  return Object.keys(s.threads).map(Number);
}

/** The concrete action a step stands for in this state, or null for a tick or a bots round. */
function concrete(s: KernelState, step: Step): KernelAction | null {
  switch (step.k) {
    case 'tick':
    case 'bots':
      return null;
    case 'dispatch': {
      const pool = step.fromReady && s.readyQueue.length > 0 ? s.readyQueue : [...tids(s), 999];
      return {
        type: 'dispatch',
        core: step.core % (s.cores.length + 1),
        tid: pool[step.pick % pool.length]!,
      };
    }
    case 'preempt':
      return { type: 'preempt', core: step.core % (s.cores.length + 1) };
    case 'interrupt': {
      const ids = [...s.interrupts.map((i) => i.id), 999];
      return { type: 'handle-interrupt', id: ids[step.pick % ids.length]! };
    }
    case 'deliver': {
      // Usually a channel with messages in flight (in any order, so ordered ones can go wrong).
      const busy = CHANNELS.filter((c) => (s.channels[c]?.inFlight.length ?? 0) > 0);
      const names = step.channel % 3 !== 0 && busy.length > 0 ? busy : [...CHANNELS, 'nope'];
      const name = names[step.channel % names.length]!;
      const c = s.channels[name];
      const ids = [...(c?.inFlight.map((m) => m.id) ?? []), 999];
      return { type: 'deliver', channel: name, message: ids[step.pick % ids.length]! };
    }
    case 'choose': {
      const steered = Object.values(s.threads).filter((t) => t.steered);
      const pool = [...steered.map((t) => t.tid), 1];
      const tid = pool[step.pick % pool.length]!;
      // Mostly the reference instructions (in some palette), plus ones outside it and nonsense.
      const texts = [...steered.flatMap((t) => t.script.map(instrText)), 'exit', 'cpu 99', 'bogus 1'];
      return { type: 'choose', tid, instr: texts[step.instr % texts.length]! };
    }
    case 'kill':
      return { type: 'kill', pid: step.pid };
    case 'quantum':
      return { type: 'set-quantum', quantum: step.quantum };
    case 'add-core':
      return { type: 'add-core' };
  }
}

function instrText(i: { op: string } & Record<string, unknown>): string {
  switch (i.op) {
    case 'cpu':
    case 'add':
    case 'alloc':
    case 'free':
      return `${i.op} ${String(i.n)}`;
    case 'io':
      return i.n === null ? `io ${String(i.device)}` : `io ${String(i.device)} ${String(i.n)}`;
    case 'fork':
      return i.program === null ? 'fork' : `fork ${String(i.program)}`;
    case 'exec':
    case 'spawn':
      return `${i.op} ${String(i.program)}`;
    case 'lock':
    case 'unlock':
    case 'wait':
    case 'signal':
      return `${i.op} ${String(i.name)}`;
    case 'load':
    case 'store':
      return `${i.op} ${String(i.var)}`;
    case 'send':
      return `send ${String(i.channel)} ${String(i.msg)}`;
    case 'recv':
      return `recv ${String(i.channel)}`;
    default:
      return i.op;
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants

function count<T>(xs: readonly T[], x: T): number {
  let k = 0;
  for (const y of xs) if (y === x) k++;
  return k;
}

/** The messages each channel's events say were sent, received and dropped, read incrementally. */
class Ledger {
  readonly sentIds = new Map<string, number[]>();
  readonly receivedIds = new Map<string, number[]>();
  readonly droppedIds = new Map<string, number[]>();
  /** Per channel: the highest seq delivered so far, deliveries behind it, and out-of-order reports. */
  readonly order = new Map<string, { max: number; late: number; reported: number }>();
  /** Reported deadlocks: their threads, and the process count then (a host's new process may wake them). */
  readonly deadlocks: { tids: number[]; processes: number }[] = [];
  private seen = 0;
  read(events: readonly KernelEvent[]): void {
    const add = (m: Map<string, number[]>, ch: string, id: number) => {
      const xs = m.get(ch);
      if (xs) xs.push(id);
      else m.set(ch, [id]);
    };
    for (; this.seen < events.length; this.seen++) {
      const e = events[this.seen]!;
      if (e.type === 'message-sent') add(this.sentIds, e.channel, e.message);
      if (e.type === 'message-received') add(this.receivedIds, e.channel, e.message);
      if (e.type === 'message-dropped') add(this.droppedIds, e.channel, e.message);
      if (e.type === 'deadlock') this.deadlocks.push({ tids: e.tids, processes: -1 });
      if (e.type === 'message-delivered' || e.type === 'out-of-order') {
        const o = this.order.get(e.channel) ?? { max: 0, late: 0, reported: 0 };
        this.order.set(e.channel, o);
        if (e.type === 'out-of-order') o.reported++;
        else {
          if (e.seq < o.max) o.late++;
          o.max = Math.max(o.max, e.seq);
        }
      }
    }
  }
}

/** Throws with a precise message when the machine breaks one of its invariants. */
function checkInvariants(s: KernelState, events: readonly KernelEvent[], ledger: Ledger): void {
  const fail = (msg: string): never => {
    throw new Error(`tick ${s.tick}: ${msg}`);
  };
  const ids = tids(s);

  // A reported deadlock is real: its threads stay Blocked until one of them ends (killed, crashed)
  // or the host starts a new process (whose code might wake them).
  ledger.read(events);
  const processCount = s.nextPid;
  for (const d of ledger.deadlocks) {
    if (d.processes < 0) d.processes = processCount;
    if (d.processes !== processCount || d.tids.some((tid) => s.threads[tid]!.state === 'terminated'))
      continue;
    for (const tid of d.tids)
      if (s.threads[tid]!.state !== 'blocked')
        fail(`T${tid} of the deadlock [${d.tids.join(',')}] is ${s.threads[tid]!.state}`);
  }

  // Queues hold only known threads, each once.
  for (const tid of s.readyQueue) if (!s.threads[tid]) fail(`readyQueue holds unknown thread ${tid}`);
  if (new Set(s.readyQueue).size !== s.readyQueue.length)
    fail(`readyQueue has duplicates: ${s.readyQueue.join(',')}`);

  // Cores point at Running threads that point back.
  let running = 0;
  for (const core of s.cores) {
    if (core.running === null) continue;
    const t = s.threads[core.running];
    if (!t) fail(`core ${core.id} runs unknown thread ${core.running}`);
    if (t!.state !== 'running' || t!.core !== core.id)
      fail(`core ${core.id} runs T${t!.tid} which is ${t!.state} on core ${t!.core}`);
    running++;
  }
  if (running > s.cores.length) fail('more Running threads than cores');

  const waitLists = (tid: number) => {
    const where: string[] = [];
    for (const d of Object.values(s.devices)) {
      if (d.queue.some((r) => r.tid === tid)) where.push(`device:${d.name}:queue`);
      if (d.current?.tid === tid) where.push(`device:${d.name}:current`);
    }
    for (const [name, l] of Object.entries(s.locks))
      for (let i = 0; i < count(l.waiters, tid); i++) where.push(`lock:${name}`);
    for (const [name, m] of Object.entries(s.semaphores))
      for (let i = 0; i < count(m.waiters, tid); i++) where.push(`semaphore:${name}`);
    for (const [name, c] of Object.entries(s.channels)) {
      for (let i = 0; i < count(c.receivers, tid); i++) where.push(`recv:${name}`);
      for (let i = 0; i < count(c.senders, tid); i++) where.push(`send:${name}`);
    }
    for (const irq of s.interrupts) {
      if (irq.tid === tid && irq.kind === 'io') where.push(`device:${irq.device}:interrupt`);
    }
    return where;
  };

  let running2 = 0;
  for (const tid of ids) {
    const t = s.threads[tid]!;
    const inReady = count(s.readyQueue, tid);
    const onCores = s.cores.filter((c) => c.running === tid).length;
    const where = waitLists(tid);
    const name = `T${tid} (${t.state})`;
    if (t.owed < 0) fail(`${name} owes ${t.owed}`);
    if (t.pc < 0 || t.pc > t.program.length)
      fail(`${name} has pc ${t.pc} outside its program of ${t.program.length}`);
    switch (t.state) {
      case 'new':
        fail(`${name}: the kernel admits at once, nothing stays New`);
        break;
      case 'ready':
        if (inReady !== 1 || onCores !== 0 || t.core !== null || t.blocked !== null || where.length > 0) {
          fail(
            `${name}: inReady=${inReady} onCores=${onCores} core=${t.core} blocked=${JSON.stringify(t.blocked)} waits=${where.join(',')}`,
          );
        }
        break;
      case 'running': {
        running2++;
        if (
          inReady !== 0 ||
          onCores !== 1 ||
          t.core === null ||
          s.cores[t.core]?.running !== tid ||
          t.blocked !== null ||
          where.length > 0
        ) {
          fail(
            `${name}: inReady=${inReady} onCores=${onCores} core=${t.core} blocked=${JSON.stringify(t.blocked)} waits=${where.join(',')}`,
          );
        }
        // Settled: a Running thread never sits on a free instruction it has not executed yet.
        const core = s.cores[t.core!]!;
        if (core.switchLeft === 0 && t.owed === 0 && !(t.steered && t.pc >= t.program.length)) {
          fail(
            `${name} is Running with nothing owed but has not executed instruction ${t.pc} (${instrText(t.program[t.pc] as never)})`,
          );
        }
        break;
      }
      case 'blocked': {
        if (inReady !== 0 || onCores !== 0 || t.core !== null || t.blocked === null) {
          fail(
            `${name}: inReady=${inReady} onCores=${onCores} core=${t.core} blocked=${JSON.stringify(t.blocked)}`,
          );
        }
        const b = t.blocked!;
        let expected: string;
        switch (b.on) {
          case 'device':
            expected = `device:${b.device}:`;
            break;
          case 'lock':
            expected = `lock:${b.name}`;
            break;
          case 'semaphore':
            expected = `semaphore:${b.name}`;
            break;
          case 'recv':
            expected = `recv:${b.channel}`;
            break;
          case 'send':
            expected = `send:${b.channel}`;
            break;
          case 'join':
          case 'await':
            expected = '';
            break;
        }
        if (b.on === 'await') {
          if (t.asyncPending === 0)
            fail(`${name} waits in await with no asynchronous request left (lost wake-up)`);
        } else if (b.on === 'join') {
          if (where.length !== 0) fail(`${name} blocked in join but also waits in ${where.join(',')}`);
          const p = s.processes[t.pid]!;
          if (!p.children.some((c) => !s.processes[c]!.terminated))
            fail(`${name} waits in join but every child has ended (lost wake-up)`);
        } else if (where.length !== 1 || !where[0]!.startsWith(expected)) {
          fail(`${name} blocked on ${JSON.stringify(b)} but sits in [${where.join(', ')}]`);
        }
        // No lost wake-ups: what it waits for has not already happened.
        if (b.on === 'lock' && s.locks[b.name]!.owner === null) fail(`${name} waits for free lock ${b.name}`);
        if (b.on === 'semaphore' && s.semaphores[b.name]!.value > 0)
          fail(`${name} waits on semaphore ${b.name} whose value is ${s.semaphores[b.name]!.value}`);
        if (b.on === 'send') {
          const c = s.channels[b.channel]!;
          if (!isFull(c)) fail(`${name} waits to send on ${b.channel}, which has room`);
          if (t.pendingSend === null) fail(`${name} waits to send on ${b.channel} with no message`);
        }
        if (b.on === 'recv') {
          const c = s.channels[b.channel]!;
          if (hasMessageFor(c, t.pid))
            fail(`${name} waits to receive on ${b.channel}, which has a message for it`);
        }
        break;
      }
      case 'terminated': {
        // Nowhere — except that a device finishes the request it is already serving (the hardware
        // transfer is not cancelled); its completion then raises nothing.
        const where2 = where.filter((w) => !w.endsWith(':current'));
        if (inReady !== 0 || onCores !== 0 || t.core !== null || t.blocked !== null || where2.length > 0) {
          fail(
            `${name}: inReady=${inReady} onCores=${onCores} core=${t.core} blocked=${JSON.stringify(t.blocked)} waits=${where2.join(',')}`,
          );
        }
        if (t.locksHeld.length > 0) fail(`${name} still holds ${t.locksHeld.join(',')}`);
        if (s.interrupts.some((i) => i.tid === tid)) fail(`${name} still has a pending interrupt`);
        break;
      }
    }
  }
  if (running2 !== running) fail(`${running2} threads say Running but ${running} cores run one`);

  // Locks: owner and locksHeld agree.
  for (const [name, l] of Object.entries(s.locks)) {
    if (l.owner !== null) {
      const o = s.threads[l.owner];
      if (!o || o.state === 'terminated') fail(`lock ${name} owned by ended thread ${l.owner}`);
      if (!o!.locksHeld.includes(name)) fail(`lock ${name} owned by T${l.owner} which does not list it`);
    }
  }
  for (const tid of ids) {
    for (const name of s.threads[tid]!.locksHeld)
      if (s.locks[name]?.owner !== tid) fail(`T${tid} lists ${name} but does not own it`);
  }

  // Timer interrupts belong to the thread running on their core.
  for (const irq of s.interrupts) {
    if (irq.kind === 'timer') {
      const t = s.threads[irq.tid]!;
      if (t.state !== 'running' || t.core !== irq.core)
        fail(
          `timer interrupt ${irq.id} for T${irq.tid} which is ${t.state} on core ${t.core}, not ${irq.core}`,
        );
    }
  }

  // Processes: terminated exactly when every thread has ended.
  // The kernel's init is PID 1, has no thread of the workload's and never ends; every root process is its child.
  for (const p of Object.values(s.processes)) {
    if (p.system) {
      if (p.pid !== 1 || p.terminated || p.threads.length > 0)
        fail(`init is P${p.pid}, ended or has threads`);
      continue;
    }
    if (s.processes[1]?.system && p.ppid === null) fail(`P${p.pid} has no parent although init exists`);
    const allEnded = p.threads.every((tid) => s.threads[tid]!.state === 'terminated');
    if (allEnded !== p.terminated)
      fail(`P${p.pid} terminated=${p.terminated} but allThreadsEnded=${allEnded}`);
  }

  // Times and memory in the PCBs add up.
  let terminatedProcesses = 0;
  for (const p of Object.values(s.processes)) {
    if (p.terminated) terminatedProcesses++;
    if ((p.completion !== null) !== p.terminated)
      fail(`P${p.pid} terminated=${p.terminated} but completion=${p.completion}`);
    if (p.firstRun !== null && p.firstRun < p.arrival)
      fail(`P${p.pid} ran at ${p.firstRun} before arriving at ${p.arrival}`);
    const m = p.memory;
    if (m.limit !== m.code + m.data + m.heap + m.stack)
      fail(`P${p.pid}'s limit ${m.limit} is not the sum of its segments`);
    const live = p.threads.filter((tid) => s.threads[tid]!.state !== 'terminated').length;
    if (m.stack !== live) fail(`P${p.pid} has ${m.stack} stack pages for ${live} live threads`);
    if (m.heap < 0 || m.cowPages < 0) fail(`P${p.pid} has negative memory`);
    if (m.pages.length !== m.limit)
      fail(`P${p.pid}'s page table has ${m.pages.length} pages for a limit of ${m.limit}`);
    for (const page of m.pages)
      if (!s.frames[page.frame]?.includes(p.pid))
        fail(`P${p.pid} maps frame ${page.frame}, which does not list it`);
    if (p.reaped && !p.terminated) fail(`P${p.pid} was reaped while still alive`);
    if (p.terminated && m.pages.length > 0) fail(`P${p.pid} Terminated still holds ${m.pages.length} pages`);
  }
  // Frames: every holder maps the frame; live processes' base/limit ranges never overlap.
  for (const [frame, holders] of Object.entries(s.frames)) {
    if (holders.length === 0) fail(`frame ${frame} is kept with no holder`);
    for (const pid of holders)
      if (!s.processes[pid]!.memory.pages.some((pg) => String(pg.frame) === frame))
        fail(`frame ${frame} lists P${pid}, which does not map it`);
  }
  const ranges = Object.values(s.processes)
    .filter((p) => !p.terminated && p.memory.limit > 0)
    .map((p) => [p.pid, p.memory.base, p.memory.base + p.memory.limit] as const);
  for (const a of ranges)
    for (const b of ranges) {
      if (a[0] < b[0] && a[1] < b[2] && b[1] < a[2])
        fail(`P${a[0]} [${a[1]},${a[2]}) overlaps P${b[0]} [${b[1]},${b[2]})`);
    }
  if (s.counters.completed !== terminatedProcesses)
    fail(`counters.completed=${s.counters.completed} but ${terminatedProcesses} processes ended`);
  for (const tid of ids) {
    const t = s.threads[tid]!;
    if ((t.completion !== null) !== (t.state === 'terminated'))
      fail(`T${tid} is ${t.state} with completion ${t.completion}`);
    if (t.firstRun !== null && t.firstRun < t.arrival)
      fail(`T${tid} ran at ${t.firstRun} before arriving at ${t.arrival}`);
    const lived = (t.completion ?? s.tick) - t.arrival;
    if (t.readyTicks + t.cpuTicks > lived)
      fail(`T${tid} spent ${t.readyTicks} ticks Ready and ${t.cpuTicks} on a CPU in ${lived} ticks of life`);
  }

  // CPU accounting: the cores' busy ticks are exactly the threads' CPU ticks.
  let busy = 0;
  for (const c of s.cores) {
    busy += c.busyTicks;
    if (c.busyTicks + c.idleTicks + c.switchTicks > s.tick)
      fail(`core ${c.id} accounts for more ticks than have passed`);
  }
  let cpu = 0;
  for (const tid of ids) cpu += s.threads[tid]!.cpuTicks;
  if (busy !== cpu) fail(`cores were busy ${busy} ticks but threads used ${cpu}`);

  // Channels: bounded, and reliable ones lose nothing. Every message sent is in flight, in the buffer,
  // or was received (a message is counted as sent once it enters the channel; a sender blocked on a
  // full channel still holds its message, and the channel was full — checked above).
  ledger.read(events);
  const { sentIds, receivedIds, droppedIds } = ledger;
  for (const [name, c] of Object.entries(s.channels)) {
    const kind = c.spec.kind;
    if (kind === 'shm') continue;
    // Out-of-order delivery is reported on ordered channels exactly when a message arrives behind a newer one.
    const o = ledger.order.get(name) ?? { max: 0, late: 0, reported: 0 };
    const expectedReports = kind === 'udp' ? 0 : o.late;
    if (o.reported !== expectedReports)
      fail(`${name} (${kind}): ${o.late} late deliveries but ${o.reported} out-of-order reports`);
    const held = c.inFlight.length + c.buffer.length;
    if (kind !== 'file' && held > c.spec.capacity)
      fail(`${name} holds ${held} > capacity ${c.spec.capacity}`);
    if (kind === 'file' && c.buffer.length > c.spec.capacity)
      fail(`${name} holds ${c.buffer.length} > capacity ${c.spec.capacity}`);
    const sent = sentIds.get(name) ?? [];
    const received = receivedIds.get(name) ?? [];
    const dropped = droppedIds.get(name) ?? [];
    if (c.sent !== sent.length) fail(`${name}.sent=${c.sent} but ${sent.length} message-sent events`);
    if (c.sent !== c.delivered + c.inFlight.length + c.dropped)
      fail(
        `${name}: sent ${c.sent} ≠ delivered ${c.delivered} + in flight ${c.inFlight.length} + dropped ${c.dropped}`,
      );
    if (RELIABLE.has(kind) && c.dropped !== 0) fail(`reliable ${name} dropped ${c.dropped}`);
    if (kind === 'file') {
      // A file keeps everything written; each reader reads each record at most once.
      const kept = new Set(c.buffer.map((m) => m.id));
      if (sent.some((id) => !kept.has(id))) fail(`file ${name} lost a written record`);
      continue;
    }
    const places = [...c.inFlight.map((m) => m.id), ...c.buffer.map((m) => m.id), ...received, ...dropped];
    const sortedPlaces = [...places].sort((a, b) => a - b);
    const sortedSent = [...sent].sort((a, b) => a - b);
    if (!isDeepStrictEqual(sortedPlaces, sortedSent)) {
      fail(
        `${name} (${kind}): sent [${sortedSent.join(',')}] but in flight/buffered/received/dropped [${sortedPlaces.join(',')}]`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running steps

interface Run {
  state: KernelState;
  log: TimedAction[];
  events: KernelEvent[];
  hashes: string[];
}

function run(scenario: Scenario, seed: number, steps: readonly Step[], check: boolean): Run {
  const { state: s, events } = startKernel(scenario, seed);
  const log: TimedAction[] = [];
  const hashes: string[] = [];
  const ledger = new Ledger();
  if (check) checkInvariants(s, events, ledger);
  for (const [i, step] of steps.entries()) {
    if (step.k === 'tick') {
      events.push(...tickInPlace(s));
    } else if (step.k === 'bots') {
      settleBots(s, { kind: step.policy }, log, (e) => events.push(e));
    } else {
      const action = concrete(s, step)!;
      // Plain data: equal JSON (same keys in the same order, same values) is deep equality.
      const before = check ? JSON.stringify(s) : null;
      const r = applyActionInPlace(s, action);
      if (r.ok) {
        log.push({ tick: s.tick, action });
        events.push(...r.events);
      } else if (before !== null && JSON.stringify(s) !== before) {
        throw new Error(
          `tick ${s.tick}: the refused action ${JSON.stringify(action)} (${r.rejection.code}) changed the state`,
        );
      }
    }
    if (check) checkInvariants(s, events, ledger);
    if (!check && i % 16 === 15) hashes.push(hashState(s));
  }
  return { state: s, log, events, hashes };
}

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const stepsArb = fc.array(stepArb, { minLength: 10, maxLength: 250, size: 'max' });

describe('kernel invariants under random actions', () => {
  it('keeps every thread in exactly one consistent state, refuses without side effects, and loses no message', () => {
    fc.assert(
      fc.property(scenarioInputArb, seedArb, stepsArb, (input, seed, steps) => {
        run(scenarioOf(input), seed, steps, true);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the invariants when bots drive busy machines to the end under every policy', () => {
    fc.assert(
      fc.property(scenarioInputArb, seedArb, fc.constantFrom(...POLICIES), (input, seed, policy) => {
        // Steered threads get their instructions from the thread bot; every role is played.
        const scenario = scenarioOf(input);
        const steps: Step[] = [];
        for (let i = 0; i < 150; i++) steps.push({ k: 'bots', policy }, { k: 'tick' });
        const { state } = run(scenario, seed, steps, true);
        // Prompt, correct bots: the channel bot never delivers out of order, the interrupt bot leaves
        // nothing pending long enough to be reported.
        expect(state.counters.outOfOrder).toBe(0);
        expect(state.counters.unhandledInterrupts).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ordered channels delivered by hand', () => {
  it('report exactly the messages delivered behind a newer one, and lose none', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pipe', 'fifo', 'mq', 'tcp', 'udp'),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.nat({ max: 100 }), { minLength: 6, maxLength: 6 }),
        (kind, k, picks) => {
          const sends = Array.from({ length: k }, (_, i) => `send ch m${i}`);
          const scenario = scenarioOf({
            cores: 2,
            channels: [
              {
                name: 'ch',
                kind,
                capacity: 8,
                latency: 0,
                ...(kind === 'pipe' ? { owner: 'S' } : {}),
                ...(kind === 'udp' ? { loss: 0, jitter: 0 } : {}),
              },
            ],
            processes: [
              { name: 'S', program: sends },
              { name: 'R', parent: 'S', program: Array.from({ length: k }, () => 'recv ch') },
            ],
            auto: { interrupts: true, delivery: false },
          });
          const { state: s, events } = startKernel(scenario, 1);
          const ledger = new Ledger();
          for (const [core, tid] of [
            [0, 1],
            [1, 2],
          ] as const) {
            const r = applyActionInPlace(s, { type: 'dispatch', core, tid });
            if (r.ok) events.push(...r.events);
          }
          // Let every message be sent (each send costs its channel's ticks), then deliver in a random order.
          for (let i = 0; i < 40 && s.channels.ch!.sent < k; i++) events.push(...tickInPlace(s));
          expect(s.channels.ch!.sent).toBe(k);
          const order: number[] = [];
          for (const pick of picks) {
            const inFlight = s.channels.ch!.inFlight;
            if (inFlight.length === 0) break;
            const m = inFlight[pick % inFlight.length]!;
            order.push(m.seq);
            const r = applyActionInPlace(s, { type: 'deliver', channel: 'ch', message: m.id });
            expect(r.ok).toBe(true);
            if (r.ok) events.push(...r.events);
            checkInvariants(s, events, ledger);
          }
          while (s.channels.ch!.inFlight.length > 0) {
            const m = s.channels.ch!.inFlight[0]!;
            order.push(m.seq);
            const r = applyActionInPlace(s, { type: 'deliver', channel: 'ch', message: m.id });
            if (r.ok) events.push(...r.events);
          }
          // Everything is delivered; the bots run the receiver to the end.
          for (let i = 0; i < 80 && !isFinished(s); i++) {
            settleBots(s, { kind: 'fifo' }, [], (e) => events.push(e));
            events.push(...tickInPlace(s));
          }
          checkInvariants(s, events, ledger);
          let max = 0;
          let late = 0;
          for (const seq of order) {
            if (seq < max) late++;
            max = Math.max(max, seq);
          }
          expect(s.counters.outOfOrder).toBe(kind === 'udp' ? 0 : late);
          expect(s.channels.ch!.delivered).toBe(k);
          expect(isFinished(s)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('runaway programs', () => {
  // Found while writing these properties: `exec` restarts a program, so programs that exec each other
  // without owing a tick looped 10,000 times inside settle() and left the thread Running on an
  // unexecuted instruction (and did it again at every tick); `spawn b; exec a` added 5,000 threads a tick.
  it.each([
    [['exec a'], {}],
    [['lock m', 'unlock m', 'exec a'], {}],
    [['spawn b', 'exec a'], { b: ['cpu 1'] }],
  ])('a cycle of instant instructions %j is stopped by a fault, within one tick', (a, more) => {
    const scenario = scenarioOf({
      programs: { a, ...more },
      processes: [
        { name: 'A', program: 'a' },
        { name: 'B', length: 2 },
      ],
    });
    const { state: s, events } = startKernel(scenario, 1);
    const r = applyActionInPlace(s, { type: 'dispatch', core: 0, tid: 1 });
    expect(r.ok).toBe(true);
    if (r.ok) events.push(...r.events);
    expect(s.processes[1]!.terminated).toBe(true);
    expect(events.filter((e) => e.type === 'fault')).toEqual([
      { tick: 0, type: 'fault', pid: 1, tid: 1, why: 'bad-program' },
    ]);
    expect(events.length).toBeLessThan(2_000);
    expect(Object.keys(s.threads).length).toBeLessThanOrEqual(502);
    // The other process is untouched and the machine goes on.
    checkInvariants(s, events, new Ledger());
    expect(s.threads[2]!.state).toBe('ready');
  });
});

describe('determinism and replay', () => {
  it('gives the same machine for the same scenario, seed and actions, and replay rebuilds it exactly', () => {
    fc.assert(
      fc.property(scenarioInputArb, seedArb, stepsArb, (input, seed, steps) => {
        const scenario = scenarioOf(input);
        const a = run(scenario, seed, steps, false);
        const b = run(structuredClone(scenario), seed, steps, false);
        expect(b.hashes).toEqual(a.hashes);
        expect(b.log).toEqual(a.log);
        const rebuilt = replay(scenario, seed, a.log, a.state.tick);
        expect(hashState(rebuilt)).toBe(hashState(a.state));
        expect(rebuilt).toEqual(a.state);
      }),
      { numRuns: 80 },
    );
  });

  it('survives a JSON round trip at any moment (snapshots, recovery): the copy goes on exactly like the original', () => {
    fc.assert(
      fc.property(scenarioInputArb, seedArb, stepsArb, stepsArb, (input, seed, before, after) => {
        const scenario = scenarioOf(input);
        const a = run(scenario, seed, before, false).state;
        const b = JSON.parse(JSON.stringify(a)) as KernelState;
        expect(b).toEqual(a);
        const continueWith = (s: KernelState) => {
          for (const step of after) {
            if (step.k === 'tick') tickInPlace(s);
            else if (step.k === 'bots') settleBots(s, { kind: step.policy }, []);
            else applyActionInPlace(s, concrete(s, step)!);
          }
          return hashState(s);
        };
        expect(continueWith(b)).toBe(continueWith(a));
      }),
      { numRuns: 60 },
    );
  });

  it('replays a bot-driven run at every intermediate tick', () => {
    fc.assert(
      fc.property(scenarioInputArb, seedArb, fc.constantFrom(...POLICIES), (input, seed, policy) => {
        const scenario = scenarioOf(input);
        const snapshots = new Map<number, string>();
        const { state: s } = startKernel(scenario, seed);
        const log: TimedAction[] = [];
        for (let i = 0; i < 80 && !isFinished(s); i++) {
          settleBots(s, { kind: policy }, log);
          if (i % 8 === 0) snapshots.set(s.tick, hashState(s));
          tickInPlace(s);
        }
        for (const [tick, hash] of snapshots) expect(hashState(replay(scenario, seed, log, tick))).toBe(hash);
      }),
      { numRuns: 25 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The shared counter

function counterScenario(
  threads: number,
  k: number,
  locked: boolean,
  cores: number,
  quantum: number,
  switchCost: number,
): Scenario {
  const body = locked
    ? ['lock m', 'load count', 'add 1', 'store count', 'unlock m']
    : ['load count', 'add 1', 'store count'];
  const program = Array.from({ length: k }, () => body).flat();
  return scenarioOf({
    cores,
    quantum,
    switchCost,
    locks: ['m'],
    processes: [
      { name: 'counter', vars: { count: 0 }, threads: Array.from({ length: threads }, () => ({ program })) },
    ],
  });
}

/** Random scheduling: random dispatches and preemptions between ticks, bots after, until every thread ends. */
function runCounter(scenario: Scenario, steps: readonly Step[], policy: PolicyKind) {
  const { state: s, events } = startKernel(scenario, 1);
  const log: TimedAction[] = [];
  const ledger = new Ledger();
  for (const step of steps) {
    if (step.k === 'tick') events.push(...tickInPlace(s));
    else if (step.k === 'dispatch' || step.k === 'preempt') {
      const r = applyActionInPlace(s, concrete(s, step)!);
      if (r.ok) events.push(...r.events);
    } else if (step.k === 'bots') settleBots(s, { kind: step.policy }, log, (e) => events.push(e));
    checkInvariants(s, events, ledger);
  }
  for (let i = 0; i < 10_000 && !isFinished(s); i++) {
    settleBots(s, { kind: policy }, log, (e) => events.push(e));
    events.push(...tickInPlace(s));
  }
  expect(isFinished(s)).toBe(true);
  return {
    s,
    count: s.processes[1]!.vars.count!,
    lost: events.filter((e) => e.type === 'lost-update').length,
  };
}

const schedulingSteps = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.constant({ k: 'tick' as const }) },
    {
      weight: 4,
      arbitrary: fc
        .record({ core: fc.nat({ max: 2 }), pick: n, fromReady: fc.constant(true) })
        .map((r) => ({ k: 'dispatch' as const, ...r })),
    },
    { weight: 3, arbitrary: fc.nat({ max: 2 }).map((core) => ({ k: 'preempt' as const, core })) },
    { weight: 1, arbitrary: fc.constantFrom(...POLICIES).map((policy) => ({ k: 'bots' as const, policy })) },
  ),
  { maxLength: 120 },
);

const counterParams = fc.record({
  threads: fc.integer({ min: 2, max: 4 }),
  k: fc.integer({ min: 1, max: 4 }),
  cores: fc.integer({ min: 1, max: 3 }),
  quantum: fc.integer({ min: 0, max: 3 }),
  switchCost: fc.integer({ min: 0, max: 2 }),
  policy: fc.constantFrom(...POLICIES),
});

describe('a shared counter', () => {
  it('incremented under a lock by N threads ends at exactly N×k, with no lost update, under any schedule', () => {
    fc.assert(
      fc.property(counterParams, schedulingSteps, (p, steps) => {
        const r = runCounter(
          counterScenario(p.threads, p.k, true, p.cores, p.quantum, p.switchCost),
          steps,
          p.policy,
        );
        expect(r.count).toBe(p.threads * p.k);
        expect(r.lost).toBe(0);
        expect(r.s.counters.lostUpdates).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('without the lock loses an update on two cores running side by side', () => {
    const r = runWithBots(counterScenario(2, 1, false, 2, 0, 0), { kind: 'fifo' });
    expect(r.finished).toBe(true);
    expect(r.state.processes[1]!.vars.count).toBe(1);
    expect(r.state.counters.lostUpdates).toBe(1);
  });

  it('without the lock loses an update on one core under an explicit interleaving', () => {
    // T1 loads 0 and adds; T2 loads 0 and adds; T1 stores 1; T2 stores 1 over it.
    const schedule: Policy = { kind: 'schedule', schedule: [1, 2, 1, 1, 2, 2, 2] };
    const events: KernelEvent[] = [];
    const r = runWithBots(counterScenario(2, 1, false, 1, 0, 0), schedule, {
      onEvent: (e) => events.push(e),
    });
    expect(r.finished).toBe(true);
    expect(r.state.processes[1]!.vars.count).toBe(1);
    expect(events.filter((e) => e.type === 'lost-update')).toEqual([
      { tick: 5, type: 'lost-update', var: 'count', tid: 2, overwritten: 1, pid: 1 },
    ]);
    // The same interleaving with the lock keeps both updates.
    const safe = runWithBots(counterScenario(2, 1, true, 1, 0, 0), schedule);
    expect(safe.state.processes[1]!.vars.count).toBe(2);
    expect(safe.state.counters.lostUpdates).toBe(0);
  });

  it('without the lock: fast-check finds a schedule that loses updates', () => {
    const result = fc.check(
      fc.property(counterParams, schedulingSteps, (p, steps) => {
        const r = runCounter(
          counterScenario(p.threads, p.k, false, p.cores, p.quantum, p.switchCost),
          steps,
          p.policy,
        );
        // Every lost update is seen by the detector, and the count falls short by at least as many.
        expect(r.count).toBeLessThanOrEqual(p.threads * p.k - r.lost);
        return r.count === p.threads * p.k;
      }),
      { numRuns: 200, seed: 42 },
    );
    expect(result.failed).toBe(true);
    const [p] = result.counterexample!;
    expect(p.threads).toBeGreaterThanOrEqual(2);
  });
});
