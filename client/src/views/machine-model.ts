// The synced state read into plain objects once per patch, so every view draws from the same snapshot.
// Only reading and grouping for display: labels and figures come projected from the kernel's
// presentation module (shared/kernel/presentation.ts), so no view computes a kernel figure.
import {
  crewOf,
  syncedLabels,
  type ProcessStateView,
  type SyncedRoomState,
} from '../../../shared/protocol/state.ts';
import { FAULT_KEYS, processState, type ScreenFigures } from '../../../shared/kernel/presentation.ts';
import type { ThreadState } from '../../../shared/kernel/types.ts';
import { decodeMove, type MoveMessage } from '../../../shared/protocol/actions.ts';

/** A thread as the views show it. */
export interface ThreadInfo {
  tid: number;
  pid: number;
  label: string;
  name: string;
  state: string;
  pc: number;
  /** The next instruction, at the PC ('' when the thread has ended or its next one is not chosen yet). */
  instr: string;
  program: string[];
  palette: string[];
  steered: boolean;
  core: number;
  blocked: string;
  reg: number;
  cpuTicks: number;
  readyTicks: number;
  /** CPU ticks it still needs (what SJF ranks by), projected from the kernel. */
  work: number;
  locksHeld: string[];
  priority: number;
}

/** A process (its PCB) as the views show it: the synced PCB's figures, with its lists read into arrays. */
export interface ProcessInfo extends Pick<
  ProcessStateView,
  | 'pid'
  | 'ppid'
  | 'name'
  | 'kind'
  | 'host'
  | 'priority'
  | 'arrival'
  | 'firstRun'
  | 'completion'
  | 'terminated'
  | 'faulted'
> {
  /** The PCB's state, from its threads' (shared/kernel/presentation.ts processState). */
  state: ThreadState;
  threads: number[];
  memory: {
    base: number;
    limit: number;
    code: number;
    data: number;
    heap: number;
    stack: number;
    cowPages: number;
    cowWith: number;
  };
  /** The page table as the kernel marks it: one entry per page. */
  pages: { seg: string; frame: number; mark: string }[];
  /** Every process it shares pages with copy-on-write. */
  sharers: number[];
  shm: string[];
  vars: [string, number][];
  /** Depth in the process tree (0 for a root). */
  depth: number;
}

/** A core and what runs on it. */
export interface CoreInfo {
  id: number;
  running: ThreadInfo | null;
  switchLeft: number;
  sliceUsed: number;
  busyTicks: number;
  idleTicks: number;
  switchTicks: number;
}

/** Threads Blocked on the same thing (a device, a lock, a semaphore, a channel). */
export interface BlockedGroup {
  /** The synced reason, e.g. "device:disk", "lock:m", "recv:jobs". */
  key: string;
  kind: string;
  name: string;
  threads: ThreadInfo[];
}

/** A message in a channel: travelling (in flight) or delivered into the buffer. */
export interface MessageInfo {
  id: number;
  seq: number;
  from: string;
  payload: string;
  readyAt: number;
  delivered: boolean;
}

/** An IPC channel. */
export interface ChannelInfo {
  name: string;
  kind: string;
  capacity: number;
  inFlight: MessageInfo[];
  buffer: MessageInfo[];
  sent: number;
  delivered: number;
  dropped: number;
  value: string;
}

/** The machine's figures as the kernel's presentation defines them (ScreenFigures), faults as rows to list. */
export type Metrics = Omit<ScreenFigures, 'faults' | 'interruptLatency'> & {
  faults: [string, number][];
};

/** What the player holds: their role and the parts of the machine that are theirs. */
export interface Mine {
  seat: string | null;
  role: string;
  slot: string;
  cores: number[];
  tid: number;
  channel: string;
  /** Whether I run the room's clock (the teacher in a class, the player in a solo level). */
  host: boolean;
  /** What my job may do now: the kernel's legal moves, projected by the server. */
  moves: MoveMessage[];
}

/** One step of a wait-for cycle as the machine view draws it. */
export interface WaitStep {
  tid: number;
  label: string;
  lock: string;
  holder: number;
  holderLabel: string;
}

