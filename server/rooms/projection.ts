// The synced state: the only module that knows the wire format. It declares the schema classes and
// projects the kernel's plain state (plus the room's seats and slots) into them in place, touching
// only what changed so patches stay small. Clients decode it by reflection; its TypeScript shape is
// `SyncedRoomState` below.
import { schema, t, type ArraySchema, type MapSchema, type SchemaType } from '@colyseus/schema';
import {
  formatInstr,
  kernelLabels,
  pageTable,
  screenFigures,
  semaphoreShelf,
  threadSwitchCostOf,
  waitForCycles,
} from '../../shared/kernel/index.ts';
import type { BlockReason, Instr, KernelState } from '../../shared/kernel/index.ts';
import type { SyncedRoomState } from '../../shared/protocol/state.ts';
import { remainingWork } from '../../shared/bots/index.ts';
import { crewPlaces, type CrewStanding } from '../../shared/roles/crews.ts';

const CoreView = schema(
  {
    id: t.uint8().default(0),
    running: t.int16().default(-1),
    switchLeft: t.uint8().default(0),
    sliceUsed: t.uint16().default(0),
    busyTicks: t.uint32().default(0),
    idleTicks: t.uint32().default(0),
    switchTicks: t.uint32().default(0),
  },
  'CoreView',
);

const ThreadView = schema(
  {
    tid: t.uint16().default(0),
    label: t.string().default(''),
    pid: t.uint16().default(0),
    state: t.string().default('new'),
    pc: t.uint16().default(0),
    program: t.array('string'),
    palette: t.array('string'),
    steered: t.boolean().default(false),
    core: t.int8().default(-1),
    blocked: t.string().default(''),
    reg: t.int32().default(0),
    cpuTicks: t.uint32().default(0),
    readyTicks: t.uint32().default(0),
    work: t.uint16().default(0),
    locksHeld: t.array('string'),
  },
  'ThreadView',
);

const ProcessView = schema(
  {
    pid: t.uint16().default(0),
    ppid: t.int16().default(-1),
    name: t.string().default(''),
    kind: t.string().default('foreground'),
    /** The host it runs on; "" on a machine of one host. */
    host: t.string().default(''),
    priority: t.int8().default(0),
    arrival: t.uint32().default(0),
    firstRun: t.int32().default(-1),
    completion: t.int32().default(-1),
    terminated: t.boolean().default(false),
    reaped: t.boolean().default(false),
    faulted: t.boolean().default(false),
    threads: t.array('uint16'),
    memory: t.array('uint16'),
    /** The page table, one "segment:frame:mark" per page (mark: read-only, shared, copied, private). */
    pages: t.array('string'),
    sharers: t.array('uint16'),
    shm: t.array('string'),
    vars: t.map('int32'),
  },
  'ProcessView',
);

const DeviceView = schema(
  {
    current: t.int16().default(-1),
    remaining: t.uint16().default(0),
    queue: t.array('uint16'),
    busyTicks: t.uint32().default(0),
    served: t.uint32().default(0),
  },
  'DeviceView',
);

const InterruptView = schema(
  {
    id: t.uint32().default(0),
    kind: t.string().default('timer'),
    tid: t.uint16().default(0),
    core: t.int8().default(-1),
    device: t.string().default(''),
    raisedAt: t.uint32().default(0),
  },
  'InterruptView',
);

const MessageView = schema(
  {
    id: t.uint32().default(0),
    seq: t.uint32().default(0),
    from: t.uint16().default(0),
    payload: t.string().default(''),
    readyAt: t.uint32().default(0),
    delivered: t.boolean().default(false),
  },
  'MessageView',
);

const ChannelView = schema(
  {
    kind: t.string().default('pipe'),
    capacity: t.uint8().default(0),
    messages: t.map(MessageView),
    sent: t.uint32().default(0),
    delivered: t.uint32().default(0),
    dropped: t.uint32().default(0),
    value: t.string().default(''),
  },
  'ChannelView',
);

const WaitView = schema(
  {
    owner: t.int16().default(-1),
    value: t.int16().default(0),
    slots: t.int16().default(0),
    waiters: t.array('uint16'),
  },
  'WaitView',
);

