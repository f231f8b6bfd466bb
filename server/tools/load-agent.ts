// One process of load clients, a child of the load harness (server/cli/load.ts). The harness starts
// several "bulk" agents (most players and the hosts, at a lower CPU priority) and one "probe" agent
// (a few players per probe room and those rooms' hosts, at normal priority). Each agent keeps its own
// counters and measures its own event-loop delay, so the harness can tell the server's latency (the
// probes, whose process is lightly loaded) from the clients' own lag (the bulk agents).
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client, type Room } from '@colyseus/sdk';
import type { TeacherRoomResponse } from '../http/teacher-routes.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';
import { LoadPlayer, newCounters, type LoadCounters } from './load-player.ts';

/** What the harness asks an agent. */
export type AgentRequest =
  | {
      id: number;
      type: 'open';
      url: string;
      room: TeacherRoomResponse;
      host: boolean;
      players: number;
      first: number;
      prefix: string;
      thinkMs: number;
    }
  | { id: number; type: 'start'; roomId: string }
  | { id: number; type: 'close'; roomId: string }
  | { id: number; type: 'reset' }
  | { id: number; type: 'end-rounds'; timeoutMs: number }
  | { id: number; type: 'report' }
  | { id: number; type: 'stop' };

/** An agent's figures since the last reset. */
export interface AgentReport extends LoadCounters {
  players: number;
  /** This process's own event-loop delay (monitorEventLoopDelay, 10 ms resolution). */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** This process's CPU time since the reset, in percent of one core. */
  cpuPercentOfCore: number;
}

/** The agent's answer to one request. */
export interface AgentReply {
  id: number;
  ok: boolean;
  error?: string;
  report?: AgentReport;
  /** 'end-rounds': each hosted room's time from `host:end-round` to its summary (ms), and the rooms that could not end. */
  ended?: { summaryMs: number[]; refused: number; timedOut: number };
}

/** One class room as this agent sees it: maybe its host, and the players this agent joined there. */
interface AgentRoom {
  host: Room<unknown, SyncedRoomState> | null;
  players: LoadPlayer[];
  /** Told of the room's next summary or host error ('end-rounds' waits on it). */
  onRoundEnd?: (how: 'summary' | 'refused') => void;
}

const rooms = new Map<string, AgentRoom>();
const c = newCounters();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu0 = process.cpuUsage();
let t0 = performance.now();

/** Gives each of this agent's players in the room a job of its own (the host's assignment), so every probe plays. */
function assignOwnPlayers(r: AgentRoom): void {
  const host = r.host;
  const slots = host?.state ? crewOf(host.state, null)?.slots : undefined;
  if (!host || !slots) return;
  const keys = [...slots.keys()];
  r.players.forEach((p, i) => {
    if (p.seatId && i < keys.length) host.send('host:assign', { player: p.seatId, slot: keys[i] });
  });
}

async function open(req: Extract<AgentRequest, { type: 'open' }>): Promise<void> {
  const ws = req.url.replace(/^http/, 'ws');
  const r: AgentRoom = { host: null, players: [] };
  rooms.set(req.room.roomId, r);
  if (req.host) {
    const host = await new Client(ws).joinById<SyncedRoomState>(req.room.roomId, {
      secret: `load-host-${randomBytes(6).toString('hex')}`,
      hostKey: req.room.hostKey,
      lang: 'en',
    });
    r.host = host;
    // The host keeps the class playing: when a round ends, the next starts (probes keep their jobs).
    host.onMessage('summary', () => {
      r.onRoundEnd?.('summary');
      host.send('host:restart');
      assignOwnPlayers(r);
      host.send('host:start');
    });
    host.onMessage('error', () => r.onRoundEnd?.('refused'));
    for (const t of ['welcome', 'events', 'rejected', 'bot-moved']) host.onMessage(t, () => undefined);
  }
  for (let i = 0; i < req.players; i += 10) {
    const batch = Array.from(
      { length: Math.min(10, req.players - i) },
      (_, k) =>
        new LoadPlayer(
          {
            url: ws,
            roomId: req.room.roomId,
            code: req.room.code,
            nickname: `${req.prefix} ${String(req.first + i + k + 1).padStart(2, '0')}`,
            thinkMs: req.thinkMs,
          },
          c,
        ),
    );
    await Promise.all(
      batch.map(async (p) => {
        if (await p.join()) r.players.push(p);
      }),
    );
  }
}

