// `npm run load -- --rooms 40 --players 40 --minutes 2 [--churn] [--url http://host:port] [--cpu-prof] [--heap-snapshots]
// [--agents 2] [--probe-rooms 8] [--probes-per-room 2] [--server-nice=-10] [--end-together]`:
// the load harness. Starts the server pinned to core 0 as a child (or targets --url), creates class rooms
// through the API, joins real SDK clients that play their roles in --agents client processes
// (server/tools/load-agent.ts, pinned to core 1) and a few probe clients in one more process at a
// higher priority, and reports action-to-echo latency (the probes' — the server's side — and
// the bulk clients' apart, with each process's own event-loop delay), server step/patch time, event-loop
// delay, CPU, memory over time, bandwidth per client, initial state size, join times and errors. With
// --end-together, after the window every host ends its round at the same moment (each room's machines and
// their end-of-round baselines at once, as when a teacher's whole school ends together) and the report adds
// the server's event-loop delay from that moment until the last summary has arrived (`endTogether`). The
// last line of output is the report as JSON.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { LIMITS } from '../../shared/kernel/limits.ts';
import type { TeacherRoomResponse } from '../http/teacher-routes.ts';
import { TeacherClient } from '../tools/teacher-client.ts';
import type { LoadServerMessage, LoadServerMetrics, LoadServerRequest } from '../tools/load-server.ts';
import { newCounters } from '../tools/load-player.ts';
import type { AgentReply, AgentReport, AgentRequest } from '../tools/load-agent.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The run's settings, from the command line. */
interface LoadOptions {
  rooms: number;
  players: number;
  minutes: number;
  url: string | null;
  churn: boolean;
  endTogether: boolean;
  roomSeconds: number;
  thinkMs: number;
  tps: number;
  cpuProf: boolean;
  heapSnapshots: boolean;
  serverNice: number;
  pin: boolean;
  agents: number;
  probeRooms: number;
  probesPerRoom: number;
}

function options(): LoadOptions {
  const { values } = parseArgs({
    options: {
      rooms: { type: 'string', default: '4' },
      players: { type: 'string', default: '40' },
      minutes: { type: 'string', default: '1' },
      url: { type: 'string' },
      churn: { type: 'boolean', default: false },
      'end-together': { type: 'boolean', default: false },
      'room-seconds': { type: 'string', default: '60' },
      think: { type: 'string', default: '300' },
      tps: { type: 'string', default: '2' },
      'cpu-prof': { type: 'boolean', default: false },
      'heap-snapshots': { type: 'boolean', default: false },
      'server-nice': { type: 'string', default: '0' },
      'no-pin': { type: 'boolean', default: false },
      agents: { type: 'string', default: '2' },
      'probe-rooms': { type: 'string', default: '8' },
      'probes-per-room': { type: 'string', default: '2' },
    },
  });
  const n = (v: string | undefined, name: string, min: number, max: number) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < min || x > max)
      throw new Error(`--${name} must be between ${min} and ${max}`);
    return x;
  };
  return {
    rooms: Math.trunc(n(values.rooms, 'rooms', 1, 500)),
    players: Math.trunc(n(values.players, 'players', 1, 60)),
    minutes: n(values.minutes, 'minutes', 0.05, 120),
    url: values.url ?? null,
    churn: values.churn,
    endTogether: values['end-together'],
    roomSeconds: n(values['room-seconds'], 'room-seconds', 5, 3600),
    thinkMs: n(values.think, 'think', 20, 10_000),
    tps: n(values.tps, 'tps', LIMITS.speed.min, LIMITS.speed.max),
    cpuProf: values['cpu-prof'],
    heapSnapshots: values['heap-snapshots'],
    serverNice: Math.trunc(n(values['server-nice'], 'server-nice', -20, 19)),
    pin: !values['no-pin'],
    agents: Math.trunc(n(values.agents, 'agents', 1, 16)),
    probeRooms: Math.trunc(n(values['probe-rooms'], 'probe-rooms', 0, 500)),
    probesPerRoom: Math.trunc(n(values['probes-per-room'], 'probes-per-room', 1, 10)),
  };
}

