// `npm run load -- --rooms 40 --players 40 --minutes 2 [--churn] [--url http://host:port] [--cpu-prof]`:
// the load harness. Starts the server pinned to core 0 as a child (or targets --url), creates class rooms
// through the API, joins real SDK clients that play their roles (pinned to core 1), and reports
// action-to-echo latency, server step/patch time, event-loop delay, CPU, memory over time, bandwidth per
// client, initial state size, join times and errors. The last line of output is the report as JSON.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, type Room } from '@colyseus/sdk';
import type { CreateRoomResponse } from '../http/api.ts';
import type { LoadServerMessage, LoadServerMetrics, LoadServerRequest } from '../tools/load-server.ts';
import { LoadPlayer, newCounters, type LoadCounters } from '../tools/load-player.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The run's settings, from the command line. */
interface LoadOptions { rooms: number; players: number; minutes: number; url: string | null; churn: boolean; roomSeconds: number; thinkMs: number; tps: number; cpuProf: boolean; pin: boolean }

function options(): LoadOptions {
  const { values } = parseArgs({ options: {
    rooms: { type: 'string', default: '4' }, players: { type: 'string', default: '40' }, minutes: { type: 'string', default: '1' },
    url: { type: 'string' }, churn: { type: 'boolean', default: false }, 'room-seconds': { type: 'string', default: '60' },
    think: { type: 'string', default: '300' }, tps: { type: 'string', default: '2' }, 'cpu-prof': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
  } });
  const n = (v: string | undefined, name: string, min: number, max: number) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < min || x > max) throw new Error(`--${name} must be between ${min} and ${max}`);
    return x;
  };
  return {
    rooms: Math.trunc(n(values.rooms, 'rooms', 1, 500)), players: Math.trunc(n(values.players, 'players', 1, 60)), minutes: n(values.minutes, 'minutes', 0.05, 120),
    url: values.url ?? null, churn: values.churn, roomSeconds: n(values['room-seconds'], 'room-seconds', 5, 3600), thinkMs: n(values.think, 'think', 20, 10_000),
    tps: n(values.tps, 'tps', 0.25, 20), cpuProf: values['cpu-prof'], pin: !values['no-pin'],
  };
}

