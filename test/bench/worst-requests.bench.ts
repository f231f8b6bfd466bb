// `npm run bench:attacks`: the worst single requests a student on the school network can send, each
// against a live server process while three other class rooms play, and what the other rooms feel: the
// server's event-loop delay (p99/max) during each attack and the longest gap between two patches a
// bystander received. Target: max ≤ 100 ms. Prints readable lines, then JSON on the last line.
//  1. a 150 MB body to matchmaking;  2. the end of a round of the heaviest scenario a class room allows
//  (96 threads; its baselines, timed here in-thread too);  3. the SQLite lock held 3 s by another process
//  while a teacher signs in and a bystander round ends (both write).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from '@colyseus/sdk';
import { parseScenario } from '../../shared/kernel/scenario.ts';
import { runBaselines } from '../../server/game/baselines.ts';
import type {
  LoadServerMessage,
  LoadServerMetrics,
  LoadServerRequest,
} from '../../server/tools/load-server.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import type { TeacherRoomResponse } from '../../server/http/teacher-routes.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-crew-attacks-'));
const dbFile = path.join(dir, 'kc.sqlite');
const TICK_LIMIT = 2000;

/** The heaviest class scenario the caps allow: 48 processes × 2 threads of CPU, I/O and a locked counter. */
const HEAVY = {
  cores: 8,
  quantum: 2,
  switchCost: 1,
  devices: { disk: 3 },
  locks: ['m'],
  processes: Array.from({ length: 48 }, (_, i) => ({
    name: `p${i}`,
    arrival: i % 20,
    vars: { x: 0 },
    threads: [0, 1].map((k) => ({
      program: [
        'cpu 300',
        'io disk 2',
        'cpu 400',
        k ? 'lock m' : 'cpu 1',
        'load x',
        'add 1',
        'store x',
        k ? 'unlock m' : 'cpu 1',
        'cpu 500',
        'exit',
      ],
    })),
  })),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class ServerChild {
  private next = 1;
  private readonly waiting = new Map<number, (m: LoadServerMetrics | undefined) => void>();
  url = '';
  constructor(readonly proc: ReturnType<typeof spawn>) {
    proc.on('message', (m: LoadServerMessage) => {
      if (m.type === 'ready') this.url = m.url;
      else {
        this.waiting.get(m.id)?.(m.metrics);
        this.waiting.delete(m.id);
      }
    });
  }

  static async start(): Promise<ServerChild> {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CLIENT_DIR: '/nonexistent',
      DATABASE_FILE: dbFile,
      TICKS_PER_SECOND: '10',
      ROUND_TICK_LIMIT: String(TICK_LIMIT),
      ROOMS_PER_TEACHER_PER_HOUR: '1000',
    };
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, '../../server/tools/load-server.ts')],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env },
    );
    const child = new ServerChild(proc);
    while (!child.url) {
      if (proc.exitCode !== null) throw new Error('the server exited');
      await sleep(20);
    }
    return child;
  }

  metrics(reset: boolean): Promise<LoadServerMetrics> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m ? resolve(m) : reject(new Error('no metrics'))));
      this.proc.send({ id, type: 'metrics', reset } satisfies LoadServerRequest);
    });
  }

  stop(): void {
    this.proc.send({ id: this.next++, type: 'stop' } satisfies LoadServerRequest);
  }
}

/** A bystander class room: a host and four students, bots in every job, the round running; the host's client records patch gaps. */
async function bystander(
  url: string,
  teacher: TeacherClient,
  i: number,
): Promise<{ room: TeacherRoomResponse; host: Room; gaps: () => number; reset: () => void }> {
  const room = await teacher.createRoom({ ticksPerSecond: 10, seed: 40 + i, title: `Bystander ${i}` });
  const client = new Client(url);
  const host = await client.joinById(room.roomId, {
    secret: `bench-host-secret-${i}`,
    hostKey: room.hostKey,
    lang: 'en',
  });
  for (const t of ['welcome', 'events', 'summary', 'error', 'rejected']) host.onMessage(t, () => undefined);
  for (let s = 0; s < 4; s++) {
    const student = await new Client(url).joinById(room.roomId, {
      secret: `bench-secret-${i}-${s}`,
      nickname: `Student${i}${s}`,
      code: room.code,
      lang: 'en',
    });
    for (const t of ['welcome', 'events', 'summary', 'error', 'rejected'])
      student.onMessage(t, () => undefined);
  }
  let last = performance.now();
  let maxGap = 0;
  host.onStateChange(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  });
  host.send('host:start');
  return {
    room,
    host,
    gaps: () => maxGap,
    reset: () => {
      maxGap = 0;
      last = performance.now();
    },
  };
}

