// The kernel's data: one definition of every state, action and event type, shared by server and client.
// Everything here is plain, serialisable data (JSON round-trips it), so snapshots, replays and
// projections need no special handling.

/** A program instruction, parsed from text such as `cpu 3` or `send pipe1 hello`. */
export type Instr =
  | { op: 'cpu'; n: number }
  | { op: 'io'; device: string; n: number | null }
  /** Asynchronous I/O (004): the request is queued and the thread goes on; `await` waits for its requests. */
  | { op: 'io-async'; device: string; n: number | null }
  | { op: 'await' }
  | { op: 'fork'; program: string | null }
  | { op: 'exec'; program: string }
  | { op: 'spawn'; program: string }
  | { op: 'join' }
  | { op: 'lock'; name: string }
  | { op: 'unlock'; name: string }
  | { op: 'wait'; name: string }
  | { op: 'signal'; name: string }
  | { op: 'load'; var: string }
  | { op: 'add'; n: number }
  | { op: 'store'; var: string }
  | { op: 'alloc'; n: number }
  | { op: 'free'; n: number }
  | { op: 'send'; channel: string; msg: string }
  /** `recv CH n` gives up after n ticks without a message (a socket's receive timeout); plain `recv CH` waits for ever. */
  | { op: 'recv'; channel: string; timeout?: number }
  | { op: 'fault' }
  | { op: 'exit' };

/** Every opcode, for validators and palettes. */
export type Op = Instr['op'];

/** The five states of the notes (New, Ready, Running, Blocked, Terminated). */
export type ThreadState = 'new' | 'ready' | 'running' | 'blocked' | 'terminated';

/** What a Blocked thread waits for: shown in the UI and used in refusal reasons. */
export type BlockReason =
  | { on: 'device'; device: string }
  | { on: 'lock'; name: string }
  | { on: 'semaphore'; name: string }
  | { on: 'recv'; channel: string; deadline?: number }
  | { on: 'send'; channel: string }
  | { on: 'join' }
  | { on: 'await' };

import type { ChannelKind, ProcessKind } from './limits.ts';

/** The vocabularies are declared once, in limits.ts. */
export type { ChannelKind, ProcessKind } from './limits.ts';

/** A named program in the scenario's library (used by exec, spawn and fork PROGRAM). */
export interface ProgramDef {
  instructions: Instr[];
  /** Pages of code (read-only) and data the program image needs. */
  code: number;
  data: number;
}

/** A thread declared by a scenario process. */
export interface ThreadSpec {
  program: Instr[];
  /** A steered thread waits on the thread role to choose each next instruction. */
  steered: boolean;
  /** Instructions the thread role may choose from (steered threads only). */
  palette: Instr[];
}

/** A process that arrives at a given tick. */
export interface ProcessSpec {
  name: string;
  arrival: number;
  priority: number;
  kind: ProcessKind;
  /** Name of the parent process in the scenario (it must arrive earlier), or null. */
  parent: string | null;
  threads: ThreadSpec[];
  vars: Record<string, number>;
  code: number;
  data: number;
  /** Shared-memory segments this process maps. */
  shm: string[];
  /** The computer it runs on, one of the scenario's hosts; absent: the first host (the only one when none is named). */
  host?: string;
}

/** A declared channel. */
export interface ChannelSpec {
  name: string;
  kind: ChannelKind;
  capacity: number;
  /** Ticks a message spends travelling (sockets); 0 elsewhere by default. */
  latency: number;
  /** UDP only: extra random latency 0..jitter, which reorders messages. */
  jitter: number;
  /** UDP only: chance (0..1) that a message is lost. */
  loss: number;
  /** Anonymous pipes only: the process that created it (it and its children may use it). */
  owner: string | null;
  /** Named pipes only: the server end; clients' messages go to it, its replies to the client it answers. */
  server: string | null;
}

/** Which roles the kernel performs itself at once, instead of waiting for a player or bot. */
export interface AutoRoles {
  interrupts: boolean;
  delivery: boolean;
}