const WaitStepView = schema(
  {
    cycle: t.uint8().default(0),
    tid: t.uint16().default(0),
    lock: t.string().default(''),
    holder: t.uint16().default(0),
  },
  'WaitStepView',
);

/** The machine's figures, as presentation.ts computes them; -1 where a figure is not defined yet. */
const FiguresView = schema(
  {
    utilization: t.float64().default(0),
    throughput: t.float64().default(0),
    completed: t.uint32().default(0),
    response: t.float64().default(-1),
    turnaround: t.float64().default(-1),
    waiting: t.float64().default(-1),
    interruptLatency: t.float64().default(-1),
    switches: t.uint32().default(0),
    switchTicks: t.uint32().default(0),
    threadSwitches: t.uint32().default(0),
    cacheMisses: t.uint32().default(0),
    cacheFlushes: t.uint32().default(0),
    faults: t.map('uint32'),
    faultTotal: t.uint32().default(0),
  },
  'FiguresView',
);

const MachineView = schema(
  {
    tick: t.uint32().default(0),
    quantum: t.uint16().default(0),
    switchCost: t.uint8().default(0),
    threadSwitchCost: t.uint8().default(0),
    cacheMissCost: t.uint8().default(0),
    cores: t.array(CoreView),
    readyQueue: t.array('uint16'),
    processes: t.map(ProcessView),
    threads: t.map(ThreadView),
    devices: t.map(DeviceView),
    interrupts: t.map(InterruptView),
    channels: t.map(ChannelView),
    locks: t.map(WaitView),
    semaphores: t.map(WaitView),
    waitCycles: t.array(WaitStepView),
    shared: t.map('int32'),
    counters: t.map('uint32'),
    figures: t.ref(FiguresView).default(() => new FiguresView()),
  },
  'MachineView',
);

const PlayerView = schema(
  {
    nickname: t.string().default(''),
    slot: t.string().default('spectator'),
    role: t.string().default('spectator'),
    /** Only the clients that hold every crew (the host's live view, projectors, a solo player) receive it: a student's own score comes as the `score` message, so one student's action writes to no other student. */
    score: t.int32().view().default(0),
    connected: t.boolean().default(true),
    host: t.boolean().default(false),
    crew: t.string().default(''),
    /** The extra time the teacher gave the student: like the score, only for the clients holding every crew (the host's roster), never for classmates. */
    graceFactor: t.float32().view().default(1),
  },
  'PlayerView',
);

const SlotView = schema(
  {
    role: t.string().default(''),
    holder: t.string().default(''),
    cores: t.array('uint8'),
    tid: t.int16().default(-1),
    channel: t.string().default(''),
    /** The job's legal moves now (encodeMove), while a person holds it; empty for a bot's job. Only the crew's own clients (and the host and projectors) receive them. */
    moves: t.array('string').view(),
  },
  'SlotView',
);

/**
 * One crew: its number, place, finish and jobs for every client; its standing (tick, utilisation, finished
 * processes, faults), machine and jobs' legal moves only for the clients whose StateView holds the crew (its
 * students; the host, projectors and a solo player hold every crew).
 * KernelRoom keeps the views; the projection tells it what it created (`Adopt`).
 */
const CrewView = schema(
  {
    number: t.uint8().default(1),
    // the standing changes every tick: only the clients whose view holds the crew receive it, so a tick of
    // one crew's machine writes to that crew's students (and the host and projectors), not to the class
    tick: t.uint32().view().default(0),
    utilization: t.float32().view().default(0),
    completed: t.uint16().view().default(0),
    processes: t.uint16().view().default(0),
    faultTotal: t.uint16().view().default(0),
    finished: t.boolean().default(false),
    place: t.uint8().default(1),
    slots: t.map(SlotView),
    machine: t
      .ref(MachineView)
      .view()
      .default(() => new MachineView()),
  },
  'CrewView',
);

/** The room's synced state class, registered as the room's state. */
export const RoomState = schema(
  {
    code: t.string().default(''),
    phase: t.string().default('lobby'),
    round: t.uint16().default(1),
    speed: t.float32().default(2),
    locked: t.boolean().default(false),
    lateJoin: t.boolean().default(true),
    countdown: t.uint8().default(0),
    scenario: t.string().default(''),
    tickLimit: t.uint32().default(0),
    crewSize: t.uint8().default(0),
    graceSeconds: t.uint8().default(0),
    predictSeconds: t.int16().default(0),
    players: t.map(PlayerView),
    crews: t.map(CrewView),
  },
  'RoomState',
);

