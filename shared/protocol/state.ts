// The synced room state as plain interfaces: what every client (the game, the dashboard, the tools)
// reads from `room.state`. server/rooms/projection.ts declares the schema classes and proves, at the
// type level, that they conform to these interfaces, so no client imports the server to know the state.
import { CHANNEL_KIND_NAMES, type ChannelKind } from '../kernel/limits.ts';

/** A synced map (a MapSchema on the server, decoded by reflection in the client), read-only. */
export interface SyncedMap<V> extends Iterable<[string, V]> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  forEach(callback: (value: V, key: string) => void): void;
  keys(): Iterable<string>;
  values(): Iterable<V>;
  entries(): Iterable<[string, V]>;
  readonly size: number;
}

/** A synced list (an ArraySchema), read-only. */
export interface SyncedList<V> extends Iterable<V> {
  at(index: number): V | undefined;
  forEach(callback: (value: V, index: number) => void): void;
  values(): Iterable<V>;
  toArray(): V[];
  readonly length: number;
}

/** A core: the thread it runs (-1 idle) and its tick counts. */
export interface CoreState {
  id: number;
  running: number;
  switchLeft: number;
  sliceUsed: number;
  busyTicks: number;
  idleTicks: number;
  switchTicks: number;
}

/** A thread: its state, program (instruction texts) and PC, the palette a steered thread chooses from. */
export interface ThreadStateView {
  /** The kernel's label (presentation.ts): P3, or P3·T2 in a multithreaded process. */
  tid: number;
  label: string;
  pid: number;
  state: string;
  pc: number;
  program: SyncedList<string>;
  palette: SyncedList<string>;
  steered: boolean;
  core: number;
  blocked: string;
  reg: number;
  cpuTicks: number;
  readyTicks: number;
  locksHeld: SyncedList<string>;
}

/** A process (its PCB); memory is [base, limit, code, data, heap, stack, cowPages, cowWith]. */
export interface ProcessStateView {
  pid: number;
  ppid: number;
  name: string;
  kind: string;
  priority: number;
  arrival: number;
  firstRun: number;
  completion: number;
  terminated: boolean;
  reaped: boolean;
  faulted: boolean;
  threads: SyncedList<number>;
  memory: SyncedList<number>;
  shm: SyncedList<string>;
  vars: SyncedMap<number>;
  /** The page table, one "segment:frame:mark" per page (mark: read-only, shared, copied, private). */
  pages: SyncedList<string>;
  sharers: SyncedList<number>;
}

/** A device: the thread in service (-1 none), its remaining ticks and the FIFO queue. */
export interface DeviceState {
  current: number;
  remaining: number;
  queue: SyncedList<number>;
  busyTicks: number;
  served: number;
}

/** A pending interrupt. */
export interface InterruptState {
  id: number;
  kind: string;
  tid: number;
  core: number;
  device: string;
  raisedAt: number;
}

/** A message in a channel, travelling or delivered. */
export interface MessageState {
  id: number;
  seq: number;
  from: number;
  payload: string;
  readyAt: number;
  delivered: boolean;
}

/** An IPC channel. */
export interface ChannelState {
  kind: string;
  capacity: number;
  messages: SyncedMap<MessageState>;
  sent: number;
  delivered: number;
  dropped: number;
  value: string;
}

/** A lock (owner -1 when free) or a semaphore (its value), with its waiters. */
export interface WaitState {
  owner: number;
  value: number;
  waiters: SyncedList<number>;
}

/** The machine's figures as presentation.ts computes them (screenFigures); -1 where one is not defined yet. */
export interface FiguresState {
  utilization: number;
  throughput: number;
  completed: number;
  response: number;
  turnaround: number;
  waiting: number;
  interruptLatency: number;
  switches: number;
  switchTicks: number;
  threadSwitches: number;
  faults: SyncedMap<number>;
  faultTotal: number;
}

/** The machine, as the kernel's projection. */
export interface MachineState {
  tick: number;
  quantum: number;
  switchCost: number;
  threadSwitchCost: number;
  cores: SyncedList<CoreState>;
  readyQueue: SyncedList<number>;
  processes: SyncedMap<ProcessStateView>;
  threads: SyncedMap<ThreadStateView>;
  devices: SyncedMap<DeviceState>;
  interrupts: SyncedMap<InterruptState>;
  channels: SyncedMap<ChannelState>;
  locks: SyncedMap<WaitState>;
  semaphores: SyncedMap<WaitState>;
  shared: SyncedMap<number>;
  counters: SyncedMap<number>;
  figures: FiguresState;
}

/** One seat as everyone sees it (keyed by public seat id). */
export interface PlayerState {
  nickname: string;
  slot: string;
  role: string;
  score: number;
  connected: boolean;
  host: boolean;
}

/** One job: who holds it ('' = a bot), what it covers, and its legal moves while a person holds it (encodeMove strings). */
export interface SlotState {
  role: string;
  holder: string;
  cores: SyncedList<number>;
  tid: number;
  channel: string;
  moves: SyncedList<string>;
}

/** What a client sees as `room.state`. */
export interface SyncedRoomState {
  code: string;
  phase: string;
  round: number;
  speed: number;
  locked: boolean;
  lateJoin: boolean;
  /** Seconds left of the role-card countdown before the round starts (0: none running). */
  countdown: number;
  scenario: string;
  tickLimit: number;
  players: SyncedMap<PlayerState>;
  slots: SyncedMap<SlotState>;
  machine: MachineState;
}

/** The label function of a synced machine: the kernel's labels, as projected (for event sentences). */
export function syncedLabels(m: MachineState): (tid: number) => string {
  return (tid) => m.threads.get(String(tid))?.label || `T${tid}`;
}

/** The channel kinds of a synced machine, so event sentences name a channel in the notes' terms. */
export function syncedChannelKinds(m: MachineState): (channel: string) => ChannelKind | undefined {
  return (channel) => {
    const kind = m.channels.get(channel)?.kind;
    return (CHANNEL_KIND_NAMES as readonly string[]).includes(kind ?? '') ? (kind as ChannelKind) : undefined;
  };
}