/** The validated machine description every kernel is built from. */
export interface Scenario {
  cores: number;
  /** Time slice in ticks; 0 means no timer interrupt. */
  quantum: number;
  /** Ticks a context switch to another process costs (save one PCB's context, restore another's). */
  switchCost: number;
  /** Ticks a switch between two threads of one process costs (no address space to change); null: half of switchCost. */
  threadSwitchCost: number | null;
  /**
   * Extra ticks a load or store pays when its variable is not in the core's cache (a cache miss). A
   * switch to another process flushes the core's cache; a switch between threads of one process keeps
   * it warm (003). 0: the scenario models no cache.
   */
  cacheMissCost: number;
  /**
   * The computers on the network (003: sockets and named pipes reach another computer, an anonymous
   * pipe does not). Empty: one host, as every scenario that names none.
   */
  hosts: string[];
  /** Ticks a message takes more when it crosses the network to a process on another host. */
  networkLatency: number;
  /** Device name → default ticks per request. */
  devices: Record<string, number>;
  programs: Record<string, ProgramDef>;
  processes: ProcessSpec[];
  channels: ChannelSpec[];
  /** Shared-memory segment name → its variables' initial values. */
  sharedMemory: Record<string, Record<string, number>>;
  locks: string[];
  /** Semaphore name → initial value. */
  semaphores: Record<string, number>;
  auto: AutoRoles;
  /** Ticks a scenario process stays New while its program is loaded from disk (0: admitted at once). */
  loadTicks: number;
  /** A Ready thread waiting longer than this many ticks in a row is reported as starving. */
  starvationBound: number;
  /** An interrupt pending longer than this many ticks is reported as unhandled. */
  interruptBound: number;
  /** The CPU busy switching threads in and out with no thread making progress for longer than this many ticks is a livelock. */
  livelockBound: number;
}

/** A core's cache: the process whose working set it holds, and the variables of it that are warm. */
export interface CoreCache {
  /** The process the cached lines belong to; null before the core ran anything. */
  pid: number | null;
  /** Variables (as load and store name them) whose line is in the cache. */
  lines: string[];
}

/** One core of the CPU. */
export interface Core {
  id: number;
  running: number | null;
  lastRan: number | null;
  /** Ticks of context switch still to pay before the running thread makes progress. */
  switchLeft: number;
  /** The switch being paid is between two threads of one process (its ticks count as thread-switch ticks as they are paid). */
  threadSwitch: boolean;
  /** Ticks the running thread has had in its current time slice. */
  sliceUsed: number;
  busyTicks: number;
  switchTicks: number;
  idleTicks: number;
  /** What the core's cache holds (only kept when the scenario has a cacheMissCost). */
  cache: CoreCache;
}

/** An outstanding or in-service device request. */
export interface IoRequest {
  tid: number;
  /** Queued by io-async: its thread did not block, and waits for it only in `await`. */
  async?: boolean;
  duration: number;
  remaining: number;
}

/** An I/O device serving one request at a time, FIFO. */
export interface Device {
  name: string;
  defaultDuration: number;
  current: IoRequest | null;
  queue: IoRequest[];
  busyTicks: number;
  served: number;
}

/** A pending interrupt on the interrupt line. */
export interface Interrupt {
  id: number;
  kind: 'timer' | 'io';
  tid: number;
  core: number | null;
  device: string | null;
  /** The completion of an io-async request. */
  async?: boolean;
  raisedAt: number;
  reported: boolean;
}

/** The segment a page belongs to (001: code is read-only; data, heap and stack are writable). */
export type PageSegment = 'code' | 'data' | 'heap' | 'stack';

/** One page-table entry: the segment, the physical frame it maps, and whether this process copied it on a write. */
export interface Page {
  seg: PageSegment;
  frame: number;
  /** True once a write made this process take its own copy of a page it shared after fork. */
  copied: boolean;
}

/** Memory information kept in the PCB (pages). */
export interface MemoryInfo {
  base: number;
  limit: number;
  code: number;
  data: number;
  heap: number;
  /** Per-thread stacks are one page each; this is their total. */
  stack: number;
  /** Pages still shared copy-on-write with the parent/child after fork (0 when none). */
  cowPages: number;
  /** The lowest-numbered process it shares pages with copy-on-write, if any (all of them are in sharers). */
  cowWith: number | null;
  /** Every process it still shares a data or heap page with copy-on-write. */
  sharers: number[];
  /** The page table: one entry per page of code, data, heap and stack, in that order. */
  pages: Page[];
  shm: string[];
}