/** The server's own view of the synced state: the schema instances the room projects into. */
export type RoomStateSchema = SchemaType<typeof RoomState>;
type Machine = SchemaType<typeof MachineView>;
/** One crew's schema instance, created on first use. */
export type CrewSchema = SchemaType<typeof CrewView>;

/** What a client sees as `room.state`: the plain interfaces of shared/protocol/state.ts. */
export type { SyncedRoomState } from '../../shared/protocol/state.ts';

/** Fails to compile when the schema stops conforming to the shared interfaces clients compile against. */
type Conforms<Actual extends Declared, Declared> = Actual;
export type ProjectionConforms = Conforms<RoomStateSchema, SyncedRoomState>;

/** Sets a field only when its value differs, so unchanged fields never enter a patch. */
function put<T extends object, K extends keyof T>(o: T, k: K, v: T[K]): void {
  if (o[k] !== v) o[k] = v;
}

/**
 * Told of each schema instance the projection creates under a crew's filtered fields, once it is attached.
 * A StateView that holds the crew does not take in such an instance by itself (its fields arrive, the
 * items of its arrays do not: test/server/crews-sync.test.ts), so the room adds it to those views.
 */
export type Adopt = (created: object) => void;

/**
 * What each synced primitive array holds, as a plain copy: an ArraySchema is a Proxy, and reading it item by
 * item to find that nothing changed (most arrays, most frames) was a fifth of the projection's time.
 * syncArray is the only writer of these arrays, so the copy stays true.
 */
const arrayContents = new WeakMap<ArraySchema<unknown>, unknown[]>();

/** Makes a synced primitive array equal to `values` with the fewest operations. */
export function syncArray<V>(arr: ArraySchema<V>, values: readonly V[]): void {
  const held = arrayContents.get(arr as ArraySchema<unknown>) as V[] | undefined;
  if (held !== undefined && held.length === values.length) {
    let same = true;
    for (let i = 0; i < values.length && same; i++) same = held[i] === values[i];
    if (same) return;
  }
  const current = held ?? [...arr];
  if (values.length < current.length) {
    // A shorter array is cleared and refilled, never popped: @colyseus/schema 5.0.34 decodes an array that was
    // popped and then pushed past its old length before one patch wrongly ([0] popped, then 0 and 1 pushed,
    // arrives as [1, 1]; test/server/sync-array.test.ts). Two projections can fall before one patch (a join
    // projects too).
    arr.clear();
    for (const v of values) arr.push(v);
  } else {
    for (let i = 0; i < current.length; i++) if (current[i] !== values[i]) arr.splice(i, 1, values[i]!);
    for (let i = current.length; i < values.length; i++) arr.push(values[i]!);
  }
  arrayContents.set(arr as ArraySchema<unknown>, values.slice());
}

/** Makes a synced map hold one entry per record key: deletes the gone, creates the new, updates all. */
export function syncMap<R, S>(
  map: MapSchema<S>,
  records: Iterable<[string, R]>,
  create: () => S,
  update: (view: S, record: R, key: string) => void,
  adopt?: Adopt,
): void {
  const seen = new Set<string>();
  for (const [key, record] of records) {
    seen.add(key);
    let view = map.get(key);
    if (view === undefined) {
      view = create();
      update(view, record, key);
      map.set(key, view);
      adopt?.(view as object);
    } else update(view, record, key);
  }
  // every record's key is in the map now: only a bigger map holds keys to delete
  if (map.size > seen.size) for (const key of [...map.keys()]) if (!seen.has(key)) map.delete(key);
}

function syncPrimitiveMap<V>(map: MapSchema<V>, values: Record<string, V>): void {
  let count = 0;
  for (const k in values) {
    count++;
    if (map.get(k) !== values[k]) map.set(k, values[k]!);
  }
  if (map.size > count) for (const key of [...map.keys()]) if (!(key in values)) map.delete(key);
}