function pin(pid: number, core: number): boolean {
  try { execFileSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** The server child and its IPC metrics channel. */
class ServerChild {
  private next = 1;
  private readonly waiting = new Map<number, (m: LoadServerMetrics | undefined) => void>();
  url = '';
  constructor(readonly proc: ChildProcess) {}

  static async start(o: LoadOptions): Promise<ServerChild> {
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', CLIENT_DIR: '/nonexistent', TICKS_PER_SECOND: String(o.tps), MAX_MESSAGES_PER_SECOND: '60',
      DATABASE_FILE: process.env.DATABASE_FILE ?? ':memory:', ...(o.churn ? { ROOM_IDLE_MINUTES: '0.05' } : {}) };
    const args = ['--import', 'tsx', '--expose-gc', ...(o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', 'test-results/cpu-prof'] : []), path.join(here, '../tools/load-server.ts')];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    const child = new ServerChild(proc);
    proc.on('message', (m: LoadServerMessage) => {
      if (m.type === 'ready') child.url = m.url;
      else { child.waiting.get(m.id)?.(m.metrics); child.waiting.delete(m.id); }
    });
    await new Promise<void>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      const t = setInterval(() => { if (child.url) { clearInterval(t); resolve(); } }, 20);
    });
    if (o.pin) pin(proc.pid!, 0);
    return child;
  }

  async metrics(req: Omit<Extract<LoadServerRequest, { type: 'metrics' }>, 'id' | 'type'> = {}): Promise<LoadServerMetrics | undefined> {
    const id = this.next++;
    return new Promise((resolve) => { this.waiting.set(id, resolve); this.proc.send({ id, type: 'metrics', ...req }); });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.send({ id: this.next++, type: 'stop' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
}

/** One class room of the run: its host and players. */
interface LoadRoom { created: CreateRoomResponse; host: Room; players: LoadPlayer[]; bornAt: number }

async function createRoom(http: string, tps: number): Promise<CreateRoomResponse> {
  const res = await fetch(`${http}/api/rooms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticksPerSecond: tps }) });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateRoomResponse;
}

async function openRoom(o: LoadOptions, http: string, c: LoadCounters): Promise<LoadRoom> {
  const created = await createRoom(http, o.tps);
  const ws = http.replace(/^http/, 'ws');
  const host = await new Client(ws).joinById(created.roomId, { playerId: `load-host-${randomBytes(6).toString('hex')}`, hostKey: created.hostKey, lang: 'en' });
  // The host keeps the class playing: when a round ends, the next starts.
  host.onMessage('summary', () => { host.send('host:restart'); host.send('host:start'); });
  for (const t of ['welcome', 'events', 'error', 'rejected']) host.onMessage(t, () => undefined);
  const players: LoadPlayer[] = [];
  for (let i = 0; i < o.players; i += 10) {
    const batch = Array.from({ length: Math.min(10, o.players - i) }, (_, k) =>
      new LoadPlayer({ url: ws, roomId: created.roomId, code: created.code, nickname: `Load ${String(i + k + 1).padStart(2, '0')}`, thinkMs: o.thinkMs }, c));
    await Promise.all(batch.map(async (p) => { if (await p.join()) players.push(p); }));
  }
  host.send('host:start');
  return { created, host, players, bornAt: Date.now() };
}

async function closeRoom(r: LoadRoom): Promise<void> {
  await Promise.all(r.players.map((p) => p.stop()));
  await r.host.leave().catch(() => undefined);
}

function pct(xs: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? 0 : Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length ? Math.round(s[s.length - 1]! * 10) / 10 : 0 };
}

const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

async function main(): Promise<void> {
  const o = options();
  const pinned = o.pin && !o.url ? pin(process.pid, 1) : false;
  const child = o.url ? null : await ServerChild.start(o);
  const http = o.url ?? child!.url;
  const c = newCounters();
  const ownLoop = monitorEventLoopDelay({ resolution: 10 });
  ownLoop.enable();
  console.log(`load: ${o.rooms} rooms × ${o.players} players for ${o.minutes} min against ${http}${o.churn ? ` (churn: rooms live ${o.roomSeconds} s)` : ''}${pinned ? '; server on core 0, clients on core 1' : ''}`);

  const t0 = Date.now();
  let rooms: LoadRoom[] = [];
  for (let i = 0; i < o.rooms; i += 4) rooms.push(...await Promise.all(Array.from({ length: Math.min(4, o.rooms - i) }, () => openRoom(o, http, c))));
  const setupSeconds = (Date.now() - t0) / 1000;
  console.log(`joined ${c.joinMs.length} players in ${setupSeconds.toFixed(1)} s (${c.joinErrors} refused)`);
  await new Promise((r) => setTimeout(r, 3000));
  const initial = await child?.metrics({ fullState: true });
  // Measurement window: counters and the server's percentile windows restart here.
  c.echoes.length = 0; c.refusals.length = 0; c.lost = 0;
  const bytes0 = c.bytes;
  ownLoop.reset();
  const start = await child?.metrics({ reset: true, gc: true });
  const startAt = Date.now();
  const memory: { s: number; rssMB: number; heapMB: number; rooms: number; clients: number }[] = [];
  if (start) memory.push({ s: 0, rssMB: mb(start.rss), heapMB: mb(start.heapUsed), rooms: start.rooms, clients: start.clients });
  let churned = 0;
  const endAt = startAt + o.minutes * 60_000;
  let nextSample = startAt + 10_000;
  while (Date.now() < endAt) {
    await new Promise((r) => setTimeout(r, 1000));
    if (o.churn) {
      const old = rooms.filter((r) => Date.now() - r.bornAt > o.roomSeconds * 1000);
      if (old.length > 0) {
        rooms = rooms.filter((r) => !old.includes(r));
        await Promise.all(old.map(closeRoom));
        churned += old.length;
        rooms.push(...await Promise.all(old.map(() => openRoom(o, http, c))));
      }
    }
    if (child && Date.now() >= nextSample) {
      nextSample += 10_000;
      const m = await child.metrics({ gc: true });
      if (m) {
        memory.push({ s: Math.round((Date.now() - startAt) / 1000), rssMB: mb(m.rss), heapMB: mb(m.heapUsed), rooms: m.rooms, clients: m.clients });
        console.log(`t=${memory.at(-1)!.s}s rooms ${m.rooms} clients ${m.clients} rss ${mb(m.rss)} MB heap ${mb(m.heapUsed)} MB echo p99 ${pct(c.echoes).p99} ms`);
      }
    }
  }
  const seconds = (Date.now() - startAt) / 1000;
  const end = await child?.metrics();
  const connected = end?.clients ?? rooms.reduce((n, r) => n + r.players.length + 1, 0);
  const cpuPct = start && end ? ((end.cpu.user + end.cpu.system - start.cpu.user - start.cpu.system) / 1000 / (end.at - start.at)) * 100 : null;
  const players = rooms.reduce((n, r) => n + r.players.length, 0);
  const heapAfterWarmup = memory.find((m) => m.s >= 60) ?? memory[0];
  const report = {
    rooms: o.rooms, playersPerRoom: o.players, minutes: o.minutes, churn: o.churn, churnedRooms: churned, thinkMs: o.thinkMs, ticksPerSecond: o.tps,
    connectedClients: connected,
    echoMs: pct(c.echoes), refusalMs: pct(c.refusals), lostEchoes: c.lost, actionsSent: c.sent,
    bandwidthPerClientBytesPerSec: Math.round((c.bytes - bytes0) / Math.max(1, players) / seconds),
    initialStateBytes: initial?.maxFullStateBytes ?? null,
    serverCpuPercentOfCore: cpuPct === null ? null : Math.round(cpuPct * 10) / 10,
    serverCpuPercentPer100Players: cpuPct === null ? null : Math.round((cpuPct / (connected / 100)) * 100) / 100,
    serverStepMs: end?.step ?? null, serverPatchMs: end?.patch ?? null, serverEventLoopDelayMs: end?.eventLoopDelayMs ?? null,
    memory, heapGrowthMB: memory.length > 1 && heapAfterWarmup ? Math.round((memory.at(-1)!.heapMB - heapAfterWarmup.heapMB) * 10) / 10 : null,
    joinMs: pct(c.joinMs), joinErrors: c.joinErrors, dropped: c.dropped, errors: [...new Set(c.errors)].slice(0, 10),
    clientEventLoopDelayMs: { p99: Math.round(ownLoop.percentile(99) / 1e4) / 100, max: Math.round(ownLoop.max / 1e4) / 100 },
  };
  await Promise.all(rooms.map(closeRoom));
  await child?.stop();
  console.log(JSON.stringify(report));
  process.exit(0);
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