/** The process control block. */
export interface Process {
  pid: number;
  ppid: number | null;
  name: string;
  kind: ProcessKind;
  priority: number;
  arrival: number;
  firstRun: number | null;
  completion: number | null;
  terminated: boolean;
  /** The tick it is admitted New → Ready (its program loaded); equal to arrival unless the scenario has loadTicks. */
  admitAt: number;
  /** A Terminated process is a zombie until its parent's join (or its parent's end) reaps it; then its PCB is gone. */
  reaped: boolean;
  faulted: boolean;
  threads: number[];
  memory: MemoryInfo;
  /** Data-segment variables, shared by the process's threads. */
  vars: Record<string, number>;
  /** Version of each variable, bumped on every store, for lost-update detection. */
  versions: Record<string, number>;
  /** The thread that last stored each variable. */
  writers: Record<string, number>;
  /** Open files and devices (channels and device names it has used). */
  openFiles: string[];
  children: number[];
  /** The host it runs on (a forked child runs on its parent's); null on a machine of one host. */
  host: string | null;
  /**
   * The kernel's own init (PID 1), added to a scenario whose processes fork or form a tree: the parent
   * of every process the scenario starts, the adopter of orphans, never part of the workload's figures.
   */
  system?: true;
}

/** The thread: what a core runs. */
export interface Thread {
  tid: number;
  pid: number;
  state: ThreadState;
  program: Instr[];
  pc: number;
  /** Ticks of CPU still owed for the instruction before pc (cpu n, load/add/store, channel costs). */
  owed: number;
  /** The accumulator register used by load/add/store. */
  reg: number;
  /** What the register was loaded from: the variable, its version then, and the last writer then. */
  loaded: { var: string; version: number } | null;
  blocked: BlockReason | null;
  core: number | null;
  steered: boolean;
  palette: Instr[];
  /** Steered threads: index of the next reference instruction the bot would choose. */
  scriptCursor: number;
  script: Instr[];
  arrival: number;
  firstRun: number | null;
  completion: number | null;
  cpuTicks: number;
  readyTicks: number;
  /** Consecutive ticks in Ready, for starvation. */
  readyStreak: number;
  starvationReported: boolean;
  locksHeld: string[];
  /** Foreground threads: the tick a keyboard request completed (the user typed) and the thread has not run since. */
  keyAt: number | null;
  /** io-async requests not yet completed (their interrupts not yet handled): what `await` waits for. */
  asyncPending: number;
  /** A message a blocked sender still has to put into its channel. */
  pendingSend: string | null;
  lastMessage: string | null;
}

/** Why an IPC call failed: not the pipe's family, the wrong end of a one-way pipe, or a host the channel cannot reach. */
export type IpcRefusal = 'not-related' | 'read-end' | 'write-end' | 'other-host';

/** A message travelling through or sitting in a channel. */
export interface Message {
  id: number;
  seq: number;
  from: number;
  fromPid: number;
  payload: string;
  /** Two-way channels: the process a reply is for (the one whose message the sender last received), or null for any reader. */
  to: number | null;
  sentAt: number;
  readyAt: number;
}

/** An IPC channel's live state. */
export interface Channel {
  spec: ChannelSpec;
  /** Sent but not yet delivered into the buffer. */
  inFlight: Message[];
  /** Delivered and readable. */
  buffer: Message[];
  nextSeq: number;
  lastDeliveredSeq: number;
  /** Anonymous pipes: the pid holding the write end, fixed by the first send. */
  writer: number | null;
  /** Anonymous pipes: the pid of the creating process once it exists. */
  ownerPid: number | null;
  /**
   * Kinds one kernel keeps (anonymous pipe, message queue, shared memory): the host it lives on, its
   * creator's or its first user's; a process on another host cannot reach it. null until then, or on one host.
   */
  host: string | null;
  /** Threads blocked receiving, in the order they blocked. */
  receivers: number[];
  /** Threads blocked sending to a full channel, in the order they blocked. */
  senders: number[];
  /** Two-way channels: reader pid → the pid whose message it last received, so its next send is the reply to it. */
  replyTo: Record<string, number>;
  /** Files: per-process read offsets (files keep what was written). */
  readOffsets: Record<string, number>;
  /** Shared memory: the last value written. */
  value: string | null;
  sent: number;
  delivered: number;
  dropped: number;
}