function blockedText(b: BlockReason | null): string {
  if (b === null) return '';
  switch (b.on) {
    case 'device':
      return `device:${b.device}`;
    case 'lock':
      return `lock:${b.name}`;
    case 'semaphore':
      return `semaphore:${b.name}`;
    case 'recv':
      return `recv:${b.channel}`;
    case 'send':
      return `send:${b.channel}`;
    case 'join':
      return 'join';
    case 'await':
      return 'await';
  }
}

// Program texts are cached per instruction array so unchanged programs cost nothing per tick.
const programTexts = new WeakMap<Instr[], { length: number; texts: string[] }>();
function texts(program: Instr[]): string[] {
  const cached = programTexts.get(program);
  if (cached && cached.length === program.length) return cached.texts;
  const fresh = program.map(formatInstr);
  programTexts.set(program, { length: program.length, texts: fresh });
  return fresh;
}

/** Copies the kernel's state into the synced machine view. */
export function projectMachine(m: Machine, s: KernelState, adopt?: Adopt): void {
  put(m, 'tick', s.tick);
  put(m, 'quantum', s.scenario.quantum);
  put(m, 'switchCost', s.scenario.switchCost);
  put(m, 'threadSwitchCost', threadSwitchCostOf(s.scenario));
  put(m, 'cacheMissCost', s.scenario.cacheMissCost);
  while (m.cores.length > s.cores.length) m.cores.pop();
  s.cores.forEach((c, i) => {
    let v = m.cores.at(i);
    if (v === undefined) {
      v = new CoreView();
      m.cores.push(v);
      adopt?.(v);
    }
    put(v, 'id', c.id);
    put(v, 'running', c.running ?? -1);
    put(v, 'switchLeft', c.switchLeft);
    put(v, 'sliceUsed', c.sliceUsed);
    put(v, 'busyTicks', c.busyTicks);
    put(v, 'idleTicks', c.idleTicks);
    put(v, 'switchTicks', c.switchTicks);
  });
  syncArray(m.readyQueue, s.readyQueue);
  syncMap(
    m.processes,
    Object.entries(s.processes),
    () => new ProcessView(),
    (v, p) => {
      put(v, 'pid', p.pid);
      put(v, 'ppid', p.ppid ?? -1);
      put(v, 'name', p.name);
      put(v, 'kind', p.kind);
      put(v, 'host', p.host ?? '');
      put(v, 'priority', p.priority);
      put(v, 'arrival', p.arrival);
      put(v, 'firstRun', p.firstRun ?? -1);
      put(v, 'completion', p.completion ?? -1);
      put(v, 'terminated', p.terminated);
      put(v, 'reaped', p.reaped);
      put(v, 'faulted', p.faulted);
      syncArray(v.threads, p.threads);
      const mem = p.memory;
      syncArray(
        v.pages,
        pageTable(s, p).map((pg) => `${pg.seg}:${pg.frame}:${pg.mark}`),
      );
      syncArray(v.sharers, mem.sharers);
      syncArray(v.memory, [
        mem.base,
        mem.limit,
        mem.code,
        mem.data,
        mem.heap,
        mem.stack,
        mem.cowPages,
        mem.cowWith ?? 0,
      ]);
      syncArray(v.shm, mem.shm);
      syncPrimitiveMap(v.vars, p.vars);
    },
    adopt,
  );
  const labels = kernelLabels(s);
  syncMap(
    m.threads,
    Object.entries(s.threads),
    () => new ThreadView(),
    (v, th) => {
      put(v, 'tid', th.tid);
      put(v, 'label', labels(th.tid));
      put(v, 'pid', th.pid);
      put(v, 'state', th.state);
      put(v, 'pc', th.pc);
      syncArray(v.program, texts(th.program));
      syncArray(v.palette, texts(th.palette));
      put(v, 'steered', th.steered);
      put(v, 'core', th.core ?? -1);
      put(v, 'blocked', blockedText(th.blocked));
      put(v, 'reg', th.reg);
      put(v, 'cpuTicks', th.cpuTicks);
      put(v, 'readyTicks', th.readyTicks);
      put(v, 'work', th.state === 'terminated' ? 0 : Math.min(0xffff, remainingWork(s, th)));
      syncArray(v.locksHeld, th.locksHeld);
    },
    adopt,
  );
  syncMap(
    m.devices,
    Object.entries(s.devices),
    () => new DeviceView(),
    (v, d) => {
      put(v, 'current', d.current?.tid ?? -1);
      put(v, 'remaining', d.current?.remaining ?? 0);
      syncArray(
        v.queue,
        d.queue.map((r) => r.tid),
      );
      put(v, 'busyTicks', d.busyTicks);
      put(v, 'served', d.served);
    },
    adopt,
  );
  syncMap(
    m.interrupts,
    s.interrupts.map((i) => [String(i.id), i] as [string, typeof i]),
    () => new InterruptView(),
    (v, i) => {
      put(v, 'id', i.id);
      put(v, 'kind', i.kind);
      put(v, 'tid', i.tid);
      put(v, 'core', i.core ?? -1);
      put(v, 'device', i.device ?? '');
      put(v, 'raisedAt', i.raisedAt);
    },
    adopt,
  );
  syncMap(
    m.channels,
    Object.entries(s.channels),
    () => new ChannelView(),
    (v, c) => {
      put(v, 'kind', c.spec.kind);
      put(v, 'capacity', c.spec.capacity);
      const messages = [
        ...c.inFlight.map((msg) => [msg, false] as const),
        ...c.buffer.map((msg) => [msg, true] as const),
      ];
      syncMap(
        v.messages,
        messages.map(([msg, delivered]) => [String(msg.id), { msg, delivered }]),
        () => new MessageView(),
        (mv, r) => {
          put(mv, 'id', r.msg.id);
          put(mv, 'seq', r.msg.seq);
          put(mv, 'from', r.msg.from);
          put(mv, 'payload', r.msg.payload);
          put(mv, 'readyAt', r.msg.readyAt);
          put(mv, 'delivered', r.delivered);
        },
        adopt,
      );
      put(v, 'sent', c.sent);
      put(v, 'delivered', c.delivered);
      put(v, 'dropped', c.dropped);
      put(v, 'value', c.value ?? '');
    },
    adopt,
  );
  syncMap(
    m.locks,
    Object.entries(s.locks),
    () => new WaitView(),
    (v, l) => {
      put(v, 'owner', l.owner ?? -1);
      syncArray(v.waiters, l.waiters);
    },
    adopt,
  );
  syncMap(
    m.semaphores,
    Object.entries(s.semaphores),
    () => new WaitView(),
    (v, sem, name) => {
      put(v, 'value', sem.value);
      put(v, 'slots', semaphoreShelf(s, name).slots);
      syncArray(v.waiters, sem.waiters);
    },
    adopt,
  );
  const steps = waitForCycles(s).flatMap((c, cycle) => c.map((step) => ({ cycle, ...step })));
  while (m.waitCycles.length > steps.length) m.waitCycles.pop();
  steps.forEach((step, i) => {
    let v = m.waitCycles.at(i);
    if (v === undefined) {
      v = new WaitStepView();
      m.waitCycles.push(v);
      adopt?.(v);
    }
    put(v, 'cycle', step.cycle);
    put(v, 'tid', step.tid);
    put(v, 'lock', step.lock);
    put(v, 'holder', step.holder);
  });
  const shared: Record<string, number> = {};
  for (const [seg, mem] of Object.entries(s.sharedMemory))
    for (const [k, val] of Object.entries(mem.vars)) shared[`${seg}.${k}`] = val;
  syncPrimitiveMap(m.shared, shared);
  syncPrimitiveMap(m.counters, s.counters as unknown as Record<string, number>);
  const f = screenFigures(s);
  const fv = m.figures;
  put(fv, 'utilization', f.utilization);
  put(fv, 'throughput', f.throughput);
  put(fv, 'completed', f.completed);
  put(fv, 'response', f.response ?? -1);
  put(fv, 'turnaround', f.turnaround ?? -1);
  put(fv, 'waiting', f.waiting ?? -1);
  put(fv, 'interruptLatency', f.interruptLatency ?? -1);
  put(fv, 'switches', f.switches);
  put(fv, 'switchTicks', f.switchTicks);
  put(fv, 'threadSwitches', f.threadSwitches);
  put(fv, 'cacheMisses', f.cacheMisses);
  put(fv, 'cacheFlushes', f.cacheFlushes);
  syncPrimitiveMap(fv.faults, f.faults);
  put(fv, 'faultTotal', f.faultTotal);
}

