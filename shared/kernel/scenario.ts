// Scenarios as data: the JSON a level, a room or a workload file describes, validated into a Scenario.
// Every error is a Problem (problems.ts) naming the field it is about, said in the reader's language,
// so a teacher editing a file or a student editing a sandbox can fix it.
import { z } from 'zod';
import { CHANNEL_KIND_NAMES, PROCESS_KINDS, limitSchema } from './limits.ts';
import { describeProblem, type Problem, type ProblemCode } from './problems.ts';
import { IDENT_PATTERN, NAME_PATTERN, parseInstr } from './program.ts';
import { zodProblem } from './zod-problem.ts';
import type {
  ChannelKind,
  ChannelSpec,
  Instr,
  ProcessSpec,
  ProgramDef,
  Scenario,
  ThreadSpec,
} from './types.ts';

const name = z.string().regex(NAME_PATTERN, 'a name of letters, digits, _ . - (at most 32)');
const ident = z.string().regex(IDENT_PATTERN, 'a name of letters, digits, _ - (at most 32)');
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const instrText = z.string().max(120);
const programRef = z.union([z.array(instrText).max(500), ident]);

/** The most hosts a scenario may name. */
export const MAX_HOSTS = 8;

const threadInput = z.strictObject({
  program: programRef,
  steered: z.boolean().optional(),
  palette: z.array(instrText).max(40).optional(),
});

const processInput = z.strictObject({
  name,
  arrival: int(0, 1_000_000).optional(),
  priority: limitSchema('priority').optional(),
  kind: z.enum(PROCESS_KINDS).optional(),
  parent: name.nullable().optional(),
  length: int(1, 100_000).optional(),
  program: programRef.optional(),
  threads: z.array(threadInput).min(1).max(16).optional(),
  vars: z.record(ident, int(-1_000_000, 1_000_000)).optional(),
  code: int(1, 64).optional(),
  data: int(1, 64).optional(),
  shm: z.array(ident).max(8).optional(),
  host: ident.optional(),
});

const channelInput = z.strictObject({
  name: ident,
  kind: z.enum(CHANNEL_KIND_NAMES),
  capacity: limitSchema('capacity').optional(),
  latency: limitSchema('latency').optional(),
  jitter: limitSchema('latency').optional(),
  loss: z.number().min(0).max(1).optional(),
  owner: name.nullable().optional(),
  server: name.nullable().optional(),
});

const programInput = z.union([
  z.array(instrText).max(500),
  z.strictObject({
    instructions: z.array(instrText).max(500),
    code: int(1, 64).optional(),
    data: int(1, 64).optional(),
  }),
]);

/** The JSON shape of a scenario, before cross-references are checked. */
export const scenarioInput = z.strictObject({
  cores: limitSchema('cores').optional(),
  quantum: limitSchema('quantum').optional(),
  switchCost: limitSchema('switchCost').optional(),
  threadSwitchCost: limitSchema('threadSwitchCost').optional(),
  cacheMissCost: limitSchema('cacheMissCost').optional(),
  hosts: z.array(ident).min(1).max(MAX_HOSTS).optional(),
  networkLatency: limitSchema('networkLatency').optional(),
  devices: z.record(ident, limitSchema('deviceTicks')).optional(),
  ioDevices: z.record(ident, limitSchema('deviceTicks')).optional(),
  programs: z.record(ident, programInput).optional(),
  processes: z.array(processInput).max(256).optional(),
  jobs: z.array(processInput).max(256).optional(),
  channels: z.array(channelInput).max(32).optional(),
  sharedMemory: z.record(ident, z.record(ident, int(-1_000_000, 1_000_000))).optional(),
  locks: z.array(ident).max(32).optional(),
  semaphores: z.record(ident, int(0, 1000)).optional(),
  auto: z.strictObject({ interrupts: z.boolean().optional(), delivery: z.boolean().optional() }).optional(),
  loadTicks: limitSchema('loadTicks').optional(),
  starvationBound: int(1, 100_000).optional(),
  interruptBound: int(1, 100_000).optional(),
  livelockBound: int(1, 100_000).optional(),
});

/** The JSON a scenario file holds (the validator's input type). */
export type ScenarioInput = z.input<typeof scenarioInput>;

/**
 * Costs and defaults of each channel kind: the notes' speed ranking (004) shared memory > socket >
 * pipe > message queue > file, strict however it is timed. `cost` is the CPU ticks of one send and of
 * one receive; a message is readable after its `latency`. So one message takes latency + cost ticks
 * (shared memory: write, signal, read: 2 × cost and the attach), costs 2 × cost CPU ticks, and many
 * go at one per cost ticks. Threads sharing a variable (store 1, load 1) are faster still: no IPC,
 * and no tick to attach a shared-memory segment (SHM_ATTACH_COST). test/kernel/notes.test.ts
 * measures all three rankings.
 */