function start(roomId: string): void {
  const r = rooms.get(roomId);
  if (!r?.host) return;
  assignOwnPlayers(r);
  r.host.send('host:start');
}

/** Ends the round of every room this agent hosts at once; answers when each has sent its summary. */
async function endRounds(timeoutMs: number): Promise<NonNullable<AgentReply['ended']>> {
  const ended = { summaryMs: [] as number[], refused: 0, timedOut: 0 };
  await Promise.all(
    [...rooms.values()].map(
      (r) =>
        new Promise<void>((resolve) => {
          if (!r.host) return resolve();
          const t = performance.now();
          const timer = setTimeout(() => {
            r.onRoundEnd = undefined;
            ended.timedOut++;
            resolve();
          }, timeoutMs);
          r.onRoundEnd = (how) => {
            r.onRoundEnd = undefined;
            clearTimeout(timer);
            if (how === 'summary') ended.summaryMs.push(Math.round(performance.now() - t));
            else ended.refused++; // not running (its lobby or countdown): nothing to end
            resolve();
          };
          r.host.send('host:end-round');
        }),
    ),
  );
  return ended;
}

async function close(roomId: string): Promise<void> {
  const r = rooms.get(roomId);
  if (!r) return;
  rooms.delete(roomId);
  await Promise.all(r.players.map((p) => p.stop()));
  await r.host?.leave().catch(() => undefined);
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

function report(): AgentReport {
  const used = process.cpuUsage(cpu0);
  const elapsed = performance.now() - t0;
  let players = 0;
  for (const r of rooms.values()) players += r.players.length;
  return {
    ...c,
    players,
    loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    cpuPercentOfCore: Math.round(((used.user + used.system) / 1000 / Math.max(1, elapsed)) * 1000) / 10,
  };
}

function reset(): void {
  // Joins are kept (they happened before the window); latencies, bytes and the loop restart.
  const joins = { joinMs: c.joinMs, joinErrors: c.joinErrors, errors: c.errors };
  const fresh = newCounters();
  Object.assign(c, fresh, joins);
  loop.reset();
  cpu0 = process.cpuUsage();
  t0 = performance.now();
}

async function handle(req: AgentRequest): Promise<AgentReply> {
  switch (req.type) {
    case 'open':
      await open(req);
      return { id: req.id, ok: true };
    case 'start':
      start(req.roomId);
      return { id: req.id, ok: true };
    case 'close':
      await close(req.roomId);
      return { id: req.id, ok: true };
    case 'reset':
      reset();
      return { id: req.id, ok: true };
    case 'report':
      return { id: req.id, ok: true, report: report() };
    case 'end-rounds':
      return { id: req.id, ok: true, ended: await endRounds(req.timeoutMs) };
    case 'stop':
      await Promise.all([...rooms.keys()].map(close));
      return { id: req.id, ok: true };
  }
}

if (!process.send)
  throw new Error('load-agent runs as a child of server/cli/load.ts (it needs an IPC channel)');
process.on('message', (req: AgentRequest) => {
  handle(req).then(
    (reply) => {
      process.send?.(reply);
      if (req.type === 'stop') setTimeout(() => process.exit(0), 50);
    },
    (e: unknown) =>
      process.send?.({ id: req.id, ok: false, error: (e as Error).message } satisfies AgentReply),
  );
});
process.once('disconnect', () => process.exit(0));