/** A mutex. */
export interface Lock {
  owner: number | null;
  waiters: number[];
}

/** A counting semaphore. */
export interface Semaphore {
  value: number;
  waiters: number[];
}

/** Counters behind the machine metrics. */
export interface Counters {
  contextSwitches: number;
  switchTicks: number;
  /** Foreground processes: keystrokes answered (the thread ran again after a keyboard request), and the ticks the user waited for them. */
  userWaits: number;
  userWaitTicks: number;
  /** Of the context switches, those between two threads of one process (the cheaper kind). */
  threadSwitches: number;
  threadSwitchTicks: number;
  /** Loads and stores whose variable was not in their core's cache (each cost cacheMissCost ticks more). */
  cacheMisses: number;
  /** Switches to another process that threw away a core's cached working set. */
  cacheFlushes: number;
  interruptsRaised: number;
  interruptsHandled: number;
  interruptLatencyTotal: number;
  completed: number;
  lostUpdates: number;
  deadlocks: number;
  starvations: number;
  livelocks: number;
  outOfOrder: number;
  leaks: number;
  unhandledInterrupts: number;
  faults: number;
  messagesDropped: number;
  refusedIpc: number;
}

/** The whole machine: plain data, the only thing a kernel function reads or returns. */
export interface KernelState {
  tick: number;
  seed: number;
  rng: number;
  scenario: Scenario;
  cores: Core[];
  processes: Record<string, Process>;
  threads: Record<string, Thread>;
  readyQueue: number[];
  devices: Record<string, Device>;
  interrupts: Interrupt[];
  locks: Record<string, Lock>;
  semaphores: Record<string, Semaphore>;
  sharedMemory: Record<
    string,
    { vars: Record<string, number>; versions: Record<string, number>; writers: Record<string, number> }
  >;
  channels: Record<string, Channel>;
  /** Scenario processes not yet arrived (indices into scenario.processes). */
  pendingArrivals: number[];
  /** Scenario process name → the pid it was given when it arrived. */
  arrivedPids: Record<string, number>;
  nextPid: number;
  nextTid: number;
  nextInterruptId: number;
  nextMessageId: number;
  nextBase: number;
  /** Physical frame → the processes whose page tables map it (more than one: shared copy-on-write or read-only code). */
  frames: Record<string, number[]>;
  nextFrame: number;
  counters: Counters;
  /** Deadlock cycles already reported, as sorted tid lists joined by commas. */
  reportedDeadlocks: string[];
  /**
   * Threads that blocked on a lock, a semaphore, join or a channel since the detectors last ran (emptied by them):
   * only such a block can close a wait-for cycle through them, so the deadlock check starts only there.
   */
  blockedNow?: number[];
  /**
   * Ticks in a row the CPU was busy yet no thread made progress, and the threads switched in meanwhile
   * (livelock: cores paying context switches, no tick of useful work on any core or device).
   */
  noProgress?: { ticks: number; tids: number[]; reported: boolean };
}

/** Actions from the roles (players or bots) and from the host's live events. */
export type KernelAction =
  | { type: 'dispatch'; core: number; tid: number }
  | { type: 'preempt'; core: number }
  /** Preempt the core's running thread to the tail of Ready and dispatch `tid` there, in one step (one context switch). */
  | { type: 'replace'; core: number; tid: number }
  | { type: 'handle-interrupt'; id: number }
  | { type: 'choose'; tid: number; instr: string }
  | { type: 'deliver'; channel: string; message: number }
  | { type: 'set-quantum'; quantum: number }
  | { type: 'add-core' }
  /** `process` names a scenario process, for replays where its pid may differ (baselines); then pid is ignored. */
  | { type: 'kill'; pid: number; process?: string }
  | { type: 'spawn-process'; process: ProcessSpec };

/** Which action types exist. */
export type KernelActionType = KernelAction['type'];

