// The synced room state as plain interfaces: what every client (the game, the dashboard, the tools)
// reads from `room.state`. server/rooms/projection.ts declares the schema classes and proves, at the
// type level, that they conform to these interfaces, so no client imports the server to know the state.
import { CHANNEL_KIND_NAMES, type ChannelKind } from '../kernel/limits.ts';
import { unknownThreadLabel } from '../kernel/labels.ts';

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
  /** CPU ticks it still needs (shared/bots remainingWork: what SJF and STCF rank by). */
  work: number;
  locksHeld: SyncedList<string>;
}

/** A process (its PCB); memory is [base, limit, code, data, heap, stack, cowPages, cowWith]. */
export interface ProcessStateView {
  pid: number;
  ppid: number;
  name: string;
  kind: string;
  /** The host it runs on; "" on a machine of one host. */
  host: string;
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

/** A lock (owner -1 when free) or a semaphore (its value, and its shelf's slots: presentation.ts semaphoreShelf), with its waiters. */
export interface WaitState {
  owner: number;
  value: number;
  slots: number;
  waiters: SyncedList<number>;
}

/** One step of a wait-for cycle (shared/kernel/detect.ts waitForCycles): a thread, the lock it waits for, its holder; `cycle` numbers the cycle. */
export interface WaitStepState {
  cycle: number;
  tid: number;
  lock: string;
  holder: number;
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
  cacheMisses: number;
  cacheFlushes: number;
  faults: SyncedMap<number>;
  faultTotal: number;
}

/** The machine, as the kernel's projection. */
export interface MachineState {
  tick: number;
  quantum: number;
  switchCost: number;
  threadSwitchCost: number;
  /** Extra ticks of a cache miss; 0 when the scenario models no cache. */
  cacheMissCost: number;
  cores: SyncedList<CoreState>;
  readyQueue: SyncedList<number>;
  processes: SyncedMap<ProcessStateView>;
  threads: SyncedMap<ThreadStateView>;
  devices: SyncedMap<DeviceState>;
  interrupts: SyncedMap<InterruptState>;
  channels: SyncedMap<ChannelState>;
  locks: SyncedMap<WaitState>;
  semaphores: SyncedMap<WaitState>;
  /** The wait-for cycles of a deadlock, step by step in order (empty when there is none). */
  waitCycles: SyncedList<WaitStepState>;
  shared: SyncedMap<number>;
  counters: SyncedMap<number>;
  figures: FiguresState;
}

/** One seat as everyone sees it (keyed by public seat id); `crew` is the crew's key in `crews` ('' for the host and projectors). */
export interface PlayerState {
  nickname: string;
  slot: string;
  role: string;
  /** Only at the clients that hold every crew (host, projectors, a solo player); a student's own score arrives as the `score` message. */
  score?: number;
  connected: boolean;
  host: boolean;
  crew: string;
  /**
   * The extra time the teacher gave this student (GRACE_FACTORS: their job waits `graceSeconds` × this); 1 for
   * everyone else. Only at the clients that hold every crew (the host's roster, projectors): no student's
   * screen receives it, their own or a classmate's.
   */
  graceFactor?: number;
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

/**
 * One crew: its own machine on the room's scenario, seed and live events, its jobs, and its standing.
 * Every client receives every crew's standing and jobs; a crew's machine and its jobs' legal moves reach
 * only its own students and the host, projectors and a solo player (server/rooms/crew-views.ts). A client
 * draws its own crew's machine, the projector every crew's in small.
 */
export interface CrewState {
  /** The crew's number as shown ("Crew 2", "2조"), from 1. */
  number: number;
  /**
   * The crew's standing: its machine's tick, utilisation (0..1), finished and total processes, faults (the
   * figures of `machine`). Like the machine, only for the crew's own students, the host and projectors: absent
   * at a student of another crew, so one crew's ticks write nothing to the others.
   */
  tick?: number;
  utilization?: number;
  completed?: number;
  processes?: number;
  faultTotal?: number;
  /** The crew's machine has nothing left to run. */
  finished: boolean;
  /** The crew's place in the race now (shared/roles/crews.ts crewPlaces; ties share a place). */
  place: number;
  /** The crew's jobs: who holds each, and its legal moves while a person holds it. */
  slots: SyncedMap<SlotState>;
  /** The crew's full machine: absent at a student of another crew (a student who changed crews keeps the old one's as it was). */
  machine?: MachineState;
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
  /** The crew size the teacher asked for (students per crew). */
  crewSize: number;
  /** Seconds a job may wait on its student before a "your turn" prompt, then a bot's move; 0: never. */
  graceSeconds: number;
  /** The end-of-round prediction's length in seconds (0: none; PREDICT_UNTIL_REVEAL: until the teacher reveals). */
  predictSeconds: number;
  players: SyncedMap<PlayerState>;
  /** Every crew by key ("c1", "c2", …); a room of one crew is the classic game. */
  crews: SyncedMap<CrewState>;
}

/** The crew a seat plays in: its own, else the first (the host, projectors, a solo player, a seat not yet known). */
export function crewOf(state: SyncedRoomState, seat: string | null | undefined): CrewState | undefined {
  const key = seat ? state.players?.get(seat)?.crew : undefined;
  const own = key ? state.crews?.get(key) : undefined;
  if (own) return own;
  let first: CrewState | undefined;
  state.crews?.forEach((c) => {
    if (!first || c.number < first.number) first = c;
  });
  return first;
}

/** The label function of a synced machine: the kernel's labels, as projected (for event sentences). */
export function syncedLabels(m: MachineState | undefined): (tid: number) => string {
  return (tid) => m?.threads.get(String(tid))?.label || unknownThreadLabel(tid);
}

/** The channel kinds of a synced machine, so event sentences name a channel in the notes' terms. */
export function syncedChannelKinds(m: MachineState): (channel: string) => ChannelKind | undefined {
  return (channel) => {
    const kind = m.channels.get(channel)?.kind;
    return (CHANNEL_KIND_NAMES as readonly string[]).includes(kind ?? '') ? (kind as ChannelKind) : undefined;
  };
}