export const CHANNEL_KINDS: Record<
  ChannelKind,
  { cost: number; capacity: number; latency: number; ordered: boolean }
> = {
  shm: { cost: 1, capacity: 1, latency: 0, ordered: false },
  tcp: { cost: 3, capacity: 8, latency: 2, ordered: true },
  udp: { cost: 3, capacity: 8, latency: 2, ordered: false },
  pipe: { cost: 6, capacity: 4, latency: 0, ordered: true },
  fifo: { cost: 6, capacity: 4, latency: 0, ordered: true },
  mq: { cost: 7, capacity: 8, latency: 0, ordered: true },
  file: { cost: 8, capacity: 64, latency: 0, ordered: true },
};

/** Ticks a message takes more to cross the network to another host, unless the scenario says otherwise. */
export const NETWORK_LATENCY = 2;

/** The device a user types on: a foreground process waits on it and the user feels its response; a daemon never uses it. */
export const KEYBOARD = 'keyboard';

/** Ticks a process pays the first time it uses a shared-memory channel: attaching the segment (shmat). */
export const SHM_ATTACH_COST = 1;

/**
 * The result of validating a scenario: the scenario, or its problem as data (describeProblem gives
 * it in the reader's language) with its field and its English sentence for the CLI and the logs.
 */
export type ScenarioResult =
  { ok: true; scenario: Scenario } | { ok: false; error: string; path: string; problem: Problem };

class ScenarioError extends Error {
  readonly problem: Problem;
  constructor(path: string, code: ProblemCode, params: Problem['params'] = {}) {
    super(code);
    this.problem = { code, params, path };
  }
}

function parseProgram(texts: string[], path: string): Instr[] {
  return texts.map((t, i) => {
    const r = parseInstr(t);
    if (!r.ok) throw new ScenarioError(`${path}[${i}]`, r.problem.code, r.problem.params);
    return r.instr;
  });
}

// The English sentence names the whole scenario "scenario" when the problem is about no one field.
function failed(problem: Problem): ScenarioResult {
  const error = describeProblem({ ...problem, path: problem.path || 'scenario' }, 'en');
  return { ok: false, path: problem.path, problem, error };
}

/** Validates scenario JSON (a level, a room's settings or a workload file) into a Scenario. */
export function parseScenario(json: unknown): ScenarioResult {
  const parsed = scenarioInput.safeParse(json);
  if (!parsed.success) return failed(zodProblem(parsed.error.issues[0]!, json));
  try {
    return { ok: true, scenario: build(parsed.data) };
  } catch (e) {
    if (e instanceof ScenarioError) return failed(e.problem);
    throw e;
  }
}