/** Why the kernel refused an action: a code and its parameters; texts.ts holds the sentences. */
export type RejectionCode =
  | 'no-such-core'
  | 'no-such-thread'
  | 'no-such-process'
  | 'no-such-interrupt'
  | 'no-such-channel'
  | 'no-such-message'
  | 'core-busy'
  | 'core-idle'
  | 'replace-idle'
  | 'replace-same'
  | 'thread-running'
  | 'thread-terminated'
  | 'thread-new'
  | 'blocked-device'
  | 'io-interrupt-pending'
  | 'no-process-to-crash'
  | 'blocked-lock'
  | 'blocked-semaphore'
  | 'blocked-recv'
  | 'blocked-send'
  | 'blocked-join'
  | 'blocked-await'
  | 'not-steered'
  | 'bad-instruction'
  | 'not-in-palette'
  | 'plan-full'
  | 'unlock-not-held'
  | 'message-not-ready'
  | 'delivery-automatic'
  | 'interrupts-automatic'
  | 'bad-quantum'
  | 'too-many-cores'
  | 'process-terminated'
  | 'kill-init'
  | 'bad-process'
  | 'process-table-full';

/** A refusal with the parameters its sentence needs. */
export interface Rejection {
  code: RejectionCode;
  params: Record<string, string | number>;
}

/** What happened, for the event feed, the detectors and the report. */
export type KernelEvent = { tick: number } & (
  | { type: 'arrived'; pid: number; tid: number; name: string }
  | { type: 'admitted'; pid: number }
  /** `flushed`: the switch threw away the core's cache, warm for another process (scenarios with a cacheMissCost). */
  | { type: 'dispatched'; core: number; tid: number; switched: boolean; flushed?: true }
  | { type: 'preempted'; core: number; tid: number; by: 'scheduler' | 'timer' | 'host' }
  | { type: 'blocked'; tid: number; reason: BlockReason }
  | { type: 'unblocked'; tid: number; reason: BlockReason }
  | {
      type: 'interrupt-raised';
      id: number;
      kind: 'timer' | 'io';
      tid: number;
      core: number | null;
      device: string | null;
    }
  | { type: 'interrupt-handled'; id: number; kind: 'timer' | 'io'; tid: number; latency: number }
  | { type: 'io-started'; device: string; tid: number }
  | { type: 'io-done'; device: string; tid: number }
  | { type: 'thread-exited'; tid: number; pid: number }
  | { type: 'process-terminated'; pid: number; faulted: boolean }
  | { type: 'forked'; parent: number; child: number }
  | { type: 'exec'; pid: number; program: string }
  | { type: 'spawned'; pid: number; tid: number }
  | { type: 'cow-copy'; pid: number; pages: number }
  | { type: 'stored'; tid: number; var: string; value: number }
  | { type: 'lock-acquired'; tid: number; name: string }
  | { type: 'lock-released'; tid: number; name: string }
  | { type: 'message-sent'; channel: string; message: number; tid: number }
  | { type: 'message-delivered'; channel: string; message: number; seq: number }
  | { type: 'message-received'; channel: string; message: number; tid: number }
  | { type: 'message-dropped'; channel: string; message: number }
  | { type: 'recv-timeout'; channel: string; tid: number; waited: number }
  | { type: 'ipc-refused'; channel: string; tid: number; why: IpcRefusal }
  | { type: 'fork-failed'; pid: number; tid: number }
  | { type: 'chosen'; tid: number; instr: string }
  | { type: 'quantum-changed'; quantum: number }
  | { type: 'core-added'; core: number }
  | { type: 'killed'; pid: number }
  | {
      type: 'fault';
      pid: number;
      tid: number;
      why: 'fault' | 'unlock-not-held' | 'bad-program' | 'read-only';
    }
  | { type: 'lost-update'; var: string; tid: number; overwritten: number; pid: number }
  | { type: 'deadlock'; tids: number[] }
  | { type: 'starvation'; tid: number; waited: number }
  /** The CPU was busy (switching threads in and out) for `ticks` ticks in a row and no thread made progress. */
  | { type: 'livelock'; tids: number[]; ticks: number }
  | { type: 'out-of-order'; channel: string; seq: number; expected: number }
  | { type: 'leak'; pid: number; pages: number }
  | { type: 'interrupt-unhandled'; id: number; waited: number }
);

/** The type names of events. */
export type KernelEventType = KernelEvent['type'];

/** The result of applying an action: the next state and its events, or a refusal (state unchanged). */
export type ActionResult =
  { ok: true; state: KernelState; events: KernelEvent[] } | { ok: false; rejection: Rejection };

/** An action and the tick it was applied at: the unit of the replay log. */
export interface TimedAction {
  tick: number;
  action: KernelAction;
}