/** The whole machine, once. */
export interface MachineModel {
  tick: number;
  phase: string;
  quantum: number;
  switchCost: number;
  /** What a switch between threads of one process costs (cheaper: no address space to change). */
  threadSwitchCost: number;
  /** Extra ticks of a cache miss (a process switch flushes the cache); 0 when the scenario models no cache. */
  cacheMissCost: number;
  cores: CoreInfo[];
  ready: ThreadInfo[];
  blocked: BlockedGroup[];
  devices: {
    name: string;
    current: ThreadInfo | null;
    remaining: number;
    queue: ThreadInfo[];
    served: number;
  }[];
  interrupts: {
    id: number;
    kind: string;
    tid: number;
    label: string;
    core: number;
    device: string;
    raisedAt: number;
  }[];
  processes: ProcessInfo[];
  threads: Map<number, ThreadInfo>;
  channels: ChannelInfo[];
  locks: { name: string; owner: string; waiters: string[] }[];
  /** Each semaphore as a shelf: `slots` permits, `value` of them available, and who waits for one. */
  semaphores: { name: string; value: number; slots: number; waiters: string[] }[];
  /** The wait-for cycles of a deadlock, each step a thread, the lock it waits for and that lock's holder (empty: none). */
  waitCycles: WaitStep[][];
  shared: [string, number][];
  metrics: Metrics;
  mine: Mine;
}

const arr = <T>(a: Iterable<T> | undefined): T[] => (a ? Array.from(a) : []);

function treeOrder(list: ProcessInfo[]): ProcessInfo[] {
  const byParent = new Map<number, ProcessInfo[]>();
  const pids = new Set(list.map((p) => p.pid));
  for (const p of list) {
    const parent = pids.has(p.ppid) ? p.ppid : -1;
    byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
  }
  const out: ProcessInfo[] = [];
  const walk = (parent: number, depth: number): void => {
    for (const p of (byParent.get(parent) ?? []).sort((a, b) => a.pid - b.pid)) {
      p.depth = depth;
      out.push(p);
      walk(p.pid, depth + 1);
    }
  };
  walk(-1, 0);
  return out;
}

/** Groups the synced steps of the wait-for cycles by cycle, in their order. */
function readCycles(
  steps: { cycle: number; tid: number; lock: string; holder: number }[],
  lbl: (tid: number) => string,
): WaitStep[][] {
  const cycles: WaitStep[][] = [];
  for (const step of steps)
    (cycles[step.cycle] ??= []).push({
      tid: step.tid,
      label: lbl(step.tid),
      lock: step.lock,
      holder: step.holder,
      holderLabel: lbl(step.holder),
    });
  return cycles.filter((c) => c !== undefined);
}