function pin(pid: number, core: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The server child and its IPC metrics channel. */
class ServerChild {
  private next = 1;
  private readonly waiting = new Map<number, (m: LoadServerMetrics | undefined) => void>();
  url = '';
  constructor(readonly proc: ChildProcess) {}

  static async start(o: LoadOptions): Promise<ServerChild> {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLIENT_DIR: '/nonexistent',
      TICKS_PER_SECOND: String(o.tps),
      MAX_MESSAGES_PER_SECOND: '60',
      DATABASE_FILE: process.env.DATABASE_FILE ?? ':memory:',
      ROOMS_PER_TEACHER_PER_HOUR: '100000',
      ROOMS_PER_ADDRESS_PER_HOUR: '100000',
      MATCHMAKING_PER_MINUTE: '100000',
      // every simulated student connects from this machine's one address; the edge's per-address cap is for real networks
      MAX_CONNECTIONS_PER_ADDRESS: '100000',
      ...(o.churn ? { ROOM_IDLE_MINUTES: '0.05' } : {}),
    };
    const args = [
      '--import',
      'tsx',
      '--expose-gc',
      ...(o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', 'test-results/cpu-prof'] : []),
      path.join(here, '../tools/load-server.ts'),
    ];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    const child = new ServerChild(proc);
    proc.on('message', (m: LoadServerMessage) => {
      if (m.type === 'ready') child.url = m.url;
      else {
        child.waiting.get(m.id)?.(m.metrics);
        child.waiting.delete(m.id);
      }
    });
    await new Promise<void>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      const t = setInterval(() => {
        if (child.url) {
          clearInterval(t);
          resolve();
        }
      }, 20);
    });
    if (o.pin) pin(proc.pid!, 0);
    // --server-nice=-10: the server's main thread ahead of other jobs on a shared machine (what a dedicated core would give).
    if (o.serverNice !== 0) {
      try {
        os.setPriority(proc.pid!, o.serverNice);
      } catch {
        console.warn(`could not set the server's priority to ${o.serverNice}`);
      }
    }
    return child;
  }

  async metrics(
    req: Omit<Extract<LoadServerRequest, { type: 'metrics' }>, 'id' | 'type'> = {},
  ): Promise<LoadServerMetrics | undefined> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.proc.send({ id, type: 'metrics', ...req });
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.send({ id: this.next++, type: 'stop' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
}

/** A load-client process (server/tools/load-agent.ts) and its IPC request channel. */
class Agent {
  private next = 1;
  private readonly waiting = new Map<number, (r: AgentReply) => void>();
  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (r: AgentReply) => {
      this.waiting.get(r.id)?.(r);
      this.waiting.delete(r.id);
    });
  }

  static start(name: string, o: LoadOptions, priority: number): Agent {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../tools/load-agent.ts')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (o.pin && !o.url) pin(proc.pid!, 1);
    try {
      os.setPriority(proc.pid!, priority);
    } catch {
      /* not allowed: same priority as the probes */
    }
    return new Agent(name, proc);
  }

  async ask(req: DistributiveOmit<AgentRequest, 'id'>): Promise<AgentReply> {
    const id = this.next++;
    const reply = await new Promise<AgentReply>((resolve) => {
      this.waiting.set(id, resolve);
      this.proc.send({ ...req, id });
    });
    if (!reply.ok) throw new Error(`${this.name}: ${reply.error}`);
    return reply;
  }

  async report(): Promise<AgentReport> {
    return (await this.ask({ type: 'report' })).report!;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One class room of the run: which agent hosts it and how many probes play in it. */
interface LoadRoom {
  created: TeacherRoomResponse;
  owner: Agent;
  probes: number;
  bornAt: number;
}

/** The run's teacher (signed up on the server under test the first time a room is created). */
let teacher: Promise<TeacherClient> | null = null;

async function createRoom(http: string, tps: number): Promise<TeacherRoomResponse> {
  teacher ??= TeacherClient.signUp(http, 'Load teacher');
  return (await teacher).createRoom({ ticksPerSecond: tps });
}

/**
 * Creates a room and fills it: in a probe room the probe agent joins the host and the probes first (the
 * host gives each probe a job of its own every round), then the owner joins the other players; in
 * other rooms the owner joins the host and every player. Then the host starts the round.
 */
async function openRoom(
  o: LoadOptions,
  http: string,
  owner: Agent,
  probe: Agent,
  probes: number,
): Promise<LoadRoom> {
  const created = await createRoom(http, o.tps);
  const host = probes > 0 ? probe : owner;
  await host.ask({
    type: 'open',
    url: http,
    room: created,
    host: true,
    players: host === probe ? probes : o.players,
    first: 0,
    prefix: host === probe ? 'Probe' : 'Load',
    thinkMs: o.thinkMs,
  });
  if (probes > 0)
    await owner.ask({
      type: 'open',
      url: http,
      room: created,
      host: false,
      players: o.players - probes,
      first: 0,
      prefix: 'Load',
      thinkMs: o.thinkMs,
    });
  await host.ask({ type: 'start', roomId: created.roomId });
  return { created, owner, probes, bornAt: Date.now() };
}

/**
 * --end-together: every host ends its round at once. The server's event-loop delay is read from that moment
 * until every room's summary (crews' results and their baselines, computed in the server's worker pool) has
 * reached its host: what every room on the server lived through while the rounds ended.
 */
async function endRoundsTogether(
  agents: Agent[],
  child: ServerChild,
): Promise<{
  roomsEnded: number;
  notRunning: number;
  timedOut: number;
  summaryMs: ReturnType<typeof pct>;
  seconds: number;
  serverEventLoopDelayMs: LoadServerMetrics['eventLoopDelayMs'];
  serverStepMs: LoadServerMetrics['step'];
  serverPatchMs: LoadServerMetrics['patch'];
} | null> {
  await child.metrics({ reset: true });
  const t = Date.now();
  const replies = await Promise.all(agents.map((a) => a.ask({ type: 'end-rounds', timeoutMs: 60_000 })));
  const m = await child.metrics({ reset: true });
  if (!m) return null;
  const ended = replies.map((r) => r.ended!);
  const summaryMs = ended.flatMap((e) => e.summaryMs);
  return {
    roomsEnded: summaryMs.length,
    notRunning: ended.reduce((n, e) => n + e.refused, 0),
    timedOut: ended.reduce((n, e) => n + e.timedOut, 0),
    summaryMs: pct(summaryMs),
    seconds: Math.round((Date.now() - t) / 100) / 10,
    serverEventLoopDelayMs: m.eventLoopDelayMs,
    serverStepMs: m.step,
    serverPatchMs: m.patch,
  };
}

async function closeRoom(r: LoadRoom, probe: Agent): Promise<void> {
  await Promise.all([
    r.owner.ask({ type: 'close', roomId: r.created.roomId }),
    r.probes > 0 ? probe.ask({ type: 'close', roomId: r.created.roomId }) : null,
  ]);
}

/** Adds up the bulk agents' counters. */
function merge(reports: AgentReport[]): AgentReport {
  const all = newCounters();
  let players = 0;
  for (const r of reports) {
    all.echoes.push(...r.echoes);
    all.refusals.push(...r.refusals);
    all.joinMs.push(...r.joinMs);
    all.errors.push(...r.errors);
    all.lost += r.lost;
    all.sent += r.sent;
    all.bytes += r.bytes;
    all.joinErrors += r.joinErrors;
    all.dropped += r.dropped;
    players += r.players;
  }
  const worst = reports.reduce((w, r) => (r.loopDelayMs.p99 > w.loopDelayMs.p99 ? r : w), reports[0]!);
  return {
    ...all,
    players,
    loopDelayMs: worst.loopDelayMs,
    cpuPercentOfCore: Math.round(reports.reduce((n, r) => n + r.cpuPercentOfCore, 0) * 10) / 10,
  };
}

function pct(xs: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length === 0 ? 0 : Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return {
    n: s.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: s.length ? Math.round(s[s.length - 1]! * 10) / 10 : 0,
  };
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

async function main(): Promise<void> {
  const o = options();
  const pinned = o.pin && !o.url ? pin(process.pid, 1) : false;
  const child = o.url ? null : await ServerChild.start(o);
  const http = o.url ?? child!.url;
  // The probe agent at a higher CPU priority than the bulk agents (nice -5 where allowed, else the bulk at
  // nice 5), so a probe's echo is timed as soon as its patch arrives; the bulk stays at the machine's usual
  // priority so that other jobs on a shared machine do not starve it.
  const bulk = Array.from({ length: o.agents }, (_, i) => Agent.start(`agent ${i + 1}`, o, 0));
  const probe = Agent.start('probe', o, -5);
  if (os.getPriority(probe.proc.pid!) !== -5)
    for (const a of bulk) {
      try {
        os.setPriority(a.proc.pid!, 5);
      } catch {
        /* equal priorities */
      }
    }
  const agents = [...bulk, probe];
  const probeRoomCount = Math.min(o.rooms, o.probeRooms);
  const probesPerRoom = Math.min(o.probesPerRoom, Math.max(0, o.players - 1));
  console.log(
    `load: ${o.rooms} rooms × ${o.players} players for ${o.minutes} min against ${http}${o.churn ? ` (churn: rooms live ${o.roomSeconds} s)` : ''}; ` +
      `${o.agents} client processes + 1 probe process (${probesPerRoom} probes in each of ${probeRoomCount} rooms)${pinned ? '; server on core 0, clients on core 1' : ''}`,
  );

  const t0 = Date.now();
  let rooms: LoadRoom[] = [];
  let opened = 0;
  const nextRoom = () => {
    const i = opened++;
    return { owner: bulk[i % bulk.length]!, probes: i < probeRoomCount ? probesPerRoom : 0 };
  };
  for (let i = 0; i < o.rooms; i += 4) {
    rooms.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(4, o.rooms - i) }, () => {
          const n = nextRoom();
          return openRoom(o, http, n.owner, probe, n.probes);
        }),
      )),
    );
  }
  const setupSeconds = (Date.now() - t0) / 1000;
  const joined = merge(await Promise.all(agents.map((a) => a.report())));
  console.log(
    `joined ${joined.joinMs.length} players in ${setupSeconds.toFixed(1)} s (${joined.joinErrors} refused)`,
  );
  await new Promise((r) => setTimeout(r, 3000));
  const initial = await child?.metrics({ fullState: true });
  // --heap-snapshots: the server writes one after the first minute and one at the end (diff them in DevTools).
  const snapshotDir = path.resolve('test-results/heap');
  if (o.heapSnapshots) mkdirSync(snapshotDir, { recursive: true });
  // One forced collection before the window (it stops the server for tens of ms, so never inside it);
  // during the window the heap is read as V8's own full collections leave it.
  const start = await child?.metrics({ reset: true, gc: true });
  // Measurement window: counters and the server's percentile windows restart here.
  await Promise.all(agents.map((a) => a.ask({ type: 'reset' })));
  const startAt = Date.now();
  /** heapMB: the heap right after the server's latest full collection; heapUsedMB: in use at the sample. */
  const memory: {
    s: number;
    rssMB: number;
    heapMB: number | null;
    heapUsedMB: number;
    rooms: number;
    clients: number;
    load1m?: number;
  }[] = [];
  if (start)
    memory.push({
      s: 0,
      rssMB: mb(start.rss),
      heapMB: mb(start.heapUsed),
      heapUsedMB: mb(start.heapUsed),
      rooms: start.rooms,
      clients: start.clients,
    });
  let churned = 0;
  const endAt = startAt + o.minutes * 60_000;
  let nextSample = startAt + 10_000;
  while (Date.now() < endAt) {
    await new Promise((r) => setTimeout(r, 1000));
    if (o.churn) {
      const old = rooms.filter((r) => Date.now() - r.bornAt > o.roomSeconds * 1000);
      if (old.length > 0) {
        rooms = rooms.filter((r) => !old.includes(r));
        await Promise.all(old.map((r) => closeRoom(r, probe)));
        churned += old.length;
        rooms.push(...(await Promise.all(old.map((r) => openRoom(o, http, r.owner, probe, r.probes)))));
      }
    }
    if (child && Date.now() >= nextSample) {
      nextSample += 10_000;
      const first =
        o.heapSnapshots && memory.length > 0 && memory.at(-1)!.s < 60 && Date.now() - startAt >= 60_000;
      const m = await child.metrics(
        first ? { gc: true, heapSnapshot: path.join(snapshotDir, 'after-1-minute.heapsnapshot') } : {},
      );
      if (m) {
        const heap = m.heapAfterMajorGc === null ? null : mb(m.heapAfterMajorGc);
        memory.push({
          s: Math.round((Date.now() - startAt) / 1000),
          rssMB: mb(m.rss),
          heapMB: heap,
          heapUsedMB: mb(m.heapUsed),
          rooms: m.rooms,
          clients: m.clients,
          load1m: Math.round(os.loadavg()[0]! * 100) / 100,
        });
        const p = await probe.report();
        console.log(
          `t=${memory.at(-1)!.s}s load ${memory.at(-1)!.load1m} rooms ${m.rooms} clients ${m.clients} rss ${mb(m.rss)} MB heap after last full GC ${heap ?? '-'} MB (in use ${mb(m.heapUsed)}) ` +
            `gc max ${m.gcPauseMs.max} ms probe echo p99 ${pct(p.echoes).p99} ms (n ${p.echoes.length})`,
        );
      }
    }
  }
  const seconds = (Date.now() - startAt) / 1000;
  const end = await child?.metrics();
  const b = merge(await Promise.all(bulk.map((a) => a.report())));
  const p = await probe.report();
  // After the window: a forced collection, comparable with the one before it.
  const final = await child?.metrics({
    gc: true,
    ...(o.heapSnapshots ? { heapSnapshot: path.join(snapshotDir, 'end.heapsnapshot') } : {}),
  });
  const endTogether = o.endTogether && child ? await endRoundsTogether(agents, child) : null;
  const connected = end?.clients ?? b.players + p.players + rooms.length;
  const cpuPct =
    start && end
      ? ((end.cpu.user + end.cpu.system - start.cpu.user - start.cpu.system) / 1000 / (end.at - start.at)) *
        100
      : null;
  const players = b.players + p.players;
  const heapAfterWarmup = memory.find((m) => m.s >= 60 && m.heapMB !== null) ?? memory[0];
  const lastHeap = memory.at(-1)?.heapMB ?? null;
  const report = {
    rooms: o.rooms,
    playersPerRoom: o.players,
    minutes: o.minutes,
    churn: o.churn,
    churnedRooms: churned,
    thinkMs: o.thinkMs,
    ticksPerSecond: o.tps,
    connectedClients: connected,
    clientProcesses: o.agents,
    serverNice: o.serverNice,
    probeClients: p.players,
    // The server's side: probes in a lightly loaded process of their own; the bulk clients' figure includes their own lag.
    echoMs: pct(p.echoes),
    refusalMs: pct(p.refusals),
    lostEchoes: p.lost,
    actionsSent: p.sent,
    bulkEchoMs: pct(b.echoes),
    bulkRefusalMs: pct(b.refusals),
    bulkLostEchoes: b.lost,
    bulkActionsSent: b.sent,
    bandwidthPerClientBytesPerSec: Math.round((b.bytes + p.bytes) / Math.max(1, players) / seconds),
    // state patches the server wrote per connected client per second (each a socket write and a redraw at the client)
    patchWritesPerClientPerSec: end
      ? Math.round((end.patchFrames.sent / connected / seconds) * 100) / 100
      : null,
    emptyPatchesSkipped: end?.patchFrames.skipped ?? null,
    initialStateBytes: initial?.maxFullStateBytes ?? null,
    initialStateBytesMedian: initial?.medianFullStateBytes ?? null,
    serverCpuPercentOfCore: cpuPct === null ? null : Math.round(cpuPct * 10) / 10,
    serverCpuPercentPer100Players:
      cpuPct === null ? null : Math.round((cpuPct / (connected / 100)) * 100) / 100,
    serverStepMs: end?.step ?? null,
    serverPatchMs: end?.patch ?? null,
    serverEventLoopDelayMs: end?.eventLoopDelayMs ?? null,
    serverGcPauseMs: end?.gcPauseMs ?? null,
    serverMajorGcPauseMs: end?.gcMajorPauseMs ?? null,
    memory,
    // From the first sample after the first minute to the last, both as V8's own full collections left the heap.
    heapGrowthMB:
      lastHeap !== null && heapAfterWarmup?.heapMB != null
        ? Math.round((lastHeap - heapAfterWarmup.heapMB) * 10) / 10
        : null,
    // Forced collections just before and just after the window (the first includes the rooms' warm-up).
    heapForcedGcMB:
      start && final
        ? {
            before: mb(start.heapUsed),
            after: mb(final.heapUsed),
            pauseMs: [start.forcedGcMs, final.forcedGcMs],
          }
        : null,
    joinMs: pct([...b.joinMs, ...p.joinMs]),
    joinErrors: b.joinErrors + p.joinErrors,
    dropped: b.dropped + p.dropped,
    errors: [...new Set([...b.errors, ...p.errors])].slice(0, 10),
    // Each client process's own event-loop delay: when the bulk's is high, bulkEchoMs measures the clients, not the server.
    clientEventLoopDelayMs: { p99: b.loopDelayMs.p99, max: b.loopDelayMs.max },
    probeEventLoopDelayMs: p.loopDelayMs,
    clientCpuPercentOfCore: { bulk: b.cpuPercentOfCore, probe: p.cpuPercentOfCore },
    // The machine's 1-minute load average over the window (2 cores: above ~2.5 other jobs were competing).
    machineLoad1m: pct(memory.flatMap((m) => (m.load1m === undefined ? [] : [m.load1m]))),
    endTogether,
  };
  await Promise.all(agents.map((a) => a.ask({ type: 'stop' }).catch(() => undefined)));
  await child?.stop();
  console.log(JSON.stringify(report));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