function build(input: z.output<typeof scenarioInput>): Scenario {
  if (input.processes && input.jobs) throw new ScenarioError('jobs', 'jobs-and-processes');
  if (input.devices && input.ioDevices) throw new ScenarioError('ioDevices', 'devices-and-io-devices');
  if (input.threadSwitchCost !== undefined && input.threadSwitchCost > (input.switchCost ?? 0)) {
    throw new ScenarioError('threadSwitchCost', 'thread-switch-cost');
  }
  const procKey = input.jobs ? 'jobs' : 'processes';
  const procs = input.jobs ?? input.processes ?? [];
  if (procs.length === 0) throw new ScenarioError(procKey, 'no-processes');

  const programs: Record<string, ProgramDef> = {};
  for (const [n, p] of Object.entries(input.programs ?? {})) {
    const texts = Array.isArray(p) ? p : p.instructions;
    programs[n] = {
      instructions: parseProgram(texts, `programs.${n}${Array.isArray(p) ? '' : '.instructions'}`),
      code: Array.isArray(p) ? 2 : (p.code ?? 2),
      data: Array.isArray(p) ? 1 : (p.data ?? 1),
    };
  }
  const resolve = (ref: string[] | string, path: string): Instr[] => {
    if (typeof ref === 'string') {
      const p = programs[ref];
      if (!p) throw new ScenarioError(path, 'no-program', { program: ref });
      return p.instructions;
    }
    return parseProgram(ref, path);
  };

  const hosts = input.hosts ?? [];
  if (new Set(hosts).size !== hosts.length) throw new ScenarioError('hosts', 'duplicate-host');
  const hostOf = new Map<string, string | undefined>();
  const seen = new Map<string, number>();
  const processes: ProcessSpec[] = procs.map((p, i) => {
    const at = `${procKey}[${i}]`;
    if (seen.has(p.name)) throw new ScenarioError(`${at}.name`, 'duplicate-process', { name: p.name });
    seen.set(p.name, p.arrival ?? 0);
    const given = [p.length !== undefined, p.program !== undefined, p.threads !== undefined].filter(
      Boolean,
    ).length;
    if (given !== 1) throw new ScenarioError(at, 'process-body');
    let threads: ThreadSpec[];
    if (p.length !== undefined)
      threads = [{ program: [{ op: 'cpu', n: p.length }], steered: false, palette: [] }];
    else if (p.program !== undefined)
      threads = [{ program: resolve(p.program, `${at}.program`), steered: false, palette: [] }];
    else {
      threads = p.threads!.map((t, k) => {
        const program = resolve(t.program, `${at}.threads[${k}].program`);
        const steered = t.steered ?? false;
        const palette = t.palette
          ? parseProgram(t.palette, `${at}.threads[${k}].palette`)
          : steered
            ? defaultPalette(program)
            : [];
        return { program, steered, palette };
      });
    }
    if ((p.kind ?? 'foreground') === 'daemon') {
      threads.forEach((t, k) => {
        const at2 = p.threads ? `${at}.threads[${k}].program` : `${at}.program`;
        const i = t.program.findIndex((x) => (x.op === 'io' || x.op === 'io-async') && x.device === KEYBOARD);
        if (i >= 0) throw new ScenarioError(`${at2}[${i}]`, 'daemon-keyboard');
      });
    }
    if (p.parent) {
      const parentArrival = seen.get(p.parent);
      if (parentArrival === undefined || p.parent === p.name)
        throw new ScenarioError(`${at}.parent`, 'parent-not-before', { parent: p.parent, name: p.name });
      if (parentArrival > (p.arrival ?? 0))
        throw new ScenarioError(`${at}.parent`, 'parent-later', { parent: p.parent, name: p.name });
    }
    if (p.host !== undefined && !hosts.includes(p.host))
      throw new ScenarioError(`${at}.host`, 'no-host', { host: p.host });
    const host = p.host ?? hosts[0];
    hostOf.set(p.name, host);
    if (p.parent && hostOf.get(p.parent) !== host)
      throw new ScenarioError(`${at}.host`, 'child-host', { host: hostOf.get(p.parent) ?? '' });
    return {
      name: p.name,
      arrival: p.arrival ?? 0,
      priority: p.priority ?? 0,
      kind: p.kind ?? 'foreground',
      parent: p.parent ?? null,
      threads,
      vars: p.vars ?? {},
      code: p.code ?? 2,
      data: p.data ?? 1,
      shm: p.shm ?? [],
      ...(host === undefined ? {} : { host }),
    };
  });
  // Shared memory is memory of one computer: every process mapping a segment runs on one host.
  const segmentHost = new Map<string, string | undefined>();
  processes.forEach((p, i) =>
    p.shm.forEach((seg, k) => {
      if (segmentHost.has(seg) && segmentHost.get(seg) !== p.host)
        throw new ScenarioError(`${procKey}[${i}].shm[${k}]`, 'shm-one-host', { segment: seg });
      segmentHost.set(seg, p.host);
    }),
  );

  const channels: ChannelSpec[] = (input.channels ?? []).map((c, i) => {
    const d = CHANNEL_KINDS[c.kind];
    if (c.owner && !seen.has(c.owner))
      throw new ScenarioError(`channels[${i}].owner`, 'no-process-named', { name: c.owner });
    if (c.kind === 'pipe' && !c.owner) throw new ScenarioError(`channels[${i}].owner`, 'pipe-owner');
    if (c.server && c.kind !== 'fifo' && c.kind !== 'tcp' && c.kind !== 'udp')
      throw new ScenarioError(`channels[${i}].server`, 'server-end');
    if (c.server && !seen.has(c.server))
      throw new ScenarioError(`channels[${i}].server`, 'no-process-named', { name: c.server });
    return {
      name: c.name,
      kind: c.kind,
      capacity: c.capacity ?? d.capacity,
      latency: c.latency ?? d.latency,
      jitter: c.kind === 'udp' ? (c.jitter ?? 2) : 0,
      loss: c.kind === 'udp' ? (c.loss ?? 0.1) : 0,
      owner: c.owner ?? null,
      server: c.server ?? null,
    };
  });
  const channelNames = new Set(channels.map((c) => c.name));
  if (channelNames.size !== channels.length) throw new ScenarioError('channels', 'duplicate-channel');

  if (input.sharedMemory && 'code' in input.sharedMemory)
    throw new ScenarioError('sharedMemory.code', 'code-segment-name');
  const scenario: Scenario = {
    cores: input.cores ?? 1,
    quantum: input.quantum ?? 0,
    switchCost: input.switchCost ?? 0,
    threadSwitchCost: input.threadSwitchCost ?? null,
    cacheMissCost: input.cacheMissCost ?? 0,
    hosts,
    networkLatency: input.networkLatency ?? NETWORK_LATENCY,
    devices: input.devices ?? input.ioDevices ?? {},
    programs,
    processes,
    channels,
    sharedMemory: input.sharedMemory ?? {},
    locks: input.locks ?? [],
    semaphores: input.semaphores ?? {},
    auto: { interrupts: input.auto?.interrupts ?? true, delivery: input.auto?.delivery ?? true },
    loadTicks: input.loadTicks ?? 0,
    starvationBound: input.starvationBound ?? 100,
    interruptBound: input.interruptBound ?? 10,
    livelockBound: input.livelockBound ?? 20,
  };
  checkReferences(
    scenario,
    procKey,
    procs.map((p) => p.threads !== undefined),
  );
  return scenario;
}

