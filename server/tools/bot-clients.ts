// `npm run bots -- --url ws://localhost:2567 --code ABC123 --players 30`: real SDK clients join a
// class room by its code and play the roles they are given — for demos, tests and load.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, type Room } from '@colyseus/sdk';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';
import type { Lang } from '../../shared/kernel/limits.ts';
import { movesFor } from './client-strategy.ts';

/** Settings of a bot run. */
export interface BotRun {
  url: string;
  code: string;
  players: number;
  lang: Lang;
  /** Milliseconds between a bot's looks at the machine (a human's reaction time). */
  thinkMs: number;
}

/** Counters a run reports. */
export interface BotStats {
  joined: number;
  sent: number;
  rejected: number;
  errors: number;
  refusedJoins: number;
  bytes: number;
}

/** Joins `players` bots and keeps them playing until `stop()`. */
export async function runBots(
  run: BotRun,
  log: (line: string) => void = console.log,
): Promise<{ stats: BotStats; rooms: Room[]; stop(): Promise<void> }> {
  const http = run.url.replace(/^ws/, 'http');
  const found = await fetch(`${http}/api/rooms/by-code/${encodeURIComponent(run.code)}`);
  if (!found.ok) throw new Error(`no room with code ${run.code} (${found.status})`);
  const { roomId } = (await found.json()) as { roomId: string };
  const stats: BotStats = { joined: 0, sent: 0, rejected: 0, errors: 0, refusedJoins: 0, bytes: 0 };
  const rooms: Room[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (let i = 1; i <= run.players; i++) {
    const client = new Client(run.url);
    let room: Room<unknown, SyncedRoomState>;
    try {
      room = await client.joinById<SyncedRoomState>(roomId, {
        secret: `bot-${randomBytes(8).toString('hex')}`,
        nickname: `Bot ${String(i).padStart(2, '0')}`,
        code: run.code,
        lang: run.lang,
      });
    } catch (e) {
      stats.refusedJoins++;
      log(`bot ${i}: join refused: ${(e as Error).message}`);
      continue;
    }
    stats.joined++;
    rooms.push(room as Room);
    let seat = '';
    room.onMessage('welcome', (w: { seat: string }) => {
      seat = w.seat;
    });
    room.onMessage('rejected', () => {
      stats.rejected++;
    });
    room.onMessage('error', (e: { code: string }) => {
      stats.errors++;
      log(`bot ${i}: error ${e.code}`);
    });
    room.onMessage('events', () => undefined);
    room.onMessage('summary', () => undefined);
    room.onMessage('your-turn', () => undefined);
    room.onMessage('bot-moved', () => undefined);
    room.onMessage('score', () => undefined);
    const onData = room.connection.events.onmessage;
    room.connection.events.onmessage = (ev: MessageEvent) => {
      stats.bytes += (ev.data as ArrayBuffer).byteLength ?? 0;
      onData?.(ev);
    };
    let lastTick = -1;
    timers.push(
      setInterval(
        () => {
          const state = room.state;
          const me = state?.players?.get(seat);
          const tick = crewOf(state, seat)?.machine?.tick ?? -1;
          if (!me || tick === lastTick) return;
          lastTick = tick;
          for (const [type, payload] of movesFor(state, seat)) {
            room.send(type, payload);
            stats.sent++;
          }
        },
        run.thinkMs + Math.floor(Math.random() * run.thinkMs),
      ),
    );
  }
  return {
    stats,
    rooms,
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'ws://localhost:2567' },
      code: { type: 'string' },
      players: { type: 'string', default: '10' },
      lang: { type: 'string', default: 'en' },
      think: { type: 'string', default: '300' },
    },
  });
  if (!values.code)
    throw new Error('usage: npm run bots -- --url ws://localhost:2567 --code ABC123 --players 30');
  const players = Number(values.players);
  if (!Number.isInteger(players) || players < 1 || players > 200) throw new Error('--players must be 1–200');
  const run = await runBots({
    url: values.url,
    code: values.code,
    players,
    lang: values.lang === 'ko' ? 'ko' : 'en',
    thinkMs: Number(values.think) || 300,
  });
  console.log(`${run.stats.joined} bots joined room ${values.code}; Ctrl+C to leave.`);
  const start = Date.now();
  const report = setInterval(() => {
    const s = run.stats;
    const perBot = s.joined ? s.bytes / s.joined / ((Date.now() - start) / 1000) : 0;
    console.log(
      `sent ${s.sent}, rejected ${s.rejected}, errors ${s.errors}, received ${(perBot / 1024).toFixed(2)} KB/s per bot`,
    );
  }, 5000);
  process.once('SIGINT', () => {
    clearInterval(report);
    run.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