/** Reads the synced room state into a MachineModel for the player in `seat`. */
export function readMachine(state: SyncedRoomState, seat: string | null): MachineModel {
  const crew = crewOf(state, seat);
  const m = crew?.machine;
  if (!m) throw new Error("readMachine: the room state has no crew, or not this seat's crew's machine, yet");
  const threads = new Map<number, ThreadInfo>();
  m.threads.forEach((t) => {
    const p = m.processes.get(String(t.pid));
    const program = arr(t.program);
    threads.set(t.tid, {
      // the PC is the next instruction (issue 16: "PC 1 (load count)" named the one that had already run)
      tid: t.tid,
      pid: t.pid,
      label: t.label,
      name: p?.name ?? '',
      state: t.state,
      pc: t.pc,
      instr: t.state === 'terminated' ? '' : (program[t.pc] ?? ''),
      program,
      palette: arr(t.palette),
      steered: t.steered,
      core: t.core,
      blocked: t.blocked,
      reg: t.reg,
      cpuTicks: t.cpuTicks,
      readyTicks: t.readyTicks,
      work: t.work,
      locksHeld: arr(t.locksHeld),
      priority: p?.priority ?? 0,
    });
  });
  const th = (tid: number): ThreadInfo | null => threads.get(tid) ?? null;
  const lbl = syncedLabels(m);

  const groups = new Map<string, BlockedGroup>();
  for (const t of threads.values()) {
    if (t.state !== 'blocked' || t.blocked === '') continue;
    const [kind = t.blocked, name = ''] = t.blocked.split(':');
    const g = groups.get(t.blocked) ?? { key: t.blocked, kind, name, threads: [] };
    g.threads.push(t);
    groups.set(t.blocked, g);
  }

  const processes: ProcessInfo[] = [];
  m.processes.forEach((p) => {
    if (p.reaped) return; // reaped by its parent's join: the PCB is gone
    const [base = 0, limit = 0, code = 0, data = 0, heap = 0, stack = 0, cowPages = 0, cowWith = 0] = arr(
      p.memory,
    );
    processes.push({
      pid: p.pid,
      ppid: p.ppid,
      name: p.name,
      kind: p.kind,
      host: p.host ?? '',
      priority: p.priority,
      arrival: p.arrival,
      firstRun: p.firstRun,
      completion: p.completion,
      terminated: p.terminated,
      faulted: p.faulted,
      threads: arr(p.threads),
      state: processState(
        p.terminated,
        arr(p.threads)
          .map((tid) => threads.get(tid)?.state)
          .filter((x): x is ThreadState => x !== undefined),
      ),
      memory: { base, limit, code, data, heap, stack, cowPages, cowWith },
      pages: arr(p.pages ?? []).map((x) => {
        const [seg = '', frame = '0', mark = ''] = x.split(':');
        return { seg, frame: Number(frame), mark };
      }),
      sharers: arr(p.sharers ?? []),
      shm: arr(p.shm ?? []),
      vars: arr(p.vars.entries()),
      depth: 0,
    });
  });

  const cores: CoreInfo[] = arr(m.cores).map((c) => ({
    id: c.id,
    running: c.running >= 0 ? th(c.running) : null,
    switchLeft: c.switchLeft,
    sliceUsed: c.sliceUsed,
    busyTicks: c.busyTicks,
    idleTicks: c.idleTicks,
    switchTicks: c.switchTicks,
  }));

  const channels: ChannelInfo[] = [];
  m.channels.forEach((c, name) => {
    const messages: MessageInfo[] = [];
    c.messages.forEach((msg) =>
      messages.push({
        id: msg.id,
        seq: msg.seq,
        from: lbl(msg.from),
        payload: msg.payload,
        readyAt: msg.readyAt,
        delivered: msg.delivered,
      }),
    );
    messages.sort((a, b) => a.id - b.id);
    channels.push({
      name,
      kind: c.kind,
      capacity: c.capacity,
      inFlight: messages.filter((x) => !x.delivered),
      buffer: messages.filter((x) => x.delivered),
      sent: c.sent,
      delivered: c.delivered,
      dropped: c.dropped,
      value: c.value,
    });
  });

  const f = m.figures;
  const defined = (x: number): number | null => (x < 0 ? null : x);

  const player = seat ? state.players.get(seat) : undefined;
  const slot = player ? crew.slots.get(player.slot) : undefined;

  return {
    tick: m.tick,
    phase: state.phase,
    quantum: m.quantum,
    switchCost: m.switchCost,
    threadSwitchCost: m.threadSwitchCost,
    cacheMissCost: m.cacheMissCost,
    cores,
    ready: arr(m.readyQueue)
      .map(th)
      .filter((t): t is ThreadInfo => t !== null),
    blocked: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)),
    devices: arr(m.devices.entries()).map(([name, d]) => ({
      name,
      current: d.current >= 0 ? th(d.current) : null,
      remaining: d.remaining,
      queue: arr(d.queue)
        .map(th)
        .filter((t): t is ThreadInfo => t !== null),
      served: d.served,
    })),
    interrupts: arr(m.interrupts.values())
      .map((i) => ({
        id: i.id,
        kind: i.kind,
        tid: i.tid,
        label: lbl(i.tid),
        core: i.core,
        device: i.device,
        raisedAt: i.raisedAt,
      }))
      .sort((a, b) => a.id - b.id),
    processes: treeOrder(processes),
    threads,
    channels,
    locks: arr(m.locks.entries()).map(([name, l]) => ({
      name,
      owner: l.owner >= 0 ? lbl(l.owner) : '',
      waiters: arr(l.waiters).map(lbl),
    })),
    semaphores: arr(m.semaphores.entries()).map(([name, s]) => ({
      name,
      value: s.value,
      slots: s.slots,
      waiters: arr(s.waiters).map(lbl),
    })),
    waitCycles: readCycles(arr(m.waitCycles ?? []), lbl),
    shared: arr(m.shared.entries()),
    metrics: {
      utilization: f.utilization,
      throughput: f.throughput,
      completed: f.completed,
      response: defined(f.response),
      turnaround: defined(f.turnaround),
      waiting: defined(f.waiting),
      switches: f.switches,
      switchTicks: f.switchTicks,
      threadSwitches: f.threadSwitches,
      cacheMisses: f.cacheMisses,
      cacheFlushes: f.cacheFlushes,
      faults: FAULT_KEYS.map((k) => [k, f.faults.get(k) ?? 0]),
      faultTotal: f.faultTotal,
    },
    mine: {
      seat,
      role: player?.role ?? 'spectator',
      slot: player?.slot ?? 'spectator',
      cores: slot ? arr(slot.cores) : [],
      tid: slot?.tid ?? -1,
      channel: slot?.channel ?? '',
      host: player?.host ?? false,
      moves: slot ? arr(slot.moves).map(decodeMove) : [],
    },
  };
}