/** One seat as the room shows it to everyone. */
export interface PlayerRecord {
  nickname: string;
  slot: string;
  role: string;
  score: number;
  connected: boolean;
  host: boolean;
  crew: string;
  graceFactor: number;
}

/** One job as the room shows it: who holds it ('' = a bot) and what it covers. */
export interface SlotRecord {
  role: string;
  holder: string;
  cores: number[];
  tid: number;
  channel: string;
  moves: string[];
}

/** Copies the seats into the synced players map (keyed by public seat id; never the private player id). */
export function projectPlayers(state: RoomStateSchema, players: Iterable<[string, PlayerRecord]>): void {
  syncMap(
    state.players,
    players,
    () => new PlayerView(),
    (v, p) => {
      put(v, 'nickname', p.nickname);
      put(v, 'slot', p.slot);
      put(v, 'role', p.role);
      put(v, 'score', p.score);
      put(v, 'connected', p.connected);
      put(v, 'host', p.host);
      put(v, 'crew', p.crew);
      put(v, 'graceFactor', p.graceFactor);
    },
  );
}

/** The crew's schema instance under `key`, created (number `n`) when new. */
export function crewView(state: RoomStateSchema, key: string, n: number): CrewSchema {
  let v = state.crews.get(key);
  if (!v) {
    v = new CrewView();
    v.number = n;
    state.crews.set(key, v);
  }
  return v;
}