/** The instructions a steered thread may choose: those of its reference program, plus exit. */
export function defaultPalette(program: Instr[]): Instr[] {
  const out: Instr[] = [];
  const keys = new Set<string>();
  for (const i of [...program, { op: 'exit' } as Instr]) {
    const k = JSON.stringify(i);
    if (!keys.has(k)) {
      keys.add(k);
      out.push(i);
    }
  }
  return out;
}

/** Checks that every device, program, channel, semaphore and segment an instruction names exists. */
export function checkInstrRefs(s: Scenario, instrs: Instr[], path: string, shm: string[]): void {
  instrs.forEach((i, k) => {
    const at = `${path}[${k}]`;
    switch (i.op) {
      case 'io':
      case 'io-async':
        if (!(i.device in s.devices)) throw new ScenarioError(at, 'no-device', { device: i.device });
        break;
      case 'exec':
      case 'spawn':
        if (!(i.program in s.programs)) throw new ScenarioError(at, 'no-program', { program: i.program });
        break;
      case 'fork':
        if (i.program !== null && !(i.program in s.programs))
          throw new ScenarioError(at, 'no-program', { program: i.program });
        break;
      case 'wait':
      case 'signal':
        if (!(i.name in s.semaphores)) throw new ScenarioError(at, 'no-semaphore', { semaphore: i.name });
        break;
      case 'send':
      case 'recv':
        if (!s.channels.some((c) => c.name === i.channel))
          throw new ScenarioError(at, 'no-channel', { channel: i.channel });
        break;
      case 'load':
      case 'store': {
        const dot = i.var.indexOf('.');
        if (dot >= 0) {
          const seg = i.var.slice(0, dot);
          if (seg === 'code') break; // the process's own code segment: readable, and a write faults (read-only)
          if (!(seg in s.sharedMemory)) throw new ScenarioError(at, 'no-segment', { segment: seg });
          if (shm.length > 0 && !shm.includes(seg))
            throw new ScenarioError(at, 'segment-not-mapped', { segment: seg });
        }
        break;
      }
      default:
        break;
    }
  });
}

function checkReferences(s: Scenario, procKey: string, threaded: boolean[]): void {
  for (const [n, p] of Object.entries(s.programs)) checkInstrRefs(s, p.instructions, `programs.${n}`, []);
  s.processes.forEach((p, i) => {
    p.shm.forEach((seg, k) => {
      if (!(seg in s.sharedMemory))
        throw new ScenarioError(`${procKey}[${i}].shm[${k}]`, 'no-segment', { segment: seg });
    });
    p.threads.forEach((t, k) => {
      const at = threaded[i] ? `${procKey}[${i}].threads[${k}].program` : `${procKey}[${i}].program`;
      checkInstrRefs(s, t.program, at, p.shm.length ? p.shm : ['\0']);
      checkInstrRefs(s, t.palette, `${procKey}[${i}].threads[${k}].palette`, p.shm.length ? p.shm : ['\0']);
    });
  });
}

/** Validates a process the host adds live (fork bomb, I/O storm): the same checks as a scenario's. */
export function checkProcessSpec(s: Scenario, p: ProcessSpec): Problem | null {
  try {
    p.threads.forEach((t, k) =>
      checkInstrRefs(s, t.program, `threads[${k}].program`, p.shm.length ? p.shm : ['\0']),
    );
    return null;
  } catch (e) {
    if (e instanceof ScenarioError) return e.problem;
    throw e;
  }
}