function hugeBody(port: number): Promise<string> {
  return new Promise((resolve) => {
    const size = 150 * 1024 * 1024;
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('close', () =>
      resolve(`${answer.split('\r\n')[0] ?? '(no answer)'} after ${Math.round(sent / 1024 / 1024)} MB sent`),
    );
    socket.on('error', () => undefined);
    socket.write(
      `POST /matchmake/joinOrCreate/solo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
    );
    const step = () => {
      if (socket.destroyed || sent >= size) return;
      sent += chunk.length;
      if (socket.write(chunk)) setImmediate(step);
      else socket.once('drain', step);
    };
    step();
  });
}

function holdSqliteLock(ms: number): Promise<{ released: Promise<void> }> {
  const script = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(dbFile)});
    db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve) =>
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ released });
    }),
  );
}

interface Row {
  attack: string;
  detail: string;
  loopP99: number;
  loopMax: number;
  bystanderPatchGapMax: number;
}

async function main(): Promise<void> {
  const server = await ServerChild.start();
  const rows: Row[] = [];
  try {
    const teacher = await TeacherClient.signUp(server.url, 'Bench teacher');
    const email = teacher.email;
    const rooms = await Promise.all([0, 1, 2].map((i) => bystander(server.url, teacher, i)));
    await sleep(3000); // rooms warm up
    const measure = async (
      attack: string,
      run: () => Promise<string>,
      prepare: () => Promise<void> = async () => undefined,
    ) => {
      await prepare();
      await server.metrics(true);
      for (const r of rooms) r.reset();
      const detail = await run();
      await sleep(500);
      const m = await server.metrics(true);
      rows.push({
        attack,
        detail,
        loopP99: m.eventLoopDelayMs?.p99 ?? NaN,
        loopMax: m.eventLoopDelayMs?.max ?? NaN,
        bystanderPatchGapMax: Math.round(Math.max(...rooms.map((r) => r.gaps()))),
      });
    };

    await measure('quiet (no attack, 3 s)', async () => {
      await sleep(3000);
      return 'three rooms playing';
    });
    await measure('150 MB body to /matchmake', () => hugeBody(Number(new URL(server.url).port)));

    const parsed = parseScenario(HEAVY);
    if (!parsed.ok) throw new Error(parsed.error);
    // The heavy room is created and played for 100 ticks outside the window: what is measured is its round's end.
    let heavy: { host: Room; ticks: () => number; summary: () => boolean } | null = null;
    await measure(
      'heaviest class round ends (96 threads)',
      async () => {
        const { host, ticks, summary } = heavy!;
        host.send('host:end-round');
        while (!summary()) await sleep(20);
        // What the same baselines cost in one thread (what blocked every room before the pool): the round's tick count, and the full tick limit.
        const t0 = performance.now();
        runBaselines(parsed.scenario, 3, [], ticks());
        const at = performance.now() - t0;
        const t1 = performance.now();
        runBaselines(parsed.scenario, 3, [], TICK_LIMIT);
        const full = performance.now() - t1;
        await host.leave(true);
        return `ended at tick ${ticks()}; the baselines take ${Math.round(at)} ms in one thread (${Math.round(full)} ms over the ${TICK_LIMIT}-tick limit)`;
      },
      async () => {
        const room = await teacher.createRoom({ scenario: HEAVY, ticksPerSecond: 20, seed: 3 });
        const host = await new Client(server.url).joinById(room.roomId, {
          secret: 'bench-heavy-host',
          hostKey: room.hostKey,
          lang: 'en',
        });
        let summary = false;
        let ticks = 0;
        host.onMessage('summary', () => {
          summary = true;
        });
        for (const t of ['welcome', 'events', 'error', 'rejected']) host.onMessage(t, () => undefined);
        host.onStateChange((st: SyncedRoomState) => {
          ticks = crewOf(st, null)?.machine?.tick ?? ticks;
        });
        host.send('host:start');
        while (ticks < 100) await sleep(50);
        heavy = { host, ticks: () => ticks, summary: () => summary };
      },
    );

    await measure('SQLite lock held 3 s by another process', async () => {
      const { released } = await holdSqliteLock(3000);
      const t0 = performance.now();
      const signIn = TeacherClient.signIn(server.url, email, 'correct horse battery');
      rooms[0]!.host.send('host:end-round'); // a round report to store meanwhile
      const health = await fetch(`${server.url}/api/health`);
      const healthMs = performance.now() - t0;
      let releasedMs = 0;
      void released.then(() => {
        releasedMs = performance.now() - t0;
      });
      await signIn;
      const signInMs = performance.now() - t0;
      await released;
      return `/api/health ${health.status} in ${Math.round(healthMs)} ms; sign-in done after ${Math.round(signInMs)} ms, the lock released after ${Math.round(releasedMs)} ms`;
    });
  } finally {
    server.stop();
    await sleep(300);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const r of rows)
    console.log(
      `${r.attack.padEnd(42)} loop p99 ${String(r.loopP99).padStart(7)} ms  max ${String(r.loopMax).padStart(7)} ms  bystander patch gap max ${String(r.bystanderPatchGapMax).padStart(5)} ms  — ${r.detail}`,
    );
  const worst = Math.max(...rows.slice(1).map((r) => r.loopMax));
  console.log(
    `worst event-loop stall during an attack: ${worst} ms (target ≤ 100 ms): ${worst <= 100 ? 'met' : 'NOT met'}`,
  );
  console.log(JSON.stringify({ rows, worstLoopMaxMs: worst }));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