/** Drops the crews no longer in `keep`. */
export function dropCrews(state: RoomStateSchema, keep: ReadonlySet<string>): void {
  for (const key of [...state.crews.keys()]) if (!keep.has(key)) state.crews.delete(key);
}

/** Copies a crew's standing (the machine's own figures, as projected) beside its machine. */
export function projectStanding(v: CrewSchema, s: KernelState, finished: boolean): void {
  const f = v.machine.figures;
  put(v, 'tick', s.tick);
  put(v, 'utilization', f.utilization);
  put(v, 'completed', f.completed);
  put(v, 'processes', Object.keys(s.processes).length);
  put(v, 'faultTotal', f.faultTotal);
  put(v, 'finished', finished);
}

/** Puts each crew's place in the race (crewPlaces over the standings just projected). */
export function projectPlaces(state: RoomStateSchema): void {
  const rows: CrewStanding[] = [];
  state.crews.forEach((c) =>
    rows.push({
      number: c.number,
      completed: c.completed,
      finished: c.finished,
      tick: c.tick,
      utilization: c.utilization,
      faults: c.faultTotal,
    }),
  );
  const places = crewPlaces(rows);
  state.crews.forEach((c) => put(c, 'place', places.get(c.number) ?? 1));
}

/** The jobs each crew's synced slots map was last made equal to. */
const slotsProjected = new WeakMap<CrewSchema, [string, SlotRecord][]>();

const sameList = <V>(a: readonly V[], b: readonly V[]): boolean =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

function sameSlots(a: readonly [string, SlotRecord][], b: readonly [string, SlotRecord][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [ka, x] = a[i]!;
    const [kb, y] = b[i]!;
    if (ka !== kb || x.role !== y.role || x.holder !== y.holder || x.tid !== y.tid || x.channel !== y.channel)
      return false;
    if (!sameList(x.cores, y.cores) || !sameList(x.moves, y.moves)) return false;
  }
  return true;
}

/**
 * Copies a crew's jobs and their holders into its synced slots map. It runs every frame for every crew; when
 * the jobs are as last projected (most frames) it compares plain records and leaves the schema alone.
 */
export function projectSlots(crew: CrewSchema, slots: Iterable<[string, SlotRecord]>, adopt?: Adopt): void {
  const records = [...slots];
  const last = slotsProjected.get(crew);
  if (last && sameSlots(last, records)) return;
  slotsProjected.set(
    crew,
    records.map(([k, r]) => [k, { ...r, cores: [...r.cores], moves: [...r.moves] }]),
  );
  syncMap(
    crew.slots,
    records,
    () => new SlotView(),
    (v, r) => {
      put(v, 'role', r.role);
      put(v, 'holder', r.holder);
      syncArray(v.cores, r.cores);
      put(v, 'tid', r.tid);
      put(v, 'channel', r.channel);
      syncArray(v.moves, r.moves);
    },
    adopt,
  );
}
